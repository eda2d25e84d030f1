import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReportPage, SORTS, type ReportFilter, type SortKey } from '../../src/web/queries.js';
import { buildServer } from '../../src/web/server.js';
import { addAccount, injectLogin, tempPostgresStore } from './helpers.js';
import { insertSyntheticReports } from './synthetic.js';

const N = 10_000;

/**
 * The report list over 10,000 reports inserted directly into PostgreSQL: keyset paging walks every
 * matching report exactly once in the requested order, for every sort and filter, and the page
 * query is an index scan (no sort of the whole table), so deep pages cost what the first page costs.
 */
describe('report list paging with 10,000 reports', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let batchId: string;

  beforeAll(async () => {
    temp = await tempPostgresStore();
    ({ batchId } = await insertSyntheticReports(temp.store, N));
  }, 120_000);

  afterAll(async () => {
    await temp?.cleanup();
  });

  /** Every sha256 the filter matches, in the sort's order, straight from SQL. */
  async function expectedOrder(sort: SortKey, where: string, params: unknown[]): Promise<string[]> {
    const s = SORTS[sort];
    const dir = s.dir === 'desc' ? 'DESC' : 'ASC';
    const rows = await temp.store.db.query<{ sha256: string }>(`SELECT r.sha256 FROM reports r ${where} ORDER BY ${s.expr} ${dir}, r.sha256 ${dir}`, params);
    return rows.map((r) => r.sha256);
  }

  async function walk(filter: ReportFilter, sort: SortKey, pageSize: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listReportPage(temp.store, filter, sort, cursor, pageSize);
      seen.push(...page.rows.map((r) => r.sha256));
      cursor = page.next;
    } while (cursor);
    return seen;
  }

  it.each(Object.keys(SORTS) as SortKey[])('walks all 10,000 reports sorted by %s, each once, in order', async (sort) => {
    const all = await walk({}, sort, 500);
    expect(all.length).toBe(N);
    expect(all).toEqual(await expectedOrder(sort, '', []));
  });

  it('filters by severity, rule, department, review status and batch', async () => {
    const cases: Array<[ReportFilter, string, unknown[]]> = [
      [{ severity: 'error' }, 'WHERE r.findings_error > 0', []],
      [{ rule: 'execution-rate' }, `WHERE EXISTS (SELECT 1 FROM findings f WHERE f.report_sha256 = r.sha256 AND f.rule = 'execution-rate' AND f.gone_run IS NULL)`, []],
      [{ department: '第7号' }, `WHERE r.department LIKE '第7号%'`, []],
      [{ review: 'dismissed' }, `WHERE r.sha256 IN (SELECT report_sha256 FROM reviews WHERE status = 'dismissed')`, []],
      [{ batchId }, 'WHERE r.sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = $1)', [batchId]],
      [{ status: 'error', severity: 'info' }, `WHERE r.status = 'error' AND r.findings_info > 0`, []],
    ];
    for (const [filter, where, params] of cases) {
      const expected = await expectedOrder('department', where, params);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filter)).toBeLessThan(N);
      expect(await walk(filter, 'department', 200), JSON.stringify(filter)).toEqual(expected);
    }
    // "open": reports with a current finding nobody has reviewed yet — all but none here, as each has 3 findings.
    expect((await walk({ review: 'open' }, 'file', 2000)).length).toBe(N);
  });

  it('answers a deep page with an index scan, not a sort of the table', async () => {
    const deep = await listReportPage(temp.store, {}, 'processed', null, 50);
    let cursor = deep.next!;
    for (let i = 0; i < 5; i++) cursor = (await listReportPage(temp.store, {}, 'processed', cursor, 1000)).next!;
    for (const sort of Object.keys(SORTS) as SortKey[]) {
      const s = SORTS[sort];
      const dir = s.dir === 'desc' ? 'DESC' : 'ASC';
      const plan = await temp.store.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT r.sha256 FROM reports r WHERE (${s.expr}, r.sha256) ${s.dir === 'desc' ? '<' : '>'} ($1::${s.type}, $2)
         ORDER BY ${s.expr} ${dir}, r.sha256 ${dir} LIMIT 51`,
        [sort === 'processed' ? '2026-01-01 03:00:00+00' : sort === 'errors' || sort === 'year' ? '2' : 'm', 'a'.repeat(64)],
      );
      const text = plan.map((p) => p['QUERY PLAN']).join('\n');
      expect(text, `${sort}:\n${text}`).toMatch(/Index (Only )?Scan/);
      expect(text, `${sort}:\n${text}`).not.toMatch(/^\s*(->\s*)?Sort\b/m);
    }
  });

  it('serves the list pages with filters and paging links over HTTP', async () => {
    const app = await buildServer({ store: temp.store });
    try {
      await addAccount(temp.store, 'li', 'viewer');
      const s = await injectLogin(app, 'li');
      const get = (url: string) => app.inject({ url, headers: s.headers() });
      const first = await get('/reports?severity=error&sort=department');
      expect(first.statusCode).toBe(200);
      const next = /href="(\/reports\?[^"]*after=[^"]+)"/.exec(first.body)?.[1].replace(/&amp;/g, '&');
      expect(next).toBeDefined();
      const second = await get(next!);
      expect(second.statusCode).toBe(200);
      const rows = (body: string) => [...body.matchAll(/href="\/reports\/([0-9a-f]{64})"/g)].map((m) => m[1]);
      expect(rows(first.body).length).toBe(50);
      expect(rows(second.body).filter((s) => rows(first.body).includes(s))).toEqual([]);
      const batch = await get(`/batches/${batchId}`);
      expect(batch.statusCode).toBe(200);
      expect(batch.body).toContain('收到文件');
      const inBatch = await get(`/reports?batch=${batchId}`);
      expect(inBatch.statusCode).toBe(200);
      expect(rows(inBatch.body).length).toBe(50);
      // A cursor that is not one of ours is a 400 in Chinese, not a silent first page or a database error.
      const garbage = await get('/reports?after=garbage');
      expect(garbage.statusCode).toBe(400);
      expect(garbage.body).toContain('翻页参数无效');
      expect((await get('/reports/not-a-sha')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
