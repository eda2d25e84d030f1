import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertDocToDocx, findSoffice } from '../parsers/doc/convert.js';
import { OfficePool } from '../parsers/doc/office-pool.js';
import { median, round, processCpuMs } from './stats.js';

/**
 * The .doc row: what converting one more .doc costs with the long-lived LibreOffice (the default),
 * against one fresh LibreOffice per file (the fallback, and what every .doc cost before).
 * Marginal = per conversion once the server runs: wall time, and CPU time of LibreOffice (from
 * /proc) plus this thread. The first conversion (start-up: profile, server) is reported apart.
 */
export interface DocRow {
  file: string;
  conversions: number;
  server: {
    firstWallMs: number;
    marginalWallMs: number;
    /** LibreOffice's CPU per conversion (null without /proc) + this thread's (writing, polling, reading). */
    marginalCpuMs: number | null;
    officeRssMb: number | null;
  };
  /** One fresh LibreOffice for the file (start-up included): wall time, measured right after the server's. */
  fresh: { wallMs: number } | null;
}

function procCpuMs(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

function procRssMb(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export async function measureDoc(path: string, options: { conversions?: number; fresh?: boolean } = {}): Promise<DocRow | string> {
  const soffice = await findSoffice();
  if (!soffice) return 'skipped: soffice (LibreOffice) not installed';
  const bytes = new Uint8Array(readFileSync(path));
  const n = options.conversions ?? 8;
  const tempRoot = await mkdtemp(join(tmpdir(), 'selfeval-bench-doc-'));
  const pool = new OfficePool({ soffice, tempRoot, size: 1 });
  try {
    let t = performance.now();
    await pool.convert(bytes, 300_000);
    const firstWallMs = performance.now() - t;
    const pid = pool.instances[0].pid;
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < n; i++) {
      const office = procCpuMs(pid);
      const own = processCpuMs();
      t = performance.now();
      await pool.convert(bytes, 300_000);
      walls.push(performance.now() - t);
      const after = procCpuMs(pid);
      cpus.push(office === null || after === null ? Number.NaN : after - office + processCpuMs() - own);
    }
    const rss = procRssMb(pid);
    let fresh: DocRow['fresh'] = null;
    if (options.fresh !== false) {
      t = performance.now();
      await convertDocToDocx(bytes, { fresh: true, tempRoot, timeoutMs: 300_000 });
      fresh = { wallMs: round(performance.now() - t) };
    }
    return {
      file: path.split('/').at(-1)!,
      conversions: n,
      server: {
        firstWallMs: round(firstWallMs),
        marginalWallMs: round(median(walls)),
        marginalCpuMs: cpus.some(Number.isNaN) ? null : round(median(cpus)),
        officeRssMb: rss,
      },
      fresh,
    };
  } finally {
    await pool.close();
    await rm(tempRoot, { recursive: true, force: true });
  }
}
