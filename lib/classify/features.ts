import { type LexiconResult, scoreLexicon } from './lexicon';
import {
  CLAUSE_BREAK,
  capitalsRatio,
  shoutedWords,
  type TokenizedText,
  tokenize,
  URL_TOKEN,
  USER_TOKEN,
} from './text';

/**
 * Turns a post into the sparse feature vector both trained models read: word unigrams (negation
 * marked), word bigrams, character n-grams inside words (robust to misspelling), the opening word,
 * and a few dense signals (lexicon score, "!", capitals, links). Names are prefixed by kind so the
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
}

export function analyzeText(raw: string): AnalyzedText {
  const tokenized = tokenize(raw);
  return {
    raw,
    tokenized,
    lexicon: scoreLexicon(tokenized.tokens),
    exclamations: (raw.match(/!/g) ?? []).length,
    capitals: capitalsRatio(tokenized.normalized),
    shouted: shoutedWords(raw),
  };
}

/** Only 4-grams: 3-grams added noise and size without gaining accuracy in cross-validation. */
const CHAR_GRAM_SIZE = 4;

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
    if (token.length < 3 || token === USER_TOKEN || token === URL_TOKEN || !/^\p{L}/u.test(token)) continue;
    const padded = `<${token}>`;
    for (let start = 0; start + CHAR_GRAM_SIZE <= padded.length; start += 1) {
      features.set(`c:${padded.slice(start, start + CHAR_GRAM_SIZE)}`, 1);
    }
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
  if (text.exclamations > 0) features.set('d:exclamations', Math.min(1, text.exclamations / 3));
  if (tokens.includes('?')) features.set('d:question_mark', 1);
  if (text.capitals > 0.5) features.set('d:capitals', text.capitals);
  if (text.shouted.length > 0) features.set('d:shouting', Math.min(1, text.shouted.length / 2));
  if (tokens[0] === USER_TOKEN) features.set('d:addressed', 1);
  if (tokens.includes(URL_TOKEN)) features.set('d:link', 1);
  features.set('d:length', Math.min(1, tokens.length / 30));
  return features;
}

/** Readable form of a feature name, for the reasons list. */
export function describeFeature(name: string): string {
  const body = name.slice(2);
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
  'd:length': 'length',
};
