import Sentiment from 'sentiment';
import { CLAUSE_BREAK } from './text';

/**
 * The lexicon signal: AFINN-165 word scores plus emoji scores (the `sentiment` package), with its
 * one-word negation ("not good" counts as bad). It is one feature of the trained models and the
 * source of the "which words" reasons shown to the agent.
 */

const analyzer = new Sentiment();

export interface LexiconResult {
  /** Sum of word scores (AFINN −5…+5 each, negation applied). */
  score: number;
  /** Score per token, comparable across post lengths. */
  comparative: number;
  /** Words and emoji that scored, with their (negation-adjusted) score, in reading order. */
  contributions: Array<{ word: string; score: number; negated: boolean }>;
}

/** The package's own negators (it flips a word's score when one of these comes right before it). */
const PACKAGE_NEGATORS = new Set(['cant', 'dont', 'doesnt', 'not', 'non', 'wont', 'isnt']);

/** Scores canonical tokens (from `tokenize`), so emoji and elongated words ("goood") are found. */
export function scoreLexicon(tokens: readonly string[]): LexiconResult {
  const words = tokens.filter((token) => token !== CLAUSE_BREAK && token !== '!' && token !== '?');
  if (words.length === 0) return { score: 0, comparative: 0, contributions: [] };
  const result = analyzer.analyze(words.join(' '));
  const negatedWords = new Set(
    words.filter((_, index) => index > 0 && PACKAGE_NEGATORS.has(words[index - 1] as string)),
  );
  const contributions: LexiconResult['contributions'] = [];
  // The package reports its calculation last word first.
  for (let index = result.calculation.length - 1; index >= 0; index -= 1) {
    const entry = result.calculation[index];
    if (!entry) continue;
    for (const [word, score] of Object.entries(entry))
      contributions.push({ word, score, negated: negatedWords.has(word) });
  }
  return { score: result.score, comparative: result.comparative, contributions };
}
