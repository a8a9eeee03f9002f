/**
 * Each enabled Mastodon instance's own post length limit, for the reply counter and the length check.
 * Vanilla Mastodon shows it nowhere but in its API (/api/v2/instance), and instances differ (500, 1000,
 * 5000…), so the background asks each instance the agent enabled and keeps the answer in extension
 * storage; until an instance has answered, Mastodon's default of 500 applies.
 *
 * Security rationale: only hosts the agent enabled in the options page, and granted Parley access to,
 * are asked: Parley contacts no server the agent did not choose, and nothing from the page decides
 * where a request goes. The request carries no cookies and follows no redirect, so it reaches the
 * instance and only it. The answer is another server's word, so it is validated before use: a whole
 * number within 1..100,000 or nothing. Whatever a broken or hostile instance sends, the worst it can do
 * is move its own counter within that range. A failed or invalid answer keeps the last good limit.
 */
import { z } from 'zod';
import { normalizeHost } from '../sites/enabled-hosts';
import type { LocalArea } from './settings';

export const MASTODON_LIMITS_KEY = 'mastodon.limits';
export const MASTODON_LIMIT_TIMEOUT_MS = 5_000;
/** A limit checked more recently than this is not asked for again on start-up or a settings change. */
export const MASTODON_LIMIT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
// Instance documents are a few kB; anything near this is not one.
const MAX_ANSWER_CHARS = 1024 * 1024;

const maxCharacters = z.number().int().min(1).max(100_000);
const statusesConfiguration = z.object({
  configuration: z.object({ statuses: z.object({ max_characters: maxCharacters }) }),
});
// Pleroma and Akkoma answer /api/v1/instance with their own field.
const pleromaInstance = z.object({ max_toot_chars: maxCharacters });

const storedLimit = z.object({ maxCharacters, checkedAt: z.iso.datetime() });
export type MastodonLimit = z.infer<typeof storedLimit>;
export type MastodonLimits = Record<string, MastodonLimit>;

/** The stored limits; an entry that does not validate is left out (that host falls back to 500). */
export async function loadMastodonLimits(area: LocalArea): Promise<MastodonLimits> {
  const stored = (await area.get(MASTODON_LIMITS_KEY))[MASTODON_LIMITS_KEY];
  const limits: MastodonLimits = {};
  if (typeof stored !== 'object' || stored === null) return limits;
  for (const [host, entry] of Object.entries(stored)) {
    const parsed = storedLimit.safeParse(entry);
    if (parsed.success) limits[host] = parsed.data;
  }
  return limits;
}

/** The instance's limit for a reply to the post at this permalink, when the instance has told us. */
export function mastodonLimitFor(
  permalink: string | null,
  limits: MastodonLimits | undefined,
): number | undefined {
  if (!permalink || !limits) return undefined;
  let host: string | null;
  try {
    host = normalizeHost(new URL(permalink).hostname);
  } catch {
    return undefined;
  }
  return host && Object.hasOwn(limits, host) ? limits[host]?.maxCharacters : undefined;
}

function instanceOrigin(host: string): string {
  return host === 'localhost' ? 'http://localhost' : `https://${host}`;
}

/**
 * The instance's post length limit: /api/v2/instance, else /api/v1/instance (older Mastodon, Pleroma,
 * Akkoma). Null when neither answers with a valid limit in time; never throws.
 */
export async function fetchMastodonLimit(
  host: string,
  fetchImpl: typeof fetch,
  timeoutMs = MASTODON_LIMIT_TIMEOUT_MS,
): Promise<number | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const ask = async (path: string): Promise<unknown> => {
    try {
      const response = await fetchImpl(`${instanceOrigin(host)}${path}`, {
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!response.ok) return null;
      if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER_CHARS) return null;
      const text = await response.text();
      return text.length > MAX_ANSWER_CHARS ? null : JSON.parse(text);
    } catch {
      return null; // offline, refused, timed out, not JSON: no answer
    }
  };
  try {
    const v2 = statusesConfiguration.safeParse(await ask('/api/v2/instance'));
    if (v2.success) return v2.data.configuration.statuses.max_characters;
    if (controller.signal.aborted) return null;
    const v1 = await ask('/api/v1/instance');
    const mastodon = statusesConfiguration.safeParse(v1);
    if (mastodon.success) return mastodon.data.configuration.statuses.max_characters;
    const pleroma = pleromaInstance.safeParse(v1);
    return pleroma.success ? pleroma.data.max_toot_chars : null;
  } finally {
    clearTimeout(timer);
  }
}

export interface MastodonLimitsRefreshDeps {
  area: LocalArea;
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  fetchImpl: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

/**
 * Asks each enabled, granted instance whose limit is missing or older than a day (every one when
 * `everyHost`, the daily alarm) and stores what answered. Entries are only ever replaced by a newer
 * good answer: a failure, or a host switched off, leaves its last good limit where it was.
 */
export async function refreshMastodonLimits(
  hosts: readonly string[],
  deps: MastodonLimitsRefreshDeps,
  { everyHost = false } = {},
): Promise<MastodonLimits> {
  const now = deps.now ?? (() => new Date());
  const limits = await loadMastodonLimits(deps.area);
  const due = new Set<string>();
  for (const entry of hosts) {
    const host = normalizeHost(entry);
    if (!host) continue;
    const checkedAt = limits[host] ? Date.parse(limits[host].checkedAt) : Number.NaN;
    const fresh = now().getTime() - checkedAt < MASTODON_LIMIT_MAX_AGE_MS;
    if (everyHost || !fresh) due.add(host);
  }
  const answers = await Promise.all(
    [...due].map(async (host) => {
      const granted = await deps.permissions
        .contains({ origins: [`${instanceOrigin(host)}/*`] })
        .catch(() => false);
      return { host, limit: granted ? await fetchMastodonLimit(host, deps.fetchImpl, deps.timeoutMs) : null };
    }),
  );
  let changed = false;
  for (const { host, limit } of answers) {
    if (limit === null) continue;
    limits[host] = { maxCharacters: limit, checkedAt: now().toISOString() };
    changed = true;
  }
  if (changed) await deps.area.set({ [MASTODON_LIMITS_KEY]: limits });
  return limits;
}

/**
 * The one way the background refreshes: runs one after another, so two settings saves in quick
 * succession cannot both read the stored limits and the later write drop the earlier's answer.
 * Never rejects: a refresh that failed (storage, say) is logged and the last good limits stay.
 */
export function createMastodonLimitsRefresh(deps: MastodonLimitsRefreshDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  return (loadHosts: () => Promise<readonly string[]>, options?: { everyHost?: boolean }): Promise<void> => {
    const run = queue.then(async () => {
      await refreshMastodonLimits(await loadHosts(), deps, options);
    });
    queue = run.catch(() => undefined);
    return run.catch((error: unknown) => console.error('Parley: could not refresh Mastodon limits', error));
  };
}
