import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../../parsers/doc/convert.js';
import { OfficePool } from '../../parsers/doc/office-pool.js';
import { parseDocx } from '../../parsers/docx.js';
import { sample } from '../pdf/helpers.js';

/**
 * The long-lived LibreOffice converter: reused between files, restarted after a hang or a crash at
 * the cost of one file, safe under concurrency, and never outliving the process that owns it.
 */
const SLOW = 300_000;
const seedDoc = sample('seed.doc');
let tempRoot: string;
let soffice: string;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'selfeval-office-test-'));
  soffice = (await findSoffice())!;
  expect(soffice).toBeTruthy();
});
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

const paragraphsOf = (docx: Uint8Array) => parseDocx(docx).blocks.length;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return test();
}

describe('OfficePool', () => {
  it('converts file after file with one LibreOffice', async () => {
    const pool = new OfficePool({ soffice, tempRoot, size: 1 });
    try {
      const first = await pool.convert(seedDoc, 120_000);
      const pid = pool.instances[0].pid;
      const second = await pool.convert(seedDoc, 120_000);
      expect(paragraphsOf(second)).toBe(paragraphsOf(first));
      expect(pool.instances[0].pid).toBe(pid);
      expect(pool.instances[0]).toMatchObject({ starts: 1, conversions: 2 });
    } finally {
      await pool.close();
    }
    expect(readdirSync(tempRoot)).toEqual([]);
  }, SLOW);

  it('kills a hung conversion (TransientError) and starts a fresh LibreOffice for the next file', async () => {
    const pool = new OfficePool({ soffice, tempRoot, size: 1 });
    try {
      await pool.convert(seedDoc, 120_000);
      const hung = pool.instances[0].pid!;
      await expect(pool.convert(seedDoc, 30)).rejects.toMatchObject({ name: 'TransientError', code: 'DOC_CONVERSION_FAILED' });
      expect(await until(() => !alive(hung), 5000)).toBe(true);
      const next = await pool.convert(seedDoc, 120_000);
      expect(paragraphsOf(next)).toBeGreaterThan(10);
      expect(pool.instances[0].starts).toBe(2);
    } finally {
      await pool.close();
    }
  }, SLOW);

  it('a LibreOffice killed mid-conversion costs that file one retry on a fresh instance', async () => {
    const pool = new OfficePool({ soffice, tempRoot, size: 1 });
    try {
      await pool.convert(seedDoc, 120_000);
      const victim = pool.instances[0].pid!;
      const converting = pool.convert(seedDoc, 120_000);
      process.kill(victim, 'SIGKILL');
      expect(paragraphsOf(await converting)).toBeGreaterThan(10);
      expect(pool.instances[0].starts).toBe(2);
    } finally {
      await pool.close();
    }
  }, SLOW);

  it('a frozen LibreOffice (its loop never takes the job) is replaced after the claim time, not waited on to the limit', async () => {
    const pool = new OfficePool({ soffice, tempRoot, size: 1 });
    try {
      await pool.convert(seedDoc, 120_000);
      const frozen = pool.instances[0].pid!;
      process.kill(frozen, 'SIGSTOP');
      const started = performance.now();
      expect(paragraphsOf(await pool.convert(seedDoc, 200_000))).toBeGreaterThan(10);
      expect(performance.now() - started).toBeLessThan(100_000);
      expect(alive(frozen)).toBe(false);
      expect(pool.instances[0].starts).toBe(2);
    } finally {
      await pool.close();
    }
  }, SLOW);

  it('runs conversions side by side on several instances, one job each', async () => {
    const pool = new OfficePool({ soffice, tempRoot, size: 2 });
    try {
      const out = await Promise.all([1, 2, 3, 4].map(() => pool.convert(seedDoc, 240_000)));
      expect(new Set(out.map(paragraphsOf)).size).toBe(1);
      expect(pool.instances).toHaveLength(2);
      // Over all starts: a server restarted under load (its retried file counted once, on the fresh instance) still counts.
      expect(pool.instances.reduce((n, s) => n + s.conversionsInAll, 0)).toBe(4);
      expect(pool.instances.every((s) => s.conversionsInAll >= 1)).toBe(true);
    } finally {
      await pool.close();
    }
  }, SLOW);

  it('no orphans: LibreOffice dies with its owner, even when the owner is killed with SIGKILL', async () => {
    const script = join(tempRoot, 'owner.mts');
    const convert = new URL('../../parsers/doc/convert.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
       import { convertDocToDocx } from ${JSON.stringify(convert)};
       await convertDocToDocx(new Uint8Array(readFileSync(${JSON.stringify(join(import.meta.dirname, '..', '..', 'samples', 'seed.doc'))})), { tempRoot: ${JSON.stringify(tempRoot)} });
       process.stdout.write('converted\\n');
       setInterval(() => {}, 1000);`,
    );
    const owner = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    owner.stdout!.on('data', (d) => (out += d));
    expect(await until(() => out.includes('converted'), 240_000)).toBe(true);
    const officeDir = readdirSync(tempRoot).find((n) => n.startsWith(`selfeval-office-${owner.pid}-`));
    expect(officeDir).toBeTruthy();
    const lo = officePids(officeDir!);
    expect(lo.length).toBeGreaterThan(0);
    owner.kill('SIGKILL');
    expect(await until(() => lo.every((pid) => !alive(pid)), 10_000)).toBe(true);
    // The dead owner's directory goes when the next converter of this temp root starts.
    const pool = new OfficePool({ soffice, tempRoot, size: 1 });
    try {
      await pool.convert(seedDoc, 120_000);
      expect(readdirSync(tempRoot).filter((n) => n.startsWith('selfeval-office-'))).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, SLOW);
});

/** Processes whose command line names this converter's private directory. */
function officePids(dirName: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(dirName)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

describe('.doc through the isolated runner', () => {
  it('pipeline threads convert through the runner thread\'s pool: one LibreOffice for the process', async () => {
    const { IsolatedRunner } = await import('../../src/isolate/runner.js');
    const { closeDocConverters } = await import('../../parsers/doc/convert.js');
    const runner = new IsolatedRunner({ concurrency: 2 });
    try {
      const [a, b] = await Promise.all([runner.run({ bytes: seedDoc, file: 'a.doc' }), runner.run({ bytes: seedDoc, file: 'b.doc' })]);
      expect([a.status, b.status, a.format]).toEqual(['ok', 'ok', 'doc']);
      expect(b.report).toEqual(a.report);
      const mine = readdirSync(tmpdir()).filter((n) => n.startsWith(`selfeval-office-${process.pid}-`));
      expect(mine).toHaveLength(1);
      expect(officePids(mine[0]).length).toBeGreaterThan(0);
    } finally {
      await runner.close();
      await closeDocConverters();
    }
  }, SLOW);
});
