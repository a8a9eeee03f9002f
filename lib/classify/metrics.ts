import { seededRandom, seededShuffle } from './learn';

/** Evaluation arithmetic for scripts/eval-classifier.ts: confusion matrix, P/R/F1, folds. */

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationReport {
  labels: readonly string[];
  /** confusion[actual][predicted] */
  confusion: number[][];
  perClass: ClassReport[];
  macroF1: number;
  accuracy: number;
  total: number;
}

export function evaluate(
  labels: readonly string[],
  actual: readonly string[],
  predicted: readonly string[],
): EvaluationReport {
  if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
  const position = new Map(labels.map((label, index) => [label, index]));
  const confusion = labels.map(() => labels.map(() => 0));
  actual.forEach((label, index) => {
    const row = position.get(label);
    const column = position.get(predicted[index] as string);
    if (row === undefined || column === undefined)
      throw new Error(`unknown label "${label}" or "${predicted[index]}"`);
    (confusion[row] as number[])[column] = ((confusion[row] as number[])[column] as number) + 1;
  });
  const perClass = labels.map((label, index) => {
    const truePositives = (confusion[index] as number[])[index] as number;
    const support = (confusion[index] as number[]).reduce((sum, count) => sum + count, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + (row[index] as number), 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce(
    (sum, _, index) => sum + ((confusion[index] as number[])[index] as number),
    0,
  );
  return {
    labels,
    confusion,
    perClass,
    macroF1: perClass.reduce((sum, entry) => sum + entry.f1, 0) / labels.length,
    accuracy: actual.length === 0 ? 0 : correct / actual.length,
    total: actual.length,
  };
}

/** Stratified k-fold: each fold gets a near-equal share of every label, in a seeded order. */
export function stratifiedFolds(labels: readonly string[], foldCount: number, seed: number): number[] {
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length).fill(0);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, index) => {
    byLabel.set(label, [...(byLabel.get(label) ?? []), index]);
  });
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    seededShuffle(byLabel.get(label) ?? [], random).forEach((rowIndex, order) => {
      folds[rowIndex] = (order + offset) % foldCount;
    });
    offset += (byLabel.get(label) ?? []).length;
  }
  return folds;
}

/** One fold per group (leave-one-group-out): fold numbers follow the groups' sorted names. */
export function groupFolds(groups: readonly string[]): { folds: number[]; names: string[] } {
  const names = [...new Set(groups)].sort();
  const position = new Map(names.map((name, index) => [name, index]));
  return { folds: groups.map((group) => position.get(group) as number), names };
}

export function formatReport(report: EvaluationReport, title: string): string {
  const width = Math.max(9, ...report.labels.map((label) => label.length));
  const number = (value: number) => value.toFixed(3).padStart(9);
  const lines = [
    title,
    `${'class'.padEnd(width)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)} ${'support'.padStart(9)}`,
  ];
  for (const entry of report.perClass) {
    lines.push(
      `${entry.label.padEnd(width)} ${number(entry.precision)} ${number(entry.recall)} ${number(entry.f1)} ${String(entry.support).padStart(9)}`,
    );
  }
  lines.push(
    `macro-F1 ${report.macroF1.toFixed(3)}   accuracy ${report.accuracy.toFixed(3)}   n=${report.total}`,
  );
  lines.push('', `confusion matrix (rows: actual, columns: predicted)`);
  lines.push(`${''.padEnd(width)} ${report.labels.map((label) => label.padStart(width)).join(' ')}`);
  report.labels.forEach((label, row) => {
    lines.push(
      `${label.padEnd(width)} ${(report.confusion[row] as number[]).map((count) => String(count).padStart(width)).join(' ')}`,
    );
  });
  return lines.join('\n');
}
