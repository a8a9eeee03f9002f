// Infinite scroll (measure 2): batches of posts appended to an X timeline the way the site does while
// the agent scrolls, and the content script's main-thread time per batch (its work clock: mutation
// callback, queue slices, reports and marking), plus long tasks in the page during the whole phase.
import { REPORTED_KINDS, xTimelineCells, xTimelinePage } from './fixtures/x-timeline.mjs';
import { contentScriptUrls } from './scan.mjs';
import { openProbedPage, URLS, waitForSettle } from './session.mjs';
import { percentile } from './stats.mjs';
import { contentScriptActivity, startTrace, total } from './trace.mjs';

const TIMELINE_HOST = '[aria-label="Timeline: Your Home Timeline"] > div';

export async function scrollRun(session, { initialPosts, batches, batchSize, pauseMs = 100 }) {
  const initial = xTimelinePage({ count: initialPosts, seed: 2 });
  session.serve(URLS.x, initial.html);
  const probe = await openProbedPage(session);
  try {
    await probe.page.goto(URLS.x, { waitUntil: 'load' });
    await waitForSettle(probe, { first: 'parley:scan:idle', quietMs: 300 });
    const phaseStart = await probe.page.evaluate(() => performance.now());
    const trace = await startTrace(probe);
    const perBatch = [];
    let reported = initial.expectedReported;
    for (let batch = 0; batch < batches; batch++) {
      const cells = xTimelineCells({ start: initialPosts + batch * batchSize, count: batchSize, seed: 2 });
      reported += cells.posts.filter((post) => REPORTED_KINDS.has(post.kind)).length;
      // Parse in one task, append in the next: the append task is then what the site's own code costs.
      await probe.page.evaluate((html) => {
        window.__parleyNextBatch = document.createRange().createContextualFragment(html);
      }, cells.html);
      await probe.page.waitForTimeout(pauseMs);
      const before = await probe.contentBusyMs();
      const appendedAt = await probe.page.evaluate(
        ({ selector, index }) => {
          performance.mark(`bench:batch:${index}`);
          document.querySelector(selector).append(window.__parleyNextBatch);
          return performance.now();
        },
        { selector: TIMELINE_HOST, index: batch },
      );
      const marks = await waitForSettle(probe, { sinceTime: appendedAt, quietMs: 250 });
      const after = await probe.contentBusyMs();
      perBatch.push({ ms: after - before, wallMs: marks[marks.length - 1].startTime - appendedAt });
    }
    const phaseEnd = await probe.page.evaluate(() => {
      performance.mark('bench:batch:end');
      return performance.now();
    });
    const events = await trace.stop();
    const activity = contentScriptActivity(events, contentScriptUrls(session));
    const batchMarks = activity.marks.filter((mark) => mark.name.startsWith('bench:batch:'));
    for (let batch = 0; batch < perBatch.length; batch++) {
      const span = total(
        activity.calls,
        batchMarks[batch]?.ts ?? Number.NaN,
        batchMarks[batch + 1]?.ts ?? Number.NaN,
      );
      perBatch[batch].cpuMs = span.cpuMs;
      perBatch[batch].tracedMs = span.ms;
      perBatch[batch].tasks = span.count;
      perBatch[batch].longestTaskMs = span.longestMs;
      perBatch[batch].longestTaskCpuMs = span.longestCpuMs;
    }
    const longTasks = (await probe.longTasks()).filter(
      (task) => task.startTime >= phaseStart && task.startTime <= phaseEnd,
    );
    const marked = await probe.page.evaluate(() => document.querySelectorAll('[data-parley-mention]').length);
    const times = perBatch.map((entry) => entry.cpuMs);
    const wallTimes = perBatch.map((entry) => entry.tracedMs);
    return {
      batches,
      batchSize,
      traced: batchMarks.length === batches + 1,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      wallTaskP50: percentile(wallTimes, 50),
      wallTaskP95: percentile(wallTimes, 95),
      clockP95: percentile(
        perBatch.map((entry) => entry.ms),
        95,
      ),
      longestTaskMs: Math.max(...perBatch.map((entry) => entry.longestTaskMs)),
      longestTaskCpuMs: Math.max(...perBatch.map((entry) => entry.longestTaskCpuMs)),
      wallP50: percentile(
        perBatch.map((entry) => entry.wallMs),
        50,
      ),
      longTasks: longTasks.length,
      longTasksWithContentScript: activity.longTasks.filter((task) => task.withContentScript).length,
      longTasksLongInCpu: activity.longTasks.filter((task) => task.cpuMs >= 50).length,
      longestLongTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      marked,
      expected: reported,
      perBatch,
    };
  } finally {
    await probe.close();
  }
}
