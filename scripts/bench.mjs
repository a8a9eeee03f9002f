#!/usr/bin/env node
// `npm run bench`: what Parley costs the pages agents keep open all day, measured in one Chromium run
// on the production build. Prints a table and writes bench/results.json. See bench/README.md.
//
//   npm run bench                 full sizes (2,000-post timeline, 40 scroll batches, 1M mentions)
//   npm run bench -- --quick      smaller sizes, fewer runs (a minute or two)
//   options: --no-build (use .output/chrome-mv3 as is), --source=<checkout> (benchmark another checkout,
//            e.g. a clean worktree of HEAD: its build and its lib/ for the Node-side figures),
//            --reseed (rebuild the seeded profile),
//            --only=scan,terms,scroll,idle,sidebar,size,classifier   --out=<file>
import { runBenchmarks } from '../bench/run.mjs';

function parseArgs(argv) {
  const options = { quick: false, build: true, source: null, reseed: false, only: null, out: null };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--reseed') options.reseed = true;
    else if (arg.startsWith('--only=')) options.only = new Set(arg.slice('--only='.length).split(','));
    else if (arg.startsWith('--out=')) options.out = arg.slice('--out='.length);
    else if (arg.startsWith('--source=')) options.source = arg.slice('--source='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'Usage: npm run bench [-- --quick] [--no-build] [--source=dir] [--reseed] [--only=a,b] [--out=file]',
      );
      process.exit(0);
    } else {
      console.error(`Unknown option: ${arg}`);
      process.exit(2);
    }
  }
  return options;
}

try {
  const { failed } = await runBenchmarks(parseArgs(process.argv.slice(2)));
  // Benchmarks report; a missed goal is not an error. Exit 1 only when something could not be measured.
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
