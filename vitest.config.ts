import { defineConfig } from 'vitest/config';

// One runner for every package; threads are several times faster than forks on 2 cores.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
