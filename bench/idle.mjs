// Idle page cost (measure 4): an X timeline where nothing mentions the brand, which updates itself the
// way X does (relative times and counters change every second). Counts everything the content script
// costs the page's main thread from load to the end of the idle window.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR } from './bundle.mjs';
import { xTimelinePage } from './fixtures/x-timeline.mjs';
import { contentScriptUrl, contentScriptUrls } from './scan.mjs';
import { openProbedPage, URLS, waitForSettle } from './session.mjs';
import { contentScriptActivity, startTrace, total } from './trace.mjs';

/** Page script: every second, like X, rewrites a few relative times and like counts in place. */
const LIVE_UPDATES = `<script>
(() => {
  let tick = 0;
  setInterval(() => {
    tick += 1;
    const times = document.querySelectorAll('article time');
    for (let index = tick % 7; index < times.length; index += 7) {
      const text = times[index].firstChild;
      if (text) text.data = (tick % 59) + 1 + 'm';
    }
    const counts = document.querySelectorAll('[data-testid="like"] [data-testid="app-text-transition-container"] span');
    const count = counts[tick % counts.length];
    if (count) count.textContent = String(tick);
  }, 1000);
})();
</script>`;

export function idlePage(posts) {
  return xTimelinePage({ count: posts, brandInText: false, extraBody: LIVE_UPDATES });
}

/**
 * The idle floor: the least a content script can do on this page and still do Parley's job. It asks
 * the background for its config (the same message), then, in a task of its own, watches the page
 * (one MutationObserver whose callback only reads each record) and reads every post's text once
 * (querySelectorAll, textContent) for one regular expression. No screen, no work clock, no engine.
 */
const FLOOR_CONTENT_SCRIPT = `(() => {
  const api = globalThis.chrome;
  api.runtime.onMessage.addListener(() => undefined);
  api.runtime.sendMessage({ type: 'content:get-scan-config', payload: { url: location.href } }).then((config) => {
    setTimeout(() => {
      const observer = new MutationObserver((records) => {
        let kinds = 0;
        for (const record of records) kinds += record.type.length;
        globalThis.floorKinds = kinds;
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      let text = '';
      for (const post of document.querySelectorAll('article[data-testid="tweet"]')) text += post.textContent;
      globalThis.floorHit = config.enabled && /acme/i.test(text);
    }, 0);
  });
})();
`;

/** The built extension with its content script replaced by the floor's (bench/out/idle-floor). */
export function idleFloorExtension(extensionDir) {
  const dir = path.join(OUT_DIR, 'idle-floor');
  cpSync(extensionDir, dir, { recursive: true, force: true });
  writeFileSync(path.join(dir, 'content-watcher.js'), FLOOR_CONTENT_SCRIPT);
  return dir;
}

/** The idle page with the floor's extension: its content script's CPU time, load to end of the window. */
export async function idleFloorRun(session, { posts, idleMs }) {
  session.serve(URLS.x, idlePage(posts).html);
  const probe = await openProbedPage(session);
  try {
    const trace = await startTrace(probe);
    await probe.page.goto(URLS.x, { waitUntil: 'load' });
    await probe.page.waitForTimeout(500 + idleMs);
    const events = await trace.stop();
    const activity = contentScriptActivity(events, contentScriptUrl(session));
    return {
      traced: activity.found,
      totalCpuMs: total(activity.evaluations).cpuMs + total(activity.calls).cpuMs,
      evaluateCpuMs: total(activity.evaluations).cpuMs,
    };
  } finally {
    await probe.close();
  }
}

export async function idleRun(session, { posts, idleMs }) {
  const page = idlePage(posts);
  session.serve(URLS.x, page.html);
  const probe = await openProbedPage(session);
  try {
    const trace = await startTrace(probe);
    await probe.page.goto(URLS.x, { waitUntil: 'load' });
    await waitForSettle(probe, { first: 'parley:scan:idle', quietMs: 200 });
    await probe.page.waitForTimeout(idleMs);
    const events = await trace.stop();
    const clockTotalMs = await probe.contentBusyMs();
    const marked = await probe.page.evaluate(() => document.querySelectorAll('[data-parley-mention]').length);
    const activity = contentScriptActivity(events, contentScriptUrls(session));
    const evaluation = total(activity.evaluations);
    const engineLoaded = activity.evaluations.some((entry) => entry.url !== contentScriptUrl(session));
    const calls = total(activity.calls);
    return {
      posts,
      idleMs,
      marked,
      traced: activity.found,
      evaluateCpuMs: evaluation.cpuMs,
      engineLoaded,
      evaluateMs: evaluation.ms,
      callsCpuMs: calls.cpuMs,
      callsMs: calls.ms,
      calls: calls.count,
      clockTotalMs,
      totalCpuMs: evaluation.cpuMs + calls.cpuMs,
      totalMs: evaluation.ms + calls.ms,
    };
  } finally {
    await probe.close();
  }
}
