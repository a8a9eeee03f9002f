import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../lib/classify/node-datasets';

function runEval(args: string[]) {
  const tsx = resolve(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');
  return spawnSync(process.execPath, [tsx, resolve(PROJECT_ROOT, 'scripts/eval-classifier.ts'), ...args], {
    encoding: 'utf8',
    cwd: PROJECT_ROOT,
    timeout: 60_000,
  });
}

describe('npm run eval', () => {
  const directory = mkdtempSync(join(tmpdir(), 'parley-eval-'));

  it('prints per-class scores, macro-F1 and the confusion matrix for a small file', () => {
    const file = join(directory, 'tiny.csv');
    writeFileSync(
      file,
      [
        'tweet_id,airline_sentiment,negativereason,airline,text,tweet_created',
        '1,negative,Late Flight,Acme,"@acme delayed 5 hours, worst airline ever",x',
        '2,positive,,Acme,@acme thank you so much for the great flight!,x',
        '3,neutral,,Acme,@acme what time does boarding start,x',
      ].join('\n'),
    );
    const result = runEval(['--data', file]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/negative\s+1\.000\s+1\.000\s+1\.000\s+1/);
    expect(result.stdout).toContain('macro-F1');
    expect(result.stdout).toContain('confusion matrix');
  }, 60_000);

  it('fails clearly on a missing file or an unknown format', () => {
    const missing = runEval(['--data', join(directory, 'nope.csv')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('not found');
    const file = join(directory, 'other.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const unknown = runEval(['--data', file]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('cannot tell the format');
    const badFormat = runEval(['--data', file, '--format', 'tweets']);
    expect(badFormat.stderr).toContain('--format must be complaints or airline');
    const badSeed = runEval(['--data', file, '--seed', 'soon']);
    expect(badSeed.status).not.toBe(0);
    expect(badSeed.stderr).toContain('--seed must be a whole number');
  }, 60_000);
});
