import { checkLength } from './checks/length';
import { checkHumanSignature, checkTemplateUnchanged } from './checks/personal-touch';
import { checkArguingWording, checkBannedPhrases } from './checks/phrases';
import { checkPersonalData } from './checks/pii';
import { checkSecretRequest } from './checks/secrets';
import type { ReplyCheck, ReplyCheckContext, ReplyCheckRule, ReplyCheckSeverity } from './checks/types';

/**
 * Live checks on a reply as the agent types it. Each check is a small pure function; adding
 * one means adding it to REPLY_CHECKS. Results come sorted: errors first, then by position.
 */

export { LENGTH_RULES, type LengthMeasure, type LengthUnit, measureLength } from './checks/length';
export { ARGUING_PHRASES } from './checks/phrases';
export { findPersonalData, type PersonalDataOptions } from './checks/pii';
export type {
  BannedPhrase,
  ReplyCheck,
  ReplyCheckContext,
  ReplyCheckRule,
  ReplyCheckSeverity,
  ReplyVisibility,
} from './checks/types';

export const REPLY_CHECKS: readonly ReplyCheckRule[] = [
  checkLength,
  checkBannedPhrases,
  checkArguingWording,
  checkPersonalData,
  checkSecretRequest,
  checkTemplateUnchanged,
  checkHumanSignature,
];

const SEVERITY_ORDER: Record<ReplyCheckSeverity, number> = { error: 0, warning: 1, info: 2 };

export function checkReply(text: string, context: ReplyCheckContext): ReplyCheck[] {
  if (text.trim() === '') return [];
  const results = withoutRepeatedWording(REPLY_CHECKS.flatMap((check) => check(text, context)));
  return results.sort(
    (left, right) =>
      SEVERITY_ORDER[left.severity] - SEVERITY_ORDER[right.severity] ||
      (left.span?.start ?? Number.MAX_SAFE_INTEGER) - (right.span?.start ?? Number.MAX_SAFE_INTEGER),
  );
}

/**
 * The same words listed by the policy as banned and known as arguing wording ("calm down", "not our
 * fault") would be marked twice, once to fix and once to check: the policy's entry, with its reason and
 * replacement, is the one kept.
 */
function withoutRepeatedWording(checks: ReplyCheck[]): ReplyCheck[] {
  const banned = checks.filter((check) => check.id === 'banned-phrase' && check.span);
  if (banned.length === 0) return checks;
  return checks.filter(
    (check) =>
      check.id !== 'arguing' ||
      !banned.some(
        ({ span }) => span && check.span && span.start < check.span.end && check.span.start < span.end,
      ),
  );
}
