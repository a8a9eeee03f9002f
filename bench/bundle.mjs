// Builds the bench-only bundles (bench/entries/*.ts) with esbuild into bench/out, for evaluation inside
// the extension's origin through DevTools (extension pages' CSP forbids script tags from elsewhere).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const OUT_DIR = path.resolve(import.meta.dirname, 'out');
const ROOT = path.resolve(import.meta.dirname, '..');

/** The entry's source in the checkout at root (its bench/entries import that checkout's lib/). */
function entryPath(name, root) {
  return path.join(root ?? ROOT, 'bench', 'entries', `${name}.ts`);
}

/** Bundles one entry as an IIFE and returns its source text. */
export async function bundleEntry(name, { root } = {}) {
  const outfile = path.join(OUT_DIR, `${name}.js`);
  await build({
    entryPoints: [entryPath(name, root)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outfile,
    logLevel: 'error',
  });
  return readFileSync(outfile, 'utf8');
}

/** Bundles one entry as an ES module for Node and imports it. */
export async function importNodeEntry(name, { root } = {}) {
  const outfile = path.join(OUT_DIR, `${name}.mjs`);
  await build({
    entryPoints: [entryPath(name, root)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outfile,
    logLevel: 'error',
    // CommonJS dependencies (sentiment) call require(); give the module one.
    banner: {
      js: "import { createRequire as parleyCreateRequire } from 'node:module'; const require = parleyCreateRequire(import.meta.url);",
    },
  });
  return import(`${pathToFileURL(outfile).href}?v=${Date.now()}`);
}
