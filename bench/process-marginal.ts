import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeVariantFolder } from './corpus.js';
import { round } from './stats.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/**
 * What one more report costs a whole process, by CPU time (user + system of the process and its
 * threads, GNU-time style, via the shell's `times`): the command on a folder of N distinct copies
 * of one .docx minus the same on one copy, divided by N − 1, so start-up cancels out. Measured for
 * `selfeval extract --json` (one pipeline thread) and for the floor process (bench/floor-process.ts)
 * with each tokenizer; the ratio is the headline figure.
 */
export interface ProcessMarginal {
  copies: number;
  /** CPU ms per additional report. */
  selfevalCpuMs: number;
  floorCpuMs: Record<string, number>;
  /** selfevalCpuMs ÷ the fastest floor. */
  ratio: number;
  fastestFloor: string;
  /** Median of `repeats` measurements each. */
  repeats: number;
}

/** CPU seconds (user + system) of a command and its descendants. */
export async function cpuSeconds(command: string[]): Promise<number> {
  const { stdout } = await run('bash', ['-c', '"$@" > /dev/null; times', 'bash', ...command], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 });
  // `times`: the shell's own user/system, then its children's, as "0m1.234s 0m0.056s".
  const children = stdout.trim().split('\n').at(-1)!;
  return children.split(/\s+/).map((t) => {
    const m = /(\d+)m([\d.]+)s/.exec(t)!;
    return Number(m[1]) * 60 + Number(m[2]);
  }).reduce((a, b) => a + b, 0);
}

async function marginal(command: (dir: string) => string[], one: string, many: string, copies: number, repeats: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const a = await cpuSeconds(command(one));
    const b = await cpuSeconds(command(many));
    values.push(((b - a) * 1000) / (copies - 1));
  }
  values.sort((x, y) => x - y);
  return round(values[Math.floor(values.length / 2)], 1);
}

export async function measureProcessMarginal(docx: Uint8Array, options: { copies?: number; repeats?: number; tokenizers: string[] }): Promise<ProcessMarginal> {
  const copies = options.copies ?? 31;
  const repeats = options.repeats ?? 3;
  const one = await makeVariantFolder(docx, 1);
  const many = await makeVariantFolder(docx, copies);
  try {
    const selfeval = await marginal((d) => [process.execPath, join(ROOT, 'bin', 'selfeval'), 'extract', d, '--json', '--jobs', '1'], one, many, copies, repeats);
    const floorCpuMs: Record<string, number> = {};
    for (const t of options.tokenizers) {
      floorCpuMs[t] = await marginal((d) => [process.execPath, '--import', 'tsx', join(ROOT, 'bench', 'floor-process.ts'), d, t], one, many, copies, repeats);
    }
    const [fastestFloor, floor] = Object.entries(floorCpuMs).sort((a, b) => a[1] - b[1])[0];
    return { copies, selfevalCpuMs: selfeval, floorCpuMs, ratio: round(selfeval / floor, 2), fastestFloor, repeats };
  } finally {
    await rm(one, { recursive: true, force: true });
    await rm(many, { recursive: true, force: true });
  }
}
