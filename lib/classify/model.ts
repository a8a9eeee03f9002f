import type { FeatureVector } from './features';
import { softmaxInPlace } from './learn';

/**
 * The shape of lib/classify/model.json (written by scripts/train-classifier.ts) and the two
 * linear scorers that read it. Weights are keyed by feature name so the file stays readable and
 * every reason shown to the agent can name the feature behind it.
 */

export interface ComplaintModel {
  /** Probability from which a post is called a complaint (the policy may override it). */
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

export interface SentimentModel {
  labels: ['negative', 'neutral', 'positive'];
  bias: [number, number, number];
  weights: Record<string, [number, number, number]>;
}

export interface ClassifierModel {
  version: 1;
  complaint: ComplaintModel;
  sentiment: SentimentModel;
  /** What the weights were trained from, so a reader can reproduce them. */
  training: {
    complaintRows: number;
    airlineRows: number;
    settings: Record<string, number | string>;
  };
}

export interface FeatureContribution {
  feature: string;
  contribution: number;
}

function topContributions(contributions: FeatureContribution[], limit: number): FeatureContribution[] {
  return contributions
    .sort(
      (left, right) =>
        Math.abs(right.contribution) - Math.abs(left.contribution) || (left.feature < right.feature ? -1 : 1),
    )
    .slice(0, limit);
}

export interface ComplaintScore {
  probability: number;
  logit: number;
  /** The features that moved the score most, either way. */
  drivers: FeatureContribution[];
}

export function scoreComplaint(
  model: ComplaintModel,
  features: FeatureVector,
  driverCount = 6,
): ComplaintScore {
  let logit = model.bias;
  const contributions: FeatureContribution[] = [];
  for (const [feature, value] of features) {
    const weight = model.weights[feature];
    if (weight === undefined) continue;
    const contribution = weight * value;
    logit += contribution;
    contributions.push({ feature, contribution });
  }
  return {
    probability: 1 / (1 + Math.exp(-logit)),
    logit,
    drivers: topContributions(contributions, driverCount),
  };
}

export interface SentimentScore {
  /** Probabilities for negative, neutral, positive. */
  probabilities: [number, number, number];
  /** Features that most favoured positive over negative (positive contribution) or the reverse. */
  drivers: FeatureContribution[];
}

export function scoreSentiment(
  model: SentimentModel,
  features: FeatureVector,
  driverCount = 6,
): SentimentScore {
  const scores = new Float64Array(model.bias);
  const contributions: FeatureContribution[] = [];
  for (const [feature, value] of features) {
    const weights = model.weights[feature];
    if (weights === undefined) continue;
    scores[0] = (scores[0] as number) + weights[0] * value;
    scores[1] = (scores[1] as number) + weights[1] * value;
    scores[2] = (scores[2] as number) + weights[2] * value;
    contributions.push({ feature, contribution: (weights[2] - weights[0]) * value });
  }
  softmaxInPlace(scores);
  return {
    probabilities: [scores[0] as number, scores[1] as number, scores[2] as number],
    drivers: topContributions(contributions, driverCount),
  };
}

/**
 * The complaint model also reads the sentiment model's verdict: tone learnt from 11k airline
 * tweets carries over to brands the small complaints set never covered.
 */
export function withSentimentFeatures(
  features: FeatureVector,
  probabilities: readonly number[],
): FeatureVector {
  const extended = new Map(features);
  extended.set('d:sentiment_negative', probabilities[0] as number);
  extended.set('d:sentiment_positive', probabilities[2] as number);
  return extended;
}
