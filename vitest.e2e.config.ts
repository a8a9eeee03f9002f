import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium driven by playwright-core, loading the production build. One file
// at a time (each launches a browser) with generous timeouts for a 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // expect.poll waits up to 1 s by default: a busy 2-core machine (a build or another suite running)
    // can take longer for the sidebar's next render, and a poll still fails once this is spent.
    expect: { poll: { timeout: 5_000 } },
  },
});
