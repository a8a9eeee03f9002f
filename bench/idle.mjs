// Idle page cost (measure 4): an X timeline where nothing mentions the brand, which updates itself the
// way X does (relative times and counters change every second). Counts everything the content script
// costs the page's main thread from load to the end of the idle window.
import { xTimelinePage } from './fixtures/x-timeline.mjs';
import { contentScriptUrls } from './scan.mjs';
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
    const engineLoaded = activity.evaluations.some((entry) => entry.url !== contentScriptUrls(session)[0]);
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
