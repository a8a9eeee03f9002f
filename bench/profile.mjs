#!/usr/bin/env node
// `npm run bench:profile`: where the content script's first pass goes, function by function. Loads the
// benchmark's X timeline with an unminified build of the extension (`wxt build --mode profile`, so
// functions keep their names), samples the page's CPU with the DevTools profiler until Parley settles,
// and prints the content script's samples as a top-down tree (ms per page load, averaged over runs).
// Samples include the profiler's own overhead, so the totals are a little above `npm run bench`'s;
// use it to see the shares, and `npm run bench` to measure a change.
//
//   npm run bench:profile -- [--posts=2000] [--runs=3] [--min=0.5] [--depth=14] [--no-mentions] [--no-build]
//                            [--terms=1000]  (a policy with that many brand terms, as measure 3 uses)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { importNodeEntry } from './bundle.mjs';
import { policyWithTermCount } from './fixtures/policies.mjs';
import { xTimelinePage } from './fixtures/x-timeline.mjs';
import { openProbedPage, setActivePolicy, startSession, URLS, waitForSettle } from './session.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROFILE_BUILD = path.join(ROOT, '.output', 'chrome-mv3-profile');
/** The content script's two files (lib/content/files.ts): only their samples are counted. */
const CONTENT_SCRIPT_URL = /\/content-(?:watcher|engine)\.js$/;
const SAMPLING_INTERVAL_US = 20;

function parseArgs(argv) {
  const options = { posts: 2000, runs: 3, minMs: 0.5, depth: 14, mentions: true, build: true, terms: null };
  for (const arg of argv) {
    const [name, value] = arg.split('=');
    if (name === '--posts') options.posts = Number(value);
    else if (name === '--runs') options.runs = Number(value);
    else if (name === '--min') options.minMs = Number(value);
    else if (name === '--depth') options.depth = Number(value);
    else if (name === '--no-mentions') options.mentions = false;
    else if (name === '--no-build') options.build = false;
    else if (name === '--terms') options.terms = Number(value);
    else throw new Error(`Unknown option: ${arg} (see the header of bench/profile.mjs)`);
  }
  return options;
}

/** A call-tree node: a function name path's samples, in ms per run. */
function treeNode(name) {
  return { name, ms: 0, children: new Map() };
}

/** Adds one profile's content-script samples to the tree, each sample under its full stack. */
function addProfile(tree, profile, runs) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  profile.samples.forEach((sampleId, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000 / runs;
    const stack = [];
    for (let id = sampleId; id !== undefined; id = parents.get(id)) stack.push(nodes.get(id).callFrame);
    stack.reverse();
    const entry = stack.findIndex((frame) => CONTENT_SCRIPT_URL.test(frame.url));
    if (entry < 0) return;
    let node = tree;
    node.ms += ms;
    for (const frame of stack.slice(entry)) {
      // Native calls (DOM, regular expressions) have no script URL: marked so they stand out.
      const name = `${frame.functionName || '(anonymous)'}${frame.url ? '' : ' [native]'}`;
      if (!node.children.has(name)) node.children.set(name, treeNode(name));
      node = node.children.get(name);
      node.ms += ms;
    }
  });
}

function printTree(node, { minMs, depth }, level = 0, lines = []) {
  if (level >= depth) return lines;
  for (const child of [...node.children.values()].sort((a, b) => b.ms - a.ms)) {
    if (child.ms < minMs) continue;
    lines.push(`${child.ms.toFixed(1).padStart(7)}  ${'  '.repeat(level)}${child.name.slice(0, 120)}`);
    printTree(child, { minMs, depth }, level + 1, lines);
  }
  return lines;
}

const options = parseArgs(process.argv.slice(2));
if (options.build) {
  console.error('Building the unminified profile build (.output/chrome-mv3-profile)…');
  execFileSync('npx', ['wxt', 'build', '--mode', 'profile'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const session = await startSession({ extensionDir: PROFILE_BUILD });
try {
  if (options.terms !== null) {
    const { DEFAULT_POLICY } = await importNodeEntry('node-tools', { root: ROOT });
    await setActivePolicy(session, policyWithTermCount(DEFAULT_POLICY, options.terms));
  }
  session.serve(URLS.x, xTimelinePage({ count: options.posts, brandInText: options.mentions }).html);
  const tree = treeNode('content script');
  for (let run = 0; run < options.runs; run++) {
    console.error(`Run ${run + 1}/${options.runs}…`);
    const probe = await openProbedPage(session);
    try {
      await probe.cdp.send('Profiler.enable');
      await probe.cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await probe.cdp.send('Profiler.start');
      await probe.page.goto(URLS.x, { waitUntil: 'load', timeout: 180_000 });
      await waitForSettle(probe, { first: 'parley:scan:idle', timeoutMs: 180_000 });
      const { profile } = await probe.cdp.send('Profiler.stop');
      addProfile(tree, profile, options.runs);
    } finally {
      await probe.close();
    }
  }
  const terms = options.terms === null ? '' : `, ${options.terms.toLocaleString('en')} brand terms`;
  const page = `${options.posts.toLocaleString('en')}-post X timeline${options.mentions ? '' : ' without mentions'}${terms}`;
  console.log(
    `Content script CPU samples, ms per page load (${page}, ${options.runs} runs): ${tree.ms.toFixed(1)} ms`,
  );
  console.log('Everything from load to settled: evaluating both files, setup, first pass, reports, markers.');
  console.log(printTree(tree, options).join('\n'));
} finally {
  await session.close();
}
