/**
 * Text normalisation and tokenisation shared by training and classification, so the model sees
 * exactly the same features in both. Handles, links, numbers and brand names are replaced by
 * placeholders: the classifier must judge posts about brands it never saw in training, so it
 * may not learn that "@delta" or "flight 1234" means anything in itself.
 */

export const USER_TOKEN = 'xuser';
export const URL_TOKEN = 'xurl';
export const NUMBER_TOKEN = 'xnum';
export const MONEY_TOKEN = 'xmoney';
export const BRAND_TOKEN = 'xbrand';
/** Stands for . , ; : — ends a negation's scope and is never a feature itself. */
export const CLAUSE_BREAK = '.';

/**
 * Brand words of the training data. Leaving them in would let the model learn one airline's
 * reputation instead of the language of complaint and praise.
 */
const TRAINING_BRAND_WORDS = new Set([
  'united',
  'unitedairlines',
  'american',
  'americanair',
  'americanairlines',
  'aa',
  'southwest',
  'southwestair',
  'swa',
  'delta',
  'deltaair',
  'deltaairlines',
  'jetblue',
  'usairways',
  'virginamerica',
]);

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
]);

/** How many words after a negator are read as negated (unless punctuation ends the clause first). */
const NEGATION_SCOPE = 3;

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE_PATTERN = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+(?:@[\w.-]+)?/gu;
const MONEY_PATTERN = /[$£€]\s?\d+(?:[.,]\d+)*k?|\b\d+(?:[.,]\d+)*\s?(?:usd|eur|gbp|dollars|bucks)\b/giu;
const NUMBER_PATTERN = /\d+(?:[.,:/-]\d+)*(?:st|nd|rd|th|am|pm|k|m|h|hrs?|mins?)?/giu;
const EMOJI_PATTERN = /\p{Extended_Pictographic}/u;
const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}|[!?]+|[.,;:]+/gu;

/**
 * The Twitter US Airline data replaced "Cancel" by "Cancelled Flight" and "Late" by "Late Flight"
 * (giving "Cancelled Flightled", "Late Flightr"). Undo it so those tweets teach real words.
 */
export function repairDatasetArtefacts(text: string): string {
  return text.replace(/Cancelled Flight/g, 'Cancel').replace(/Late Flight/g, 'Late');
}

const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** Unicode- and markup-normalised text with links, handles, money and numbers replaced. */
export function normalizeText(raw: string): string {
  return repairDatasetArtefacts(raw)
    .normalize('NFKC')
    .replace(/&(?:amp|lt|gt|quot);/g, (entity) => HTML_ENTITIES[entity] ?? entity)
    .replace(URL_PATTERN, ` ${URL_TOKEN} `)
    .replace(HANDLE_PATTERN, `$1 ${USER_TOKEN} `)
    .replace(MONEY_PATTERN, ` ${MONEY_TOKEN} `)
    .replace(NUMBER_PATTERN, ` ${NUMBER_TOKEN} `);
}

/** Lower-case, apostrophes dropped ("don't" → "dont"), letters repeated 3+ times cut to 2. */
function canonicalWord(token: string): string {
  return token
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
}

export interface TokenizedText {
  /** The text after normalizeText (placeholders in, case kept). */
  normalized: string;
  /** Canonical tokens: words, emoji, runs of ! and ? (they carry tone), and clause breaks. */
  tokens: string[];
  /** The same tokens with words in a negation's scope prefixed "not_". */
  negated: string[];
}

export function tokenize(raw: string): TokenizedText {
  const normalized = normalizeText(raw);
  const tokens: string[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    let token = match[0];
    if (token.startsWith('!') || token.startsWith('?')) {
      token = token.includes('?') ? '?' : '!';
    } else if (/^[.,;:]/.test(token)) {
      token = CLAUSE_BREAK;
    } else if (!EMOJI_PATTERN.test(token)) {
      token = canonicalWord(token);
      if (TRAINING_BRAND_WORDS.has(token)) token = BRAND_TOKEN;
    }
    tokens.push(token);
  }
  return { normalized, tokens, negated: markNegation(tokens) };
}

const CONTRACTED_NEGATION = /^(?:do|does|did|is|was|are|were|would|could|should|have|has|had|need|must)nt$/;

function isNegator(token: string): boolean {
  return NEGATORS.has(token) || CONTRACTED_NEGATION.test(token);
}

function markNegation(tokens: readonly string[]): string[] {
  const result: string[] = [];
  let remaining = 0;
  for (const token of tokens) {
    if (token === '!' || token === '?' || token === CLAUSE_BREAK) {
      remaining = 0;
      result.push(token);
    } else if (isNegator(token)) {
      result.push(token);
      remaining = NEGATION_SCOPE;
    } else if (remaining > 0 && /^\p{L}/u.test(token)) {
      result.push(`not_${token}`);
      remaining -= 1;
    } else {
      result.push(token);
    }
  }
  return result;
}

/**
 * Share of letters that are capitals, over words of 2+ letters of normalized text (0 when there
 * are too few letters to tell).
 */
export function capitalsRatio(normalized: string): number {
  const words = normalized.match(/\p{L}{2,}/gu) ?? [];
  let letters = 0;
  let capitals = 0;
  for (const word of words) {
    if (word === USER_TOKEN || word === URL_TOKEN || word === NUMBER_TOKEN || word === MONEY_TOKEN) continue;
    for (const char of word) {
      letters += 1;
      if (char !== char.toLowerCase()) capitals += 1;
    }
  }
  return letters >= 8 ? capitals / letters : 0;
}

/** Whole words shouted in capitals (3+ letters, not placeholders), e.g. "WORST", "NEVER". */
export function shoutedWords(raw: string): string[] {
  const withoutHandles = raw.replace(HANDLE_PATTERN, '$1 ').replace(URL_PATTERN, ' ');
  return (withoutHandles.match(/\b\p{Lu}{3,}\b/gu) ?? []).filter(
    (word) => !/^(?:USA|UK|DM|OK|TSA|FAA)$/.test(word),
  );
}
