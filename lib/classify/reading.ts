import {
  type AnalyzedText,
  analyzeText,
  extractFeatures,
  type FeatureVector,
  problemScore,
} from './features';
import { type ComplaintEvidence, type SentimentModel, type SentimentScore, scoreSentiment } from './model';
import { findQuestionCue, findSarcasmMarker, type PhraseIndex } from './signals';

/**
 * The reading of a post that both classification and complaint-model training share: features,
 * the sentiment model's verdict, sarcasm and the question cue. Sarcasm turns the verdict and the
 * lexicon features before the complaint model sees them ("thanks a lot 🙄" is not praise),
 * identically in training and at run time.
 */

/** Longer posts are cut: the cost per post stays bounded and nothing useful lies that far in. */
export const MAX_TEXT_LENGTH = 4000;

export interface PostReading {
  text: string;
  analyzed: AnalyzedText;
  features: FeatureVector;
  /** Every short run of canonical tokens, for whole-token phrase lookups. */
  phrases: PhraseIndex;
  sentimentScore: SentimentScore;
  sarcasm: string | null;
  /** Negative, neutral, positive after the sarcasm turn. */
  probabilities: [number, number, number];
  /** What the complaint word model reads: the features, lexicon turned under sarcasm. */
  complaintFeatures: FeatureVector;
  /** Why the post reads as a question, or null. */
  questionCue: string | null;
}

export function readPost(sentimentModel: SentimentModel, rawText: string): PostReading {
  const text = rawText.slice(0, MAX_TEXT_LENGTH);
  const analyzed = analyzeText(text);
  const features = extractFeatures(analyzed);
  const phrases = analyzed.phrases;
  const sentimentScore = scoreSentiment(sentimentModel, features);
  const [negative, neutral, positive] = sentimentScore.probabilities;
  const hasNegativeWords = analyzed.lexicon.contributions.some(({ score }) => score < 0) || negative > 0.4;
  const sarcasm = findSarcasmMarker(phrases, text, hasNegativeWords);
  const probabilities: [number, number, number] =
    sarcasm && positive > negative
      ? [negative + positive * 0.8, neutral, positive * 0.2]
      : [negative, neutral, positive];
  return {
    text,
    analyzed,
    features,
    phrases,
    sentimentScore,
    sarcasm,
    probabilities,
    complaintFeatures: sarcasm ? turnLexicon(features) : features,
    questionCue: findQuestionCue(analyzed.tokenized.tokens, phrases),
  };
}

/** What the stacked complaint decision weighs besides the word model's log-odds. */
export function complaintEvidence(reading: PostReading, wordLogit: number): ComplaintEvidence {
  const negative = reading.probabilities[0];
  return {
    words: wordLogit,
    negative,
    problem: problemScore(reading.analyzed.problems),
    negativeQuestion: reading.questionCue ? negative : 0,
  };
}

/** Under sarcasm the praise words count as complaint words: the lexicon features change sign. */
function turnLexicon(features: FeatureVector): FeatureVector {
  const turned = new Map(features);
  const positive = features.get('d:lexicon_positive') ?? 0;
  const negative = features.get('d:lexicon_negative') ?? 0;
  turned.set('d:lexicon', -Math.abs(features.get('d:lexicon') ?? 0));
  turned.delete('d:lexicon_positive');
  turned.set('d:lexicon_negative', Math.max(positive, negative));
  return turned;
}
