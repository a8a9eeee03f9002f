#!/usr/bin/env node
// `npm run demo`: install if needed, build, and open Chromium with Parley loaded on the bundled demo pages
// (realistic pages of each supported site, served at their real URLs), running on the embedded default
// policy. `npm run demo -- --headless` (automatic when there is no display) runs the same demo headless
// and saves a screenshot of the sidebar on each page.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`Parley needs Node 22 or newer (this is ${process.version}). See .nvmrc.`);
  process.exit(1);
}

function step(label, command, commandArgs) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  step('Installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}
if (!args.has('--no-build')) step('Building the extension (wxt build)', 'npx', ['wxt', 'build']);

const { runDemo } = await import('./demo-run.mjs');
const headless =
  args.has('--headless') ||
  (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
try {
  await runDemo({ headless, outDir: path.join(root, '.output', 'demo') });
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
