/** Small statistics helpers for the benchmark: medians and percentiles of timings (ms). */

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0–100) of a non-empty list; NaN for an empty one. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Round to a fixed number of decimals for the JSON output (timings are not more precise than that). */
export function round(value: number, decimals = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export interface Repeat {
  /** Untimed runs first: JIT compilation, caches (pdf.js cMaps, fonts) filled. */
  warmup: number;
  /** Timed runs; the median is reported. */
  runs: number;
}

export interface Samples {
  /** Wall-clock ms per timed run. */
  wall: number[];
  /**
   * CPU ms of the process per timed run (user + system): the time it actually ran, which waiting
   * for a core on a busy machine does not inflate; V8's concurrent GC threads included.
   */
  cpu: number[];
}

/**
 * CPU ms used so far by this process (user + system, getrusage: microsecond resolution). Not
 * /proc/thread-self/schedstat: for the running thread it advances only at scheduler ticks (0 or 4 ms
 * for a 1 ms call on this kernel), which made short stages read 0. The process figure also counts
 * V8's concurrent GC threads — CPU the work really costs.
 */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Time several methods on the same input, interleaved: warm-up rounds first (JIT, pdf.js cMap and
 * font caches), then each timed round runs every method once, so a change in machine load during
 * the measurement affects all of them alike. No collection is forced between calls: a full GC
 * before a call makes that call pay for faulting its memory back in and for cold caches (it doubled
 * the floor's CPU time on this machine), which is not what a worker processing file after file pays;
 * each method pays for the garbage it makes, as in steady state.
 */
export async function timeInterleaved<K extends string>(methods: Record<K, () => Promise<unknown>>, repeat: Repeat): Promise<Record<K, Samples>> {
  const keys = Object.keys(methods) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, { wall: [], cpu: [] }])) as unknown as Record<K, Samples>;
  for (let i = 0; i < repeat.warmup; i++) for (const k of keys) await methods[k]();
  for (let i = 0; i < repeat.runs; i++) {
    for (const k of keys) {
      const c = processCpuMs();
      const t = performance.now();
      await methods[k]();
      out[k].wall.push(performance.now() - t);
      out[k].cpu.push(processCpuMs() - c);
    }
  }
  return out;
}
