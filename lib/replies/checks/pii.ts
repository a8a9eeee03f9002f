import type { ReplyCheck, ReplyCheckRule, ReplyCheckSeverity } from './types';

/**
 * Personal data in a public reply: e-mail addresses, phone numbers, order/account numbers, payment
 * cards, street addresses. Everyone reading the thread sees a public reply, so these belong in a private
 * channel (seeds 001, 002 #4: acknowledge publicly, resolve privately).
 *
 * Heuristics, tuned against false alarms on everyday numbers: years and date ranges, prices, times and
 * counts are too short or have the wrong shape to pass as phone numbers; card numbers must pass Luhn.
 * Kinds are tried from most to least specific and a span claimed by one is not reported again.
 */

type PiiKind = 'card' | 'email' | 'order' | 'phone' | 'address';

interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
}

const PII_LABELS: Record<PiiKind, string> = {
  card: 'a payment card number',
  email: 'an e-mail address',
  order: 'an order or account number',
  phone: 'a phone number',
  address: 'a street address',
};

const PII_SEVERITY: Record<PiiKind, ReplyCheckSeverity> = {
  card: 'error',
  email: 'error',
  phone: 'error',
  order: 'warning',
  address: 'warning',
};

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const CARD_CANDIDATE = /(?<![\p{L}\p{N}_.,-])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}_]|[.,]\d)/gu;

function findCards(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    if (passesLuhn(match[0].replace(/\D/g, ''))) {
      hits.push({ kind: 'card', start: match.index, end: match.index + match[0].length });
    }
  }
  return hits;
}

const EMAIL = /(?<![\p{L}\p{N}._%+@-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// The brand's own shared inboxes are fine to give out in public ("email support@…").
const ROLE_MAILBOXES = new Set([
  'support',
  'help',
  'care',
  'customercare',
  'service',
  'customerservice',
  'info',
  'contact',
  'hello',
  'team',
  'privacy',
  'press',
  'returns',
  'billing',
  'noreply',
  'no-reply',
]);

function findEmails(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const localPart = match[0].slice(0, match[0].indexOf('@')).toLowerCase();
    if (ROLE_MAILBOXES.has(localPart)) continue;
    hits.push({ kind: 'email', start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

// "order 1234-5678", "order no. A123456", "account #: 99887766", "invoice INV-20240117".
const KEYWORD_NUMBER =
  /\b(?:order|invoice|tracking|account|acct)(?:\s*(?:number|no\.?|num|nr|id|#))?\s*[:#]?\s*(#?[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)/giu;
// "#12345678": five or more digits after '#' is an order reference, not a hashtag anyone uses.
const HASH_NUMBER = /(?<![\p{L}\p{N}_&])#\d{5,}(?![\p{L}\p{N}_])/gu;

function countDigits(value: string): number {
  return value.replace(/\D/g, '').length;
}

function findOrderNumbers(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(KEYWORD_NUMBER)) {
    const reference = match[1] ?? '';
    if (countDigits(reference) < 4) continue;
    const end = match.index + match[0].length;
    hits.push({ kind: 'order', start: end - reference.length, end });
  }
  for (const match of text.matchAll(HASH_NUMBER)) {
    hits.push({ kind: 'order', start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

const PHONE_CANDIDATE = /(?<![\p{L}\p{N}_$€£¥#+/.,:-])\+?\(?\d[\d ().-]{6,22}\d(?![\p{L}\p{N}_%]|[.,]\d)/gu;

function isPlausiblePhone(candidate: string): boolean {
  // One separator between groups ("555 123-4567"); "1 - 2" is prose. Brackets may sit beside a space.
  if (/[ .-]{2,}/.test(candidate.replace(/[()]/g, ''))) return false;
  const international = candidate.startsWith('+') || candidate.startsWith('00');
  const digits = candidate.replace(/\D/g, '').replace(/^00/, '');
  if (international) return digits.length >= 8 && digits.length <= 15;
  if (digits.length < 10 || digits.length > 11) return false;
  const groups = candidate.split(/[ ().-]+/).filter((group) => group !== '');
  // "10 20 30 40 50 minutes" is a list of numbers; "06 12 34 56 78" is a French phone (trunk prefix 0).
  if (groups.length > 3 && groups.every((group) => group.length <= 2) && !candidate.startsWith('0')) {
    return false;
  }
  return groups.length <= 6;
}

function findPhones(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    if (isPlausiblePhone(match[0])) {
      hits.push({ kind: 'phone', start: match.index, end: match.index + match[0].length });
    }
  }
  return hits;
}

const STREET_ADDRESS =
  /\b\d{1,5}[A-Za-z]?\s+(?:\p{Lu}[\p{L}'’-]*\.?\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Square|Sq)\b\.?/gu;

function findStreetAddresses(text: string): PiiHit[] {
  return Array.from(text.matchAll(STREET_ADDRESS), (match) => ({
    kind: 'address' as const,
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Most specific first: a Luhn-valid card is not also a phone; "order 5551234567" is an order. */
const FINDERS: ReadonlyArray<(text: string) => PiiHit[]> = [
  findCards,
  findEmails,
  findOrderNumbers,
  findPhones,
  findStreetAddresses,
];

export function findPersonalData(text: string): PiiHit[] {
  const kept: PiiHit[] = [];
  for (const finder of FINDERS) {
    for (const hit of finder(text)) {
      if (kept.some((other) => hit.start < other.end && other.start < hit.end)) continue;
      kept.push(hit);
    }
  }
  return kept.sort((left, right) => left.start - right.start);
}

export const checkPersonalData: ReplyCheckRule = (text, context) => {
  if (context.visibility !== 'public') return [];
  return findPersonalData(text).map(
    (hit): ReplyCheck => ({
      id: `pii-${hit.kind}`,
      severity: PII_SEVERITY[hit.kind],
      message: `This looks like ${PII_LABELS[hit.kind]}, and everyone can read a public reply. Move the conversation to a private channel.`,
      span: { start: hit.start, end: hit.end },
      fix: { kind: 'move-to-private' },
    }),
  );
};
