import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@contracts': path.resolve(__dirname, 'contracts'),
      '@': path.resolve(__dirname, 'web/src'),
    },
  },
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Browser assertions poll the page; a loaded CI machine needs more than the 1 s default.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
