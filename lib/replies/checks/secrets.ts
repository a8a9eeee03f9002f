import { APOSTROPHES } from './phrases';
import type { ReplyCheck, ReplyCheckRule } from './types';

/**
 * A reply that asks the customer for a password, a PIN, a full card number or a security code, in
 * public or in private. Why: no brand needs them to help, and such a request is exactly what
 * impersonators send, so customers learn to answer it; a public one also invites the secret into a
 * thread anyone can read. Replies that warn against sharing them ("please don't send passwords or card
 * details: we'll never ask for them") are what the policy's own templates say, and pass.
 *
 * The secret must be what is asked for: right after an asking verb, with only small words between
 * ("send us your full card number", "what's your PIN", "we need the security code"), in a clause
 * (split at sentence ends, commas, colons, semicolons, spaced dashes, "but", "so" and before "please")
 * without a negation. "Reset your password", "if you need a new PIN" or "let us know if the code didn't
 * arrive" are not requests. A warning, not an error: wording varies and the agent decides.
 */

const SECRET =
  /\b(?:pass(?:word|code)s?|pass code|pin(?: code| number)?|(?:credit |debit |bank )?card (?:numbers?|details|no\.?)|cvv2?|cvc2?|csc|security code|(?:one[- ]time|verification|2fa|two[- ]factor|login|log-in|sign[- ]in|sms) code|otp)\b/giu;
const ASKING = new Set([
  'send',
  'share',
  'provide',
  'give',
  'tell',
  'dm',
  'message',
  'include',
  'confirm',
  'post',
  'enter',
  "what's",
  'whats',
]);
/** Words that may stand between the asking verb and the secret ("send us your full card number"). */
const BETWEEN = new Set([
  'us',
  'me',
  'your',
  'the',
  'a',
  'an',
  'its',
  'full',
  'whole',
  'complete',
  'current',
  'account',
  'card',
  'login',
  'online',
  'banking',
  'over',
  'back',
  'please',
  'just',
  'also',
  'privately',
  // One request for several: "send the card number and the CVV".
  'and',
  'or',
  'number',
  'numbers',
  'details',
  'code',
  'codes',
  'password',
  'passwords',
  'pin',
  'cvv',
  'cvc',
]);
const NEGATION = /\b(?:never|not|no need|nor|no one|avoid|\w+n't|dont|wont|cant)\b/iu;
// Besides punctuation, a clause ends at a spaced dash, at "but" and "so", and before "please": social
// replies run sentences together ("sorry it isn't loading so please DM us your PIN"), and a negation
// about the problem must not excuse the request that follows it.
const CLAUSE_END = /[.!?;:,\n]+|\s[-–—]+\s|\b(?:but|so)\b|(?=\bplease\b)/giu;
const WORD = /[\p{L}\p{N}']+/gu;

/** Each clause of the text with its start offset. */
function clauses(text: string): Array<{ start: number; text: string }> {
  const found: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (const end of text.matchAll(CLAUSE_END)) {
    found.push({ start, text: text.slice(start, end.index) });
    start = end.index + end[0].length;
  }
  found.push({ start, text: text.slice(start) });
  return found;
}

/** Whether the words before a secret end in a request for it. */
function asksFor(before: string): boolean {
  const words = Array.from(before.matchAll(WORD), (match) => match[0].toLowerCase());
  let index = words.length - 1;
  while (index >= 0 && BETWEEN.has(words[index] as string)) index -= 1;
  const word = words[index];
  const previous = words[index - 1];
  if (word === undefined) return false;
  if (ASKING.has(word)) return true;
  if (word === 'is' || word === 'are') return previous === 'what';
  // "we need" / "we'll need" asks; "if you need" does not.
  if (word === 'need')
    return previous === 'we' || previous === "we'll" || previous === 'i' || previous === "i'll";
  return word === 'with' && previous === 'reply';
}

export const checkSecretRequest: ReplyCheckRule = (text) => {
  const checks: ReplyCheck[] = [];
  for (const clause of clauses(text.replace(APOSTROPHES, "'"))) {
    if (NEGATION.test(clause.text)) continue;
    for (const secret of clause.text.matchAll(SECRET)) {
      if (!asksFor(clause.text.slice(0, secret.index))) continue;
      const start = clause.start + secret.index;
      checks.push({
        id: 'asks-for-secret',
        severity: 'warning',
        message: `“${text.slice(start, start + secret[0].length)}”: this reads as asking for it. Never ask for passwords, PINs, full card numbers or security codes, in public or in private; ask for what the next step needs (an order number, the account's email address).`,
        span: { start, end: start + secret[0].length },
      });
    }
  }
  return checks;
};
