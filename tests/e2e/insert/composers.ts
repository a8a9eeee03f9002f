/**
 * The site composer mounts (tests/fixtures/composers/<name>.js|jsx) bundled with the real editor libraries
 * from npm, written to tests/fixtures/composers/dist/ (build output, not committed) so the fixture pages can
 * load them from serveFixturePages' /__fixtures__/ route like a site loads its own scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const COMPOSERS_DIR = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'composers');
const DIST = path.join(COMPOSERS_DIR, 'dist');

/** Bundles the named composer mounts in one esbuild run (a few seconds on two cores). */
export async function buildComposers(names: string[]): Promise<void> {
  const files = readdirSync(COMPOSERS_DIR);
  const entryPoints = names.map((name) => {
    const file = files.find((candidate) => candidate === `${name}.js` || candidate === `${name}.jsx`);
    if (!file) throw new Error(`No composer mount named ${name} in ${COMPOSERS_DIR}`);
    return path.join(COMPOSERS_DIR, file);
  });
  await build({
    entryPoints,
    outdir: DIST,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.css': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/**
 * A site fixture page as the site would serve it with its composer script: the fixture's HTML plus a
 * <script src> for the mount, loaded from /__fixtures__/ on the site's own origin.
 */
export function pageWithComposer(fixtureFile: string, composer: string): string {
  const html = readFileSync(path.join(COMPOSERS_DIR, '..', fixtureFile), 'utf8');
  const script = `<script src="/__fixtures__/composers/dist/${composer}.js"></script>`;
  const end = html.lastIndexOf('</body>');
  if (end < 0) throw new Error(`${fixtureFile} has no </body>`);
  return `${html.slice(0, end)}${script}\n${html.slice(end)}`;
}
