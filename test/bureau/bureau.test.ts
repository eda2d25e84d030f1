import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getCrossFindings, recheckAfterSave, reportsOfYears, runCrossChecks } from '../../src/bureau/cross-check.js';
import { saveReferenceImport } from '../../src/bureau/ledger-store.js';
import { chartData } from '../../src/bureau/overview-charts.js';
import { findingsPerRule, overviewRows, sortOverview } from '../../src/bureau/overview.js';
import { readReferenceFile } from '../../src/bureau/reference-import.js';
import { writeOverviewXlsx } from '../../src/export/overview.js';
import type { Store } from '../../src/store/index.js';
import { buildServer } from '../../src/web/server.js';
import { addAccount, ingestBatch, injectLogin, tempPgliteStore, tempPostgresStore, type InjectSession, type TempStore } from '../web/helpers.js';
import { buildBureauFixture, type BureauFixture } from './bureau-fixture.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function importLedger(store: Store, csv: string, name = 'ledger.csv') {
  const bytes = enc(csv);
  const outcome = await saveReferenceImport(store.db, await readReferenceFile(bytes, name), { fileName: name, bytes, actor: 'test' });
  await runCrossChecks(store, await reportsOfYears(store, outcome.years));
  return outcome;
}

async function crossByReport(store: Store): Promise<Array<{ department: string; year: number; rule: string; severity: string; message: string; sha256: string }>> {
  return store.db.query(
    'SELECT r.department, r.year, c.rule, c.severity, c.message, r.sha256 FROM cross_findings c JOIN reports r ON r.sha256 = c.report_sha256 ORDER BY r.department, r.year, c.rule',
  );
}

/**
 * The bureau's view across departments: ten departments of 汨罗市 over 2022 and 2023 (generated),
 * a reference table written the bureau's way, six planted cases — two ledger differences, a copied
 * narrative, a changed 上年决算数, indicators copied while the budget changed, every target met two
 * years running with the same figures. Each planted case is
 * found once, on the overview and on the report page with both sides; nothing else is flagged.
 */
describe('bureau overview over two years of ten departments (PGlite)', () => {
  let fx: BureauFixture;
  let temp: TempStore;
  let app: FastifyInstance;
  let viewer: InjectSession;

  beforeAll(async () => {
    fx = buildBureauFixture();
    temp = await tempPgliteStore();
    await ingestBatch(temp.store, fx.files);
    await importLedger(temp.store, fx.ledgerCsv);
    await addAccount(temp.store, 'clerk', 'viewer', '李科员');
    app = await buildServer({ store: temp.store });
    viewer = await injectLogin(app, 'clerk');
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  it('finds each planted case exactly once and nothing on the consistent reports', async () => {
    const found = await crossByReport(temp.store);
    expect(found.map((f) => `${f.year} ${f.department} ${f.rule}`).sort()).toEqual(fx.planted.map((p) => `${p.year} ${p.department} ${p.rule}`).sort());
    for (const p of fx.planted) {
      const f = found.find((x) => x.department === p.department && x.rule === p.rule)!;
      expect(f.message, p.what).toContain(p.message);
    }
    // The 2022 reports and four of the ten departments in 2023 have no cross findings at all.
    expect(found.filter((f) => f.year === 2022)).toEqual([]);
    expect(new Set(found.map((f) => f.department)).size).toBe(6);
  });

  it('shows both sides of each planted case on its report page', async () => {
    const found = await crossByReport(temp.store);
    for (const f of found) {
      const page = await app.inject({ url: `/reports/${f.sha256}`, headers: viewer.headers() });
      expect(page.statusCode).toBe(200);
      const cross = page.body.slice(page.body.indexOf('id="cross"'), page.body.indexOf('id="audit"'));
      expect(cross).toContain(f.message.replace(/“/g, '“').slice(0, 20));
      const [stored] = await getCrossFindings(temp.store, f.sha256);
      expect(stored.finding.evidence.length).toBeGreaterThan(0);
      if (f.rule === 'reference-ledger') {
        expect(cross).toContain('财政局参考台账');
        expect(cross).toContain('去掉“');
        expect(stored.counterpart.items.some((i) => /万元$/.test(i.text))).toBe(true);
      } else {
        // Last year's report, linked, with its own cells or paragraphs.
        expect(stored.counterpart.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(cross).toContain(`href="/reports/${stored.counterpart.sha256}"`);
      }
      if (f.rule === 'last-year-narrative') {
        expect(stored.counterpart.passages!.length).toBeGreaterThanOrEqual(3);
        expect(cross).toContain('照抄的段落');
        for (const p of stored.counterpart.passages!) expect(p.similarity).toBeGreaterThanOrEqual(0.8);
      }
      if (f.rule === 'last-year-final') expect(stored.counterpart.items[0]).toMatchObject({ label: '政府采购金额 2022年决算数' });
      if (f.rule === 'last-year-indicators') expect(stored.counterpart.items.length).toBeGreaterThan(3);
    }
  });

  it('shows each planted case on the overview', async () => {
    const page = await app.inject({ url: '/overview?year=2023', headers: viewer.headers() });
    expect(page.statusCode).toBe(200);
    const rows = [...page.body.matchAll(/<tr data-sha="([0-9a-f]{64})" data-department="([^"]*)">([\s\S]*?)<\/tr>/g)];
    expect(rows).toHaveLength(10);
    for (const [, , department, cells] of rows) {
      const cross = Number(/data-col="cross">(?:<a [^>]*>)?(\d+)/.exec(cells)![1]);
      expect(cross, department).toBe(fx.planted.filter((p) => p.department === department).length);
    }
    // A batch's overview: the batch the twenty reports came in.
    const [{ batch_id }] = await temp.store.db.query<{ batch_id: string }>('SELECT batch_id FROM batch_items LIMIT 1');
    const batch = await app.inject({ url: `/overview?batch=${batch_id}`, headers: viewer.headers() });
    expect(batch.body.match(/<tr data-sha=/g)).toHaveLength(20);
    // Filter by rule: the two ledger differences.
    const ledger = await app.inject({ url: '/overview?rule=reference-ledger', headers: viewer.headers() });
    const depts = [...ledger.body.matchAll(/<tr data-sha="[0-9a-f]{64}" data-department="([^"]*)">/g)].map((m) => m[1]).sort();
    expect(depts).toEqual(fx.planted.filter((p) => p.rule === 'reference-ledger').map((p) => p.department).sort());
  });

  it('a corrected ledger re-checks the affected reports; a fuzzy-named project is matched and says why', async () => {
    const fuzzy = fx.fuzzyProject;
    // The bureau corrects its two wrong rows and types a different amount for the fuzzy-named project.
    const corrected = buildBureauFixture().ledgerCsv; // same seed: same table
    const lines = corrected.trim().split('\n');
    const fixedLines = lines.map((l) => l);
    const wrong = fx.planted.filter((p) => p.rule === 'reference-ledger');
    expect(wrong).toHaveLength(2);
    const original = await crossByReport(temp.store);
    expect(original.filter((f) => f.rule === 'reference-ledger')).toHaveLength(2);
    // Rebuild the 2023 ledger from the reports themselves (correct), except the fuzzy project's 全年执行数 + 1.00.
    const rows2023 = fixedLines.filter((l) => l.startsWith('2023,'));
    const byKey = new Map<string, string>();
    for (const spec of fx.specs.filter((s) => s.year === 2023)) {
      const name = spec.department.replace('汨罗市', '市');
      const b = spec.deptSelfEval!.budget[0];
      byKey.set(`${name}|`, [b.initial, b.fullYear, b.executed].join(','));
      for (const p of spec.projects) byKey.set(`${name}|${p.name === fuzzy.report ? fuzzy.ledger : p.name}`, [p.budget[0].initial, p.budget[0].fullYear, p.name === fuzzy.report ? (Number(p.budget[0].executed) + 1).toFixed(2) : p.budget[0].executed].join(','));
    }
    const rebuilt = rows2023.map((l) => {
      const [year, dept, project, , , , code] = l.split(',');
      return [year, dept, project, byKey.get(`${dept}|${project}`)!, code].join(',');
    });
    const outcome = await importLedger(temp.store, [lines[0], ...rebuilt].join('\n'));
    expect(outcome).toMatchObject({ years: [2023], replaced: rows2023.length });
    const after = (await crossByReport(temp.store)).filter((f) => f.rule === 'reference-ledger');
    expect(after).toHaveLength(1);
    expect(after[0].department).toBe(fuzzy.department);
    expect(after[0].severity).toBe('warning'); // a name matched only by similar characters: unsure → lower
    const [stored] = (await getCrossFindings(temp.store, after[0].sha256)).filter((f) => f.finding.rule === 'reference-ledger');
    expect(stored.counterpart.match!.join(' ')).toContain(`项目：报告“${fuzzy.report}”↔ 台账“${fuzzy.ledger}”，字面相近`);
    // Storing last year's report again re-checks this year's (it compares against it).
    const [last] = await temp.store.db.query<{ sha256: string }>("SELECT sha256 FROM reports WHERE year = 2022 AND department = $1", [fx.planted[1].department]);
    await temp.store.db.query('DELETE FROM cross_findings');
    await recheckAfterSave(temp.store, last.sha256);
    expect((await crossByReport(temp.store)).map((f) => f.rule)).toEqual(['last-year-final']);
    await runCrossChecks(temp.store, await reportsOfYears(temp.store, [2022, 2023]));
  });

  it('chart numbers are the table’s numbers; recomputed = self on consistent reports; sorting; the overview sheet has one row per report', async () => {
    const rows = await overviewRows(temp.store, {});
    expect(rows).toHaveLength(20);
    const charts = chartData(rows, await findingsPerRule(temp.store, rows.map((r) => r.sha256)));
    expect(charts.scores.self.reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.selfScore !== null).length);
    expect(charts.rates.counts.reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.executionRate !== null).length);
    const errorsOf = (d: string) => rows.filter((r) => r.department === d).reduce((s, r) => s + r.errors, 0);
    for (const d of charts.departments) expect(d.errors).toBe(errorsOf(d.department));
    // Generated reports add up: the recomputed score equals the self score on every consistent report.
    const consistent = rows.filter((r) => !fx.planted.some((p) => p.department === r.department && p.year === r.year));
    for (const r of consistent) expect(r.gap, `${r.year} ${r.department}`).toBe('0.00');
    const byRate = sortOverview([...rows], 'rate', 'desc');
    expect(byRate.map((r) => r.executionRate)).toEqual([...rows.map((r) => r.executionRate)].sort((a, b) => Number(b) - Number(a)));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeOverviewXlsx(rows, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('部门总览')!;
    expect(ws.rowCount).toBe(21);
    expect(ws.getRow(1).getCell(5).value).toBe('自评得分');
    const xlsx = await app.inject({ url: '/export/overview.csv?year=2023', headers: viewer.headers() });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.body.trim().split('\r\n')).toHaveLength(11);
    // The findings export carries the cross-report findings after the report's own.
    const planted = (await crossByReport(temp.store)).find((f) => f.rule === 'last-year-final')!;
    const findingsCsv = await app.inject({ url: `/export/findings.csv?report=${planted.sha256}`, headers: viewer.headers() });
    expect(findingsCsv.body).toContain('last-year-final');
    expect(findingsCsv.body).toContain('上年决算数与上年报告不符');
  });
});

describe('cross-report checks on PostgreSQL (own schema)', () => {
  let temp: TempStore;
  afterAll(async () => temp?.cleanup());

  it('finds the changed 上年决算数 and the ledger difference', async () => {
    const fx = buildBureauFixture();
    temp = await tempPostgresStore();
    const wanted = fx.planted.filter((p) => p.rule === 'last-year-final' || p.rule === 'reference-ledger').slice(0, 2);
    const depts = new Set(wanted.map((p) => p.department));
    await ingestBatch(temp.store, fx.files.filter((f) => depts.has(f.department)));
    await importLedger(temp.store, fx.ledgerCsv);
    const found = await crossByReport(temp.store);
    expect(found.map((f) => `${f.department} ${f.rule}`).sort()).toEqual(wanted.map((p) => `${p.department} ${p.rule}`).sort());
    const rows = await overviewRows(temp.store, { year: 2023 });
    expect(rows.map((r) => r.cross)).toEqual([1, 1]);
  }, 120_000);
});
