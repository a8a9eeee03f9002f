import type { FeatureVector } from './features';
import { softmaxInPlace } from './learn';

/**
 * The shape of lib/classify/model.json (written by scripts/train-classifier.ts) and the two
 * linear scorers that read it. Weights are keyed by feature name so the file stays readable and
 * every reason shown to the agent can name the feature behind it.
 */

/**
 * The complaint decision stacked on the word model: a logistic regression over four pieces of
 * evidence (word model, negative tone, problem phrases, a question asked in a negative tone), fitted on the word model's out-of-fold scores so it learns how far to trust them on
 * posts they were not trained on. Each weight says how much one piece of evidence counts.
 */
export interface ComplaintStack {
  bias: number;
  /** Per unit of the word model's log-odds. */
  words: number;
  /** Per unit of the sentiment model's negative probability. */
  negative: number;
  /** Per unit of problem score (0…1: one problem phrase is 0.5, two or more 1). */
  problem: number;
  /**
   * Per unit of negative probability when the post is a question: "where is my refund?" asks in
   * order to complain, "do you ship to Canada?" just asks.
   */
  negativeQuestion: number;
}

export interface ComplaintEvidence {
  /** The word model's log-odds. */
  words: number;
  /** Negative probability (after the sarcasm turn). */
  negative: number;
  /** Problem score, 0…1. */
  problem: number;
  /** Negative probability if the post reads as a question, else 0. */
  negativeQuestion: number;
}

export const EVIDENCE_NAMES = ['words', 'negative', 'problem', 'negativeQuestion'] as const;

export interface ComplaintModel {
  /** Stacked probability from which a post is called a complaint (the policy may override it). */
  threshold: number;
  /** The word model: bias and weights over the sparse text features. */
  bias: number;
  weights: Record<string, number>;
  stack: ComplaintStack;
}

export interface SentimentModel {
  labels: ['negative', 'neutral', 'positive'];
  bias: [number, number, number];
  weights: Record<string, [number, number, number]>;
}

export interface ClassifierModel {
  version: 2;
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

export interface StackedComplaint {
  logit: number;
  /** What each piece of evidence added to the log-odds (weight × value). */
  contributions: Record<keyof ComplaintEvidence, number>;
}

/**
 * The stacked complaint log-odds. Tone learnt from 11k airline tweets and the problem lexicon carry
 * over to brands the small complaints set never covered, where its word weights know little.
 */
export function stackComplaint(stack: ComplaintStack, evidence: ComplaintEvidence): StackedComplaint {
  const contributions = {
    words: stack.words * evidence.words,
    negative: stack.negative * evidence.negative,
    problem: stack.problem * evidence.problem,
    negativeQuestion: stack.negativeQuestion * evidence.negativeQuestion,
  };
  return {
    logit:
      stack.bias +
      contributions.words +
      contributions.negative +
      contributions.problem +
      contributions.negativeQuestion,
    contributions,
  };
}
