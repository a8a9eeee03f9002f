import type { ReplyCheck, ReplyCheckRule } from './types';

/**
 * A reply that asks the customer for a password, a PIN, a full card number or a security code, in
 * public or in private. Why: no brand needs them to help, and such a request is exactly what
 * impersonators send, so customers learn to answer it; a public one also invites the secret into a
 * thread anyone can read. Replies that warn against sharing them ("please don't send passwords or card
 * details: we'll never ask for them") are what the policy's own templates say, and pass.
 *
 * Judged per clause (split at sentence ends, commas, colons and semicolons): a clause that names such a
 * secret and asks for something (send, share, give, tell, DM, what is…) without a negation. A warning,
 * not an error: wording varies and the agent decides.
 */

const SECRET =
  /\b(?:pass(?:word|code)s?|pass code|pin(?: code| number)?|(?:full |long |whole )?(?:credit |debit |bank )?card (?:numbers?|details|no\.?)|cvv2?|cvc2?|csc|security code|(?:one[- ]time|verification|2fa|two[- ]factor|login|log-in|sign[- ]in|sms) code|otp)\b/giu;
const ASKS =
  /\b(?:send|sending|share|sharing|provide|give|tell|dm|message|reply with|confirm|include|let us know|what(?:'s| is)|need|type (?:in|out)|read out|verify)\b/iu;
const NEGATION = /\b(?:don't|do not|dont|never|not|no need|won't|will not|without|avoid|nor|no one)\b/iu;
/** Part of a card number is what agents may ask for to find a payment ("the last four digits"). */
const PARTIAL = /\blast (?:4|four) (?:digits|numbers)\b/iu;
const CLAUSE_END = /[.!?;:,\n]+/gu;

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

export const checkSecretRequest: ReplyCheckRule = (text) => {
  const checks: ReplyCheck[] = [];
  for (const clause of clauses(text.replace(/[’‘ʼ]/g, "'"))) {
    if (!ASKS.test(clause.text) || NEGATION.test(clause.text) || PARTIAL.test(clause.text)) continue;
    for (const secret of clause.text.matchAll(SECRET)) {
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
