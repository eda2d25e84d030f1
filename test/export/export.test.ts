import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../schemas/result.js';
import { writeXlsx } from '../../src/export/xlsx.js';
import { writeCsv } from '../../src/export/csv.js';
import { SHEETS } from '../../src/export/rows.js';
import { decide } from '../../src/store/decisions.js';
import { formatTimeSeconds, setDisplayTimeZone } from '../../src/web/time.js';
import { FORMULA_TEXT, hostileDocx, ingest, PG_URL, ROOT, SCRIPT_TEXT, seedBytes, tempPostgresStore } from '../web/helpers.js';

const run = promisify(execFile);

/** Column index (1-based) of a header in a sheet definition. */
function colOf(sheet: keyof typeof SHEETS, key: string): number {
  return SHEETS[sheet].columns.findIndex((c) => c.key === key) + 1;
}

describe('export to .xlsx and .csv, read back', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let dir: string;
  let seed: Result;
  let hostile: Result;
  let hostileBatch: string;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    temp = await tempPostgresStore();
    dir = await mkdtemp(join(tmpdir(), 'selfeval-export-'));
    seed = (await ingest(temp.store, await seedBytes(), 'samples/seed.docx')).result;
    const h = await ingest(temp.store, hostileDocx(), 'hostile.docx');
    hostile = h.result;
    hostileBatch = h.batchId;
    // A decision to see in the export.
    await temp.store.setReview({ reportSha256: seed.sha256, findingId: seed.discrepancies[0].id, status: 'confirmed', note: '-已电话核实', reviewer: '李审核' });
    const file = join(dir, 'all.xlsx');
    const out = createWriteStream(file);
    await writeXlsx(temp.store, {}, out);
    await finished(out);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
  }, 180_000);

  afterAll(async () => {
    await temp?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has the findings sheet row for row as the store has them, with reviews, frozen header and filters', async () => {
    const ws = workbook.getWorksheet(SHEETS.findings.name)!;
    expect(ws.getRow(1).values).toEqual([undefined, ...SHEETS.findings.columns.map((c) => c.header)]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();

    const stored = await temp.store.db.query<{ report_sha256: string; id: string; rule: string; severity: string; message: string; numbers: number[] }>(
      'SELECT report_sha256, id, rule, severity, message, numbers FROM findings WHERE gone_run IS NULL',
    );
    expect(stored.length).toBe(seed.discrepancies.length + hostile.discrepancies.length);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 1) rows.set(`${row.getCell(colOf('findings', 'sha256')).value}/${row.getCell(colOf('findings', 'findingId')).value}`, row);
    });
    expect(rows.size).toBe(stored.length);
    for (const f of stored) {
      const row = rows.get(`${f.report_sha256}/${f.id}`)!;
      expect(row, f.id).toBeDefined();
      expect(row.getCell(colOf('findings', 'rule')).value).toBe(f.rule);
      expect(String(row.getCell(colOf('findings', 'message')).value).replace(/^'/, '')).toBe(f.message);
      if (f.numbers.length > 0) {
        const v1 = row.getCell(colOf('findings', 'value1'));
        expect(v1.type).toBe(ExcelJS.ValueType.Number);
        expect(v1.value).toBe(f.numbers[0]);
      }
    }
    const reviewed = rows.get(`${seed.sha256}/${seed.discrepancies[0].id}`)!;
    expect(reviewed.getCell(colOf('findings', 'review')).value).toBe('已确认');
    // The note starts with "-": neutralized like any other text.
    expect(reviewed.getCell(colOf('findings', 'note')).value).toBe("'-已电话核实");
    expect(reviewed.getCell(colOf('findings', 'reviewer')).value).toBe('李审核');
    expect(reviewed.getCell(colOf('findings', 'department')).value).toBe('汨罗市建筑工程服务中心');
  });

  it('has every indicator row of every report, weights and scores as numbers', async () => {
    const ws = workbook.getWorksheet(SHEETS.indicators.name)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const expected = [seed, hostile].flatMap((r) => [...(r.report?.deptSelfEval ? [r.report.deptSelfEval] : []), ...(r.report?.projects ?? [])].flatMap((p) => p.indicators.map((x) => ({ part: p.part, x }))));
    expect(expected.length).toBeGreaterThan(50);
    expect(ws.rowCount - 1).toBe(expected.length);
    let numericWeights = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const { part, x } = expected[n - 2];
      expect(row.getCell(colOf('indicators', 'part')).value).toBe(part);
      const weight = row.getCell(colOf('indicators', 'weight'));
      if (x.weight.figure) {
        expect(weight.type).toBe(ExcelJS.ValueType.Number);
        expect(weight.value).toBe(Number(x.weight.figure.value));
        numericWeights++;
      }
    });
    expect(numericWeights).toBeGreaterThan(50);
  });

  it('has the budget rows of every form as numbers', async () => {
    const ws = workbook.getWorksheet(SHEETS.budget.name)!;
    const forms = [seed, hostile].flatMap((r) => [...(r.report?.deptSelfEval ? [r.report.deptSelfEval] : []), ...(r.report?.projects ?? [])]);
    const rows = forms.reduce((n, f) => n + (f.budget ? f.budget.rows.length + f.budget.byIncome.length + f.budget.bySpending.length : 0), 0);
    expect(rows).toBeGreaterThan(0);
    expect(ws.rowCount - 1).toBe(rows);
    const executed = ws.getRow(2).getCell(colOf('budget', 'executed'));
    expect(executed.type).toBe(ExcelJS.ValueType.Number);
  });

  it('brings a formula typed into a document cell as text, and no formula anywhere', async () => {
    const texts: string[] = [];
    workbook.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.type === ExcelJS.ValueType.String) texts.push(cell.value as string);
        }),
      ),
    );
    expect(texts).toContain(`'${FORMULA_TEXT}`);
    expect(texts.some((t) => t.includes(SCRIPT_TEXT))).toBe(true);
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
  });

  it('writes the same neutralized text to CSV, and narrows to one batch', async () => {
    const file = join(dir, 'indicators.csv');
    const out = createWriteStream(file);
    const n = await writeCsv(temp.store, { batchId: hostileBatch }, 'indicators', out);
    out.end();
    await finished(out);
    const csv = await readFile(file, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(SHEETS.indicators.columns.map((c) => c.header).join(','));
    const hostileIndicators = [...(hostile.report?.deptSelfEval ? [hostile.report.deptSelfEval] : []), ...(hostile.report?.projects ?? [])].reduce((k, p) => k + p.indicators.length, 0);
    expect(n).toBe(hostileIndicators);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('runs from the command line against the same store (csv, xlsx and the static html page)', async () => {
    const env = { ...process.env, DATABASE_URL: PG_URL, SELFEVAL_DB_SCHEMA: temp.schema };
    const bin = join(ROOT, 'bin', 'selfeval');
    const xlsx = join(dir, 'cli.xlsx');
    const { stderr } = await run(bin, ['export', '--format', 'xlsx', '--out', xlsx], { env, cwd: ROOT });
    expect(stderr).toContain('已导出');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['发现', '绩效指标', '预算执行', '报告', '审核记录']);
    expect(wb.getWorksheet('报告')!.rowCount).toBe(3);

    const html = join(dir, 'report.html');
    await run(bin, ['export', '--format', 'html', '--report', hostile.sha256, '--out', html], { env, cwd: ROOT });
    const page = await readFile(html, 'utf8');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<form');

    await expect(run(bin, ['export', '--format', 'html'], { env, cwd: ROOT })).rejects.toMatchObject({ code: 2 });
    await expect(run(bin, ['export', '--format', 'csv', '--batch', 'no-such-batch'], { env, cwd: ROOT })).rejects.toMatchObject({ code: 1 });
  });

  it('writes comparators without an apostrophe, categories in Chinese, and the decision time as a date in the bureau’s zone', async () => {
    const sichuan = await ingest(temp.store, new Uint8Array(await readFile(join(ROOT, 'samples', 'fixtures', 'sichuan-projects.docx'))), 'sichuan-projects.docx');
    const finding = sichuan.result.discrepancies[0];
    await decide(temp.store.db, {
      targets: [{ reportSha256: sichuan.result.sha256, findingId: finding.id }],
      status: 'dismissed',
      note: '单位已说明',
      actor: { username: 'zhao', displayName: '赵审核', role: 'reviewer', ip: '10.0.0.7', userAgent: null },
    });
    const [{ updated_at: at }] = await temp.store.db.query<{ updated_at: Date }>('SELECT updated_at FROM reviews WHERE finding_id = $1', [finding.id]);
    const file = join(dir, 'sichuan.xlsx');
    const out = createWriteStream(file);
    await writeXlsx(temp.store, { sha256: sichuan.result.sha256 }, out);
    await finished(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const indicators = wb.getWorksheet(SHEETS.indicators.name)!;
    const natures = new Set<unknown>();
    indicators.eachRow((row, n) => {
      if (n > 1) natures.add(row.getCell(colOf('indicators', 'nature')).value);
    });
    expect([...natures].some((v) => typeof v === 'string' && /^[=≥≤]/.test(v))).toBe(true);
    expect([...natures].filter((v) => typeof v === 'string' && v.startsWith("'"))).toEqual([]);
    const budget = wb.getWorksheet(SHEETS.budget.name)!;
    budget.eachRow((row, n) => {
      if (n > 1) expect(String(row.getCell(colOf('budget', 'kind')).value)).not.toMatch(/^[a-z-]+$/);
    });
    const findings = wb.getWorksheet(SHEETS.findings.name)!;
    let reviewedAt: unknown = null;
    findings.eachRow((row) => {
      if (row.getCell(colOf('findings', 'findingId')).value === finding.id) reviewedAt = row.getCell(colOf('findings', 'reviewedAt')).value;
    });
    // A date cell showing Beijing time (a spreadsheet date has no zone: its fields are the local time).
    expect(reviewedAt).toBeInstanceOf(Date);
    const shanghai = new Date(at.getTime() + 8 * 3600_000);
    expect((reviewedAt as Date).toISOString().slice(0, 19)).toBe(shanghai.toISOString().slice(0, 19));
    const audit = wb.getWorksheet(SHEETS.audit.name)!;
    expect(audit.rowCount).toBe(2);
    expect(audit.getRow(2).getCell(colOf('audit', 'actor')).value).toBe('zhao');
    expect(audit.getRow(2).getCell(colOf('audit', 'decision')).value).toBe('误报（已驳回）');
    expect(audit.getRow(2).getCell(colOf('audit', 'ip')).value).toBe('10.0.0.7');
    // CSV: the same time as text, in the configured zone.
    setDisplayTimeZone('America/New_York');
    try {
      const csvFile = join(dir, 'sichuan.csv');
      const csvOut = createWriteStream(csvFile);
      await writeCsv(temp.store, { sha256: sichuan.result.sha256 }, 'findings', csvOut);
      csvOut.end();
      await finished(csvOut);
      const csv = await readFile(csvFile, 'utf8');
      expect(csv).toContain(formatTimeSeconds(at, 'America/New_York'));
      expect(formatTimeSeconds(at, 'America/New_York')).not.toBe(formatTimeSeconds(at, 'Asia/Shanghai'));
    } finally {
      setDisplayTimeZone('Asia/Shanghai');
    }
  });
});
