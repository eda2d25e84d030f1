import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The test fixtures' LibreOffice (test/fixtures/producers/office-fixtures.ts) is one for all test processes:
 * processes converting side by side start it once; it outlives the process that started it (even killed);
 * a dead process's lock does not block the next; the last user stops it — no LibreOffice left behind.
 * Each process here is a script (not a vitest fork), with a private temporary directory.
 */
const SLOW = 300_000;
let root: string;
let script: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'selfeval-fixture-office-test-'));
  script = join(root, 'user.mts');
  const fixtures = new URL('../fixtures/producers/office-fixtures.ts', import.meta.url).href;
  const docx = join(import.meta.dirname, '..', '..', 'samples', 'seed.docx');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
     import { fixtureOffice, officeConvertSync, sharedOfficePid } from ${JSON.stringify(fixtures)};
     const pdf = officeConvertSync(new Uint8Array(readFileSync(${JSON.stringify(docx)})), 'MS Word 2007 XML', 'pdf');
     process.stdout.write(JSON.stringify({ head: Buffer.from(pdf.subarray(0, 5)).toString('latin1'), starts: fixtureOffice.starts, server: sharedOfficePid() }) + '\\n');
     // hold: keep using it (the heartbeat) until killed
     if (process.argv[2] === 'hold') setInterval(() => {}, 1000);`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Said {
  head: string;
  starts: number;
  server: number;
}

/** A user process on the private temporary directory (outside vitest: the last one stops LibreOffice). */
function user(hold = false) {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: root };
  delete env.VITEST;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(hold ? ['hold'] : [])], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const said = new Promise<Said>((resolve, reject) => {
    const poll = setInterval(() => {
      if (out.includes('\n')) {
        clearInterval(poll);
        resolve(JSON.parse(out.split('\n')[0]) as Said);
      }
    }, 50);
    child.once('exit', (code) => setTimeout(() => (out.includes('\n') ? undefined : (clearInterval(poll), reject(new Error(`user exited ${code}`)))), 100));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, said, exited };
}

function sharedDirs(): string[] {
  return readdirSync(root).filter((n) => n.startsWith('selfeval-lo-shared-'));
}

/** Processes whose command line names the shared directory. */
function officePids(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return ok();
}

describe("the fixtures' shared LibreOffice", () => {
  it('two processes converting side by side start one LibreOffice; it outlives its killed starter; the last user stops it', async () => {
    const a = user(true);
    const b = user();
    const [sa, sb] = await Promise.all([a.said, b.said]);
    expect([sa.head, sb.head]).toEqual(['%PDF-', '%PDF-']);
    expect(sa.starts + sb.starts).toBe(1);
    expect(sa.server).toBe(sb.server);
    const [dir] = sharedDirs();
    expect(readFileSync(join(root, dir, 'starts.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    await b.exited; // A still uses it: B, ending, leaves it running
    expect(officePids(join(root, dir)).length).toBeGreaterThan(0);

    // Its starter killed outright (no exit handler), holding the start lock as a dead process would.
    a.child.kill('SIGKILL');
    await a.exited;
    mkdirSync(join(root, dir, 'lock'), { recursive: true });
    writeFileSync(join(root, dir, 'lock', 'pid'), String(deadPid()));
    const c = user();
    const sc = await c.said;
    expect(sc).toEqual({ head: '%PDF-', starts: 0, server: sa.server });
    await c.exited;
    // C was the last live user: it stopped LibreOffice, and left no lock behind.
    expect(await until(() => officePids(join(root, dir)).length === 0, 10_000)).toBe(true);
    expect(existsSync(join(root, dir, 'lock'))).toBe(false);
  }, SLOW);
});

function deadPid(): number {
  const run = spawnSync('sh', ['-c', 'echo $$']);
  return Number(run.stdout.toString().trim());
}
