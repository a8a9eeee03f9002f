/**
 * `npm run eval -- --data FILE [--format complaints|airline] [--cv K|group] [--seed N]`
 *
 * Without --cv: classifies every row of FILE with the committed model and prints per-class
 * precision/recall/F1, macro-F1 and the confusion matrix. With --cv K: K-fold cross-validation,
 * retraining on FILE's other folds each time. With --cv group: one fold per group (per airline;
 * per brand domain for complaints, the random non-brand tweets spread evenly over the folds), which
 * estimates how the classifier does on brands it never saw. --seed N draws another K-fold split.
 *
 * complaints: complaint-vs-not, a post counting as a complaint when classified complaint or crisis.
 * airline: three-way sentiment from the classification's sentiment label.
 */
import { parseArgs } from 'node:util';
import { createClassifier } from '../lib/classify/classify';
import {
  type AirlineRow,
  type ComplaintRow,
  DatasetFormatError,
  parseAirlineCsv,
  parseComplaintsCsv,
  parseCsv,
  SENTIMENT_LABELS,
} from '../lib/classify/datasets';
import { classifierModel } from '../lib/classify/index';
import { evaluate, formatReport, groupFolds, stratifiedFolds } from '../lib/classify/metrics';
import type { ClassifierModel } from '../lib/classify/model';
import { readTextFile } from '../lib/classify/node-datasets';
import { trainComplaintModel, trainSentimentModel } from '../lib/classify/train';

const USAGE = 'usage: npm run eval -- --data FILE [--format complaints|airline] [--cv K|group] [--seed N]';
/** Default seed of the K-fold split; --seed N draws another split, to see how much a figure moves. */
const FOLD_SEED = 7;

type Format = 'complaints' | 'airline';

function fail(message: string): never {
  console.error(`eval-classifier: ${message}\n${USAGE}`);
  process.exit(1);
}

function detectFormat(text: string): Format {
  const header = (parseCsv(text.split(/\r?\n/, 1)[0] ?? '')[0] ?? []).map((name) => name.trim());
  if (header.includes('airline_sentiment')) return 'airline';
  if (header.includes('complaint')) return 'complaints';
  throw new DatasetFormatError(
    `cannot tell the format: the header (${header.join(', ')}) has neither "complaint" nor "airline_sentiment"; pass --format`,
  );
}

/** Fold number of each row: stratified K-fold, or one fold per group. */
function foldsFor(
  labels: readonly string[],
  groups: readonly string[],
  cv: string,
  seed: number,
): { folds: number[]; count: number; title: string } {
  if (cv === 'group') {
    const { folds, names } = groupFolds(groups);
    return {
      folds,
      count: names.length,
      title: `grouped cross-validation, one fold per group (${names.join(', ')})`,
    };
  }
  const count = Number(cv);
  if (!Number.isInteger(count) || count < 2 || count > labels.length)
    fail(`--cv must be "group" or an integer from 2 to ${labels.length}`);
  return {
    folds: stratifiedFolds(labels, count, seed),
    count,
    title: `stratified ${count}-fold cross-validation${seed === FOLD_SEED ? '' : ` (fold seed ${seed})`}`,
  };
}

function medianMicroseconds(samples: number[]): number {
  const sorted = samples.slice().sort((left, right) => left - right);
  return (sorted[Math.floor(sorted.length / 2)] ?? 0) * 1000;
}

function isComplaint(category: string): boolean {
  return category === 'complaint' || category === 'crisis';
}

function evaluateComplaints(rows: readonly ComplaintRow[], cv: string | undefined, seed: number): void {
  const labels = ['complaint', 'not complaint'];
  const actual = rows.map((row) => (row.complaint ? 'complaint' : 'not complaint'));
  const predicted = new Array<string>(rows.length);
  const modelOnly = new Array<string>(rows.length);
  const timings: number[] = [];
  const predict = (model: ClassifierModel, index: number) => {
    const classify = createClassifier(model);
    const started = performance.now();
    const result = classify({ text: (rows[index] as ComplaintRow).text });
    timings.push(performance.now() - started);
    predicted[index] = isComplaint(result.category) ? 'complaint' : 'not complaint';
    modelOnly[index] =
      result.complaintProbability >= model.complaint.threshold ? 'complaint' : 'not complaint';
  };
  let title = 'committed model';
  if (cv === undefined) {
    for (let index = 0; index < rows.length; index += 1) predict(classifierModel, index);
  } else {
    // Brand domains are the groups; random non-brand tweets have no brand to hold out, so they are
    // dealt round-robin over the brand folds instead of forming all-negative folds of their own.
    const brands = [...new Set(rows.map((row) => row.domain))]
      .filter((domain) => !domain.startsWith('random'))
      .sort();
    let dealt = 0;
    const groups = rows.map((row) =>
      brands.length > 1 && row.domain.startsWith('random')
        ? (brands[dealt++ % brands.length] as string)
        : row.domain,
    );
    const plan = foldsFor(actual, groups, cv, seed);
    title = plan.title;
    for (let fold = 0; fold < plan.count; fold += 1) {
      const training = rows.filter((_, index) => plan.folds[index] !== fold);
      const model: ClassifierModel = {
        ...classifierModel,
        complaint: trainComplaintModel(training, classifierModel.sentiment),
      };
      rows.forEach((_, index) => {
        if (plan.folds[index] === fold) predict(model, index);
      });
    }
  }
  console.log(
    formatReport(
      evaluate(labels, actual, predicted),
      `complaint vs not: ${title} (category complaint or crisis)`,
    ),
  );
  const bare = evaluate(labels, actual, modelOnly);
  console.log(
    `\nstacked complaint model alone (probability >= threshold, before cues and rules): macro-F1 ${bare.macroF1.toFixed(3)}`,
  );
  console.log(`median ${medianMicroseconds(timings).toFixed(0)} µs per classification`);
}

function evaluateAirline(rows: readonly AirlineRow[], cv: string | undefined, seed: number): void {
  const actual = rows.map((row) => row.sentiment);
  const predicted = new Array<string>(rows.length);
  const timings: number[] = [];
  const predict = (model: ClassifierModel, index: number) => {
    const classify = createClassifier(model);
    const started = performance.now();
    const result = classify({ text: (rows[index] as AirlineRow).text });
    timings.push(performance.now() - started);
    predicted[index] = result.sentiment.label;
  };
  let title = 'committed model';
  if (cv === undefined) {
    for (let index = 0; index < rows.length; index += 1) predict(classifierModel, index);
  } else {
    const plan = foldsFor(
      actual,
      rows.map((row) => row.airline),
      cv,
      seed,
    );
    title = plan.title;
    for (let fold = 0; fold < plan.count; fold += 1) {
      const training = rows.filter((_, index) => plan.folds[index] !== fold);
      const model: ClassifierModel = { ...classifierModel, sentiment: trainSentimentModel(training) };
      rows.forEach((_, index) => {
        if (plan.folds[index] === fold) predict(model, index);
      });
    }
  }
  console.log(formatReport(evaluate(SENTIMENT_LABELS, actual, predicted), `three-way sentiment: ${title}`));
  console.log(`\nmedian ${medianMicroseconds(timings).toFixed(0)} µs per classification`);
}

function main(): void {
  let values: { data?: string; format?: string; cv?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        format: { type: 'string' },
        cv: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.data) fail('--data FILE is required');
  if (values.format !== undefined && values.format !== 'complaints' && values.format !== 'airline') {
    fail(`--format must be complaints or airline, not "${values.format}"`);
  }
  const seed = values.seed === undefined ? FOLD_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a whole number, not "${values.seed}"`);
  try {
    const text = readTextFile(values.data, 'data file');
    const format = (values.format as Format | undefined) ?? detectFormat(text);
    if (format === 'complaints') {
      const rows = parseComplaintsCsv(text);
      if (rows.length === 0) throw new DatasetFormatError('the file has a header but no rows');
      evaluateComplaints(rows, values.cv, seed);
    } else {
      const rows = parseAirlineCsv(text);
      if (rows.length === 0) throw new DatasetFormatError('the file has a header but no rows');
      evaluateAirline(rows, values.cv, seed);
    }
  } catch (error) {
    if (error instanceof DatasetFormatError) fail(error.message);
    throw error;
  }
}

main();
