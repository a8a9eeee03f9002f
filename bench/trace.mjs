// DevTools tracing for a probed page, and attribution of main-thread time to the content script by
// script URL: its evaluation (EvaluateScript) and every top-level call into it (FunctionCall: its
// message-channel tasks, MutationObserver callbacks, timers, event listeners). The content script does
// its work only in such tasks and callbacks (promise continuations just hand work over), so this is all
// of it. Each event carries wall time (dur) and the main thread's CPU time (tdur); the report uses CPU
// time, which other processes on a busy machine do not inflate.

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'toplevel',
  'blink.user_timing',
];

export async function startTrace(probe) {
  const events = [];
  const onData = ({ value }) => {
    for (const event of value) events.push(event);
  };
  probe.cdp.on('Tracing.dataCollected', onData);
  await probe.cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES },
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => probe.cdp.once('Tracing.tracingComplete', resolve));
      await probe.cdp.send('Tracing.end');
      await complete;
      probe.cdp.off('Tracing.dataCollected', onData);
      return events;
    },
  };
}

function urlOf(event) {
  return event.args?.data?.url ?? '';
}

/**
 * The content script's evaluations and calls (outermost only) on the page's main thread, and the
 * marks named parley:* (console.timeStamp) or bench:* (performance.mark) (trace clock, µs). Times in ms: wall `ms`, CPU `cpuMs`.
 * scriptUrls: every script of the content script (the always-loaded part and the engine it loads);
 * each entry keeps its script's `url`.
 */
export function contentScriptActivity(events, scriptUrls) {
  const urls = Array.isArray(scriptUrls) ? scriptUrls : [scriptUrls];
  const ours = (event) =>
    event.ph === 'X' &&
    (event.name === 'EvaluateScript' || event.name === 'FunctionCall') &&
    urls.some((url) => urlOf(event).includes(url));
  const anchor = events.find(ours);
  // Parley's marks are console.timeStamp events (lib/content/work-clock.ts); the benchmarks' own are
  // performance marks of the page.
  const marks = events
    .flatMap((event) => {
      if (event.name === 'TimeStamp' && String(event.args?.data?.message ?? '').startsWith('parley:'))
        return [{ name: event.args.data.message, ts: event.ts }];
      if (String(event.cat).includes('blink.user_timing') && event.name.startsWith('bench:'))
        return [{ name: event.name, ts: event.ts }];
      return [];
    })
    .sort((a, b) => a.ts - b.ts);
  if (!anchor) return { found: false, evaluations: [], calls: [], marks, longTasks: [] };
  const counted = events
    .filter((event) => ours(event) && event.pid === anchor.pid && event.tid === anchor.tid)
    .sort((a, b) => a.ts - b.ts);
  const evaluations = [];
  const calls = [];
  let coveredUntil = -1;
  for (const event of counted) {
    if (event.ts < coveredUntil) continue; // nested in one already counted
    coveredUntil = event.ts + (event.dur ?? 0);
    const entry = {
      url: urls.find((url) => urlOf(event).includes(url)),
      ts: event.ts,
      end: event.ts + (event.dur ?? 0),
      ms: (event.dur ?? 0) / 1000,
      cpuMs: (event.tdur ?? event.dur ?? 0) / 1000,
    };
    (event.name === 'EvaluateScript' ? evaluations : calls).push(entry);
  }
  // Tasks of 50 ms or more on the page's main thread, and whether the content script ran in them.
  const ourSpans = [...evaluations, ...calls];
  const longTasks = events
    .filter(
      (event) =>
        event.ph === 'X' &&
        event.name === 'RunTask' &&
        event.pid === anchor.pid &&
        event.tid === anchor.tid &&
        (event.dur ?? 0) >= 50_000,
    )
    .map((event) => ({
      ts: event.ts,
      ms: event.dur / 1000,
      cpuMs: (event.tdur ?? event.dur) / 1000,
      withContentScript: ourSpans.some((span) => span.ts >= event.ts && span.ts < event.ts + event.dur),
    }));
  return { found: true, evaluations, calls, marks, longTasks };
}

/** Sums of wall and CPU ms over entries, optionally those starting within [from, to). */
export function total(entries, from = -Infinity, to = Infinity) {
  let ms = 0;
  let cpuMs = 0;
  let count = 0;
  let longestMs = 0;
  let longestCpuMs = 0;
  if (Number.isNaN(from) || Number.isNaN(to))
    return { ms: Number.NaN, cpuMs: Number.NaN, count: 0, longestMs: 0, longestCpuMs: 0 };
  for (const entry of entries) {
    if (entry.ts < from || entry.ts >= to) continue;
    ms += entry.ms;
    cpuMs += entry.cpuMs;
    count += 1;
    longestMs = Math.max(longestMs, entry.ms);
    longestCpuMs = Math.max(longestCpuMs, entry.cpuMs);
  }
  return { ms, cpuMs, count, longestMs, longestCpuMs };
}
