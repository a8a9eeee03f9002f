import { foldTerm } from '../../detect/normalize';
import { APOSTROPHES } from './phrases';
import type { ReplyCheckRule } from './types';

/**
 * Nudges from the seeds: "toss out the scripts", each reply tailored (000), and "put a human face on
 * it", a real person, named (001).
 */

/** Below this share of changed words the reply still reads as the stock template. */
export const TEMPLATE_CHANGE_THRESHOLD = 0.1;

// A word: letters, digits and marks of any script, joined by inner apostrophes ("we're"); or an @handle
// or #tag with its inner dots, dashes and underscores. Punctuation around words does not count.
const WORD =
  /[@#][\p{L}\p{N}\p{M}_]+(?:[.-][\p{L}\p{N}\p{M}_]+)*|[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;

/** The words of a text, folded (case, accents, apostrophes) and without punctuation. */
function words(text: string): string[] {
  // Before folding: NFKC turns "´" into a space and an accent.
  return foldTerm(text.replace(APOSTROPHES, "'")).match(WORD) ?? [];
}

/** Word-level edit distance, stopping early once it is over `limit` (returns limit + 1 then). */
function boundedWordDistance(left: string[], right: string[], limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] as number) + (left[row - 1] === right[column - 1] ? 0 : 1);
      const value = Math.min(
        substitution,
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
      );
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[right.length] as number;
}

export const checkTemplateUnchanged: ReplyCheckRule = (text, context) => {
  const template = words(context.templateText ?? '');
  if (template.length === 0) return [];
  const reply = words(text);
  const longest = Math.max(template.length, reply.length);
  // Strictly under the threshold: the largest distance that still counts as "unchanged".
  const allowed = Math.ceil(longest * TEMPLATE_CHANGE_THRESHOLD) - 1;
  const distance = boundedWordDistance(template, reply, allowed);
  if (distance > allowed) return [];
  return [
    {
      id: 'template-unchanged',
      severity: 'warning',
      message:
        distance === 0
          ? 'Tailor this reply: it is the template word for word. Answer this customer in your own words.'
          : 'Tailor this reply: it is still almost the template. Answer this customer in your own words.',
    },
  ];
};

// "— Sam", "-Sam", "^SL", "~ Sam Lee" at the end: the usual ways teams sign social replies.
const SIGNATURE_AT_END = /(?:^|\s)[-–—~^]\s?\p{L}[\p{L}.'’-]*(?:\s\p{L}[\p{L}.'’-]*)?\s*$/u;

/** Scripts written without spaces between words: a name there is found inside the text, not as a word. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** A word as names compare: folded, apostrophes and other inner punctuation dropped ("O'Brien" is "obrien"). */
const bare = (word: string) => word.replace(/[^\p{L}\p{N}\p{M}]+/gu, '');

/**
 * The reply names the agent: a part of their name as a word of its own, their initials as a sign-off
 * ("^SL"), or the sign-off they set. One-letter parts count only in names that have nothing longer
 * (李), so "– S" alone does not pass for Sam.
 */
function namesAgent(text: string, agentName: string, signature: string): boolean {
  const replyWords = words(text).map(bare);
  const folded = replyWords.join('');
  const parts = words(agentName)
    .map(bare)
    .filter((part) => part !== '');
  const longParts = parts.filter((part) => [...part].length >= 2);
  const named = (longParts.length > 0 ? longParts : parts).some((part) =>
    UNSPACED_SCRIPT.test(part) ? folded.includes(part) : replyWords.includes(part),
  );
  if (named) return true;
  const initials = parts.length > 1 ? parts.map((part) => [...part][0]).join('') : '';
  const signOff = text.trim().match(/[-–—~^]\s?([\p{L}.]+)$/u)?.[1];
  if (initials !== '' && signOff !== undefined && bare(foldTerm(signOff)) === initials) return true;
  const ownSignOff = words(signature).map(bare).join('');
  return ownSignOff !== '' && folded.endsWith(ownSignOff);
}

export const checkHumanSignature: ReplyCheckRule = (text, context) => {
  if (context.visibility !== 'public' || text.trim() === '') return [];
  const agentName = context.agentName?.trim() ?? '';
  const signature = context.agentSignature?.trim() ?? '';
  if (agentName !== '' ? namesAgent(text, agentName, signature) : SIGNATURE_AT_END.test(text)) return [];
  const signWith = agentName !== '' ? (agentName.split(/\s+/)[0] ?? agentName) : 'your first name';
  return [
    {
      id: 'human-name',
      severity: 'info',
      message: `Sign with ${agentName !== '' ? `your name (e.g. “– ${signWith}”)` : signWith}: people are kinder to a real person than to a logo.`,
    },
  ];
};
