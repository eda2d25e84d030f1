import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds from /proc (Linux; 100 clock ticks a second), for the suite's cost probe (cpu-probe.ts, bench/suite-cost.ts). */
const TICK = 100;

/** The fields of /proc/PID/stat after the command name (field 3 onwards), or null when the process is gone. */
function stat(pid: number | 'self'): number[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return null;
  }
}

/** utime + stime + cutime + cstime: the process and its children it has waited for. */
const ticks = (s: number[]) => s[11] + s[12] + s[13] + s[14];
/** stime + cstime: the kernel's part of it (process starts, page faults, file and pipe I/O). */
const sysTicks = (s: number[]) => s[12] + s[14];

/** This process and its waited-for children (a spawnSync'd LibreOffice, Chromium, Ghostscript). */
export function selfCpuSeconds(): number {
  return ticks(stat('self')!) / TICK;
}

/** This process, its waited-for children and its live descendants. */
export function treeCpuSeconds(): number {
  return treeCpu().cpu;
}

/** treeCpuSeconds and the system (kernel) part of it. */
export function treeCpu(): { cpu: number; sys: number } {
  const self = stat('self')!;
  let total = ticks(self);
  let sys = sysTicks(self);
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (!s) continue;
    children.set(s[1], [...(children.get(s[1]) ?? []), Number(d)]);
  }
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    const s = stat(p);
    if (s) {
      total += ticks(s);
      sys += sysTicks(s);
    }
    stack.push(...(children.get(p) ?? []));
  }
  return { cpu: total / TICK, sys: sys / TICK };
}
