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
  },
});
