import path from 'node:path';
import { build } from 'esbuild';

/** Bundles kit/entry.ts into one IIFE (global `parleyKit`) to evaluate in extension contexts. */
export async function buildKit(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'parleyKit',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no kit bundle');
  // Zod compiles validators with new Function unless told not to; extension pages forbid eval, and its
  // probe for that is fooled by DevTools evaluation, so jitless is set before any schema is built.
  // The trailing assignment defines the global in a worker and a page alike.
  const jitless =
    'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });';
  return `${jitless}\n${output.text}\nglobalThis.parleyKit = parleyKit;`;
}
