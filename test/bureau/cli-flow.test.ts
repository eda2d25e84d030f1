import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PG_URL, ROOT } from '../web/helpers.js';
import { buildBureauFixture } from './bureau-fixture.js';

const run = promisify(execFile);

/**
 * From the command line, as on a fresh clone: `extract --db` stores two years of one department
 * (this year's file first) and runs the cross-report checks as each report is stored — last year's
 * report, stored second, re-checks this year's; `import-reference` re-checks the year it imports;
 * `export --sheet overview` lists both reports with the cross finding.
 */
describe('selfeval extract --db → import-reference → export --sheet overview', () => {
  let dir = '';
  // PostgreSQL in a schema of its own: four commands each opening PGlite take minutes on a loaded machine.
  const schema = `bureau_cli_${process.pid}_${Date.now().toString(36)}`;
  const env = { ...process.env, DATABASE_URL: PG_URL, SELFEVAL_DB_SCHEMA: schema };
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('finds the changed 上年决算数 whichever year is stored first, and the overview sheet shows it', async () => {
    const fx = buildBureauFixture();
    const changed = fx.planted.find((p) => p.rule === 'last-year-final')!;
    const files = fx.files.filter((f) => f.department === changed.department);
    dir = await mkdtemp(join(tmpdir(), 'selfeval-bureau-cli-'));
    const inputs = join(dir, 'in');
    await mkdir(inputs);
    for (const f of files) await writeFile(join(inputs, `${f.year === 2023 ? 'a' : 'b'}-${f.year}.docx`), f.bytes);
    const db = join(dir, 'db');
    const bin = join(ROOT, 'bin', 'selfeval');
    await run(process.execPath, [bin, 'extract', inputs, '--db', db, '--jobs', '1'], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    const csvPath = join(dir, 'overview.csv');
    const exportOverview = async () => {
      await run(process.execPath, [bin, 'export', '--sheet', 'overview', '--format', 'csv', '--db', db, '--out', csvPath], { cwd: ROOT, env });
      const { readFile } = await import('node:fs/promises');
      const [header, ...rows] = (await readFile(csvPath, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };
    let rows = await exportOverview();
    expect(rows.map((r) => [r['年度'], r['其中跨报告']])).toEqual([
      ['2022', '0'],
      ['2023', '1'],
    ]);
    const ledger = join(dir, 'ledger.csv');
    await writeFile(ledger, fx.ledgerCsv);
    const { stdout } = await run(process.execPath, [bin, 'import-reference', ledger, '--db', db, '--json'], { cwd: ROOT, env });
    expect(JSON.parse(stdout)).toMatchObject({ years: [2022, 2023], reportsChecked: 2, crossFindings: 1 });
    rows = await exportOverview();
    expect(rows.map((r) => r['其中跨报告'])).toEqual(['0', '1']);
    expect(rows[1]['部门']).toBe(changed.department);
    expect(rows[1]['自评得分']).toMatch(/^\d+\.\d\d$/);
  }, 180_000);
});
