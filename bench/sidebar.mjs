// Sidebar at scale (measure 5, and the sidebar's heap for measure 6): a case-history database of
// 100,000 customers and 1,000,000 mentions in the extension's real IndexedDB, then a click on a post's
// marker until the sidebar shows that customer's history, and the history query's latency.
//
// Seeding a million mentions takes minutes, so the seeded profile is kept in bench/out/ and reused
// (it is rebuilt when the plan changes or with --reseed). Seeding runs in pieces, each recorded, so an
// interrupted run resumes.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR } from './bundle.mjs';
import { xTimelinePage } from './fixtures/x-timeline.mjs';
import { openProbedPage, setActivePolicy, startSession, URLS, waitForSettle } from './session.mjs';
import { percentile } from './stats.mjs';

/** An extension-origin document with no app of its own: the bench's tools run there. */
const TOOL_PATH = '/manifest.json';

async function openToolPage(session, toolsCode) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}${TOOL_PATH}`);
  await page.evaluate(toolsCode);
  return page;
}

export function profileDirFor({ customers, mentionsPerCustomer }) {
  return path.join(OUT_DIR, `profile-${customers}x${mentionsPerCustomer}`);
}

/**
 * Starts a session on the kept profile with the snapshot's own background.js. Why: Chromium keeps an
 * extension's service worker registered in the profile and, while the extension's version is unchanged,
 * starts the copy it stored at registration, not the rebuilt file: the click path would run the
 * background of whichever build first used the profile. Dropping the profile's service-worker
 * registration (registrations and their script cache only; IndexedDB and extension storage stay) makes
 * Chromium register the current build at start.
 */
function startOnProfile(extensionDir, profileDir) {
  rmSync(path.join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
  return startSession({ extensionDir, userDataDir: profileDir });
}

/**
 * Makes sure the profile at profileDir holds the seeded database. Returns how long seeding took now
 * (0 when the profile was reused).
 */
export async function ensureSeeded({
  extensionDir,
  toolsCode,
  customers,
  mentionsPerCustomer,
  pieces,
  reseed,
  log,
}) {
  const profileDir = profileDirFor({ customers, mentionsPerCustomer });
  if (reseed) rmSync(profileDir, { recursive: true, force: true });
  if (!existsSync(profileDir)) mkdirSync(profileDir, { recursive: true });
  const plan = `${customers}x${mentionsPerCustomer}/${pieces}`;
  const perPiece = Math.ceil(customers / pieces);
  const session = await startOnProfile(extensionDir, profileDir);
  const started = Date.now();
  try {
    const tool = await openToolPage(session, toolsCode);
    const counts = await tool.evaluate(() => globalThis.parleyBench.counts());
    const done = counts.seeded?.plan === plan ? new Set(counts.seeded.pieces) : new Set();
    if (done.size === pieces) return { profileDir, plan, perPiece, seededSeconds: 0, counts };
    if (done.size === 0) await tool.evaluate(() => globalThis.parleyBench.reset());
    for (let piece = 1; piece <= pieces; piece++) {
      if (done.has(piece)) continue;
      const result = await tool.evaluate((options) => globalThis.parleyBench.seedPiece(options), {
        customers: perPiece,
        mentionsPerCustomer,
        seed: piece,
        plan,
      });
      log(
        `  seeded piece ${piece}/${pieces}: ${result.counts.mentions.toLocaleString('en-US')} mentions in ${result.seconds.toFixed(0)} s`,
      );
    }
    const after = await tool.evaluate(() => globalThis.parleyBench.counts());
    return { profileDir, plan, perPiece, seededSeconds: (Date.now() - started) / 1000, counts: after };
  } finally {
    await session.close();
  }
}

/**
 * Runs in every extension frame (the sidebar iframe): records when the case history for a mention is
 * on screen, i.e. the customer's timeline lists that mention as the current one.
 */
function sidebarFrameProbe() {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/sidebar.html')) return;
  const seen = [];
  Object.defineProperty(window, '__parleySidebarProbe', { value: seen });
  const check = () => {
    const current = document.querySelector('[data-testid="timeline"] li.current[data-mention-id]');
    const key = current?.getAttribute('data-mention-id');
    if (key && !seen.some((entry) => entry.key === key))
      seen.push({ key, at: performance.timeOrigin + performance.now() });
  };
  const observer = new MutationObserver(check);
  const start = () =>
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** Main world of the site page: when each marker click happened (absolute time, like the frame's). */
function recordClicks() {
  const clicks = [];
  Object.defineProperty(window, '__parleyClicks', { value: clicks });
  window.addEventListener(
    'click',
    (event) => {
      const post = event.target instanceof Element ? event.target.closest('[data-parley-post-id]') : null;
      if (post)
        clicks.push({
          key: `x:${post.getAttribute('data-parley-post-id')}`,
          at: performance.timeOrigin + event.timeStamp,
        });
    },
    true,
  );
}

async function waitFor(check, timeoutMs, page) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await page.waitForTimeout(25);
  }
}

export async function sidebarRun({
  extensionDir,
  profileDir,
  toolsCode,
  policy,
  perPiece,
  pieces,
  clicks,
  historyRuns,
  log,
}) {
  const session = await startOnProfile(extensionDir, profileDir);
  try {
    await session.context.addInitScript(sidebarFrameProbe);
    await setActivePolicy(session, policy);
    const tool = await openToolPage(session, toolsCode);
    const counts = await tool.evaluate(() => globalThis.parleyBench.counts());

    // History query where the sidebar's queries run (the service worker), straight on the database …
    await session.worker.evaluate(toolsCode);
    const direct = await session.worker.evaluate(
      (options) => globalThis.parleyBench.historyTimings(options),
      { runs: historyRuns, customersPerPiece: perPiece, pieces, limit: 20 },
    );
    // … and the way the sidebar asks: a message to the background and back.
    const viaMessage = await tool.evaluate(
      async ({ runs, perPiece: customersPerPiece, pieces: pieceCount }) => {
        let state = 777;
        const next = () => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 4_294_967_296;
        };
        const timings = [];
        for (let run = 0; run < runs; run++) {
          const piece = 1 + Math.floor(next() * pieceCount);
          const index = Math.floor(next() * customersPerPiece);
          const customerId = `cu_seed${piece}_${index.toString().padStart(8, '0')}`;
          const started = performance.now();
          await chrome.runtime.sendMessage({
            type: 'sidebar:query',
            payload: { name: 'customer-history', args: { customerId, limit: 20 } },
          });
          timings.push(performance.now() - started);
        }
        return timings;
      },
      { runs: historyRuns, perPiece, pieces },
    );
    const authors = (await tool.evaluate((count) => globalThis.parleyBench.xHandles(count), 200)).map(
      (row) => row.handle,
    );
    await tool.close();

    // A timeline whose authors are seeded customers (each with about ten mentions of history).
    const page = xTimelinePage({ count: 300, seed: 3, authorHandles: authors });
    session.serve(URLS.x, page.html);
    const probe = await openProbedPage(session);
    await probe.page.addInitScript(recordClicks);
    await probe.page.goto(URLS.x, { waitUntil: 'load' });
    await waitForSettle(probe, { first: 'parley:scan:idle' });
    const markers = probe.page.locator('button[data-parley-marker]');
    const markerCount = await markers.count();
    const latencies = [];
    let failure = null;
    for (let index = 0; index < Math.min(clicks, markerCount); index++) {
      const marker = markers.nth(index);
      const key = `x:${await marker.evaluate((button) => button.closest('[data-parley-post-id]')?.getAttribute('data-parley-post-id'))}`;
      await marker.click();
      const clickedAt = await waitFor(
        () =>
          probe.page.evaluate(
            (wanted) => window.__parleyClicks.find((click) => click.key === wanted)?.at ?? null,
            key,
          ),
        5_000,
        probe.page,
      );
      const frame = await waitFor(
        async () =>
          probe.page.frames().find((candidate) => candidate.url().includes('/sidebar.html')) ?? null,
        10_000,
        probe.page,
      );
      const shownAt = frame
        ? await waitFor(
            () =>
              frame
                .evaluate(
                  (wanted) => window.__parleySidebarProbe?.find((entry) => entry.key === wanted)?.at ?? null,
                  key,
                )
                .catch(() => null),
            15_000,
            probe.page,
          )
        : null;
      if (clickedAt === null || shownAt === null) {
        failure = `the case history for ${key} did not appear within 15 s${frame ? '' : ' (no sidebar frame)'}`;
        break;
      }
      latencies.push({ first: index === 0, ms: shownAt - clickedAt });
      await probe.page.waitForTimeout(300);
    }

    let sidebarHeapBytes = null;
    const frame = probe.page.frames().find((candidate) => candidate.url().includes('/sidebar.html'));
    if (frame) {
      try {
        const cdp = await session.context.newCDPSession(frame);
        await cdp.send('HeapProfiler.collectGarbage');
        sidebarHeapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      } catch (error) {
        log(`  (sidebar heap not measured: ${error.message})`);
      }
    }
    await probe.close();
    const warm = latencies.filter((entry) => !entry.first).map((entry) => entry.ms);
    return {
      counts,
      clicks: latencies.length,
      failure,
      firstOpenMs: latencies.find((entry) => entry.first)?.ms ?? null,
      warmP50: percentile(warm, 50),
      warmP95: percentile(warm, 95),
      allP95: percentile(
        latencies.map((entry) => entry.ms),
        95,
      ),
      historyDirect: {
        p50: percentile(direct.timings, 50),
        p95: percentile(direct.timings, 95),
        runs: direct.runs,
        openMs: direct.openMs,
      },
      historyViaMessage: {
        p50: percentile(viaMessage, 50),
        p95: percentile(viaMessage, 95),
        runs: viaMessage.length,
      },
      sidebarHeapBytes,
    };
  } finally {
    await session.close();
  }
}
