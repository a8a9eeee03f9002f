import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AirlineRow,
  type ComplaintRow,
  DatasetFormatError,
  parseAirlineCsv,
  parseComplaintsCsv,
} from './datasets';
import type { ClassifierModel } from './model';
import { trainClassifierModel } from './train';

/**
 * Node-only file access for the training and evaluation scripts and the weights test (never
 * imported by the extension). The datasets live outside the repo, in ../shared/datasets beside
 * the project root, or wherever PARLEY_DATASETS points.
 */

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MODEL_PATH = resolve(PROJECT_ROOT, 'lib/classify/model.json');

export function datasetsDirectory(): string {
  return process.env.PARLEY_DATASETS
    ? resolve(process.env.PARLEY_DATASETS)
    : resolve(PROJECT_ROOT, '../shared/datasets');
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetFormatError(
      code === 'ENOENT'
        ? `${what} not found: ${path}`
        : `cannot read ${what} ${path}: ${(error as Error).message}`,
    );
  }
}

export function loadComplaints(path = resolve(datasetsDirectory(), 'complaints-dev.csv')): ComplaintRow[] {
  return parseComplaintsCsv(readTextFile(path, 'complaints dataset'));
}

export function loadAirline(path = resolve(datasetsDirectory(), 'airline-dev.csv')): AirlineRow[] {
  return parseAirlineCsv(readTextFile(path, 'airline dataset'));
}

/** The model file's exact text: compact JSON plus a final newline. */
export function serializeModel(model: ClassifierModel): string {
  return `${JSON.stringify(model)}\n`;
}

export function trainFromDevelopmentData(): ClassifierModel {
  return trainClassifierModel({ complaints: loadComplaints(), airline: loadAirline() });
}
