import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

/**
 * Per test file CPU of the test process and its children, for bench/suite-cost.ts (loaded only by
 * bench/suite-cost.config.ts; SUITE_COST names the JSON-lines file written). A fork running several files
 * (isolate: false) is charged from the end of the previous file; fixture making (cachedFile) is reported apart.
 */
const out = process.env.SUITE_COST;
const TICK = 100;
const g = globalThis as { __suiteCostLast?: number; __suiteCostMake?: Record<string, { cpu: number; wall: number; n: number }> };

function stat(pid: number | 'self'): number[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return null;
  }
}

/** CPU seconds of this process, its waited-for children and its live descendants. */
export function treeCpu(): number {
  const self = stat('self')!;
  let ticks = self[11] + self[12] + self[13] + self[14];
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (!s) continue;
    const list = children.get(s[1]) ?? [];
    list.push(Number(d));
    children.set(s[1], list);
  }
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    const s = stat(p);
    if (s) ticks += s[11] + s[12] + s[13] + s[14];
    stack.push(...(children.get(p) ?? []));
  }
  return ticks / TICK;
}

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
    const cpu = now - (g.__suiteCostLast ?? 0);
    g.__suiteCostLast = now;
    const make = g.__suiteCostMake ?? {};
    g.__suiteCostMake = {};
    appendFileSync(out, JSON.stringify({ file, pid: process.pid, cpu, testWall: (performance.now() - wall0) / 1000, make }) + '\n');
  });
}
