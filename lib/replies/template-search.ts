import { foldText } from '../classify/policy-rules';
import { CATEGORY_LABELS, PLATFORM_LABELS } from '../domain/types';
import { type TemplateMismatch, templateMismatches } from '../policy/queries';
import { PLACEHOLDER_PATTERN, type Policy, type ReplyTemplate } from '../policy/schema';
import {
  isTooLongFor,
  type RankedTemplate,
  type SuggestionContext,
  suggestReplies,
  TOO_LONG_NOTE,
  templateFilterFor,
} from './suggest';

/**
 * Every reply template of the policy, found by words of its name or text. Suggestions show only what the
 * policy says fits the mention; an agent who knows the team has "the one about lost parcels", or who
 * reads a post the classifier rated wrongly, looks it up here instead of retyping it. Templates that fit
 * come first, as ranked; the rest follow in the policy's order, each saying what it was written for, so
 * using one is a choice made knowingly.
 */

export const TEMPLATE_SEARCH_LIMIT = 8;

/**
 * Words as the policy's keywords are matched: case-, accent- and width-folded ("reembolso" finds
 * "Reembolsó"), the marks the fold keeps (Thai tone marks, Indic vowel signs) inside their word.
 */
function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word !== '');
}

/**
 * The words an agent can find a template by: its name's and its text's, without placeholders
 * ({{customerName}} is in nearly every template, and no agent means it by "customer").
 */
function searchableWords(template: ReplyTemplate): string[] {
  return wordsOf(`${template.name} ${template.text.replace(PLACEHOLDER_PATTERN, ' ')}`);
}

/** How the search says what a template was written for, one mismatch at a time. */
const MISMATCH_WORDS: Record<TemplateMismatch, (template: ReplyTemplate) => string> = {
  category: (template) => CATEGORY_LABELS[template.category].toLowerCase(),
  platform: (template) =>
    `${(template.platforms ?? []).map((platform) => PLATFORM_LABELS[platform]).join(', ')} only`,
  severity: (template) => `severity ${(template.severities ?? []).join(', ')}`,
  audience: (template) => (template.audience === 'repeat' ? 'returning customers' : 'first contact'),
  caseState: (template) =>
    template.caseState === 'resolved'
      ? 'resolved cases'
      : template.caseState === 'awaiting-customer'
        ? 'cases waiting on the customer'
        : 'open cases',
  language: (template) => `replies in ${template.language}`,
};

/** What a template that the policy does not offer for this mention was written for instead. */
function writtenFor(template: ReplyTemplate, context: SuggestionContext): string {
  const parts = templateMismatches(template, templateFilterFor(context)).map((mismatch) =>
    MISMATCH_WORDS[mismatch](template),
  );
  return parts.length > 0 ? `Written for ${parts.join(', ')}` : 'Written for another situation';
}

/**
 * Templates in whose name or text every word of `query` starts a word ("ret" finds "returns", "late"
 * does not find "template"), best fit first, at most `limit`. An empty query finds nothing: the
 * suggestions already show what fits.
 */
export function searchTemplates(
  policy: Policy,
  query: string,
  context: SuggestionContext,
  limit = TEMPLATE_SEARCH_LIMIT,
  /** The mention's suggestions, when the caller has them already (ranking measures every template). */
  ranked: readonly RankedTemplate[] = suggestReplies(policy, context),
): RankedTemplate[] {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  const matches = (template: ReplyTemplate) => {
    const own = searchableWords(template);
    return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
  };
  const fitting = ranked.filter((suggestion) => matches(suggestion.template));
  const fittingIds = new Set(fitting.map((ranked) => ranked.template.id));
  const others = policy.templates
    .filter((template) => !fittingIds.has(template.id) && matches(template))
    .map((template): RankedTemplate => {
      const tooLong = isTooLongFor(template, context);
      const summary = writtenFor(template, context) + (tooLong ? TOO_LONG_NOTE : '');
      return { template, score: 0, reasons: [], summary, tooLong };
    });
  return [...fitting, ...others].slice(0, limit);
}
