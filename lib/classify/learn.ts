/**
 * Multinomial logistic regression trained by AdaGrad SGD with L2, fully deterministic: a seeded
 * PRNG orders the examples, the epoch count is fixed, and no step depends on timing or on
 * Math.random. Two classes give an ordinary logistic regression. A Newton-method fit serves the
 * few-feature stacked decision on top.
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

export interface SmallLogisticOptions {
  /** L2 penalty on the weights (not the bias). */
  l2: number;
  /** Per-class loss weights, as in trainSoftmax. */
  classWeights?: readonly number[];
  /** Newton steps; a handful converge for a few dense features. */
  iterations?: number;
}

export interface SmallLogistic {
  bias: number;
  weights: number[];
}

/**
 * Binary logistic regression over a few dense features by Newton's method: exact, no learning rate
 * and no example order, so the result depends on the data alone. Meant for a handful of features
 * (the Hessian is solved directly).
 */
export function fitSmallLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: SmallLogisticOptions,
): SmallLogistic {
  const size = (rows[0]?.length ?? 0) + 1;
  const coefficients = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < (options.iterations ?? 25); iteration += 1) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    rows.forEach((row, index) => {
      const label = labels[index] as number;
      const inputs = [1, ...row];
      let logit = 0;
      for (let at = 0; at < size; at += 1) logit += (inputs[at] as number) * (coefficients[at] as number);
      const probability = 1 / (1 + Math.exp(-logit));
      const weight = options.classWeights?.[label] ?? 1;
      const curvature = weight * probability * (1 - probability);
      for (let row = 0; row < size; row += 1) {
        gradient[row] = (gradient[row] as number) + weight * (probability - label) * (inputs[row] as number);
        const line = hessian[row] as number[];
        for (let column = 0; column < size; column += 1) {
          line[column] =
            (line[column] as number) + curvature * (inputs[row] as number) * (inputs[column] as number);
        }
      }
    });
    for (let at = 1; at < size; at += 1) {
      gradient[at] = (gradient[at] as number) + options.l2 * (coefficients[at] as number);
      (hessian[at] as number[])[at] = ((hessian[at] as number[])[at] as number) + options.l2;
    }
    const step = solveLinearSystem(hessian, gradient);
    for (let at = 0; at < size; at += 1)
      coefficients[at] = (coefficients[at] as number) - (step[at] as number);
  }
  return { bias: coefficients[0] as number, weights: coefficients.slice(1) };
}

/** Gaussian elimination with partial pivoting; matrix and vector are consumed. */
function solveLinearSystem(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (
        Math.abs((matrix[row] as number[])[column] as number) >
        Math.abs((matrix[pivot] as number[])[column] as number)
      )
        pivot = row;
    }
    [matrix[column], matrix[pivot]] = [matrix[pivot] as number[], matrix[column] as number[]];
    [vector[column], vector[pivot]] = [vector[pivot] as number, vector[column] as number];
    const lead = (matrix[column] as number[])[column] as number;
    if (lead === 0) continue;
    for (let row = 0; row < size; row += 1) {
      if (row === column) continue;
      const factor = ((matrix[row] as number[])[column] as number) / lead;
      if (factor === 0) continue;
      for (let at = column; at < size; at += 1) {
        (matrix[row] as number[])[at] =
          ((matrix[row] as number[])[at] as number) - factor * ((matrix[column] as number[])[at] as number);
      }
      vector[row] = (vector[row] as number) - factor * (vector[column] as number);
    }
  }
  return vector.map((value, at) => {
    const lead = (matrix[at] as number[])[at] as number;
    return lead === 0 ? 0 : value / lead;
  });
}
