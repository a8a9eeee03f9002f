import { type Category, PLATFORM_LABELS, type Platform, type Severity } from '../domain/types';
import { type ReplyTemplateFilter, replyTemplatesFor } from '../policy/queries';
import { PLACEHOLDER_PATTERN, type Policy, type ReplyTemplate } from '../policy/schema';
import { measureLength } from './checks';

/**
 * Which of the policy's reply templates suit a mention, best first, and why. Which templates qualify at
 * all is the policy's own rule (replyTemplatesFor); this adds a score the sidebar can show and explain.
 */

export type Audience = 'first-contact' | 'repeat';
export type CaseState = 'open' | 'awaiting-customer' | 'resolved';

export interface SuggestionContext {
  category: Category;
  severity: Severity;
  platform: Platform;
  /** Whether the customer has talked to us before. */
  audience: Audience;
  /** The case's state; null when the case is not known yet (no state-specific template then). */
  caseState: CaseState | null;
  /** BCP-47 tag of the reply's language, e.g. 'en' or 'pt-BR'. */
  language: string;
  /** The reply's length limit where it differs by server (a Mastodon instance's); else the site's. */
  lengthLimit?: number;
  /** What the site puts in its reply box before the reply (Mastodon's "@jane "): it counts too. */
  replyPrefill?: string;
}

export interface RankedTemplate {
  template: ReplyTemplate;
  /** Higher is better; only meaningful relative to the other suggestions for the same mention. */
  score: number;
  /** What the template was written for that this mention has, e.g. ['on X', 'first contact']. */
  reasons: string[];
  /** One line for the card: "Matches complaint on X, first contact". */
  summary: string;
  /** Set when even the unfilled text is over the site's limit: the agent will have to cut it. */
  tooLong: boolean;
}

/**
 * Weights of what a template can be written for. The platform counts most (a reply sized and phrased
 * for the site), then the case's situation (chasing us again, waiting for their DM), then the rating.
 */
export const SUGGESTION_WEIGHTS = {
  category: 10,
  platform: 4,
  caseState: 3,
  audience: 3,
  severity: 2,
  exactLanguage: 1,
  tooLong: -8,
} as const;

const AUDIENCE_WORDS: Record<Audience, string> = {
  'first-contact': 'first contact',
  repeat: 'returning customer',
};

const CASE_STATE_WORDS: Record<CaseState, string> = {
  open: 'open case',
  'awaiting-customer': 'waiting on the customer',
  resolved: 'resolved case',
};

/** The template's text without its placeholders: a lower bound of the length once filled. */
function fixedTextOf(template: ReplyTemplate): string {
  return template.text.replace(PLACEHOLDER_PATTERN, '');
}

/** Said after a template's summary when even its unfilled text is over the site's limit. */
export const TOO_LONG_NOTE = ' (too long for this site: cut it)';

/** Even the unfilled text is over the site's limit: the agent will have to cut it. */
export function isTooLongFor(template: ReplyTemplate, context: SuggestionContext): boolean {
  const { used, limit } = measureLength(
    fixedTextOf(template),
    context.platform,
    context.lengthLimit,
    context.replyPrefill,
  );
  return limit !== null && used > limit;
}

function rank(template: ReplyTemplate, context: SuggestionContext): RankedTemplate {
  const reasons: string[] = [];
  let score = SUGGESTION_WEIGHTS.category;
  if (template.platforms) {
    score += SUGGESTION_WEIGHTS.platform;
    reasons.push(`on ${PLATFORM_LABELS[context.platform]}`);
  }
  if (template.audience !== 'any') {
    score += SUGGESTION_WEIGHTS.audience;
    reasons.push(AUDIENCE_WORDS[context.audience]);
  }
  if (template.caseState && context.caseState) {
    score += SUGGESTION_WEIGHTS.caseState;
    reasons.push(CASE_STATE_WORDS[context.caseState]);
  }
  if (template.severities) {
    score += SUGGESTION_WEIGHTS.severity;
    reasons.push(`severity ${context.severity}`);
  }
  if (template.language.toLowerCase() === context.language.toLowerCase()) {
    score += SUGGESTION_WEIGHTS.exactLanguage;
  }
  const tooLong = isTooLongFor(template, context);
  if (tooLong) score += SUGGESTION_WEIGHTS.tooLong;

  const [where, ...rest] = reasons;
  const head = `Matches ${context.category}${where?.startsWith('on ') ? ` ${where}` : ''}`;
  const tail = where?.startsWith('on ') ? rest : reasons;
  const summary = [head, ...tail].join(', ') + (tooLong ? TOO_LONG_NOTE : '');
  return { template, score, reasons, summary, tooLong };
}

/** The mention's situation as the policy's template rule reads it (no case state while none is known). */
export function templateFilterFor(context: SuggestionContext): ReplyTemplateFilter {
  return {
    category: context.category,
    platform: context.platform,
    severity: context.severity,
    audience: context.audience,
    ...(context.caseState ? { caseState: context.caseState } : {}),
    language: context.language,
  };
}

/**
 * Ranked reply suggestions for a mention. Templates the policy rules out (another category, platform,
 * audience, case state, rating or language) are not returned; among the rest, the more of the mention's
 * situation a template was written for, the higher it ranks. Ties keep the policy's order, so a team
 * lead can put the preferred wording first.
 */
export function suggestReplies(policy: Policy, context: SuggestionContext): RankedTemplate[] {
  const suitable = replyTemplatesFor(policy, templateFilterFor(context));
  return suitable
    .map((template, order) => ({ ranked: rank(template, context), order }))
    .sort((left, right) => right.ranked.score - left.ranked.score || left.order - right.order)
    .map(({ ranked }) => ranked);
}

/**
 * The languages the policy has reply templates in for this category, most templates first; the
 * sidebar offers these when the mention is not in the policy's main language.
 */
export function templateLanguages(policy: Policy, category: Category): string[] {
  const counts = new Map<string, number>();
  for (const template of policy.templates) {
    if (template.category !== category) continue;
    counts.set(template.language, (counts.get(template.language) ?? 0) + 1);
  }
  return [...counts.entries()].sort((left, right) => right[1] - left[1]).map(([language]) => language);
}
