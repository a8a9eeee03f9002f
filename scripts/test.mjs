#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find, ending with the
// runner's pass/fail counts. Each test counts once; typecheck, lint, builds and web-ext lint count as one
// check each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  if (only.length && !only.includes(label)) return;
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function vitest(label, extraArgs) {
  if (only.length && !only.includes(label)) return;
  const jsonFile = path.join(reports, `${label}.json`);
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
  ]);
  let counted = false;
  try {
    const summary = JSON.parse(readFileSync(jsonFile, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    for (const file of summary.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`${label}: ${test.fullName}`);
      }
    }
    counted = true;
    // A suite that fails to load has no failed tests but still fails the run.
    if (!ok && summary.numFailedTests === 0) {
      failed += 1;
      failures.push(`${label}: suite error (see output above)`);
    }
  } catch {
    // no report at all: the runner itself failed
  }
  if (!counted) {
    failed += 1;
    failures.push(`${label}: runner failed`);
  }
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
check('lint', 'npx', ['biome', 'check', '.']);
vitest('unit', []);
check('build-chrome', 'npx', ['wxt', 'build']);
check('build-firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
check('web-ext-lint', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv3',
  '--self-hosted',
  '--output',
  'text',
]);
vitest('e2e', ['--config', 'vitest.e2e.config.ts']);

if (failures.length) {
  console.log('\nFailed:');
  for (const failure of failures) console.log(`  ✗ ${failure}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
