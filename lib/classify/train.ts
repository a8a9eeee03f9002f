import type { AirlineRow, ComplaintRow } from './datasets';
import { SENTIMENT_LABELS } from './datasets';
import { analyzeText, extractFeatures, type FeatureVector } from './features';
import { fitSmallLogistic, type SparseExample, trainSoftmax } from './learn';
import { stratifiedFolds } from './metrics';
import {
  type ClassifierModel,
  type ComplaintModel,
  type ComplaintStack,
  EVIDENCE_NAMES,
  type SentimentModel,
  scoreComplaint,
  stackComplaint,
} from './model';
import { complaintEvidence, readPost } from './reading';

/**
 * Training of lib/classify/model.json from the development datasets. Pure and deterministic, so a
 * unit test can retrain and compare with the committed file byte for byte.
 */

export interface ModelSettings {
  /** A sparse feature must occur in this many training posts to be learned at all. */
  minCount: number;
  /** Only this many sparse features (largest weights) are kept, then the model is retrained on them. */
  keepFeatures: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weights are rounded to this many decimals (smaller file, same decisions). */
  decimals: number;
  /** 0 trains on raw label frequencies, 1 weights classes to balance them fully. */
  balance: number;
  /** 1: retrain on the kept features after pruning; 0: keep the full model's weights for them. */
  retrain: number;
  /** Features are ranked for pruning by |weight| × (posts containing them)^importancePower. */
  importancePower: number;
  /** 0 leaves character n-grams out (they helped complaints but not sentiment in cross-validation). */
  charGrams: number;
  /**
   * 1 scales each sparse feature by its naive-Bayes log-count ratio before fitting (NBSVM-style),
   * so words that separate the classes start ahead of incidental ones; 0 fits the raw features.
   */
  naiveBayesScale: number;
}

export const COMPLAINT_SETTINGS: ModelSettings = {
  minCount: 2,
  keepFeatures: 4000,
  epochs: 12,
  learningRate: 0.004,
  l2: 0.0005,
  seed: 20190701,
  decimals: 2,
  balance: 1,
  retrain: 1,
  importancePower: 0.5,
  charGrams: 1,
  naiveBayesScale: 1,
};

export const SENTIMENT_SETTINGS: ModelSettings = {
  minCount: 3,
  keepFeatures: 4000,
  epochs: 10,
  learningRate: 0.03,
  l2: 0.0005,
  seed: 20150224,
  decimals: 2,
  balance: 1,
  retrain: 1,
  importancePower: 0.5,
  charGrams: 0,
  naiveBayesScale: 0,
};

export interface FittedLinear {
  names: string[];
  bias: number[];
  /** names.length × classes, feature-major. */
  weights: number[][];
}

function isDense(feature: string): boolean {
  return feature.startsWith('d:');
}

function classWeightsFor(labels: readonly number[], classCount: number, balance: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts.map((count) => (count === 0 ? 1 : (labels.length / classCount / count) ** balance));
}

/**
 * Per sparse feature, the largest |log ratio| between how often a class's posts contain it and how
 * often the other posts do (add-one smoothed): the naive-Bayes evidence the feature carries.
 */
function naiveBayesScales(
  vectors: readonly FeatureVector[],
  labels: readonly number[],
  classCount: number,
): Map<string, number> {
  const perClass = new Map<string, number[]>();
  const classSizes = new Array<number>(classCount).fill(0);
  vectors.forEach((vector, row) => {
    const label = labels[row] as number;
    classSizes[label] = (classSizes[label] as number) + 1;
    for (const feature of vector.keys()) {
      if (isDense(feature)) continue;
      let counts = perClass.get(feature);
      if (!counts) {
        counts = new Array<number>(classCount).fill(0);
        perClass.set(feature, counts);
      }
      counts[label] = (counts[label] as number) + 1;
    }
  });
  const scales = new Map<string, number>();
  for (const [feature, counts] of perClass) {
    const total = counts.reduce((sum, count) => sum + count, 0);
    let largest = 0;
    for (let klass = 0; klass < classCount; klass += 1) {
      const inClass = counts[klass] as number;
      const classSize = classSizes[klass] as number;
      const ratio =
        Math.log((inClass + 1) / (classSize + 1)) -
        Math.log((total - inClass + 1) / (vectors.length - classSize + 1));
      largest = Math.max(largest, Math.abs(ratio));
    }
    scales.set(feature, largest);
  }
  return scales;
}

export function fitLinear(
  vectors: readonly FeatureVector[],
  labels: readonly number[],
  classCount: number,
  settings: ModelSettings,
): FittedLinear {
  const documentCounts = new Map<string, number>();
  for (const vector of vectors) {
    for (const feature of vector.keys()) documentCounts.set(feature, (documentCounts.get(feature) ?? 0) + 1);
  }
  const vocabulary = [...documentCounts.entries()]
    .filter(([feature, count]) => isDense(feature) || count >= settings.minCount)
    .filter(([feature]) => settings.charGrams !== 0 || !feature.startsWith('c:'))
    .map(([feature]) => feature)
    .sort();
  const classWeights = classWeightsFor(labels, classCount, settings.balance);
  const scales = settings.naiveBayesScale ? naiveBayesScales(vectors, labels, classCount) : null;
  const scaleOf = (feature: string) => scales?.get(feature) ?? 1;

  const trainOn = (names: readonly string[]) => {
    const index = new Map(names.map((name, position) => [name, position]));
    const examples: SparseExample[] = vectors.map((vector) => {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [feature, value] of vector) {
        const position = index.get(feature);
        if (position === undefined || value === 0) continue;
        indices.push(position);
        values.push(value * scaleOf(feature));
      }
      return { indices: Uint32Array.from(indices), values: Float64Array.from(values) };
    });
    return trainSoftmax(examples, labels, classCount, names.length, {
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2: settings.l2,
      seed: settings.seed,
      classWeights,
    });
  };

  const first = trainOn(vocabulary);
  const strength = (position: number) => {
    let largest = 0;
    for (let klass = 0; klass < classCount; klass += 1) {
      largest = Math.max(largest, Math.abs(first.weights[position * classCount + klass] as number));
    }
    return largest * scaleOf(vocabulary[position] as string);
  };
  // Weights on scaled features are turned back into weights on the plain 0/1 features.
  const unscaled = (name: string, weights: Float64Array) =>
    Array.from(weights, (weight) => weight * scaleOf(name));
  const ranked = vocabulary
    .map((name, position) => ({
      name,
      position,
      strength: strength(position) * (documentCounts.get(name) ?? 0) ** settings.importancePower,
    }))
    .filter((entry) => !isDense(entry.name))
    .sort((left, right) => right.strength - left.strength || (left.name < right.name ? -1 : 1))
    .slice(0, settings.keepFeatures)
    .map((entry) => entry.name);
  const kept = [...vocabulary.filter(isDense), ...ranked].sort();
  if (settings.retrain) {
    const second = trainOn(kept);
    return {
      names: kept,
      bias: Array.from(second.bias),
      weights: kept.map((name, position) =>
        unscaled(name, second.weights.subarray(position * classCount, (position + 1) * classCount)),
      ),
    };
  }
  const position = new Map(vocabulary.map((name, at) => [name, at]));
  return {
    names: kept,
    bias: Array.from(first.bias),
    weights: kept.map((name) => {
      const at = position.get(name) as number;
      return unscaled(name, first.weights.subarray(at * classCount, (at + 1) * classCount));
    }),
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function featuresOf(text: string): FeatureVector {
  return extractFeatures(analyzeText(text));
}

/** The stacked decision's training: inner folds for out-of-fold word scores, penalty, threshold. */
export interface StackSettings {
  /** Inner folds whose held-out word-model scores the stack is fitted on. */
  folds: number;
  seed: number;
  /** L2 penalty on the stack's weights. */
  l2: number;
  decimals: number;
  /**
   * 1: the threshold that maximises macro-F1 over the out-of-fold stacked probabilities;
   * 0: the class-balanced midpoint, 0.5.
   */
  tuneThreshold: number;
}

export const STACK_SETTINGS: StackSettings = {
  folds: 5,
  seed: 20190702,
  l2: 1,
  decimals: 3,
  tuneThreshold: 0,
};

function fitWordModel(
  vectors: readonly FeatureVector[],
  labels: readonly number[],
  settings: ModelSettings,
): Pick<ComplaintModel, 'bias' | 'weights'> {
  const fitted = fitLinear(vectors, labels, 2, settings);
  const weights: Record<string, number> = {};
  fitted.names.forEach((name, position) => {
    const pair = fitted.weights[position] as number[];
    const weight = round((pair[1] as number) - (pair[0] as number), settings.decimals);
    if (weight !== 0) weights[name] = weight;
  });
  return {
    bias: round((fitted.bias[1] as number) - (fitted.bias[0] as number), settings.decimals),
    weights,
  };
}

function macroF1(labels: readonly number[], predicted: readonly boolean[]): number {
  const counts = [0, 0, 0, 0]; // true positives, false positives, false negatives, true negatives
  labels.forEach((label, index) => {
    const at = predicted[index] ? (label ? 0 : 1) : label ? 2 : 3;
    counts[at] = (counts[at] as number) + 1;
  });
  const [truePositive, falsePositive, falseNegative, trueNegative] = counts as [
    number,
    number,
    number,
    number,
  ];
  const f1 = (hits: number, misses: number) => (hits === 0 ? 0 : (2 * hits) / (2 * hits + misses));
  return (
    (f1(truePositive, falsePositive + falseNegative) + f1(trueNegative, falseNegative + falsePositive)) / 2
  );
}

/** Macro-F1-best threshold on a 0.01 grid from 0.30 to 0.70; ties go to the one nearest 0.5. */
function bestThreshold(labels: readonly number[], probabilities: readonly number[]): number {
  let best = 0.5;
  let bestScore = -1;
  for (let step = 30; step <= 70; step += 1) {
    const threshold = step / 100;
    const score = macroF1(
      labels,
      probabilities.map((probability) => probability >= threshold),
    );
    if (
      score > bestScore + 1e-12 ||
      (Math.abs(score - bestScore) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))
    ) {
      best = threshold;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The complaint model: a word model over the sparse features, then the stacked decision fitted on
 * the word model's out-of-fold log-odds (so it learns how much they are worth on unseen posts)
 * together with negative tone, the problem score and a question asked in a negative tone.
 */
export function trainComplaintModel(
  rows: readonly ComplaintRow[],
  sentiment: SentimentModel,
  settings: ModelSettings = COMPLAINT_SETTINGS,
  stackSettings: StackSettings = STACK_SETTINGS,
): ComplaintModel {
  const readings = rows.map((row) => readPost(sentiment, row.text));
  const vectors = readings.map((reading) => reading.complaintFeatures);
  const labels = rows.map((row) => (row.complaint ? 1 : 0));
  const words = fitWordModel(vectors, labels, settings);

  const folds = stratifiedFolds(
    labels.map((label) => String(label)),
    stackSettings.folds,
    stackSettings.seed,
  );
  const outOfFold = new Array<number>(rows.length).fill(0);
  for (let fold = 0; fold < stackSettings.folds; fold += 1) {
    const training = labels.map((_, index) => index).filter((index) => folds[index] !== fold);
    const partial = fitWordModel(
      training.map((index) => vectors[index] as FeatureVector),
      training.map((index) => labels[index] as number),
      settings,
    );
    const scorer: ComplaintModel = { ...partial, threshold: 0, stack: NEUTRAL_STACK };
    folds.forEach((inFold, index) => {
      if (inFold === fold)
        outOfFold[index] = scoreComplaint(scorer, vectors[index] as FeatureVector, 0).logit;
    });
  }
  const evidence = readings.map((reading, index) => complaintEvidence(reading, outOfFold[index] as number));
  const fitted = fitSmallLogistic(
    evidence.map((entry) => EVIDENCE_NAMES.map((name) => entry[name])),
    labels,
    { l2: stackSettings.l2, classWeights: classWeightsFor(labels, 2, settings.balance) },
  );
  const stack: ComplaintStack = {
    bias: round(fitted.bias, stackSettings.decimals),
    words: round(fitted.weights[0] as number, stackSettings.decimals),
    negative: round(fitted.weights[1] as number, stackSettings.decimals),
    problem: round(fitted.weights[2] as number, stackSettings.decimals),
    negativeQuestion: round(fitted.weights[3] as number, stackSettings.decimals),
  };
  const threshold = stackSettings.tuneThreshold
    ? bestThreshold(
        labels,
        evidence.map((entry) => 1 / (1 + Math.exp(-stackComplaint(stack, entry).logit))),
      )
    : 0.5;
  return { threshold, ...words, stack };
}

/** Passes the word model's log-odds through unchanged. */
const NEUTRAL_STACK: ComplaintStack = { bias: 0, words: 1, negative: 0, problem: 0, negativeQuestion: 0 };

export function trainSentimentModel(
  rows: readonly AirlineRow[],
  settings: ModelSettings = SENTIMENT_SETTINGS,
): SentimentModel {
  const fitted = fitLinear(
    rows.map((row) => featuresOf(row.text)),
    rows.map((row) => SENTIMENT_LABELS.indexOf(row.sentiment)),
    3,
    settings,
  );
  const weights: Record<string, [number, number, number]> = {};
  fitted.names.forEach((name, position) => {
    const triple = (fitted.weights[position] as number[]).map((value) => round(value, settings.decimals));
    if (triple.some((value) => value !== 0)) weights[name] = triple as [number, number, number];
  });
  const bias = fitted.bias.map((value) => round(value, settings.decimals)) as [number, number, number];
  return { labels: ['negative', 'neutral', 'positive'], bias, weights };
}

export function trainClassifierModel(data: {
  complaints: readonly ComplaintRow[];
  airline: readonly AirlineRow[];
}): ClassifierModel {
  const settings: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(COMPLAINT_SETTINGS)) settings[`complaint.${key}`] = value;
  for (const [key, value] of Object.entries(STACK_SETTINGS)) settings[`stack.${key}`] = value;
  for (const [key, value] of Object.entries(SENTIMENT_SETTINGS)) settings[`sentiment.${key}`] = value;
  const sentiment = trainSentimentModel(data.airline);
  return {
    version: 2,
    complaint: trainComplaintModel(data.complaints, sentiment),
    sentiment,
    training: { complaintRows: data.complaints.length, airlineRows: data.airline.length, settings },
  };
}
