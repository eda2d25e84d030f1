import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { ROOT, SAMPLES, corruptDocx, docxVariant } from '../queue/helpers.js';

const run = promisify(execFile);

/**
 * The embedded default: no REDIS_URL, no DATABASE_URL. `extract --db DIR` stores every result into
 * PGlite in DIR with the same schema the queue uses on PostgreSQL.
 */
describe('extract --db DIR (PGlite, no Redis, no PostgreSQL)', () => {
  let dir: string;
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SELFEVAL_DB_SCHEMA;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'selfeval-extract-db-'));
    const seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    await copyFile(join(SAMPLES, 'seed.docx'), join(dir, 'a-seed.docx'));
    await copyFile(join(SAMPLES, 'seed.docx'), join(dir, 'b-duplicate.docx'));
    await writeFile(join(dir, 'c-variant.docx'), docxVariant(seed, 7));
    await writeFile(join(dir, 'd-corrupt.docx'), corruptDocx(seed));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores results, bytes and the document model, and status reads them back', async () => {
    const db = join(dir, 'db');
    const inputs = join(dir, 'in');
    await run('mkdir', ['-p', inputs]);
    for (const f of ['a-seed.docx', 'b-duplicate.docx', 'c-variant.docx', 'd-corrupt.docx']) await copyFile(join(dir, f), join(inputs, f));
    const out = await run(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'extract', inputs, '--db', db, '--json'], { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024 }).catch((e) => e);
    // One file failed (the corrupt one): exit code 1, one NDJSON line per file.
    expect(out.code).toBe(1);
    const lines = String(out.stdout).trim().split('\n').map((l: string) => JSON.parse(l));
    expect(lines.length).toBe(4);
    const corrupt = lines.find((l: { file: string }) => l.file.endsWith('d-corrupt.docx'));
    expect(corrupt.status).toBe('error');

    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'status', '--db', db, '--json'], { cwd: ROOT, env });
    const counts = JSON.parse(stdout);
    expect(counts).toMatchObject({ kind: 'extract', complete: true, received: 4, unique: 3, duplicates: 1, ok: 2, failed: 1 });
    expect(counts.failedByCode).toEqual({ [corrupt.error.code]: 1 });

    const store = await openStore({ dataDir: db, databaseUrl: '' });
    try {
      expect(store.kind).toBe('pglite');
      const reports = await store.listReports();
      expect(reports.length).toBe(3);
      const seedLine = lines.find((l: { file: string }) => l.file.endsWith('a-seed.docx'));
      const stored = await store.getReport(seedLine.sha256);
      expect(stored?.fileNames.sort()).toEqual([join(inputs, 'a-seed.docx'), join(inputs, 'b-duplicate.docx')].sort());
      expect(stored?.result.discrepancies.length).toBe(seedLine.discrepancies.length);
      expect(stored?.document?.blocks.length).toBeGreaterThan(0);
      expect((await store.getFileBytes(seedLine.sha256))?.length).toBe((await readFile(join(SAMPLES, 'seed.docx'))).length);
    } finally {
      await store.close();
    }
  }, 180_000);
});
