import { type AnalyzedText, analyzeText, extractFeatures, type FeatureVector } from './features';
import { type SentimentModel, type SentimentScore, scoreSentiment, withSentimentFeatures } from './model';
import { findSarcasmMarker, indexPhrases, type PhraseIndex } from './signals';

/**
 * The reading of a post that both classification and complaint-model training share: features,
 * the sentiment model's verdict, and sarcasm. Sarcasm turns the verdict before the complaint model
 * sees it ("thanks a lot 🙄" is not praise), identically in training and at run time.
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
  /** What the complaint model reads: the features plus the (turned) sentiment verdict. */
  complaintFeatures: FeatureVector;
}

export function readPost(sentimentModel: SentimentModel, rawText: string): PostReading {
  const text = rawText.slice(0, MAX_TEXT_LENGTH);
  const analyzed = analyzeText(text);
  const features = extractFeatures(analyzed);
  const phrases = indexPhrases(analyzed.tokenized.tokens);
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
    complaintFeatures: withSentimentFeatures(sarcasm ? turnLexicon(features) : features, probabilities),
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
