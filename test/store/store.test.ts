import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import type { DocumentModel } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { reprocessInline } from '../../src/queue/reprocess.js';
import { RULES_VERSION } from '../../src/rules/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, SAMPLES, docxVariant, dropSchema, uniqueName } from '../queue/helpers.js';

/** A finding as the rules make it (fields per schemas/finding.ts), with a given stable id. */
function finding(id: string, severity: Finding['severity'] = 'warning'): Finding {
  return {
    rule: id.split(':')[0],
    severity,
    message: `测试发现 ${id}`,
    values: [334.73, 334.74],
    evidence: [{ text: '334.73', value: 334.73, location: { part: 'basic', table: 0, row: 3, col: 2, paragraph: null, page: null } }],
    id,
    ruleVersion: 1,
    messageEn: `test finding ${id}`,
    expected: '334.74',
    observed: '334.73',
    tolerance: '±0.005',
    missing: [],
    params: null,
    part: 'basic',
  };
}

const backends = [
  { name: 'PostgreSQL', open: async (schema: string) => openStore({ databaseUrl: PG_URL, schema }) },
  { name: 'PGlite', open: async (dir: string) => openStore({ dataDir: dir, databaseUrl: '' }) },
] as const;

for (const backend of backends) {
  describe(`store on ${backend.name}`, () => {
    let store: Store;
    let where: string;
    let seed: Uint8Array;
    let base: { result: Result; document: DocumentModel | null };

    beforeAll(async () => {
      where = backend.name === 'PGlite' ? await mkdtemp(join(tmpdir(), 'selfeval-pglite-')) : uniqueName('store');
      store = await backend.open(where);
      seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
      base = await runPipeline({ bytes: seed, file: 'seed.docx' });
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      if (backend.name === 'PGlite') await rm(where, { recursive: true, force: true });
      else await dropSchema(where);
    });

    it('runs each migration once, also when opened again', async () => {
      const again = backend.name === 'PGlite' ? null : await backend.open(where);
      const rows = await (again ?? store).db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
      await again?.close();
    });

    it('compresses the whole-report JSON columns with lz4 on PostgreSQL (PGlite, built without it, keeps pglz)', async () => {
      const rows = await store.db.query<{ attname: string; attcompression: string }>(
        "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = 'reports'::regclass AND attname IN ('result', 'document') ORDER BY attname",
      );
      expect(rows.map((r) => r.attcompression)).toEqual(backend.name === 'PGlite' ? ['', ''] : ['l', 'l']);
    });

    it('keeps the bytes once per content', async () => {
      const a = await store.putFile(seed, 'a.docx');
      const b = await store.putFile(seed, 'b.docx');
      expect(a).toEqual({ sha256: base.result.sha256, isNew: true });
      expect(b.isNew).toBe(false);
      expect(Buffer.from((await store.getFileBytes(a.sha256))!).equals(Buffer.from(seed))).toBe(true);
      expect(await store.getFileBytes('0'.repeat(64))).toBeNull();
    });

    it('stores a result idempotently per run key and tracks findings new / unchanged / gone by stable id', async () => {
      const withFindings = (ids: string[]): Result => ({ ...base.result, discrepancies: ids.map((id) => finding(id)) });
      // One statement, no client-side transaction: a save is one round trip (store_save_report).
      const statements: string[] = [];
      const { db } = store;
      const query = db.query;
      const transaction = db.transaction;
      Object.assign(db, {
        query: (text: string, params?: unknown[]) => (statements.push(text), query.call(db, text, params)),
        transaction: () => Promise.reject(new Error('saveResult opened a client-side transaction')),
      });
      let r1;
      try {
        // A repeated id is stored once (the first of them).
        r1 = await store.saveResult(withFindings(['sum:a', 'sum:b', 'sum:a']), base.document, { runKey: 'job-1' });
      } finally {
        Object.assign(db, { query, transaction });
      }
      expect(statements).toHaveLength(1);
      expect(r1).toEqual({ stored: true, run: 1, findingsNew: 2, findingsUnchanged: 0, findingsGone: 0 });
      // The same job again (a stalled job picked up a second time): nothing stored twice.
      const again = await store.saveResult(withFindings(['sum:a', 'sum:b']), base.document, { runKey: 'job-1' });
      expect(again.stored).toBe(false);
      expect((await store.db.query('SELECT 1 FROM report_runs')).length).toBe(1);

      // A reviewer dismisses sum:b; it must survive re-processing.
      await store.setReview({ reportSha256: base.result.sha256, findingId: 'sum:b', status: 'dismissed', note: '已核实', reviewer: '张三' });

      const r2 = await store.saveResult(withFindings(['sum:b', 'sum:c']), base.document, { runKey: 'job-2' });
      expect(r2).toEqual({ stored: true, run: 2, findingsNew: 1, findingsUnchanged: 1, findingsGone: 1 });
      const current = await store.getFindings(base.result.sha256);
      expect(current.map((f) => [f.id, f.state])).toEqual([['sum:b', 'unchanged'], ['sum:c', 'new']]);
      expect(current[0].review).toMatchObject({ status: 'dismissed', note: '已核实', reviewer: '张三' });
      const all = await store.getFindings(base.result.sha256, { includeGone: true });
      expect(all.find((f) => f.id === 'sum:a')?.state).toBe('gone');

      // sum:a comes back: new again in run 3.
      const r3 = await store.saveResult(withFindings(['sum:a', 'sum:b', 'sum:c']), base.document, { runKey: 'job-3' });
      expect(r3).toMatchObject({ run: 3, findingsNew: 1, findingsUnchanged: 2, findingsGone: 0 });
      const report = await store.getReport(base.result.sha256);
      expect(report).toMatchObject({ run: 3, status: 'ok', findings: { error: 0, warning: 3, info: 0 } });
      expect(report!.result.sha256).toBe(base.result.sha256);
      expect(report!.document?.blocks.length).toBe(base.document?.blocks.length);
    });

    it('stores JSON given as UTF-8 bytes (as a queue worker gets it from its pipeline thread) as it would the text', async () => {
      const variant = docxVariant(seed, 901);
      const { result, document } = await runPipeline({ bytes: variant, file: 'variant-901.docx' });
      // A NUL escape (which jsonb refuses) goes the text way and is dropped there, as before.
      const withNul = { ...result, report: { ...result.report!, note: 'a\u0000b' } };
      const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
      await store.saveResult(withNul, null, { runKey: 'bytes-1', json: { result: bytes(withNul), document: bytes(document) } });
      const stored = await store.getReport(result.sha256);
      expect(stored!.result).toEqual(JSON.parse(JSON.stringify({ ...withNul, report: { ...withNul.report, note: 'ab' } })));
      expect(stored!.document).toEqual(JSON.parse(JSON.stringify(document)));
      const plain = docxVariant(seed, 902);
      const second = await runPipeline({ bytes: plain, file: 'variant-902.docx' });
      await store.saveResult(second.result, null, { runKey: 'bytes-2', json: { result: bytes(second.result), document: null } });
      const stored2 = await store.getReport(second.result.sha256);
      expect(stored2!.result).toEqual(JSON.parse(JSON.stringify(second.result)));
      expect(stored2!.document).toBeNull();
    });

    it('counts a batch: duplicates, unreadable files, errors by code, completion', async () => {
      const variant = docxVariant(seed, 1);
      const v = await store.putFile(variant, 'v1.docx');
      const batch = await store.createBatch({
        kind: 'enqueue',
        rulesVersion: RULES_VERSION,
        items: [
          { fileName: 'seed.docx', sha256: base.result.sha256 },
          { fileName: 'copy.docx', sha256: base.result.sha256 },
          { fileName: 'v1.docx', sha256: v.sha256 },
          { fileName: 'gone.docx', sha256: null, errorCode: 'READ_FAILED' },
          { fileName: 'x.docx', sha256: 'f'.repeat(64) },
        ],
      });
      // seed.docx already has a report: settled at once; the variant and x wait.
      expect(batch.toProcess.sort()).toEqual([v.sha256, 'f'.repeat(64)].sort());
      let counts = await store.batchCounts(batch.id);
      expect(counts).toMatchObject({ complete: false, received: 5, unique: 3, duplicates: 1, queued: 2, ok: 1, failed: 1, failedByCode: { READ_FAILED: 1 } });

      const { result, document } = await runPipeline({ bytes: variant, file: 'v1.docx' });
      await store.saveResult(result, document, { runKey: 'v1', batchId: batch.id });
      await store.failItems('f'.repeat(64), 'TIMEOUT');
      counts = await store.batchCounts(batch.id);
      expect(counts).toMatchObject({ complete: true, queued: 0, ok: 2, failed: 2, failedByCode: { READ_FAILED: 1, TIMEOUT: 1 } });
      expect(counts!.finishedAt).toBeInstanceOf(Date);
      expect(await store.latestBatchId()).toBe(batch.id);
      const listed = await store.listReports({ batchId: batch.id });
      expect(listed.map((r) => r.sha256).sort()).toEqual([base.result.sha256, v.sha256].sort());
    });

    it('re-checks stored reports from their bytes when the rules version differs', async () => {
      await store.db.query(`UPDATE reports SET rules_version = 'r0-old'`);
      const stale = await store.staleReports(RULES_VERSION);
      expect(stale.length).toBe(2);
      const before = await store.getReport(base.result.sha256);
      const out = await reprocessInline(store);
      expect(out.reports).toBe(2);
      const counts = await store.batchCounts(out.batchId);
      expect(counts).toMatchObject({ kind: 'reprocess', complete: true, ok: 2 });
      const after = await store.getReport(base.result.sha256);
      expect(after!.rulesVersion).toBe(RULES_VERSION);
      expect(after!.run).toBe(before!.run + 1);
      // The synthetic findings of the earlier runs are not produced by the real rules: gone now,
      // and the reviewer's decision on sum:b is kept.
      const gone = (await store.getFindings(base.result.sha256, { includeGone: true })).filter((f) => f.id.startsWith('sum:'));
      expect(gone.every((f) => f.state === 'gone')).toBe(true);
      expect((await store.getReviews(base.result.sha256)).map((r) => r.findingId)).toEqual(['sum:b']);
      expect(await store.staleReports(RULES_VERSION)).toEqual([]);
    });
  });
}

describe('one schema for PostgreSQL and PGlite', () => {
  it('creates the same tables and columns on both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'selfeval-pglite-'));
    const schema = uniqueName('cols');
    const lite = await openStore({ dataDir: dir, databaseUrl: '' });
    const pgStore = await openStore({ databaseUrl: PG_URL, schema });
    try {
      const q = `SELECT table_name || '.' || column_name || ':' || data_type AS c FROM information_schema.columns
                 WHERE table_schema = current_schema() ORDER BY 1`;
      const a = (await lite.db.query<{ c: string }>(q)).map((r) => r.c);
      const b = (await pgStore.db.query<{ c: string }>(q)).map((r) => r.c);
      expect(a.length).toBeGreaterThan(40);
      expect(a).toEqual(b);
      expect(a).toContain('reviews.finding_id:text');
      expect(a).toContain('files.bytes:bytea');
      // The same server-side functions (the one-round-trip save and its helpers), same signatures.
      const fq = `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS f FROM pg_proc p
                  WHERE p.pronamespace = current_schema()::regnamespace ORDER BY 1`;
      const fa = (await lite.db.query<{ f: string }>(fq)).map((r) => r.f);
      expect(fa).toEqual((await pgStore.db.query<{ f: string }>(fq)).map((r) => r.f));
      expect(fa.some((f) => f.startsWith('store_save_report('))).toBe(true);
    } finally {
      await lite.close();
      await pgStore.close();
      await dropSchema(schema);
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
