import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first.js';

const IN_PROCESS = ['rules', 'narrative', 'recognize', 'facts', 'text', 'generator', 'docx', 'export', 'corpus', 'pdf', 'ocr', 'ofd', 'numbers'].map((d) => `test/${d}/**/*.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two forks on CI's two cores: many tests wait on LibreOffice, Chromium, Redis or PostgreSQL, so
    // two files side by side finish the suite in about 0.7× the serial time (measured 589 s against
    // ~800 s serial, under load; every timing-sensitive test passed).
    maxWorkers: 2,
    // Longest files first (recorded durations on a fresh clone): no long file left to run alone at the end.
    sequence: { sequencer: LongestFirst },
    // WebAssembly on V8's baseline compiler, as bin/selfeval runs the commands that end: every test file opening
    // an embedded store (PGlite) would otherwise pay for optimizing PostgreSQL's start-up code. Measured on
    // test/store/store + test/web/review-flow: 28.6 → 22.6 s CPU.
    execArgv: ['--liftoff-only'],
    // The fixtures' LibreOffice is one for all forks (test/fixtures/producers/office-fixtures.ts): stopped at the end.
    globalSetup: ['test/support/office-global.ts'],
    projects: [
      {
        // Tests of the reading and checking code, in process: they share one module graph per fork instead of
        // loading pdf.js, the rules and zod again for every file (these folders: 33.6 → 15.3 s CPU), and the OCR
        // engine's models once per fork (test/pdf, test/ocr and test/ofd: documents their fixtures made, read in process;
        // 20 of the shorter pdf/ocr files 64.4 → 43.0 s CPU, test/ofd + test/numbers 27.9 → 20.8 s). Fixture programs (Chromium, Ghostscript, the shared LibreOffice)
        // run as children that end, or outside the fork (test/fixtures/producers/office-fixtures.ts).
        extends: true,
        test: { name: 'in-process', include: IN_PROCESS, isolate: false },
      },
      {
        // Files that start services, servers, LibreOffice, browsers or set process-wide state: each in a fresh fork.
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: IN_PROCESS },
      },
    ],
  },
});
