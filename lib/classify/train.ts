import type { AirlineRow, ComplaintRow } from './datasets';
import { SENTIMENT_LABELS } from './datasets';
import { analyzeText, extractFeatures, type FeatureVector } from './features';
import { type SparseExample, trainSoftmax } from './learn';
import type { ClassifierModel, ComplaintModel, SentimentModel } from './model';
import { readPost } from './reading';

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
}

export const COMPLAINT_SETTINGS: ModelSettings = {
  minCount: 2,
  keepFeatures: 4000,
  epochs: 12,
  learningRate: 0.015,
  l2: 0.0005,
  seed: 20190701,
  decimals: 2,
  balance: 1,
  retrain: 1,
  importancePower: 0.5,
  charGrams: 1,
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
};

interface FittedLinear {
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

function fitLinear(
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

  const trainOn = (names: readonly string[]) => {
    const index = new Map(names.map((name, position) => [name, position]));
    const examples: SparseExample[] = vectors.map((vector) => {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [feature, value] of vector) {
        const position = index.get(feature);
        if (position === undefined || value === 0) continue;
        indices.push(position);
        values.push(value);
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
    return largest;
  };
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
      weights: kept.map((_, position) =>
        Array.from(second.weights.subarray(position * classCount, (position + 1) * classCount)),
      ),
    };
  }
  const position = new Map(vocabulary.map((name, at) => [name, at]));
  return {
    names: kept,
    bias: Array.from(first.bias),
    weights: kept.map((name) => {
      const at = position.get(name) as number;
      return Array.from(first.weights.subarray(at * classCount, (at + 1) * classCount));
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

export function trainComplaintModel(
  rows: readonly ComplaintRow[],
  settings: ModelSettings = COMPLAINT_SETTINGS,
  sentiment?: SentimentModel,
): ComplaintModel {
  const fitted = fitLinear(
    rows.map((row) => (sentiment ? readPost(sentiment, row.text).complaintFeatures : featuresOf(row.text))),
    rows.map((row) => (row.complaint ? 1 : 0)),
    2,
    settings,
  );
  const weights: Record<string, number> = {};
  fitted.names.forEach((name, position) => {
    const pair = fitted.weights[position] as number[];
    const weight = round((pair[1] as number) - (pair[0] as number), settings.decimals);
    if (weight !== 0) weights[name] = weight;
  });
  return {
    threshold: 0.55,
    bias: round((fitted.bias[1] as number) - (fitted.bias[0] as number), settings.decimals),
    weights,
  };
}

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
  for (const [key, value] of Object.entries(SENTIMENT_SETTINGS)) settings[`sentiment.${key}`] = value;
  const sentiment = trainSentimentModel(data.airline);
  return {
    version: 1,
    complaint: trainComplaintModel(data.complaints, COMPLAINT_SETTINGS, sentiment),
    sentiment,
    training: { complaintRows: data.complaints.length, airlineRows: data.airline.length, settings },
  };
}
