import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { openPostgres, type Database } from '../../src/store/db.js';
import { loadMigrations, migrate, splitStatements } from '../../src/store/migrate.js';
import { Store } from '../../src/store/index.js';
import { PG_URL, SAMPLES, dropSchema, uniqueName } from '../queue/helpers.js';

/** A store as it was before migration 004: every other migration applied, the evidence column there. */
async function storeBefore004(schema: string): Promise<Database> {
  const db = await openPostgres(PG_URL, schema, 1);
  await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of await loadMigrations()) {
    if (m.version === 4) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
  }
  return db;
}

const columnsOf = async (db: Database) =>
  (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'findings'")).map((r) => r.c);

describe('migration 004: the evidence is stored once (inside the Finding)', () => {
  const schema = uniqueName('speed7_m004');
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  it('keeps every stored finding as it was and stores new runs without the column', async () => {
    const bytes = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    const { result, document } = await runPipeline({ bytes, file: 'seed.docx' });
    expect(result.discrepancies.length).toBeGreaterThan(0);
    expect(result.discrepancies.some((f) => f.evidence.length > 0)).toBe(true);
    db = await storeBefore004(schema);
    const store = new Store(db);
    expect(await columnsOf(db)).toContain('evidence');
    await store.saveResult(result, document, { runKey: 'before' });
    const before = await store.getFindings(result.sha256);
    // The old function wrote the evidence into both places.
    const [dup] = await db.query<{ same: boolean }>('SELECT bool_and(evidence = finding->\'evidence\') AS same FROM findings');
    expect(dup.same).toBe(true);

    expect(await migrate(db)).toEqual([4]);
    expect(await columnsOf(db)).not.toContain('evidence');
    const after = await store.getFindings(result.sha256);
    expect(after).toEqual(before);
    // Every evidence item is still there, as the pipeline made it.
    const byId = new Map(result.discrepancies.map((f) => [f.id, f]));
    for (const f of after) expect(f.finding.evidence).toEqual(byId.get(f.id)!.evidence);

    // The replaced save function: a second run of the same report, every finding unchanged.
    const saved = await store.saveResult(result, document, { runKey: 'after' });
    expect(saved).toMatchObject({ stored: true, run: 2, findingsNew: 0, findingsGone: 0, findingsUnchanged: new Set(result.discrepancies.map((f) => f.id)).size });
    expect((await store.getFindings(result.sha256)).map((f) => f.finding)).toEqual(before.map((f) => f.finding));
  }, 120_000);
});
