import { defineConfig } from 'vitest/config';

// End-to-end tests: the production build served by `vite preview`, driven in
// the system Chromium by playwright-core. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine has two cores and training is CPU-bound.
    fileParallelism: false,
    pool: 'forks',
  },
});
