/**
 * Multinomial logistic regression trained by AdaGrad SGD with L2, fully deterministic: a seeded
 * PRNG orders the examples, the epoch count is fixed, and no step depends on timing or on
 * Math.random. Two classes give an ordinary logistic regression.
 */

export interface SparseExample {
  indices: Uint32Array;
  values: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-class loss weights (balanced training for skewed labels); 1 for all when omitted. */
  classWeights?: readonly number[];
}

export interface SoftmaxWeights {
  classCount: number;
  featureCount: number;
  /** featureCount × classCount, feature-major. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Mulberry32: tiny, fast, and the same sequence on every JavaScript engine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = items.slice();
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const held = result[index] as T;
    result[index] = result[other] as T;
    result[other] = held;
  }
  return result;
}

export function softmaxInPlace(scores: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let index = 0; index < scores.length; index += 1) {
    const value = Math.exp((scores[index] as number) - max);
    scores[index] = value;
    sum += value;
  }
  for (let index = 0; index < scores.length; index += 1) scores[index] = (scores[index] as number) / sum;
}

export function trainSoftmax(
  examples: readonly SparseExample[],
  labels: readonly number[],
  classCount: number,
  featureCount: number,
  options: TrainOptions,
): SoftmaxWeights {
  const weights = new Float64Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  const squaredGradients = new Float64Array(featureCount * classCount).fill(1e-8);
  const biasSquaredGradients = new Float64Array(classCount).fill(1e-8);
  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  const scores = new Float64Array(classCount);

  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const exampleIndex of seededShuffle(order, random)) {
      const example = examples[exampleIndex] as SparseExample;
      const label = labels[exampleIndex] as number;
      const classWeight = options.classWeights?.[label] ?? 1;
      for (let klass = 0; klass < classCount; klass += 1) scores[klass] = bias[klass] as number;
      for (let slot = 0; slot < example.indices.length; slot += 1) {
        const base = (example.indices[slot] as number) * classCount;
        const value = example.values[slot] as number;
        for (let klass = 0; klass < classCount; klass += 1) {
          scores[klass] = (scores[klass] as number) + (weights[base + klass] as number) * value;
        }
      }
      softmaxInPlace(scores);
      for (let klass = 0; klass < classCount; klass += 1) {
        const error = classWeight * ((scores[klass] as number) - (klass === label ? 1 : 0));
        biasSquaredGradients[klass] = (biasSquaredGradients[klass] as number) + error * error;
        bias[klass] =
          (bias[klass] as number) -
          (options.learningRate * error) / Math.sqrt(biasSquaredGradients[klass] as number);
        for (let slot = 0; slot < example.indices.length; slot += 1) {
          const at = (example.indices[slot] as number) * classCount + klass;
          const current = weights[at] as number;
          const gradient = error * (example.values[slot] as number) + options.l2 * current;
          squaredGradients[at] = (squaredGradients[at] as number) + gradient * gradient;
          weights[at] =
            current - (options.learningRate * gradient) / Math.sqrt(squaredGradients[at] as number);
        }
      }
    }
  }
  return { classCount, featureCount, weights, bias };
}
