/**
 * Where `selfeval extract DIR --json --jobs J` spends its CPU: N byte-distinct copies of seed.docx,
 * CPU per report by the main threads (the supervisor process and the batch's child it runs), the J pipeline threads (the J busiest other threads)
 * and its remaining threads (V8's helper threads: GC and JIT; libuv), from /proc every 200 ms.
 * Explains the scaling of `--jobs 2` over `--jobs 1`: with one pipeline thread the process already
 * uses more than one core, so two threads on two cores cannot give two threads' throughput.
 *
 *   node --import tsx bench/extract-split.ts [--files 300] [--jobs 1] [--node-flags="..."] [--env K=V]
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './batch.js';
import { makeVariantFolder, readInput } from './corpus.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '1' },
    'node-flags': { type: 'string' },
    env: { type: 'string', multiple: true },
  },
});
const files = Number(args.files);
const jobs = Number(args.jobs);
const TICKS = 100;

function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      try {
        const s = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        out.set(Number(t), Number(f[11]) + Number(f[12]));
      } catch {
        /* thread gone */
      }
    }
  } catch {
    /* process gone */
  }
  return out;
}
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
/** The process and its descendants: `extract` runs the batch in a supervised child process. */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of readdirSync(`/proc/${out[i]}/task`)) {
        const children = readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (children) out.push(...children.split(' ').map(Number));
      }
    } catch {
      /* process gone */
    }
  }
  return out;
}

const seed = await readInput('seed.docx', join(ROOT, 'samples', 'seed.docx'), 1);
const dir = await makeVariantFolder(seed.bytes, files);
try {
  const flags = args['node-flags']?.split(' ').filter(Boolean) ?? [];
  const env = Object.fromEntries((args.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const t0 = performance.now();
  const child = spawn(process.execPath, [...flags, join(ROOT, 'bin', 'selfeval'), 'extract', dir, '--json', '--jobs', String(jobs)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lines = 0;
  let firstAt = 0;
  const seen = new Map<number, number>();
  let atFirst: Map<number, number> | null = null;
  let peakRss = 0;
  /** Main threads of the processes (the supervisor and the batch's child). */
  const mains = new Set<number>();
  const sample = () => {
    let rss = 0;
    for (const pid of processTree(child.pid!)) {
      mains.add(pid);
      for (const [t, v] of threadTicks(pid)) seen.set(t, Math.max(seen.get(t) ?? 0, v));
      rss += rssMb(pid);
    }
    peakRss = Math.max(peakRss, rss);
  };
  child.stdout!.on('data', (d: Buffer) => {
    // One result per line: count the newline bytes (no decoding of ≈ 0.5 MB per line).
    for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    if (!atFirst && lines > 0) {
      sample();
      atFirst = new Map(seen);
      firstAt = performance.now();
    }
  });
  const timer = setInterval(sample, 200);
  const linesAtFirst = () => 1;
  // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
  await new Promise((r) => child.on('close', r));
  const end = performance.now();
  clearInterval(timer);
  const from = atFirst ?? new Map<number, number>();
  const n = lines - linesAtFirst();
  const per = (t: number) => (((seen.get(t) ?? 0) - (from.get(t) ?? 0)) / TICKS) * 1000 / n;
  const others = [...seen.keys()].filter((t) => !mains.has(t)).sort((a, b) => per(b) - per(a));
  const pipeline = others.slice(0, jobs);
  const rest = others.slice(jobs);
  const sum = (ts: number[]) => Math.round(ts.reduce((a, t) => a + per(t), 0) * 10) / 10;
  const split = { main: sum([...mains]), pipelineThreads: sum(pipeline), otherThreads: sum(rest) };
  console.log(
    JSON.stringify({
      files: lines,
      jobs,
      steadyReportsPerS: Math.round((n / ((end - firstAt) / 1000)) * 10) / 10,
      wallS: Math.round((end - t0) / 100) / 10,
      cpuMsPerReport: { ...split, total: Math.round((split.main + split.pipelineThreads + split.otherThreads) * 10) / 10 },
      // Cores busy while reports came out: what one more thread can add on two cores.
      coresBusy: Math.round(((split.main + split.pipelineThreads + split.otherThreads) * (n / ((end - firstAt) / 1000))) / 10) / 100,
      peakRssMb: Math.round(peakRss),
      threads: others.slice(0, 8).map((t) => Math.round(per(t) * 10) / 10),
      loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
