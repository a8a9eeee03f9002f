// Browser session for the benchmarks: the production build (snapshotted so a concurrent rebuild cannot
// change it mid-run), fixture pages at the sites' real URLs, and helpers to read the content script's
// own work clock from its isolated world through DevTools.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../scripts/browser.mjs';
import { serveFixturePages } from '../scripts/site-pages.mjs';
import { OUT_DIR } from './bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['lib', 'entrypoints', 'components', 'public', 'wxt.config.ts', 'package.json'];
export const SNAPSHOT_DIR = path.join(OUT_DIR, 'chrome-mv3');
/** The extension's name in its manifest: Chromium names the content script's isolated world after it. */
const WORLD_NAME = 'Parley';

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Makes sure the production build of the checkout at `root` (this one by default) is current: builds
 * with `npx wxt build` when its sources are newer or the build is missing, then copies it to
 * bench/out/chrome-mv3. Returns the snapshot's directory.
 */
export function prepareExtension({ build = true, root = ROOT, log = console.error } = {}) {
  const builtDir = root === ROOT ? EXTENSION_DIR : path.join(root, '.output', 'chrome-mv3');
  const manifest = path.join(builtDir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (build && (builtAt === 0 || sourcesAt > builtAt)) {
    log(builtAt === 0 ? 'No production build: building…' : 'Sources changed since the last build: building…');
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } else if (builtAt === 0) {
    throw new Error(`No production build at ${builtDir} (run \`npx wxt build\`, or drop --no-build).`);
  }
  // Copied over in place, never deleted first: the extension's id (and so the seeded case-history
  // profile's database origin) follows from this path.
  cpSync(builtDir, SNAPSHOT_DIR, { recursive: true, force: true });
  return SNAPSHOT_DIR;
}

/** Collects long tasks in the page's main world (installed before any script). */
const PAGE_PROBE = `(() => {
  const bench = { longTasks: [] };
  Object.defineProperty(window, '__parleyBench', { value: bench });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** URLs the benchmarks serve pages at; their content is set with session.serve(url, html). */
export const URLS = {
  /** Matched by the content script (X). */
  x: 'https://x.com/home',
  /** The same kind of page on a host Parley does not run on: the baseline for memory. */
  baseline: 'https://bench.invalid/home',
};

export async function startSession({ extensionDir = SNAPSHOT_DIR, userDataDir } = {}) {
  const session = await launchWithExtension({ extensionDir, userDataDir });
  const contents = new Map();
  // Fixed URLs with swappable content: the fixture router keeps the page objects it was given.
  const pages = Object.values(URLS).map((url) => ({
    url,
    get html() {
      return contents.get(url) ?? '<!doctype html><title>empty</title>';
    },
  }));
  await serveFixturePages(session.context, pages);
  return {
    ...session,
    serve(url, html) {
      if (!pages.some((page) => page.url === url)) throw new Error(`not a bench URL: ${url}`);
      contents.set(url, html);
    },
    close: () => session.context.close(),
  };
}

/**
 * Opens a page with the probe installed and a DevTools session that tracks the content script's
 * isolated world. Returns helpers bound to that page.
 */
export async function openProbedPage(session) {
  const page = await session.context.newPage();
  await page.addInitScript(PAGE_PROBE);
  const cdp = await session.context.newCDPSession(page);
  let worldId = null;
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.name === WORLD_NAME && context.origin.startsWith('chrome-extension://')) worldId = context.id;
  });
  cdp.on('Runtime.executionContextsCleared', () => {
    worldId = null;
  });
  await cdp.send('Runtime.enable');
  return {
    page,
    cdp,
    /** Evaluates an expression in the content script's isolated world (null when it isn't there). */
    async inContentWorld(expression) {
      if (worldId === null) return null;
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        contextId: worldId,
        expression,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`content world: ${exceptionDetails.text}`);
      return result.value;
    },
    /** Like inContentWorld, awaiting a promise result. */
    async inContentWorldAsync(expression) {
      if (worldId === null) return null;
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        contextId: worldId,
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`content world: ${exceptionDetails.text}`);
      return result.value;
    },
    /** Total main-thread ms the content script's work clock has counted on this page so far. */
    async contentBusyMs() {
      return this.inContentWorld('globalThis.parleyWork ? globalThis.parleyWork.totalMs : null');
    },
    /** Parley's work marks (lib/content/work-clock.ts), kept in its isolated world: page clock. */
    async marks() {
      return (
        (await this.inContentWorld('globalThis.parleyWork ? globalThis.parleyWork.marks.slice() : []')) ?? []
      );
    },
    longTasks: () => page.evaluate(() => window.__parleyBench.longTasks.slice()),
    async heapUsedBytes() {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
    close: () => page.close(),
  };
}

/**
 * Waits until Parley's work on the page has settled: at least `minMarks` parley marks after
 * `sinceTime` (page clock), the last of them `quietMs` old with no newer one. Returns the marks seen.
 */
export async function waitForSettle(
  probe,
  { sinceTime = 0, quietMs = 400, timeoutMs = 60_000, first = null } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await probe.page.evaluate(() => performance.now());
    const state = { now, marks: (await probe.marks()).filter((mark) => mark.startTime >= sinceTime) };
    const relevant = state.marks.filter((mark) => mark.name.endsWith(':idle'));
    const last = relevant[relevant.length - 1];
    const sawFirst = first === null || state.marks.some((mark) => mark.name === first);
    if (last && sawFirst && state.now - last.startTime >= quietMs) return state.marks;
    if (Date.now() > deadline) throw new Error(`Parley did not settle within ${timeoutMs} ms`);
    await probe.page.waitForTimeout(50);
  }
}

/** Writes the active policy (extension storage key `policy.active`) through the service worker. */
export async function setActivePolicy(session, policy) {
  await session.worker.evaluate((record) => chrome.storage.local.set({ 'policy.active': record }), {
    policy,
    source: 'editor',
    appliedAt: new Date().toISOString(),
  });
}

export async function chromiumVersion(session) {
  const page = await session.context.newPage();
  try {
    const cdp = await session.context.newCDPSession(page);
    const { product, userAgent } = await cdp.send('Browser.getVersion');
    return { product, userAgent };
  } finally {
    await page.close();
  }
}
