import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/policy/default-policy';
import type { Policy } from '../../../lib/policy/schema';
import { renderPolicyYaml } from '../../../lib/policy/yaml';

const repoRoot = resolve(__dirname, '../../..');
const tsxCli = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'parley-analyze-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runAnalyze(args: string[], input: string) {
  const result = spawnSync(process.execPath, [tsxCli, 'scripts/analyze.ts', ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
  return { status: result.status, lines, stderr: result.stderr };
}

function jsonLines(...values: unknown[]): string {
  return `${values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('\n')}\n`;
}

/** The parts of a result line that come from the matcher (classification fields are checked separately). */
function matchPart(line: Record<string, unknown>) {
  return 'error' in line ? line : { matches: line.matches, ownAccount: line.ownAccount };
}

describe('npm run analyze', () => {
  it('prints the demo brand matches, own-account flag and classification per line, and an error line for bad input', () => {
    const input = jsonLines(
      { text: 'Acme lost my parcel, @acmehelp! It never arrived 😡', platform: 'x', author: 'sam' },
      '',
      '{not json',
      { text: 42 },
      { text: 'Sorry about that, DM us', platform: 'x', author: '@ACMEHELP' },
      { text: 'Acme Brick delivered', platform: 'bluesky' },
      { text: 'hi', platform: 'myspace' },
    );
    const { status, lines } = runAnalyze([], input);
    expect(status).toBe(0);
    expect(lines.map(matchPart)).toEqual([
      {
        matches: [
          { start: 0, end: 4, term: 'Acme', kind: 'name', text: 'Acme' },
          { start: 21, end: 30, term: 'acmehelp', kind: 'handle', text: '@acmehelp' },
        ],
        ownAccount: false,
      },
      { line: 3, error: 'not valid JSON' },
      { line: 4, error: '"text" must be a string' },
      { matches: [], ownAccount: true },
      { matches: [], ownAccount: false },
      { line: 7, error: expect.stringContaining('"platform" must be one of') },
    ]);
    const lost = lines[0] as {
      category: string;
      severity: number;
      sentiment: { label: string };
      reasons: unknown[];
    };
    expect(lost.category).toBe('complaint');
    expect(lost.severity).toBeGreaterThanOrEqual(2);
    expect(lost.sentiment.label).toBe('negative');
    expect(lost.reasons.length).toBeGreaterThan(0);
  });

  it('reads the brand and rules from a YAML policy file', () => {
    const policyPath = join(scratch, 'policy.yaml');
    const policy: Policy = {
      ...DEFAULT_POLICY,
      brand: {
        ...DEFAULT_POLICY.brand,
        name: 'Globex',
        names: ['Globex'],
        aliases: [],
        handles: ['globexcare'],
        hashtags: [],
        domains: [],
        misspellings: [],
        exclusions: [],
        ownAccounts: [{ platform: 'mastodon', handle: 'care@globex.social' }],
      },
    };
    writeFileSync(policyPath, renderPolicyYaml(policy));
    const input = jsonLines(
      { text: 'GLOBEX and Acme' },
      { text: 'we are on it', platform: 'mastodon', author: 'care@globex.social' },
    );
    const { status, lines } = runAnalyze(['--policy', policyPath], input);
    expect(status).toBe(0);
    expect(lines.map(matchPart)).toEqual([
      { matches: [{ start: 0, end: 6, term: 'Globex', kind: 'name', text: 'GLOBEX' }], ownAccount: false },
      { matches: [], ownAccount: true },
    ]);
  });

  it('refuses an invalid policy with its line:column errors and exit code 2', () => {
    const policyPath = join(scratch, 'bad.yaml');
    writeFileSync(policyPath, 'version: 1\nbrand:\n  name: X\n  names: [1]\n');
    const { status, lines, stderr } = runAnalyze(['--policy', policyPath], jsonLines({ text: 'x' }));
    expect(status).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/bad\.yaml:4:\d+ +brand\.names/);
  });
});
