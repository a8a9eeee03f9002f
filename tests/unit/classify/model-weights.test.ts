import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  datasetsDirectory,
  MODEL_PATH,
  serializeModel,
  trainFromDevelopmentData,
} from '../../../lib/classify/node-datasets';

describe('committed model weights', () => {
  it('are exactly what the training script produces from the development datasets', () => {
    const directory = datasetsDirectory();
    expect(existsSync(resolve(directory, 'complaints-dev.csv')), `datasets not found in ${directory}`).toBe(
      true,
    );
    const committed = readFileSync(MODEL_PATH, 'utf8');
    const retrained = serializeModel(trainFromDevelopmentData());
    // Compare parsed first for a readable diff, then byte for byte.
    expect(JSON.parse(retrained)).toEqual(JSON.parse(committed));
    expect(retrained).toBe(committed);
  }, 120_000);

  it('stay small', () => {
    expect(readFileSync(MODEL_PATH).length).toBeLessThan(300 * 1024);
  });
});
