import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two forks on CI's two cores: many tests wait on LibreOffice, Chromium, Redis or PostgreSQL, so
    // two files side by side finish the suite in about 0.7× the serial time (measured 589 s against
    // ~800 s serial, under load; every timing-sensitive test passed).
    maxWorkers: 2,
  },
});
