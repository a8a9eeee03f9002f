#!/usr/bin/env node
// Bundles the fixture editor pages (tests/fixtures/editors/*.js|jsx) with the real editor libraries from
// npm into tests/fixtures/editors/dist/<name>.js, plus the isolated-world test bundle of lib/editors. The
// end-to-end test calls buildFixtureEditors() first; the output is build output and is not committed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const FIXTURE_EDITORS_DIR = path.join(root, 'tests', 'fixtures', 'editors');
export const FIXTURE_EDITORS_DIST = path.join(FIXTURE_EDITORS_DIR, 'dist');
/** The lib/editors bundle the e2e test runs in an isolated world, exposing `ParleyEditorsTest`. */
export const EDITORS_TEST_ENTRY = path.join(root, 'tests', 'e2e', 'editors', 'isolated-entry.ts');

// draft-js 0.11 does not work with React 19 (it uses legacy string refs and findDOMNode), so its page gets
// React 18 through the npm aliases; every other page uses the project's React 19.
const REACT_18_PAGES = new Set(['draft-js']);

/** Fixture page names: every top-level .js/.jsx in the folder except the shared helper. */
export function fixtureEditorNames() {
  return readdirSync(FIXTURE_EDITORS_DIR)
    .filter((file) => /\.(js|jsx)$/.test(file) && file !== 'shared.js')
    .map((file) => file.replace(/\.(js|jsx)$/, ''))
    .sort();
}

export async function buildFixtureEditors({ names = fixtureEditorNames() } = {}) {
  const common = {
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.css': 'text' },
    // fbjs (under draft-js) still refers to Node's `global`.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'warning',
    legalComments: 'none',
  };
  const builds = names.map((name) => {
    const file = readdirSync(FIXTURE_EDITORS_DIR).find(
      (candidate) => candidate.replace(/\.(js|jsx)$/, '') === name,
    );
    if (!file) throw new Error(`No fixture editor named ${name} in ${FIXTURE_EDITORS_DIR}`);
    return build({
      ...common,
      entryPoints: [path.join(FIXTURE_EDITORS_DIR, file)],
      outfile: path.join(FIXTURE_EDITORS_DIST, `${name}.js`),
      alias: REACT_18_PAGES.has(name) ? { react: 'react18', 'react-dom': 'react-dom18' } : {},
    });
  });
  builds.push(
    build({
      ...common,
      entryPoints: [EDITORS_TEST_ENTRY],
      outfile: path.join(FIXTURE_EDITORS_DIST, 'parley-editors.js'),
      globalName: 'ParleyEditorsTest',
    }),
  );
  await Promise.all(builds);
  return { dist: FIXTURE_EDITORS_DIST, names };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const { names } = await buildFixtureEditors();
  console.log(`Built ${names.length} fixture editors + parley-editors.js in ${Date.now() - started} ms`);
}
