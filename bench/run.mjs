// The benchmark run behind `npm run bench`: every measure in one Chromium session on the production
// build (the sidebar at scale in a second session on a seeded profile), a table on stdout and
// bench/results.json. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntry, importNodeEntry, OUT_DIR } from './bundle.mjs';
import { classifierTexts, classifyInNode, classifyInWorker } from './classifier.mjs';
import { brandTermsAsWritten, policyWithTermCount } from './fixtures/policies.mjs';
import { xTimelinePage } from './fixtures/x-timeline.mjs';
import { idleFloorExtension, idleFloorRun, idleRun } from './idle.mjs';
import { timeReplyChecks } from './reply-checks.mjs';
import { baselineHeap, scanRun } from './scan.mjs';
import { scrollRun } from './scroll.mjs';
import { chromiumVersion, prepareExtension, setActivePolicy, startSession } from './session.mjs';
import { ensureSeeded, sidebarRun } from './sidebar.mjs';
import { formatNumber, markdownTable, median, round } from './stats.mjs';

const FULL = {
  posts: 2_000,
  scanRuns: 5,
  noMentionRuns: 3,
  termRuns: 3,
  scroll: { initialPosts: 50, batches: 40, batchSize: 50, runs: 3 },
  idle: { posts: 40, idleMs: 10_000, runs: 3 },
  sidebar: { customers: 100_000, mentionsPerCustomer: 10, pieces: 10, clicks: 21, historyRuns: 300 },
  classifierMs: 3_000,
};

const QUICK = {
  posts: 500,
  scanRuns: 2,
  noMentionRuns: 2,
  termRuns: 2,
  scroll: { initialPosts: 50, batches: 10, batchSize: 50, runs: 1 },
  idle: { posts: 40, idleMs: 3_000, runs: 2 },
  sidebar: { customers: 10_000, mentionsPerCustomer: 10, pieces: 2, clicks: 5, historyRuns: 50 },
  classifierMs: 1_000,
};

function log(message) {
  process.stderr.write(`${message}\n`);
}

function check(value, goal) {
  if (!goal || !Number.isFinite(value)) return null;
  switch (goal.op) {
    case '<':
      return value < goal.value;
    case '<=':
      return value <= goal.value;
    case '==':
      return value === goal.value;
    default:
      throw new Error(`unknown goal operator ${goal.op}`);
  }
}

export async function runBenchmarks({
  quick = false,
  build = true,
  source = null,
  reseed = false,
  only = null,
  out = null,
}) {
  const config = quick ? QUICK : FULL;
  const wanted = (name) => !only || only.has(name);
  const started = Date.now();
  const figures = [];
  const details = {};
  const problems = [];
  const add = (figure) => {
    const pass = check(figure.value, figure.goal);
    figures.push({ ...figure, value: round(figure.value, 3), pass });
  };

  log(`Parley benchmarks (${quick ? 'quick' : 'full'} sizes)`);
  const root = source ? path.resolve(source) : undefined;
  const extensionDir = prepareExtension({ build, root, log });
  const toolsCode = await bundleEntry('extension-tools', { root });
  const nodeTools = await importNodeEntry('node-tools', { root });
  const defaultPolicy = nodeTools.DEFAULT_POLICY;

  // 6. Size
  if (wanted('size')) {
    const bundle = readFileSync(path.join(extensionDir, 'content-watcher.js'));
    const engine = readFileSync(path.join(extensionDir, 'content-engine.js'));
    const gzip = gzipSync(bundle, { level: 9 }).length;
    const engineGzip = gzipSync(engine, { level: 9 }).length;
    add({
      id: 'size.content.min',
      measure: 6,
      label: 'Content script, always loaded (content-watcher.js), minified',
      value: bundle.length / 1024,
      unit: 'kB',
      note: `gzip -9: ${formatNumber(gzip / 1024)} kB`,
    });
    add({
      id: 'size.engine.min',
      measure: 6,
      label: 'Its engine, loaded when a page has something to read (content-engine.js), minified',
      value: engine.length / 1024,
      unit: 'kB',
      note: `gzip -9: ${formatNumber(engineGzip / 1024)} kB`,
    });
    add({
      id: 'size.content.gzip',
      measure: 6,
      label: 'Content script, both parts, gzip -9',
      value: (gzip + engineGzip) / 1024,
      unit: 'kB',
      goal: { op: '<=', value: 50, unit: 'kB' },
    });
  }

  let chromium = null;
  const needsBrowser = ['scan', 'terms', 'idle', 'scroll', 'classifier'].some(wanted);
  if (needsBrowser) {
    const session = await startSession({ extensionDir });
    try {
      chromium = await chromiumVersion(session);
      log(`Chromium ${chromium.product}, extension ${session.extensionId}`);

      // 1. Initial scan vs the floor (and the naive approach), default policy
      if (wanted('scan')) {
        await setActivePolicy(session, defaultPolicy);
        const page = xTimelinePage({ count: config.posts });
        const naiveTerms = brandTermsAsWritten(defaultPolicy.brand);
        const runs = [];
        for (let run = 0; run < config.scanRuns; run++) {
          log(`scan: ${config.posts} posts, run ${run + 1}/${config.scanRuns}`);
          runs.push(await scanRun(session, { html: page.html, naiveTerms, heapBaseline: run === 0 }));
        }
        const baseline = await baselineHeap(session, page.html);
        const noMention = xTimelinePage({ count: config.posts, brandInText: false });
        const emptyRuns = [];
        for (let run = 0; run < config.noMentionRuns; run++) {
          log(`scan: ${config.posts} posts without mentions, run ${run + 1}/${config.noMentionRuns}`);
          emptyRuns.push(await scanRun(session, { html: noMention.html }));
        }
        for (const run of [...runs, ...emptyRuns])
          if (!run.traced) problems.push('scan: the content script was not found in the trace');
        for (const run of runs)
          if (run.marked.reported !== page.expectedReported)
            problems.push(`scan: marked ${run.marked.reported} posts, expected ${page.expectedReported}`);
        const pass = median(runs.map((run) => run.passCpuMs));
        const floor = median(runs.map((run) => run.floorMinMs));
        const floorCold = median(runs.map((run) => run.floorFirstMs));
        const bareRead = median(runs.map((run) => run.bareReadMs));
        const naive = median(runs.map((run) => run.naive.ms));
        const emptyPass = median(emptyRuns.map((run) => run.passCpuMs));
        const emptyFloor = median(emptyRuns.map((run) => run.floorMinMs));
        const emptyBareRead = median(emptyRuns.map((run) => run.bareReadMs));
        const candidates = page.posts.filter((post) => post.kind !== 'plain').length;
        details.scan = {
          posts: config.posts,
          reported: page.expectedReported,
          screenedIn: candidates,
          textNodes: runs[0].textNodes,
          textChars: runs[0].textChars,
          runs,
          noMentionRuns: emptyRuns,
        };
        add({
          id: 'scan.ratio',
          measure: 1,
          label: `First pass ÷ floor (${config.posts.toLocaleString('en-US')} posts, ${page.expectedReported} reported)`,
          value: pass / floor,
          unit: '×',
          goal: { op: '<=', value: 1.5, unit: '×' },
          note: `${formatNumber(pass)} ms vs TreeWalker ${formatNumber(floor)} ms (its cold first walk: ${formatNumber(floorCold)} ms, ${formatNumber(pass / floorCold)}×)`,
        });
        add({
          id: 'scan.pass',
          measure: 1,
          label: 'First pass: find, read, match, report, mark (content-script CPU time, main thread)',
          value: pass,
          unit: 'ms',
          note: `wall ${formatNumber(median(runs.map((run) => run.passMs)))} ms in ${formatNumber(median(runs.map((run) => run.tasks)))} tasks, longest task ${formatNumber(Math.max(...runs.map((run) => run.longestTaskCpuMs)))} ms CPU; classification runs in the service worker (measure 7)`,
        });
        add({
          id: 'scan.engineLoad',
          measure: 1,
          label: 'Loading the engine (evaluating content-engine.js, once per page with something to read)',
          value: median(runs.map((run) => run.engineEvaluateCpuMs)),
          unit: 'ms',
          note: 'not in the first pass above, as evaluating content-watcher.js is not',
        });
        add({
          id: 'scan.floor',
          measure: 1,
          label: 'Floor: TreeWalker reading every text node (fastest of 5, same page)',
          value: floor,
          unit: 'ms',
        });
        add({
          id: 'scan.bareRead',
          measure: 1,
          label:
            'Least a content script can do: find the posts and read each one’s text once (new isolated world, cold)',
          value: bareRead,
          unit: 'ms',
          note: `${formatNumber(bareRead / floor)}× the floor: finding ${formatNumber(median(runs.map((run) => run.bareRead.findMs)))} ms, reading ${formatNumber(median(runs.map((run) => run.bareRead.readMs)))} ms; the first pass is ${formatNumber(pass / bareRead)}× this`,
        });
        add({
          id: 'scan.naive',
          measure: 1,
          label: 'Naive: innerText + a regex per term per post',
          value: naive,
          unit: 'ms',
          note: `${formatNumber(naive / pass)}× Parley's time; finds ${runs[0].naive.matched} posts (no handles/own replies)`,
        });
        add({
          id: 'scan.wall',
          measure: 1,
          label: 'First pass, wall clock to last marker (incl. background classify + store)',
          value: median(runs.map((run) => run.wallMs)),
          unit: 'ms',
        });
        add({
          id: 'scan.longTasks',
          measure: 1,
          label: 'Long tasks (≥ 50 ms) holding content-script work during the first pass',
          value: Math.max(...runs.map((run) => run.tracedLongTasksWithContentScript)),
          unit: 'tasks',
          goal: { op: '==', value: 0, unit: 'tasks' },
          note: `worst run, wall clock; of those, ≥ 50 ms of CPU: ${Math.max(...runs.map((run) => run.tracedLongTasksWithContentScriptCpu))}; of any cause: ${Math.max(...runs.map((run) => run.longTasks))}`,
        });
        add({
          id: 'scan.noMentionRatio',
          measure: 1,
          label: `Same page size, no mentions: first pass ÷ floor`,
          value: emptyPass / emptyFloor,
          unit: '×',
          note: `${formatNumber(emptyPass)} ms vs ${formatNumber(emptyFloor)} ms: the page-wide part of the pass; ${formatNumber(emptyPass / emptyBareRead)}× finding and reading the posts (${formatNumber(emptyBareRead)} ms)`,
        });
        add({
          id: 'scan.perReported',
          measure: 1,
          label: 'Per post that passes the screen (read fields, match, report, mark)',
          value: (Math.max(0, pass - emptyPass) / candidates) * 1000,
          unit: 'µs',
          note: `${candidates} posts pass the screen (${page.expectedReported} reported, the rest near misses)`,
        });
        const heapAdded = runs[0].heapBytes - baseline;
        add({
          id: 'memory.page',
          measure: 6,
          label: `JS heap added to the page (${config.posts.toLocaleString('en-US')}-post timeline)`,
          value: heapAdded / 1024,
          unit: 'kB',
          note: `${formatNumber(runs[0].heapBytes / 1024 / 1024)} MB with Parley vs ${formatNumber(baseline / 1024 / 1024)} MB on the same page where it does not run`,
        });
      }

      // 3. Term scaling
      if (wanted('terms')) {
        const page = xTimelinePage({ count: config.posts });
        const policies = {
          1: policyWithTermCount(defaultPolicy, 1),
          1000: policyWithTermCount(defaultPolicy, 1000),
        };
        const runs = { 1: [], 1000: [] };
        for (let run = 0; run < config.termRuns; run++) {
          for (const count of [1, 1000]) {
            log(`terms: ${count} term${count === 1 ? '' : 's'}, run ${run + 1}/${config.termRuns}`);
            await setActivePolicy(session, policies[count]);
            runs[count].push(
              await scanRun(session, {
                html: page.html,
                floorRuns: 1,
                naiveTerms: run === 0 ? brandTermsAsWritten(policies[count].brand) : null,
              }),
            );
          }
        }
        await setActivePolicy(session, defaultPolicy);
        const marked = (count) => runs[count].map((run) => run.marked.reported);
        if (
          marked(1).some((value) => value !== marked(1000)[0]) ||
          marked(1000).some((value) => value !== marked(1)[0])
        )
          problems.push(`terms: 1 term marked ${marked(1)}, 1,000 terms marked ${marked(1000)}`);
        const one = median(runs[1].map((run) => run.passCpuMs));
        const thousand = median(runs[1000].map((run) => run.passCpuMs));
        const setupOne = median(runs[1].map((run) => run.setupCpuMs));
        const setupThousand = median(runs[1000].map((run) => run.setupCpuMs));
        const naiveOne = runs[1][0].naive.ms;
        const naiveThousand = runs[1000][0].naive.ms;
        details.terms = { runs };
        add({
          id: 'terms.ratio',
          measure: 3,
          label: 'First pass, 1,000 terms ÷ 1 term',
          value: thousand / one,
          unit: '×',
          goal: { op: '<=', value: 1.2, unit: '×' },
          note: `${formatNumber(thousand)} ms vs ${formatNumber(one)} ms; naive: ${formatNumber(naiveThousand)} ms vs ${formatNumber(naiveOne)} ms (${formatNumber(naiveThousand / naiveOne)}×)`,
        });
        add({
          id: 'terms.setupRatio',
          measure: 3,
          label: 'Including matcher compile at start: 1,000 terms ÷ 1 term',
          value: (thousand + setupThousand) / (one + setupOne),
          unit: '×',
          note: `compile ${formatNumber(setupThousand)} ms vs ${formatNumber(setupOne)} ms`,
        });
      }

      // 4. Idle page
      if (wanted('idle')) {
        await setActivePolicy(session, defaultPolicy);
        const runs = [];
        for (let run = 0; run < config.idle.runs; run++) {
          log(
            `idle: ${config.idle.posts} posts, ${config.idle.idleMs / 1000} s of live updates, run ${run + 1}/${config.idle.runs}`,
          );
          runs.push(await idleRun(session, config.idle));
        }
        for (const run of runs)
          if (run.marked !== 0) problems.push(`idle: ${run.marked} posts marked on a page without mentions`);
        for (const run of runs)
          if (!run.traced) problems.push('idle: the content script was not found in the trace');
        details.idle = { runs };
        const part = (key) => median(runs.map((run) => run[key]));
        add({
          id: 'idle.total',
          measure: 4,
          label: `Idle page (${config.idle.posts} posts, no mentions, ${config.idle.idleMs / 1000} s of updates): content-script main-thread total`,
          value: part('totalCpuMs'),
          unit: 'ms',
          goal: { op: '<', value: 5, unit: 'ms' },
          note: `CPU time; wall ${formatNumber(part('totalMs'))} ms`,
        });
        add({
          id: 'idle.evaluate',
          measure: 4,
          label: 'of which: evaluating the content script (module init, main up to its first await)',
          value: part('evaluateCpuMs'),
          unit: 'ms',
          note: runs.some((run) => run.engineLoaded)
            ? 'the engine was loaded'
            : 'content-watcher.js only: with nothing to read, the engine is never loaded',
        });
        add({
          id: 'idle.work',
          measure: 4,
          label: 'of which: setup, page walk and watching the page (tasks and callbacks)',
          value: part('callsCpuMs'),
          unit: 'ms',
          note: `${formatNumber(part('calls'))} tasks/callbacks`,
        });
        const floorSession = await startSession({ extensionDir: idleFloorExtension(extensionDir) });
        try {
          await setActivePolicy(floorSession, defaultPolicy);
          const floorRuns = [];
          for (let run = 0; run < config.idle.runs; run++) {
            log(`idle floor: a minimal content script, run ${run + 1}/${config.idle.runs}`);
            floorRuns.push(await idleFloorRun(floorSession, config.idle));
          }
          if (floorRuns.some((run) => !run.traced))
            problems.push('idle floor: its script was not in the trace');
          details.idle.floorRuns = floorRuns;
          const floor = median(floorRuns.map((run) => run.totalCpuMs));
          add({
            id: 'idle.floor',
            measure: 4,
            label:
              'Idle floor: a minimal content script on the same page (config message, one observer, each post’s text read once)',
            value: floor,
            unit: 'ms',
            note: `Parley's idle total is ${formatNumber(part('totalCpuMs') / floor)}× this; evaluating it: ${formatNumber(median(floorRuns.map((run) => run.evaluateCpuMs)))} ms`,
          });
        } finally {
          await floorSession.close();
        }
      }

      // 2. Scroll
      if (wanted('scroll')) {
        await setActivePolicy(session, defaultPolicy);
        // Each run is a fresh page scrolled through all its batches; the p95 of one run is its third
        // slowest batch, so the figure is the median run's p95 (and p50 the median of the runs' p50),
        // as the other measures take medians over runs.
        const runs = [];
        for (let run = 0; run < config.scroll.runs; run++) {
          log(
            `scroll: ${config.scroll.batches} batches of ${config.scroll.batchSize} posts, run ${run + 1}/${config.scroll.runs}`,
          );
          const result = await scrollRun(session, config.scroll);
          if (result.marked !== result.expected)
            problems.push(`scroll: marked ${result.marked}, expected ${result.expected}`);
          if (!result.traced) problems.push('scroll: batch marks missing from the trace');
          runs.push(result);
        }
        details.scroll = { runs };
        const p95s = runs.map((run) => run.p95);
        // The median run by p95 (the lower middle one for an even count): its details go in the note.
        const typical = [...runs].sort((a, b) => a.p95 - b.p95)[Math.floor((runs.length - 1) / 2)];
        const longTasks = runs.reduce((sum, run) => sum + run.longTasks, 0);
        add({
          id: 'scroll.p50',
          measure: 2,
          label: `Scroll batch of ${config.scroll.batchSize} posts, main-thread time p50`,
          value: median(runs.map((run) => run.p50)),
          unit: 'ms',
        });
        add({
          id: 'scroll.p95',
          measure: 2,
          label: `Scroll batch, p95 (${config.scroll.batches} batches, median of ${runs.length} run${runs.length === 1 ? '' : 's'})`,
          value: typical.p95,
          unit: 'ms',
          goal: { op: '<', value: 8, unit: 'ms' },
          note: `CPU time; runs: ${p95s.map((value) => formatNumber(value)).join(', ')} ms; in the median run max ${formatNumber(typical.max)} ms, wall p95 ${formatNumber(typical.wallTaskP95)} ms, longest task ${formatNumber(typical.longestTaskCpuMs)} ms CPU (${formatNumber(typical.longestTaskMs)} ms wall)`,
        });
        add({
          id: 'scroll.longTasks',
          measure: 2,
          label: `Long tasks (≥ 50 ms) in the page while scrolling (all ${runs.length} run${runs.length === 1 ? '' : 's'})`,
          value: longTasks,
          unit: 'tasks',
          goal: { op: '==', value: 0, unit: 'tasks' },
          note: longTasks
            ? `longest ${formatNumber(Math.max(...runs.map((run) => run.longestLongTaskMs)))} ms (any cause)`
            : 'any cause, the site’s own included',
        });
      }

      // 7. Classifier
      if (wanted('classifier')) {
        log('classifier: throughput');
        const texts = classifierTexts();
        const node = classifyInNode(nodeTools, texts, config.classifierMs);
        const worker = await classifyInWorker(session, toolsCode, texts, config.classifierMs);
        details.classifier = { node, worker, texts: texts.length };
        add({
          id: 'classifier.worker',
          measure: 7,
          label: 'Classifier in the service worker',
          value: worker.perSecond,
          unit: 'posts/s',
        });
        add({
          id: 'classifier.node',
          measure: 7,
          label: `Classifier in Node ${process.version}`,
          value: node.perSecond,
          unit: 'posts/s',
        });
        const replies = timeReplyChecks(nodeTools);
        details.replyChecks = replies;
        add({
          id: 'replies.adversarial',
          measure: 7,
          label: `Reply checks on a ${formatNumber(replies.length)}-character reply made to backtrack (slowest of ${replies.runs.length}), Node`,
          value: replies.worst.ms,
          unit: 'ms',
          note: `${replies.worst.label}; the sidebar runs them at each pause in typing`,
        });
      }
    } finally {
      await session.close();
    }
  }

  // 5. Sidebar at scale (second session, seeded profile)
  if (wanted('sidebar')) {
    const scale = config.sidebar;
    log(
      `sidebar: database of ${scale.customers.toLocaleString('en-US')} customers, ${(scale.customers * scale.mentionsPerCustomer).toLocaleString('en-US')} mentions`,
    );
    const seeded = await ensureSeeded({ extensionDir, toolsCode, ...scale, reseed, log });
    if (seeded.seededSeconds > 0)
      log(`  seeded in ${formatNumber(seeded.seededSeconds)} s (kept in ${seeded.profileDir})`);
    const result = await sidebarRun({
      extensionDir,
      profileDir: seeded.profileDir,
      toolsCode,
      policy: defaultPolicy,
      perPiece: seeded.perPiece,
      pieces: scale.pieces,
      clicks: scale.clicks,
      historyRuns: scale.historyRuns,
      log,
    });
    details.sidebar = { ...result, seededSeconds: seeded.seededSeconds };
    if (result.failure) problems.push(`sidebar: ${result.failure}`);
    const db = `${formatNumber(result.counts.customers)} customers, ${formatNumber(result.counts.mentions)} mentions`;
    add({
      id: 'sidebar.click',
      measure: 5,
      label: 'Marker click → case history on screen (sidebar open), p95',
      value: result.warmP95,
      unit: 'ms',
      goal: { op: '<', value: 100, unit: 'ms' },
      note: `p50 ${formatNumber(result.warmP50)} ms over ${Math.max(0, result.clicks - 1)} clicks; ${db}`,
    });
    add({
      id: 'sidebar.firstOpen',
      measure: 5,
      label: 'Marker click → case history, first open (frame created and loaded)',
      value: result.firstOpenMs,
      unit: 'ms',
    });
    add({
      id: 'sidebar.historyQuery',
      measure: 5,
      label: 'History query (customer timeline, 20 items) in the worker, p95',
      value: result.historyDirect.p95,
      unit: 'ms',
      goal: { op: '<', value: 10, unit: 'ms' },
      note: `p50 ${formatNumber(result.historyDirect.p50)} ms, ${result.historyDirect.runs} random customers, wall; via sidebar message p95 ${formatNumber(result.historyViaMessage.p95)} ms; the bench's own connection opened first, untimed: ${formatNumber(result.historyDirect.openMs)} ms`,
    });
    if (result.sidebarHeapBytes !== null)
      add({
        id: 'memory.sidebar',
        measure: 6,
        label: 'Sidebar frame JS heap (open, after GC)',
        value: result.sidebarHeapBytes / 1024,
        unit: 'kB',
      });
  }

  const results = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    chromium,
    node: process.version,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverage: os.loadavg().map((value) => round(value, 2)),
    },
    durationSeconds: round((Date.now() - started) / 1000, 1),
    commit: gitCommit(root),
    source: source ? 'a separate checkout (--source)' : 'this working tree',
    figures,
    problems,
    details,
  };
  const target =
    out ??
    (quick ? path.join(OUT_DIR, 'results-quick.json') : path.join(import.meta.dirname, 'results.json'));
  writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderTable(figures)}\n`);
  if (problems.length)
    process.stdout.write(`\nProblems:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);
  log(`Wrote ${path.relative(process.cwd(), target)} in ${formatNumber(results.durationSeconds)} s.`);
  return { failed: problems.length > 0, results };
}

function gitCommit(root) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root ?? path.resolve(import.meta.dirname, '..'),
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

export function renderTable(figures) {
  const goalText = (goal) => (goal ? `${goal.op} ${formatNumber(goal.value)} ${goal.unit}` : '');
  const verdict = (pass) => (pass === null ? '' : pass ? 'pass' : 'MISS');
  const rows = [...figures]
    .sort((a, b) => a.measure - b.measure)
    .map((figure) => [
      figure.measure,
      figure.label,
      `${formatNumber(figure.value)} ${figure.unit}`,
      goalText(figure.goal),
      verdict(figure.pass),
      figure.note ?? '',
    ]);
  return markdownTable(['#', 'Figure', 'Value', 'Goal', 'Result', 'Notes'], rows);
}
