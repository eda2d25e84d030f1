import { readFileSync, readdirSync } from 'node:fs';

/**
 * Peak resident memory and CPU time of process trees, sampled from /proc (Linux). A queue worker may have
 * children (a LibreOffice converting .doc files), so a worker's memory is the sum over its tree.
 * On systems without /proc the sampler reports null.
 */
export class TreeSampler {
  private readonly peaks = new Map<number, { tree: number; largest: number }>();
  /** Last seen CPU time (ticks) of every process ever seen in each tree: cumulative, so the last sample is the total. */
  private readonly cpuTicks = new Map<number, Map<number, number>>();
  private timer: NodeJS.Timeout | null = null;
  readonly available: boolean;

  constructor(private readonly roots: number[], private readonly everyMs = 200) {
    this.available = procAvailable();
    for (const r of roots) {
      this.peaks.set(r, { tree: 0, largest: 0 });
      this.cpuTicks.set(r, new Map());
    }
  }

  start(): this {
    if (!this.available) return this;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Per root: CPU seconds (user + system) used by the tree's processes, as last sampled. */
  cpuSeconds(): Array<number | null> {
    if (!this.available) return this.roots.map(() => null);
    return this.roots.map((r) => [...this.cpuTicks.get(r)!.values()].reduce((a, b) => a + b, 0) / CLOCK_TICKS);
  }

  /** Per root: peak RSS of the whole tree and of its largest single process, in MB. */
  result(): Array<{ pid: number; treeMb: number; largestProcessMb: number } | null> {
    if (!this.available) return this.roots.map(() => null);
    return this.roots.map((pid) => {
      const p = this.peaks.get(pid)!;
      return { pid, treeMb: Math.round(p.tree / 2 ** 20), largestProcessMb: Math.round(p.largest / 2 ** 20) };
    });
  }

  private sample(): void {
    const table = processTable();
    for (const root of this.roots) {
      const members = descendants(root, table);
      let tree = 0;
      let largest = 0;
      const ticks = this.cpuTicks.get(root)!;
      for (const pid of members) {
        const entry = table.get(pid);
        if (entry) ticks.set(pid, Math.max(ticks.get(pid) ?? 0, entry.cpuTicks));
        const rss = entry?.rss ?? 0;
        tree += rss;
        largest = Math.max(largest, rss);
      }
      const p = this.peaks.get(root)!;
      p.tree = Math.max(p.tree, tree);
      p.largest = Math.max(p.largest, largest);
    }
  }
}

function procAvailable(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

interface ProcEntry {
  ppid: number;
  rss: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/** USER_HZ: Linux reports CPU times in /proc in 1/100 s on every common platform. */
const CLOCK_TICKS = 100;

const PAGE_SIZE = 4096;

function processTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid … (rss is field 24 overall).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(rest[1]), rss: Number(rest[21]) * PAGE_SIZE, cpuTicks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* the process ended between readdir and read */
    }
  }
  return table;
}

function descendants(root: number, table: Map<number, ProcEntry>): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const [pid, e] of table) if (e.ppid === out[i]) out.push(pid);
  }
  return table.has(root) ? out : [];
}

/** Peak RSS of this process so far (MB), from the kernel's high-water mark. */
export function ownPeakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
