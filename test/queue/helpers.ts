import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import pg from 'pg';
import { runPipeline } from '../../src/pipeline.js';
import type { Result } from '../../schemas/result.js';

/** Shared helpers of the queue and store tests: real Redis and PostgreSQL, unique names per run. */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLES = join(ROOT, 'samples');
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(tag: string): string {
  return `t_${tag}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/** Remove every Redis key of a BullMQ prefix. */
export async function dropQueuePrefix(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/**
 * A distinct but valid .docx made from seed.docx: the document title in docProps/core.xml and the
 * year in the text differ, so every variant has its own sha256 and parses like the seed.
 */
export function docxVariant(seed: Uint8Array, n: number): Uint8Array {
  const files = unzipSync(seed);
  const core = files['docProps/core.xml'] ? strFromU8(files['docProps/core.xml']) : '';
  const title = `<dc:title>variant ${n}</dc:title>`;
  files['docProps/core.xml'] = strToU8(
    /<dc:title>[^<]*<\/dc:title>|<dc:title\/>/.test(core)
      ? core.replace(/<dc:title>[^<]*<\/dc:title>|<dc:title\/>/, title)
      : core.replace('</cp:coreProperties>', `${title}</cp:coreProperties>`),
  );
  return zipSync(files);
}

/** A file that claims to be a .docx but is a cut-off zip: bad input, a final error. */
export function corruptDocx(seed: Uint8Array): Uint8Array {
  return seed.slice(0, Math.floor(seed.length / 3));
}

export interface BatchFolder {
  dir: string;
  files: string[];
  /** Expected outcome per distinct content, from running the pipeline in-process on it. */
  expected: Map<string, { status: Result['status']; code: string | null }>;
}

/**
 * A folder of `total` files: the samples, docx variants, one corrupt file and one duplicate.
 * `withSamples` false: docx only (fast). Expected outcomes come from the pipeline itself for the
 * non-variant files, so the test follows the parsers' state (e.g. .doc support) instead of hard-coding it.
 */
export async function makeBatchFolder(total: number, options: { withSamples?: boolean } = {}): Promise<BatchFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-batch-'));
  const seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
  const files: string[] = [];
  const expected = new Map<string, { status: Result['status']; code: string | null }>();
  const add = async (name: string, bytes: Uint8Array, outcome?: { status: Result['status']; code: string | null }) => {
    const p = join(dir, name);
    await writeFile(p, bytes);
    files.push(p);
    const { result } = outcome ? { result: null } : await runPipeline({ bytes, file: name });
    const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expected.set(sha, outcome ?? { status: result!.status, code: result!.error?.code ?? null });
  };
  // The seed and one variant are checked in-process; the other variants are the same document.
  await add('seed.docx', seed);
  const variantOutcome = expected.values().next().value!;
  if (options.withSamples) {
    for (const name of ['seed.pdf', 'seed.doc']) await add(name, new Uint8Array(await readFile(join(SAMPLES, name))));
  }
  await add('corrupt.docx', corruptDocx(seed));
  for (let n = 1; files.length < total - 1; n++) {
    await add(`variant-${String(n).padStart(3, '0')}.docx`, docxVariant(seed, n), variantOutcome);
  }
  // The duplicate: the seed's bytes under another name (same sha256 → one report).
  const dup = join(dir, 'zz-duplicate-of-seed.docx');
  await copyFile(join(dir, 'seed.docx'), dup);
  files.push(dup);
  if (files.length !== total) throw new Error(`made ${files.length} files, wanted ${total}`);
  return { dir, files, expected };
}

/** dist/ must be current for the sandboxed processors (compiled JS): build it when stale. */
export function ensureBuilt(): void {
  const marker = join(ROOT, 'dist', 'src', 'queue', 'processor.js');
  const newest = (d: string): number => {
    let t = 0;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) t = Math.max(t, newest(p));
      else if (e.name.endsWith('.ts') || e.name.endsWith('.mjs') || e.name.endsWith('.sql')) t = Math.max(t, statSync(p).mtimeMs);
    }
    return t;
  };
  const sources = Math.max(...['src', 'parsers', 'schemas'].map((d) => newest(join(ROOT, d))));
  if (existsSync(marker) && statSync(join(ROOT, 'dist', 'src', 'cli', 'main.js')).mtimeMs >= sources) return;
  // Serialized across test files; type errors in unrelated files still emit JavaScript.
  try {
    execFileSync('flock', ['/tmp/selfeval-build.lock', 'npx', 'tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    /* tsc exits non-zero on type errors but has emitted */
  }
  if (!existsSync(marker)) throw new Error('dist/ could not be built (npx tsc -p tsconfig.build.json)');
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Start `bin/selfeval worker` as its own process group (so a test can kill it and its children). */
export function spawnWorker(env: Record<string, string>, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'worker', ...args], {
    cwd: ROOT,
    env: { ...process.env, SELFEVAL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Kill a worker's whole process group (the worker and its sandboxed children). */
export function killGroup(w: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (w.child.pid) process.kill(-w.child.pid, signal);
  } catch {
    /* already gone */
  }
}
