import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { treeCpu } from './proc-cpu.js';

/**
 * Per test file CPU of the test process and its children, for bench/suite-cost.ts (loaded only by
 * bench/suite-cost.config.ts; SUITE_COST names the JSON-lines file written). A fork running several files
 * (isolate: false) is charged from the end of the previous file; fixture making (cachedFile) is reported apart.
 */
const out = process.env.SUITE_COST;
const g = globalThis as { __suiteCostLast?: number; __suiteCostLastSys?: number; __suiteCostMake?: Record<string, { cpu: number; wall: number; n: number }> };

if (out) {
  let file = '';
  let wall0 = 0;
  // eslint-disable-next-line no-empty-pattern
  beforeAll(({}, suite) => {
    const s = suite as { filepath?: string; file?: { filepath: string } };
    file = s.filepath ?? s.file?.filepath ?? '';
    wall0 = performance.now();
  });
  afterAll(() => {
    const now = treeCpu();
    const cpu = now.cpu - (g.__suiteCostLast ?? 0);
    const sys = now.sys - (g.__suiteCostLastSys ?? 0);
    g.__suiteCostLast = now.cpu;
    g.__suiteCostLastSys = now.sys;
    const make = g.__suiteCostMake ?? {};
    g.__suiteCostMake = {};
    appendFileSync(out, JSON.stringify({ file, pid: process.pid, cpu, sys, testWall: (performance.now() - wall0) / 1000, make }) + '\n');
  });
}
