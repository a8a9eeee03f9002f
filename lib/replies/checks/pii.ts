import type { ReplyCheck, ReplyCheckRule, ReplyCheckSeverity } from './types';

/**
 * Personal data in a public reply: e-mail addresses, phone numbers, order/account numbers, payment
 * cards, bank account numbers (IBAN), US Social Security numbers, street addresses. Everyone reading the
 * thread sees a public reply, so these belong in a private channel (seeds 001, 002 #4: acknowledge
 * publicly, resolve privately).
 *
 * Heuristics, tuned against false alarms on everyday numbers: years and date ranges, prices, times and
 * counts are too short or have the wrong shape to pass as phone numbers; card numbers must pass Luhn and
 * IBANs their mod-97 check; a number after a product keyword (ISBN, SKU, model no.…) names a product,
 * not a person. Kinds are tried from most to least specific and a span claimed by one is not reported again.
 */

type PiiKind = 'card' | 'iban' | 'ssn' | 'email' | 'order' | 'phone' | 'address';

interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  /** A shared inbox (support@, hello@…) that cannot be matched to the brand: no brand domains are known. */
  unconfirmedInbox?: true;
  /** An address on the brand's domains that the policy does not list: a team inbox, or a colleague's own. */
  unlistedBrandAddress?: true;
}

export interface PersonalDataOptions {
  /** The brand's own web domains (policy brand.domains); shared inboxes on them may go out in public. */
  brandDomains?: readonly string[];
  /** The brand's own phone lines (policy brand.phones); they may go out in public. */
  brandPhones?: readonly string[];
  /** The brand's own e-mail addresses (policy brand.emails); they may go out in public. */
  brandEmails?: readonly string[];
  /** Parley's case references (ACME-7K2QD): not the customer's data, and made to be quoted. */
  caseReferences?: readonly string[];
}

const PII_LABELS: Record<PiiKind, string> = {
  card: 'a payment card number',
  iban: 'a bank account number (IBAN)',
  ssn: 'a US Social Security number',
  email: 'an e-mail address',
  order: 'an order or account number',
  phone: 'a phone number',
  address: 'a street address',
};

const PII_SEVERITY: Record<PiiKind, ReplyCheckSeverity> = {
  card: 'error',
  iban: 'error',
  ssn: 'error',
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

// No card number starts with 0 (issuer numbers don't); a 13-digit Indonesian mobile "0812-3456-78906" that
// happens to pass Luhn is a phone.
const CARD_CANDIDATE = /(?<![\p{L}\p{N}_.,-])[1-9](?:[ -]?\d){12,18}(?![\p{L}\p{N}_]|[.,]\d)/gu;

function findCards(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    if (passesLuhn(match[0].replace(/\D/g, ''))) {
      hits.push({ kind: 'card', start: match.index, end: match.index + match[0].length });
    }
  }
  return hits;
}

// Between a keyword and the number it names, linking words and punctuation: "order number is: 12345",
// "SKU - 1234567890", "SSN: 123456789". The check runs at every pause in typing, so the patterns must take
// time in proportion to the reply: a few spaces and at most four links. Unbounded, "order" followed by a line
// of dashes cost time growing with the square of the line's length (seconds for a long reply).
const KEYWORD_LINK = String.raw`(?:\s{0,4}(?:\b(?:is|was)\b|[:#(=\-–—])){0,4}\s{0,4}`;

// "DE89 3704 0044 0532 0130 00", "DE89-3704-0044-0532-0130-00", "GB82WEST12345698765432": a country, two check
// digits and the account in 11 to 30 letters and digits, in groups of four or run together.
const IBAN_CANDIDATE =
  /(?<![\p{L}\p{N}_@#])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?(?![\p{L}\p{N}_])/giu;
// The countries of the ISO 13616 IBAN registry and the one length each gives its IBANs. Two letters, two
// digits and an account pass mod 97 one time in 97 whatever they are, so an invoice reference such as
// RE2600000000046 would otherwise block the reply as a bank account.
const IBAN_LENGTHS = new Map(
  [
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28',
    'EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26',
    'IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28',
    'NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25',
    'SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30',
  ]
    .join(' ')
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const),
);

/** ISO 13616: the country and check digits moved to the end, letters as 10–35, the number mod 97 is 1. */
function passesIbanCheck(iban: string): boolean {
  const checkDigits = Number(iban.slice(2, 4));
  // Check digits are 98 minus a remainder mod 97, so 00, 01 and 99 are never issued.
  if (checkDigits < 2 || checkDigits > 98) return false;
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder === 1;
}

function isIban(iban: string): boolean {
  if (IBAN_LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
  // An account number is mostly digits; a code such as FW93WINTERSALE50 passes mod 97 one time in 97.
  const account = iban.slice(4);
  if (countDigits(account) < account.length / 2) return false;
  return passesIbanCheck(iban);
}

function findIbans(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    // The groups of four may run on into the next word ("BE68 5390 0754 7034 CALL"): shorter readings too.
    for (let candidate = match[0]; ; ) {
      if (isIban(candidate.replace(/[ -]/g, '').toUpperCase())) {
        hits.push({ kind: 'iban', start: match.index, end: match.index + candidate.length });
        break;
      }
      const cut = Math.max(candidate.lastIndexOf(' '), candidate.lastIndexOf('-'));
      if (cut < 0) break;
      candidate = candidate.slice(0, cut);
    }
  }
  return hits;
}

// "123-45-6789", "SSN: 123 45 6789": a US Social Security number, with one separator throughout. Areas 000,
// 666 and 900–999, group 00 and serial 0000 are never issued. Nothing may run on at either end: in
// "1-123-45-6789", "+49 151 23 4567" or "123-45-67890" the 3-2-4 is part of another number.
const SSN =
  /(?<![\p{L}\p{N}_+$€£¥.,/]|\d[ .,:/-])(?!000|666|9\d\d)\d{3}([ -])(?!00)\d\d\1(?!0000)\d{4}(?![\p{L}\p{N}_%]|[.,:/-]\d|\1\d)/gu;

// "SSN", "social security number" shortly before the number: what the reply says it is.
const SSN_KEYWORD = /\b(?:SSNs?|social[ -]security)\b/iu;
const SSN_KEYWORD_REACH = 40;
// "SSN 123456789", "social security number: 123456789": nine digits run together, right after the keyword.
const SSN_RUN_TOGETHER = new RegExp(
  String.raw`\b(?:SSNs?|social[ -]security(?:\s{1,4}(?:number|no\.?|#))?)${KEYWORD_LINK}((?!000|666|9\d\d)\d{3}(?!00)\d\d(?!0000)\d{4})(?![\p{L}\p{N}_]|[.,]\d)`,
  'giu',
);

function findSsns(text: string): PiiHit[] {
  // "order 123-45-6789", "account: 123-45-6789": the number an order keyword names is the order's, a warning.
  const orderReferences = new Set(Array.from(text.matchAll(KEYWORD_NUMBER), referenceStart));
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(SSN)) {
    const keywordNearby = SSN_KEYWORD.test(
      text.slice(Math.max(0, match.index - SSN_KEYWORD_REACH), match.index),
    );
    if (!keywordNearby) {
      // "We refunded 123 45 6789", "it weighs 123 45 6789 grams": spaced, the shape alone says too little to
      // block the reply.
      if (match[1] === ' ' || orderReferences.has(match.index)) continue;
    }
    hits.push({ kind: 'ssn', start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(SSN_RUN_TOGETHER)) {
    const end = match.index + match[0].length;
    hits.push({ kind: 'ssn', start: end - (match[1] ?? '').length, end });
  }
  return hits;
}

const EMAIL = /(?<![\p{L}\p{N}._%+@-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// The brand's own shared inboxes are fine to give out in public ("email support@acme.example"), but only on
// the brand's domains: hello@janedoe.com is someone's personal address. Inboxes with other names are listed
// in the policy (brand.emails).
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

/** The domain is one of the brand's, or a subdomain of one (help.acme.example). */
function isBrandDomain(domain: string, brandDomains: readonly string[]): boolean {
  return brandDomains.some((brand) => {
    const own = brand.toLowerCase();
    return domain === own || domain.endsWith(`.${own}`);
  });
}

function findEmails(text: string, options: PersonalDataOptions): PiiHit[] {
  const brandDomains = options.brandDomains ?? [];
  const brandEmails = new Set((options.brandEmails ?? []).map((address) => address.toLowerCase()));
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const address = match[0].toLowerCase();
    if (brandEmails.has(address)) continue;
    const at = address.indexOf('@');
    const isRoleMailbox = ROLE_MAILBOXES.has(address.slice(0, at));
    const hit: PiiHit = { kind: 'email', start: match.index, end: match.index + match[0].length };
    if (brandDomains.length === 0) {
      // Nothing to check a shared inbox against: warn instead of staying silent.
      if (isRoleMailbox) hit.unconfirmedInbox = true;
    } else if (isBrandDomain(address.slice(at + 1), brandDomains)) {
      if (isRoleMailbox) continue;
      // Most likely a team inbox the policy has not listed yet, but it could be a colleague's own address.
      hit.unlistedBrandAddress = true;
    }
    hits.push(hit);
  }
  return hits;
}

// "order 1234-5678", "order no. A123456", "order nr. 12345", "order n° 12345", "account #: 99887766",
// "invoice INV-20240117", "your order number is 12345678", "tracking number: 1Z999AA10123456784", "ref
// 88123391", "order #8812 3391". A linking word or punctuation may sit between the keyword and the number;
// the number must contain a digit, within its first 40 characters (bounded for the reason KEYWORD_LINK is).
const KEYWORD_NUMBER = new RegExp(
  [
    String.raw`\b(orders?|invoices?|tracking|accounts?|acct|reference|ref|case|ticket|confirmation)`,
    String.raw`(?:\s{0,4}(?:number|no\.?|num|nr\.?|n[°º]|№|id|code|#))?`,
    KEYWORD_LINK,
    String.raw`(?=[\p{L}\p{N}-]{0,40}\p{N})(#?[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?: \d{3,}(?![\p{L}\p{N}_]))*)`,
  ].join(''),
  'giu',
);
/** Where the number a keyword names starts, past its '#'. */
function referenceStart(match: RegExpExecArray): number {
  const reference = match[2] ?? '';
  return match.index + match[0].length - reference.replace(/^#/, '').length;
}
// The numbers after the first in a list: "orders 12345 and 67890", "order 11111, 22222 & 33333".
const LISTED_NUMBER =
  /\s{0,4}(?:,|&|\band\b|\bor\b)\s{0,4}(#?(?=[\p{L}\p{N}-]{0,40}\p{N})[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)(?![\p{L}\p{N}_])/uy;
const YEAR = /^(?:19|20)\d\d$/;
// Words that also turn up in prose ("in case 2 of you", "ticket 1"): only a long reference counts.
const LOOSE_KEYWORDS = new Set(['reference', 'ref', 'case', 'ticket', 'confirmation']);
const DATE_SHAPE = /^(?:\d{4}-\d{1,2}-\d{1,2}|(?:19|20)\d\d-(?:19|20)\d\d)$/;
// "#12345678": five or more digits after '#' is an order reference, not a hashtag anyone uses.
const HASH_NUMBER = /(?<![\p{L}\p{N}_&])#\d{5,}(?![\p{L}\p{N}_])/gu;

function countDigits(value: string): number {
  return value.replace(/\D/g, '').length;
}

function isReference(keyword: string, reference: string): boolean {
  const digits = countDigits(reference);
  if (!LOOSE_KEYWORDS.has(keyword.toLowerCase())) return digits >= 4;
  if (DATE_SHAPE.test(reference)) return false;
  // Five digits, or an ID such as AB12C3 (six characters, three of them digits).
  return digits >= 5 || (digits >= 3 && reference.replace(/[^\p{L}\p{N}]/gu, '').length >= 6);
}

function findOrderNumbers(text: string, options: PersonalDataOptions): PiiHit[] {
  const own = new Set((options.caseReferences ?? []).map((reference) => reference.toUpperCase()));
  const isOwn = (reference: string) => own.has(reference.replace(/^#/, '').toUpperCase());
  const hits: PiiHit[] = [];
  for (const match of text.matchAll(KEYWORD_NUMBER)) {
    const keyword = match[1] ?? '';
    const reference = match[2] ?? '';
    if (!isReference(keyword, reference)) continue;
    const end = match.index + match[0].length;
    if (!isOwn(reference)) hits.push({ kind: 'order', start: end - reference.length, end });
    LISTED_NUMBER.lastIndex = end;
    for (let listed = LISTED_NUMBER.exec(text); listed; listed = LISTED_NUMBER.exec(text)) {
      const next = listed[1] ?? '';
      // "order 12345 or 2025 at the latest": a year ends the list.
      if (YEAR.test(next) || !isReference(keyword, next)) break;
      const listedEnd = listed.index + listed[0].length;
      if (!isOwn(next)) hits.push({ kind: 'order', start: listedEnd - next.length, end: listedEnd });
    }
  }
  for (const match of text.matchAll(HASH_NUMBER)) {
    hits.push({ kind: 'order', start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

// A colon before the number is fine ("Phone:555-123-4567"), one between digits is a time or a ratio ("10:30").
// A slash only follows an area code with its trunk prefix, as German numbers are written ("0151/23456789",
// "030/12345678"); elsewhere it is a date, a fraction or "24/7".
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}_$€£¥#+/.,-])(?<!\d:)(?:0\d{2,4}\/\d[\d ().-]{4,18}\d|\+?\(?\d[\d ().-]{6,22}\d)(?![\p{L}\p{N}_%]|[.,:]\d)/gu;

// A trunk prefix 0 makes some mobile numbers longer than a national number's usual 10 or 11 digits: German
// mobiles (015x, 016x, 017x) "0151 2345 6789" have 12, Indonesian ones (08xx) "0812-3456-78901" up to 13. Any
// other run that long starting with 0 is a serial, contract or customer number or a barcode (UPC-A
// 036000291452), and a phone error would stop the agent from inserting the reply at all.
const LONG_MOBILES = [
  { prefix: /^01[5-7]\d/, longest: 12 },
  { prefix: /^08\d\d/, longest: 13 },
];

/** Written the way such mobiles are: run together, or the prefix alone and the rest in one or two groups. */
function isLongMobile(digits: string, groups: readonly string[]): boolean {
  const mobile = LONG_MOBILES.find(({ prefix }) => prefix.test(digits));
  if (!mobile || digits.length > mobile.longest) return false;
  const [prefix = '', ...rest] = groups;
  if (rest.length === 0) return true;
  return /^0\d{3,4}$/.test(prefix) && rest.length <= 2 && rest.every((group) => group.length >= 3);
}

function isPlausiblePhone(candidate: string): boolean {
  // One separator between groups ("555 123-4567"); "1 - 2" is prose. Brackets may sit beside a space.
  if (/[ .-]{2,}/.test(candidate.replace(/[()]/g, ''))) return false;
  const international = candidate.startsWith('+') || candidate.startsWith('00');
  const digits = candidate.replace(/\D/g, '').replace(/^00/, '');
  if (international) return digits.length >= 8 && digits.length <= 15;
  const groups = candidate.split(/[ ()./-]+/).filter((group) => group !== '');
  if (digits.length < 10 || (digits.length > 11 && !isLongMobile(digits, groups))) return false;
  // "10 20 30 40 50 minutes" is a list of numbers; "06 12 34 56 78" is a French phone (trunk prefix 0).
  if (groups.length > 3 && groups.every((group) => group.length <= 2) && !candidate.startsWith('0')) {
    return false;
  }
  return groups.length <= 6;
}

/**
 * The candidate, then each shorter start of it that ends before a space, longest first: the pattern
 * swallows a number that follows a phone ("555-123-4567 24/7", "+1 800 555 0100 7 days a week").
 */
function startsEndingBeforeASpace(candidate: string): string[] {
  const starts = [candidate];
  let start = candidate;
  for (let cut = start.search(/\s+\S*$/); cut > 0; cut = start.search(/\s+\S*$/)) {
    start = start.slice(0, cut).replace(/\D+$/, '');
    starts.push(start);
  }
  return starts;
}

// Four or more groups of four digits ("0151 2345 6789 0123") are a voucher, gift card or account code written
// the way a card number is; the first three of its groups are no phone.
const FOUR_DIGIT_GROUPS = /^\d{4}(?:[ -]\d{4}){3,}$/;

function plausiblePhoneIn(candidate: string): string | null {
  if (FOUR_DIGIT_GROUPS.test(candidate)) return null;
  return startsEndingBeforeASpace(candidate).find(isPlausiblePhone) ?? null;
}

/**
 * The same line written another way: "+44 800 123 4567" and "0800 123 4567", "1-800-555-0199" and
 * "+1 800 555 0199". Country codes and trunk prefixes differ at the front, so the last ten digits (or
 * all, for shorter numbers) are compared.
 */
const SAME_LINE_DIGITS = 10;
const SHORTEST_LINE = 7;

function isSameLine(left: string, right: string): boolean {
  const compared = Math.min(SAME_LINE_DIGITS, left.length, right.length);
  return compared >= SHORTEST_LINE && left.slice(-compared) === right.slice(-compared);
}

function findPhones(text: string, options: PersonalDataOptions): PiiHit[] {
  const brandLines = (options.brandPhones ?? []).map((phone) => phone.replace(/\D/g, ''));
  const isBrandLine = (phone: string) => {
    const digits = phone.replace(/\D/g, '');
    return brandLines.some((line) => isSameLine(line, digits));
  };
  const hits: PiiHit[] = [];
  const candidates = new RegExp(PHONE_CANDIDATE);
  for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
    const brandLine = startsEndingBeforeASpace(match[0]).find(isBrandLine);
    if (brandLine) {
      // What follows the brand's line is read on its own: "7 days a week" is fine, another phone is not.
      candidates.lastIndex = match.index + brandLine.length;
      continue;
    }
    const phone = plausiblePhoneIn(match[0]);
    if (phone) hits.push({ kind: 'phone', start: match.index, end: match.index + phone.length });
  }
  return hits;
}

const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Square|Sq';
const STREET_ADDRESS = new RegExp(
  String.raw`\b\d{1,5}[a-z]?\s+((?:\p{L}[\p{L}'’-]*\.?\s+){1,3})(${STREET_TYPES})\b\.?`,
  'giu',
);
// A street name not written in capitals reads like prose ("20 minutes down the road", "2 orders on the
// way", "a 3 hour drive"): it counts only before a word that names nothing but a street, in at most two
// words, none of them a little word of a sentence.
const STREET_ONLY_TYPES = new Set(['street', 'st', 'avenue', 'ave', 'boulevard', 'blvd']);
const SENTENCE_WORDS = new Set('a an the of on in at to up down my our your'.split(' '));

function isStreetAddress(name: string, type: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.every((word) => /^\p{Lu}/u.test(word))) return true;
  return (
    STREET_ONLY_TYPES.has(type.toLowerCase()) &&
    words.length <= 2 &&
    !words.some((word) => SENTENCE_WORDS.has(word.toLowerCase()))
  );
}

// Addresses elsewhere in Europe. Case matters here (no `i` flag): a capital is what tells "Via Roma 12" from
// "via email 2 days", and German and Dutch write a street as one capitalised word ending in its type.
// "5a", "12 b", "12-14", "12/A", and a flat after the house in Austria: "12/3/5".
const HOUSE_NUMBER = String.raw`\d{1,4}(?:\s?[a-zA-Z]|\/[a-zA-Z])?(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?|(?:\/\d{1,3}){1,2})?(?![\p{L}\p{N}_]|[.,/:]\d)`;
// German and Dutch, the name then the number: "Hauptstraße 12", "Bahnhofstr. 5a", "Keizersgracht 123",
// "Karl-Marx-Allee 5", "Berliner Straße 12". "Weg" or "Platz" on its own is no street.
const NAME_FIRST_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}_-])(\p{Lu}\p{L}*(?:-\p{L}+)*?)(-| )?([sS]tra(?:ße|sse)|[sS]tr\.|[wW]eg|[gG]asse|[pP]latz|[aA]llee|[gG]racht|[lL]aan|[sS]traat)(?:\s+|(?<=\.)\s*)(${HOUSE_NUMBER})`,
  'gu',
);
// Words in compounds of the same shape that name a way or a place of another kind ("Ihr Sitzplatz 12",
// "Rückweg 2 Tage", Dutch "Onderweg 2 dagen").
const NOT_STREETS = new Set(
  'onderweg rückweg umweg heimweg hinweg ausweg postweg lieferweg versandweg rechtsweg zahlungsweg arbeitsplatz parkplatz sitzplatz stellplatz steckplatz speicherplatz listenplatz tabellenplatz'.split(
    ' ',
  ),
);
// "Der Weg 2", "Die Straße 5": a street written as two words is named by an adjective ("Berliner", "Lange").
const DETERMINERS = new Set(
  'der die das dem den des ein eine einer eines einem einen kein keine unser unsere ihr ihre mein meine dein deine sein seine jeder jede jedes dieser diese dieses de het een'.split(
    ' ',
  ),
);

function isNameFirstStreet(name: string, joiner: string, type: string): boolean {
  const typeIsCapitalised = /^\p{Lu}/u.test(type);
  if (joiner === '') {
    // One word: the type is its lower-case end, after a name of three letters or more ("Instr. 5" is not one).
    return !typeIsCapitalised && name.length >= 3 && !NOT_STREETS.has(`${name}${type}`.toLowerCase());
  }
  if (joiner === '-') return typeIsCapitalised;
  return typeIsCapitalised && /(?:er|e)$/u.test(name) && !DETERMINERS.has(name.toLowerCase());
}

// French, the number then the type and the name: "12 rue de la Paix", "5 bis avenue Victor Hugo",
// "3 boulevard Haussmann", "8 allée des Roses", "10, place d'Italie". English has "Place" and "Avenue" too,
// after a number and before a capitalised word ("Chapter 5 Place Names", "Season 2 Avenue Q"): written with
// a capital, they count only before a name that starts the French way ("10 Place de la Concorde", "3 Place
// d'Italie").
const PARTICLE = '(?:de|du|des|del|della|delle|dei|degli|di|da|do|dos|das|la|le|les|el|los|las)';
const PLACE_NAME = String.raw`(?:${PARTICLE}\s{1,4}){0,3}(?:[dDlL]['’])?\p{Lu}[\p{L}'’-]*(?:\s{1,4}(?:${PARTICLE}\s{1,4}){0,3}(?:[dDlL]['’])?\p{Lu}[\p{L}'’-]*){0,3}`;
const NUMBER_FIRST_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])\d{1,4}(?:\s?(?:bis|ter|quater|[a-zA-Z]))?,?\s+(?:(?:[rR]ue|avenue|[aA]v\.|[bB]oulevard|[bB]d|[aA]llée|place|[iI]mpasse|[cC]hemin|[qQ]uai|[cC]ours)\s+|(?:Avenue|Place)\s{1,4}(?=${PARTICLE}\s|[dDlL]['’]))${PLACE_NAME}`,
  'gu',
);
// Spanish, Catalan, Portuguese and Italian, the type, the name, the number: "Calle Mayor 5", "Calle Mayor,
// 5", "Avenida de América 10", "C/ Alcalá 20", "Via Roma 12", "Piazza Garibaldi 3".
// A type written as a word needs a space after it, an abbreviation ("C/Alcalá 20", "Av.Brasil 5") does not;
// spaces are bounded so that a long run of them costs time in proportion to its length, not its square.
const TYPE_FIRST_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:([cC]alle|[aA]venida|[pP]laza|[pP]aseo|[cC]arrer|[rR]ua|[vV]iale|[vV]ia|[pP]iazza|[cC]orso)\s{1,4}|(?:[cC]/|Avda\.|Av\.)\s{0,4})(${PLACE_NAME})(,?\s{0,4})(?:n\.?\s?[º°]\s{0,4})?(${HOUSE_NUMBER})`,
  'gu',
);

// "Via Twitter 2 days ago", "Rückweg 2 Tage", "via DHL 3-5 days": a number with a unit after it is no house number.
const UNIT_AFTER =
  /^\s*(?:[-–]\s*\d+\s*)?(?:[%€$£]|(?:days?|hours?|hrs?|minutes?|mins?|weeks?|months?|years?|times|tage?n?|stunden?|std|wochen?|monate?n?|jahre?n?|mal|prozent|euros?|eur|usd|gbp|jours?|heures?|semaines?|mois|ans?|fois|días?|horas?|minutos?|semanas?|meses|años?|veces|giorni|ore|minuti|settimane|mesi|anni|volte|dagen|uur|minuten|weken|maanden|jaar|keer)(?![\p{L}\p{N}]))/iu;

// English has "via" too, before a name and a number that are no address: "via Zoom 2 people", "via
// WhatsApp 24/7", "via USB 3", "via Bluetooth 5", "via Klarna 3x", "via Disney Plus 4K". Written the English
// way, in lower case or to start a sentence, it counts as a street only with something English would not
// write: an Italian particle in the name ("via della Spiga 12/A") or a postcode and town after the number
// ("Via Roma 12, 00184 Roma"). "Via" with a capital inside a sentence names the street itself ("send it to
// Via Roma 12"), but not before a brand (USB, WhatsApp, Wi-Fi) or a version ("3x", "4K").
const ITALIAN_PARTICLE = /(?:^|\s)(?:di|del|della|dello|delle|dei|degli|da|dal|dalla|dalle|dai)\s/u;
const POSTCODE_AND_TOWN = /^,?\s{0,4}(?:[-–]\s{0,4})?\d{5}\s{1,4}\p{Lu}/u;
const PROPER_NAME_WORD = /^\p{Lu}\p{Ll}+$/u;

/** The word at this offset starts a sentence or a line: only spaces back to a full stop or the start. */
function startsASentence(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && /[ \t]/.test(text[before] ?? '')) before--;
  return before < 0 || /[.!?…\n]/u.test(text[before] ?? '');
}

function isViaAddress(text: string, match: RegExpExecArray): boolean {
  const [, via = '', name = '', beforeNumber = '', houseNumber = ''] = match;
  const after = text.slice(match.index + match[0].length);
  // "Via Twitter, 2 of us": after a comma, the number may as well start the next phrase.
  if (beforeNumber !== ' ') return false;
  if (ITALIAN_PARTICLE.test(name) || POSTCODE_AND_TOWN.test(after)) return true;
  return (
    via === 'Via' &&
    // "Via Twitter 2 of us": the number belongs to the words after it.
    !/^\s+\p{Ll}/u.test(after) &&
    !startsASentence(text, match.index) &&
    name.split(/\s+/).every((word) => PROPER_NAME_WORD.test(word)) &&
    /^\d+$/.test(houseNumber)
  );
}

function foreignStreetAddresses(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  const add = (start: number, end: number) => {
    if (!UNIT_AFTER.test(text.slice(end))) hits.push({ kind: 'address', start, end });
  };
  for (const match of text.matchAll(NAME_FIRST_STREET)) {
    if (isNameFirstStreet(match[1] ?? '', match[2] ?? '', match[3] ?? '')) {
      add(match.index, match.index + match[0].length);
    }
  }
  for (const match of text.matchAll(NUMBER_FIRST_STREET)) add(match.index, match.index + match[0].length);
  for (const match of text.matchAll(TYPE_FIRST_STREET)) {
    if (/^via$/iu.test(match[1] ?? '') && !isViaAddress(text, match)) continue;
    add(match.index, match.index + match[0].length);
  }
  return hits;
}

function findStreetAddresses(text: string): PiiHit[] {
  // The other languages first: "5 bis avenue Victor Hugo" is one address, not the English "5 bis avenue".
  const hits = foreignStreetAddresses(text);
  for (const match of text.matchAll(STREET_ADDRESS)) {
    if (!isStreetAddress(match[1] ?? '', match[2] ?? '')) continue;
    hits.push({ kind: 'address', start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

interface Span {
  start: number;
  end: number;
}

// "ISBN 0-306-40615-2", "SKU 1234567890", "model no. 5551234567", "item #1234567890", "part number
// 555-123-4567", "Art.-Nr. 123.456", "UPC 0 36000 29145 2": the number after the keyword names a product, not
// a person, however much it looks like a phone. Only the one number right after the keyword is taken, so a
// phone later in the reply ("SKU 12345, call me at 555-123-4567") is still read as one. What may come between
// the keyword and its number is bounded as for order numbers, and for the same reason.
const PRODUCT_CODE = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}_])(?:ISBN(?:-?1[03])?|SKU|UPC(?:-?[AE])?|EAN(?:-?(?:8|13))?|GTIN(?:-?(?:8|12|13|14))?`,
    // "art." ends many a sentence: only "art. no." or "Art.-Nr." is a keyword.
    String.raw`|(?:model|item|part|product|article|catalog(?:ue)?|firmware|version|build|release)s?|art\.(?=\s{0,4}(?:-\s{0,4})?(?:(?:no|nr|number)\b|n[°º])))`,
    String.raw`(?:\s{0,4}(?:-\s{0,4})?(?:number|no\.?|num|nr\.?|n[°º]|№|code|id|#))?`,
    KEYWORD_LINK,
    String.raw`(?=[\p{L}\p{N}./-]{0,40}\p{N})#?[\p{L}\p{N}](?:[\p{L}\p{N}./-]*[\p{L}\p{N}])?(?: \d+(?![\p{L}\p{N}_-]))*`,
  ].join(''),
  'giu',
);
// An ISBN written with its hyphens, "0-306-40615-2" or "978-0-306-40615-7", has a phone's shape; its check
// digit tells it apart (a phone's last group is seldom one digit, and then the checksum holds one time in 11).
const HYPHENATED_ISBN =
  /(?<![\p{L}\p{N}_.,-])(?:97[89]-)?\d{1,5}-\d{1,7}-\d{1,7}-[\dX](?![\p{L}\p{N}_]|[.,-]\d)/gu;

function isValidIsbn(digits: string): boolean {
  if (digits.length === 10) {
    let sum = 0;
    for (let index = 0; index < 10; index++) {
      const char = digits[index] ?? '';
      sum += (10 - index) * (char === 'X' ? 10 : Number(char));
    }
    return !digits.slice(0, 9).includes('X') && sum % 11 === 0;
  }
  if (digits.length === 13 && /^97[89]\d{10}$/.test(digits)) {
    let sum = 0;
    for (let index = 0; index < 13; index++) sum += (index % 2 === 0 ? 1 : 3) * Number(digits[index]);
    return sum % 10 === 0;
  }
  return false;
}

function productCodeSpans(text: string): Span[] {
  const spans = Array.from(text.matchAll(PRODUCT_CODE), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  for (const match of text.matchAll(HYPHENATED_ISBN)) {
    if (isValidIsbn(match[0].replace(/-/g, ''))) {
      spans.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return spans;
}

// A link: with a scheme, from www., or a domain followed by a path ("x.com/AcmeHelp/status/1790…").
const LINK =
  /\bhttps?:\/\/[^\s<>"]+|(?<![\p{L}\p{N}@._%+-])(?:www\.|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/)[^\s<>"]*/gu;

/**
 * Kinds recognised from a run of digits. Links are full of such runs (post ids, video times, tracking
 * parameters) that are no one's number, and so are product codes; an e-mail address in a link is still
 * someone's address.
 */
const READ_FROM_DIGITS = new Set<PiiKind>(['card', 'iban', 'ssn', 'order', 'phone']);

function linkSpans(text: string): Span[] {
  return Array.from(text.matchAll(LINK), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * Most specific first: an IBAN's digits are not also a card, an order or a phone ("account DE89 3704…" is an
 * IBAN); a Luhn-valid card is not also a phone; a Social Security number is not also a phone (findSsns
 * leaves the 3-2-4 numbers that an order keyword names to the orders); "order 5551234567" is an order.
 */
const FINDERS: ReadonlyArray<(text: string, options: PersonalDataOptions) => PiiHit[]> = [
  findIbans,
  findCards,
  findSsns,
  findEmails,
  findOrderNumbers,
  findPhones,
  findStreetAddresses,
];

// Other spellings of the characters numbers are written with, each one UTF-16 unit like its ASCII self so
// that offsets into the reply hold: no-break and thin spaces (a number copied from a web page, where
// &nbsp; keeps it on one line), typographic dashes and the minus sign, and full-width digits, brackets,
// plus, hyphen and dot (typed on a Japanese or Chinese keyboard).
const NUMBER_SPACE = /[\u00a0\u2007\u2009\u200a\u202f\u3000]/g;
const NUMBER_DASH = /[\u2010-\u2015\u2212\ufe63\uff0d]/g;
const FULL_WIDTH_NUMBER_CHAR = /[\uff08\uff09\uff0b\uff0e\uff10-\uff19]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

function withPlainNumberCharacters(text: string): string {
  return text
    .replace(NUMBER_SPACE, ' ')
    .replace(NUMBER_DASH, '-')
    .replace(FULL_WIDTH_NUMBER_CHAR, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET));
}

export function findPersonalData(reply: string, options: PersonalDataOptions = {}): PiiHit[] {
  const text = withPlainNumberCharacters(reply);
  const noOnesNumbers = [...linkSpans(text), ...productCodeSpans(text)];
  const kept: PiiHit[] = [];
  for (const finder of FINDERS) {
    for (const hit of finder(text, options)) {
      if (
        READ_FROM_DIGITS.has(hit.kind) &&
        noOnesNumbers.some((span) => span.start <= hit.start && hit.start < span.end)
      )
        continue;
      if (kept.some((other) => hit.start < other.end && other.start < hit.end)) continue;
      kept.push(hit);
    }
  }
  return kept.sort((left, right) => left.start - right.start);
}

function messageFor(hit: PiiHit): string {
  if (hit.unconfirmedInbox) {
    return "This looks like a shared inbox, but the policy lists no brand domains to confirm it is the brand's. If it is someone else's address, move the conversation to a private channel.";
  }
  if (hit.unlistedBrandAddress) {
    return "This address is on the brand's domain but not among the policy's addresses (brand.emails). If it is a person's own address, move the conversation to a private channel.";
  }
  const message = `This looks like ${PII_LABELS[hit.kind]}, and everyone can read a public reply. Move the conversation to a private channel.`;
  // The brand's own support line and addresses are the contact details a public reply may carry.
  if (hit.kind === 'phone')
    return `${message} If it is the brand's own line, the policy can list it (brand.phones).`;
  if (hit.kind === 'email')
    return `${message} If it is the brand's own address, the policy can list it (brand.emails).`;
  return message;
}

export const checkPersonalData: ReplyCheckRule = (text, context) => {
  if (context.visibility !== 'public') return [];
  return findPersonalData(text, context).map(
    (hit): ReplyCheck => ({
      id: `pii-${hit.kind}`,
      severity: hit.unconfirmedInbox || hit.unlistedBrandAddress ? 'warning' : PII_SEVERITY[hit.kind],
      message: messageFor(hit),
      span: { start: hit.start, end: hit.end },
      fix: { kind: 'move-to-private' },
    }),
  );
};
