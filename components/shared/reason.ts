import { describeStorageFailure } from '../../lib/db/errors';

/**
 * Why something failed, as a sentence: storage's refusals in words an agent can act on ("no room left…
 * free some disk space") rather than the browser's ("Resource::kQuotaBytes quota exceeded"), anything
 * else in the failure's own words.
 */
export function reasonOf(failure: unknown): string {
  const described = describeStorageFailure(failure);
  if (described) return described;
  const text = (failure instanceof Error ? failure.message : String(failure)).trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
