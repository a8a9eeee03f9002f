import { type LexiconResult, scoreLexicon } from './lexicon';
import { findProblemPhrases, indexPhrases, type PhraseHit, type PhraseIndex } from './signals';
import {
  BRAND_TOKEN,
  CLAUSE_BREAK,
  capitalsRatio,
  MONEY_TOKEN,
  NUMBER_TOKEN,
  shoutedWords,
  type TokenizedText,
  tokenize,
  URL_TOKEN,
  USER_TOKEN,
} from './text';

/**
 * Turns a post into the sparse feature vector both trained models read: word unigrams (negation
 * marked), word bigrams, character n-grams inside words (robust to misspelling), the opening word,
 * and a few dense signals (lexicon score, problem phrases, "!", capitals, links). Names are prefixed by kind so the
 * reasons shown to the agent can say what a weight stood for.
 */

export type FeatureVector = Map<string, number>;

export interface AnalyzedText {
  raw: string;
  tokenized: TokenizedText;
  lexicon: LexiconResult;
  exclamations: number;
  capitals: number;
  shouted: string[];
  /** Every short run of canonical tokens, for whole-token phrase lookups. */
  phrases: PhraseIndex;
  /** Reports of something gone wrong ("never arrived", "charged twice"). */
  problems: PhraseHit[];
}

export function analyzeText(raw: string): AnalyzedText {
  const tokenized = tokenize(raw);
  const phrases = indexPhrases(tokenized.tokens);
  return {
    raw,
    tokenized,
    lexicon: scoreLexicon(tokenized.tokens),
    exclamations: (raw.match(/!/g) ?? []).length,
    capitals: capitalsRatio(tokenized.normalized),
    shouted: shoutedWords(raw),
    phrases,
    problems: findProblemPhrases(phrases),
  };
}

/** Only 4-grams: 3-grams added noise and size without gaining accuracy in cross-validation. */
const CHAR_GRAM_SIZE = 4;

/** Words (3+ letters, not placeholders) whose letters are read as character n-grams. */
export function hasCharGrams(token: string): boolean {
  return token.length >= 3 && token !== USER_TOKEN && token !== URL_TOKEN && /^\p{L}/u.test(token);
}

/** The word's character 4-grams, with < and > marking its start and end. */
export function charGramsOf(token: string): string[] {
  const padded = `<${token}>`;
  const grams: string[] = [];
  for (let start = 0; start + CHAR_GRAM_SIZE <= padded.length; start += 1) {
    grams.push(padded.slice(start, start + CHAR_GRAM_SIZE));
  }
  return grams;
}

export function extractFeatures(text: AnalyzedText): FeatureVector {
  const features: FeatureVector = new Map();
  const { tokens, negated } = text.tokenized;

  for (const token of negated) {
    if (token !== CLAUSE_BREAK) features.set(`w:${token}`, 1);
  }
  for (let index = 1; index < tokens.length; index += 1) {
    const previous = tokens[index - 1] as string;
    const current = tokens[index] as string;
    if (previous !== CLAUSE_BREAK && current !== CLAUSE_BREAK) features.set(`b:${previous} ${current}`, 1);
  }
  for (const token of tokens) {
    if (!hasCharGrams(token)) continue;
    for (const gram of charGramsOf(token)) features.set(`c:${gram}`, 1);
  }
  const opening = tokens.find((token) => token !== USER_TOKEN && token !== CLAUSE_BREAK);
  if (opening) features.set(`o:${opening}`, 1);

  let positive = 0;
  let negative = 0;
  for (const { score } of text.lexicon.contributions) {
    if (score > 0) positive += score;
    else negative -= score;
  }
  features.set('d:lexicon', Math.tanh(text.lexicon.score / 4));
  if (positive > 0) features.set('d:lexicon_positive', Math.min(1, positive / 6));
  if (negative > 0) features.set('d:lexicon_negative', Math.min(1, negative / 6));
  if (text.problems.length > 0) features.set('d:problem', problemScore(text.problems));
  if (text.exclamations > 0) features.set('d:exclamations', Math.min(1, text.exclamations / 3));
  if (tokens.includes('?')) features.set('d:question_mark', 1);
  if (text.capitals > 0.5) features.set('d:capitals', text.capitals);
  if (text.shouted.length > 0) features.set('d:shouting', Math.min(1, text.shouted.length / 2));
  if (tokens[0] === USER_TOKEN) features.set('d:addressed', 1);
  if (tokens.includes(URL_TOKEN)) features.set('d:link', 1);
  features.set('d:length', Math.min(1, tokens.length / 30));
  return features;
}

/** How much of a problem report a post carries: one phrase counts half, two or more fully. */
export function problemScore(problems: readonly PhraseHit[]): number {
  return Math.min(1, problems.length / 2);
}

const PLACEHOLDER_WORDS: Record<string, string> = {
  [USER_TOKEN]: '@someone',
  [URL_TOKEN]: 'a link',
  [NUMBER_TOKEN]: 'a number',
  [MONEY_TOKEN]: 'an amount',
  [BRAND_TOKEN]: 'a brand',
};

/** Readable form of a feature name, for the reasons list (placeholders read as what they stand for). */
export function describeFeature(name: string): string {
  const body = name
    .slice(2)
    .split(' ')
    .map((word) => {
      const negated = word.startsWith('not_');
      const plain = negated ? word.slice(4) : word;
      return `${negated ? 'not_' : ''}${PLACEHOLDER_WORDS[plain] ?? plain}`;
    })
    .join(' ');
  switch (name.slice(0, 2)) {
    case 'w:':
      return body.startsWith('not_') ? `"not … ${body.slice(4)}"` : `"${body}"`;
    case 'b:':
      return `"${body}"`;
    case 'o:':
      return `opens with "${body}"`;
    case 'c:':
      return `letters "${body.replace(/[<>]/g, '')}"`;
    default:
      return DENSE_DESCRIPTIONS[name] ?? body;
  }
}

const DENSE_DESCRIPTIONS: Record<string, string> = {
  'd:lexicon': 'lexicon tone',
  'd:lexicon_positive': 'positive words',
  'd:lexicon_negative': 'negative words',
  'd:exclamations': 'exclamation marks',
  'd:question_mark': 'question mark',
  'd:capitals': 'capitals',
  'd:shouting': 'shouted words',
  'd:addressed': 'addressed to someone',
  'd:link': 'link',
  'd:problem': 'problem words',
  'd:length': 'length',
};
