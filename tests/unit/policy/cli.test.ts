import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Spawns the real CLI (bin/parley.mjs → tsx → scripts/parley.ts) with the Node running the tests.
const repo = resolve(import.meta.dirname, '../../..');
let workDir: string;

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repo, 'bin/parley.mjs'), ...args], {
    cwd: workDir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not found`);
  return index + 1;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  // One starter file shared by the tests below (each spawn costs a TypeScript load).
  const init = parley('policy', 'init', 'policy.yaml');
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('npx parley policy', () => {
  it('init writes a commented starter that check accepts', () => {
    const text = readFileSync(join(workDir, 'policy.yaml'), 'utf8');
    expect(text.startsWith('# Parley policy:')).toBe(true);
    expect(text.split('\n').filter((line) => line.startsWith('#')).length).toBeGreaterThan(20);
    const result = parley('policy', 'check', 'policy.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^policy\.yaml: OK: Acme policy v1 \(updated \d{4}-\d\d-\d\dT[\d:]+Z\): \d+ templates/,
    );
    expect(result.stderr).toBe('');
  });

  it('init refuses to overwrite, and prints to stdout without a file', () => {
    const refused = parley('policy', 'init', 'policy.yaml');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('policy.yaml already exists; use --force to overwrite it.');
    const printed = parley('policy', 'init');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('\nbrand:\n  name: Acme\n');
  });

  it('init writes JSON to a .json file, and says why it cannot write instead of crashing', () => {
    const written = parley('policy', 'init', 'policy.json');
    expect(written.code).toBe(0);
    const data = JSON.parse(readFileSync(join(workDir, 'policy.json'), 'utf8'));
    expect(data.brand.name).toBe('Acme');
    expect(parley('policy', 'check', 'policy.json').code).toBe(0);
    const failed = parley('policy', 'init', join('no-such-folder', 'policy.yaml'));
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(
      `${join('no-such-folder', 'policy.yaml')}: cannot write: no such file or folder (ENOENT)`,
    );
  });

  it('check prints every error as file:line:column  path  message and exits 1', () => {
    const good = readFileSync(join(workDir, 'policy.yaml'), 'utf8');
    const broken = good
      .replace('version: 1', 'version: "1"')
      .replace('contactId: support-lead', 'contactId: support-leed')
      .replace('  firstResponseMinutes:', '  firstResponseMinutez:');
    writeFileSync(join(workDir, 'broken.yaml'), broken);
    const result = parley('policy', 'check', 'broken.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      `broken.yaml:${lineOf(broken, 'version: "1"')}:10  version  Expected a number, but "1" is in quotes, which makes it text: remove the quotes`,
      expect.stringMatching(
        new RegExp(
          `^broken\\.yaml:${lineOf(broken, 'support-leed')}:20  ratings\\[2\\]\\.resolution\\[3\\]\\.contactId  No escalation contact has id 'support-leed'`,
        ),
      ),
      `broken.yaml:${lineOf(broken, 'sla:')}:1  sla.firstResponseMinutes  Missing required key "firstResponseMinutes"`,
      `broken.yaml:${lineOf(broken, 'firstResponseMinutez')}:3  sla.firstResponseMinutez  Unknown key "firstResponseMinutez" (did you mean "firstResponseMinutes"?)`,
      'broken.yaml: 4 errors',
    ]);
  });

  it('check reports YAML syntax errors and unreadable files', () => {
    writeFileSync(join(workDir, 'syntax.yaml'), 'version: 1\nbrand:\n  names: [Acme\n');
    const syntax = parley('policy', 'check', 'syntax.yaml');
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/^syntax\.yaml:\d+:\d+ {2}\(root\) {2}\S/);
    const missing = parley('policy', 'check', 'nope.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.yaml: cannot read: no such file or folder (ENOENT)');
  });

  it('diff summarises what changed for agents', () => {
    const good = readFileSync(join(workDir, 'policy.yaml'), 'utf8');
    const next = good
      .replace('version: 1', 'version: 2')
      .replace(
        /crisis:\n {2}active: false/,
        'crisis:\n  active: true\n  summary: The Acme app is down for some customers.',
      )
      .replace('    4: 15', '    4: 10');
    writeFileSync(join(workDir, 'next.yaml'), next);
    const result = parley('policy', 'diff', 'policy.yaml', 'next.yaml');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'Policy v1 → v2',
      '- Crisis mode turned on: The Acme app is down for some customers.',
      '- First-response target for severity 4 changed from 15 to 10 minutes',
    ]);
  });

  it('diff warns when a change keeps the version and so would not reach agents', () => {
    const good = readFileSync(join(workDir, 'policy.yaml'), 'utf8');
    writeFileSync(join(workDir, 'same-version.yaml'), good.replace('    4: 15', '    4: 10'));
    const result = parley('policy', 'diff', 'policy.yaml', 'same-version.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'Policy v1 → v1',
      'Warning: the version is still 1 and updatedAt is not later; agents will keep the old policy. Raise version to 2.',
      '- First-response target for severity 4 changed from 15 to 10 minutes',
    ]);
    const dated = good
      .replace('    4: 15', '    4: 10')
      .replace(/^updatedAt: .*$/m, 'updatedAt: 2999-01-01T00:00:00Z');
    writeFileSync(join(workDir, 'same-version-later.yaml'), dated);
    const later = parley('policy', 'diff', 'policy.yaml', 'same-version-later.yaml');
    expect(later.stdout).not.toContain('Warning');
  });

  it('shows help, and exits 2 with usage on unknown commands', () => {
    const help = parley('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('policy check FILE');
    const unknown = parley('policy', 'lint', 'policy.yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("parley: unknown policy command 'lint'");
    expect(unknown.stderr).toContain('Usage: parley');
    expect(parley('deploy').code).toBe(2);
  });
});
