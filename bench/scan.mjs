// Initial scan of a big X timeline (measures 1 and 3): the content script's first full pass against the
// floor (a bare TreeWalker reading every text node of the same DOM) and against a naive matcher
// (per-term regex over each post's innerText), all in the same page.

import { openProbedPage, URLS, waitForSettle } from './session.mjs';
import { median } from './stats.mjs';
import { contentScriptActivity, startTrace, total } from './trace.mjs';

/** The X adapter's post selector (lib/sites/screenable.ts), as the fixture's markup has it. */
const X_POST_SELECTOR = 'article[data-testid="tweet"]';

/** Main world: reads every text node once; the cost of looking at the page's text at all. */
function floorWalk(runs) {
  const results = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let nodes = 0;
    let chars = 0;
    while (walker.nextNode()) {
      nodes += 1;
      chars += walker.currentNode.data.length;
    }
    results.push({ ms: performance.now() - started, nodes, chars });
  }
  return results;
}

/**
 * The least a content script that looks at each post's text can do, in a world of its own created
 * for it (as a content script's is, so cold: no wrappers for the page's nodes, no compiled code):
 * find the posts and read each one's text once with one native call, joined in steps as the
 * screen does. The page-wide part of Parley's pass does this and screens the text.
 */
const BARE_READ = (selector) => `(() => {
  const started = performance.now();
  const posts = document.querySelectorAll(${JSON.stringify(selector)});
  const found = performance.now();
  let chars = 0;
  for (let step = 0; step < posts.length; step += 64) {
    let text = '';
    const end = Math.min(step + 64, posts.length);
    for (let index = step; index < end; index++) text += posts[index].textContent + '\u0001';
    chars += text.length;
  }
  return { findMs: found - started, readMs: performance.now() - found, posts: posts.length, chars };
})()`;

async function bareReadInNewWorld(probe, selector) {
  const { frameTree } = await probe.cdp.send('Page.getFrameTree');
  const { executionContextId } = await probe.cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'bench: bare read',
  });
  const { result, exceptionDetails } = await probe.cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    expression: BARE_READ(selector),
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`bare read: ${exceptionDetails.text}`);
  return result.value;
}

/** Main world: the naive approach, as a first extension would write it. */
function naiveScan({ terms, selector }) {
  const escapeTerm = (term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  void document.body.offsetHeight; // start from a clean layout, as the page would have it
  const started = performance.now();
  let matched = 0;
  for (const post of document.querySelectorAll(selector)) {
    const text = post.innerText;
    let hit = false;
    for (const term of terms) {
      if (new RegExp(`\\b${escapeTerm(term)}\\b`, 'i').test(text)) hit = true;
    }
    if (hit) matched += 1;
  }
  return { ms: performance.now() - started, matched };
}

/**
 * Loads the page, waits for Parley's first pass to settle and measures it from a trace (the content
 * script's tasks: CPU and wall time). Then, in the same page, the floor and the naive approach.
 */
export async function scanRun(session, { html, floorRuns = 5, naiveTerms = null, heapBaseline = false }) {
  session.serve(URLS.x, html);
  const probe = await openProbedPage(session);
  try {
    const trace = await startTrace(probe);
    await probe.page.goto(URLS.x, { waitUntil: 'load', timeout: 180_000 });
    const marks = await waitForSettle(probe, { first: 'parley:scan:idle', timeoutMs: 180_000 });
    const events = await trace.stop();
    const start = marks.find((mark) => mark.name === 'parley:scan:start');
    const idle = marks.find((mark) => mark.name === 'parley:scan:idle');
    const last = marks[marks.length - 1];
    if (!start || !idle) throw new Error('Parley marks missing: is the build instrumented?');
    const activity = contentScriptActivity(events, contentScriptUrls(session));
    const startMark = activity.marks.find((mark) => mark.name === 'parley:scan:start');
    const setupCall = activity.calls.find(
      (call) => startMark && call.ts <= startMark.ts && startMark.ts <= call.end,
    );
    // The engine's setup (its matcher compiled for the policy's terms) is setup too, as the watcher's is.
    const engineMark = activity.marks.find((mark) => mark.name === 'parley:engine:ready');
    const engineSetupCall = activity.calls.find(
      (call) => engineMark && call.ts <= engineMark.ts && engineMark.ts <= call.end,
    );
    const calls = activity.calls.filter((call) => call !== setupCall && call !== engineSetupCall);
    const pass = total(calls);
    const afterStart = activity.longTasks.filter(
      (task) => !startMark || task.ts + task.ms * 1000 >= startMark.ts,
    );
    const clockTotalMs = await probe.contentBusyMs();
    const marked = await probe.page.evaluate(() => ({
      reported: document.querySelectorAll('[data-parley-mention]').length,
      markers: document.querySelectorAll('button[data-parley-marker]').length,
    }));
    const longTasks = (await probe.longTasks()).filter(
      (task) => task.startTime + task.duration >= start.startTime && task.startTime <= last.startTime,
    );
    const heapBytes = heapBaseline ? await probe.heapUsedBytes() : null;
    const bareRead = await bareReadInNewWorld(probe, X_POST_SELECTOR);
    const floor = await probe.page.evaluate(floorWalk, floorRuns);
    const naive = naiveTerms
      ? await probe.page.evaluate(naiveScan, { terms: naiveTerms, selector: X_POST_SELECTOR })
      : null;
    return {
      traced: activity.found && Boolean(setupCall),
      evaluateCpuMs: total(activity.evaluations.filter((entry) => entry.url === contentScriptUrl(session)))
        .cpuMs,
      engineEvaluateCpuMs: total(
        activity.evaluations.filter((entry) => entry.url === contentEngineUrl(session)),
      ).cpuMs,
      setupCpuMs: (setupCall?.cpuMs ?? Number.NaN) + (engineSetupCall?.cpuMs ?? 0),
      setupMs: setupCall?.ms ?? Number.NaN,
      passCpuMs: pass.cpuMs,
      passMs: pass.ms,
      tasks: pass.count,
      longestTaskMs: pass.longestMs,
      longestTaskCpuMs: pass.longestCpuMs,
      clockPassMs: clockTotalMs - start.totalMs,
      wallMs: last.startTime - start.startTime,
      marked,
      longTasks: longTasks.length,
      longestLongTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      tracedLongTasks: afterStart.length,
      tracedLongTasksWithContentScript: afterStart.filter((task) => task.withContentScript).length,
      tracedLongTasksWithContentScriptCpu: afterStart.filter(
        (task) => task.withContentScript && task.cpuMs >= 50,
      ).length,
      floorFirstMs: floor[0].ms,
      floorMinMs: Math.min(...floor.map((run) => run.ms)),
      floorMedianMs: median(floor.map((run) => run.ms)),
      bareReadMs: bareRead.findMs + bareRead.readMs,
      bareRead,
      textNodes: floor[0].nodes,
      textChars: floor[0].chars,
      naive,
      heapBytes,
    };
  } finally {
    await probe.close();
  }
}

/** The content script's always-loaded part. */
export function contentScriptUrl(session) {
  return `chrome-extension://${session.extensionId}/content-watcher.js`;
}

/** Its engine, injected on demand into the same isolated world (lib/content/engine-handle.ts). */
export function contentEngineUrl(session) {
  return `chrome-extension://${session.extensionId}/content-engine.js`;
}

/** Every script the content script runs: its work is counted wherever it runs. */
export function contentScriptUrls(session) {
  return [contentScriptUrl(session), contentEngineUrl(session)];
}

/** JS heap of the same page where Parley does not run (the baseline for "heap added"). */
export async function baselineHeap(session, html) {
  session.serve(URLS.baseline, html);
  const probe = await openProbedPage(session);
  try {
    await probe.page.goto(URLS.baseline, { waitUntil: 'load', timeout: 180_000 });
    await probe.page.waitForTimeout(500);
    return await probe.heapUsedBytes();
  } finally {
    await probe.close();
  }
}
