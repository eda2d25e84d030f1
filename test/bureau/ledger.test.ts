import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainMatch, matchName } from '../../src/bureau/name-match.js';
import { matchDepartment } from '../../src/bureau/ledger-check.js';
import { readReferenceFile, ReferenceFormatError } from '../../src/bureau/reference-import.js';
import { getCrossFindings, reportsOfYears, runCrossChecks } from '../../src/bureau/cross-check.js';
import { loadLedger, saveReferenceImport } from '../../src/bureau/ledger-store.js';
import { run as importReference } from '../../src/cli/import-reference.js';
import { openStore } from '../../src/store/index.js';
import { buildServer } from '../../src/web/server.js';
import { addAccount, injectLogin, ingest, ROOT, seedBytes, tempPgliteStore, type TempStore } from '../web/helpers.js';

const SAMPLE = join(ROOT, 'samples', 'reference-ledger.csv');
const enc = (s: string) => new TextEncoder().encode(s);

async function rejection(bytes: Uint8Array, name: string): Promise<ReferenceFormatError> {
  try {
    await readReferenceFile(bytes, name);
  } catch (e) {
    if (e instanceof ReferenceFormatError) return e;
    throw e;
  }
  throw new Error('accepted a malformed file');
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('names: why a report name and a ledger name are the same body', () => {
  it('matches with and without the place name, and with a dropped character, saying why', () => {
    const place = explainMatch('汨罗市建筑工程服务中心', '市建筑工程服务中心')!;
    expect(place.level).toBe('sure');
    expect(place.reason).toContain('建筑工程服务中心');
    const typo = explainMatch('质量安全监督管专项', '质量安全监督管理专项')!;
    expect(typo.level).toBe('fuzzy');
    expect(typo.reason).toContain('“理”');
    expect(explainMatch('汨罗市市场监督管理局', '市场监督管理局')?.level).toBe('sure');
  });
  it('matches a department by the code a report writes before its name', () => {
    const row = (department: string, departmentCode: string | null) => ({ year: 2022, department, project: '', initialBudget: '1', fullYearBudget: '1', executed: '1', departmentCode, projectCode: null, sourceRow: 2, fileName: 'l.csv' });
    const rows = [row('贵池区棠溪镇', '219001'), row('贵池区梅街镇', '219002')];
    expect(matchDepartment('219001-池州市贵池区棠溪镇人民政府', rows)).toMatchObject({ name: '贵池区棠溪镇', level: 'sure', reason: '部门编码 219001 相同' });
    expect(matchDepartment('219009-池州市贵池区梅街镇', rows)).toMatchObject({ name: '贵池区梅街镇', level: 'sure' });
  });
  it('does not match other places or other bodies', () => {
    expect(explainMatch('汨罗市财政局', '岳阳市财政局')).toBeNull();
    expect(explainMatch('汨罗市财政局', '汨罗市水利局')).toBeNull();
    expect(matchName('工作经费', ['业务工作经费', '运行工作经费'], (x) => x)).toBeNull();
    // A name without its place is ambiguous among two places; the exact name wins over a place-stripped one.
    expect(matchName('水利局', ['平江县水利局', '湘阴县水利局'], (x) => x)).toBeNull();
    expect(matchName('汨罗市水利局', ['平江县水利局', '汨罗市水利局'], (x) => x)?.name).toBe('汨罗市水利局');
  });
});

describe('reference table import: all or nothing', () => {
  it('reads the documented sample (csv) and the same table as xlsx', async () => {
    const rows = await readReferenceFile(await readFile(SAMPLE), 'reference-ledger.csv');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ year: 2023, department: '市建筑工程服务中心', project: '', initialBudget: '801.08', fullYearBudget: '951.90', executed: '951.90', departmentCode: '417001', sourceRow: 2 });
    const fromXlsx = await readReferenceFile(
      await xlsx([
        ['年度', '预算单位', '项目名称', '年初预算数', '调整后预算数', '预算执行数（元）'],
        [2023, '市建筑工程服务中心', '', 801.08, '951.90', 9519000],
      ]),
      'ledger.xlsx',
    );
    expect(fromXlsx[0]).toMatchObject({ initialBudget: '801.08', fullYearBudget: '951.90', executed: '951.9' });
  });

  it('names the row and the column of a malformed cell, in Chinese', async () => {
    const bad = await rejection(enc('年度,部门名称,年初预算数,全年预算数,全年执行数\n2023,水利局,1,2,3\n2023,林业局,1,2,12.3.4\n'), 'x.csv');
    expect(bad.message).toMatch(/^第3行 E列（全年执行数）：“12\.3\.4”不是金额/);
    expect(bad.message).toContain('未导入任何数据');
    expect((await rejection(enc('年度,部门名称,年初预算数,全年预算数\n2023,水利局,1,2\n'), 'x.csv')).message).toContain('缺少“全年执行数”列');
    expect((await rejection(enc('年度,部门名称,年初预算数,全年预算数,全年执行数\n二〇二三,水利局,1,2,3\n'), 'x.csv')).message).toMatch(/^第2行 A列（年度）/);
    expect((await rejection(enc('年度,部门名称,年初预算数,全年预算数,全年执行数\n2023,水利局,1,2,3\n2023,水利局,1,2,3\n'), 'x.csv')).message).toContain('第3行：与第2行重复');
    const xbad = await rejection(await xlsx([['年度', '部门名称', '年初预算数', '全年预算数', '全年执行数'], [2023, '', 1, 2, 3]]), 'y.xlsx');
    expect(xbad.message).toMatch(/^第2行 B列（部门名称）：部门名称为空/);
  });
});

describe('reference ledger against a stored report (PGlite)', () => {
  let temp: TempStore;
  let sha: string;
  beforeAll(async () => {
    temp = await tempPgliteStore();
    sha = (await ingest(temp.store, await seedBytes(), 'seed.docx')).result.sha256;
  }, 120_000);
  afterAll(async () => temp?.cleanup());

  it('flags the one planted difference, with both sides and the reason for the name match; a corrected re-import clears it', async () => {
    const bytes = await readFile(SAMPLE);
    const outcome = await saveReferenceImport(temp.store.db, await readReferenceFile(bytes, 'ledger.csv'), { fileName: 'ledger.csv', bytes, actor: 'test' });
    expect(outcome).toMatchObject({ years: [2023], rows: 4, replaced: 0 });
    await runCrossChecks(temp.store, await reportsOfYears(temp.store, outcome.years));
    const found = await getCrossFindings(temp.store, sha);
    expect(found.map((f) => f.finding.message)).toEqual([expect.stringMatching(/工作经费.*全年预算数为334\.74万元，财政局参考台账（第5行）为334\.47万元/)]);
    const [f] = found;
    expect(f.finding.severity).toBe('error');
    expect(f.finding.evidence[0].location.table).not.toBeNull();
    expect(f.counterpart.items).toContainEqual({ label: '全年预算数', text: '334.47 万元', where: '台账第5行' });
    expect(f.counterpart.match!.join(' ')).toContain('去掉');

    // The report page shows it with both sides and the reason for the name match.
    await addAccount(temp.store, 'viewer1', 'viewer');
    const app = await buildServer({ store: temp.store });
    try {
      const session = await injectLogin(app, 'viewer1');
      const page = await app.inject({ url: `/reports/${sha}`, headers: session.headers() });
      expect(page.statusCode).toBe(200);
      const cross = page.body.slice(page.body.indexOf('id="cross"'));
      expect(cross).toContain('财政局参考台账');
      expect(cross).toContain('334.47 万元');
      expect(cross).toMatch(/<q>334\.74<\/q>/);
      expect(cross).toContain('去掉“汨罗市建筑工程服务中心”的地名“汨罗市”');
      expect(cross).toContain('质量安全监督管专项');
      const overview = await app.inject({ url: '/overview', headers: session.headers() });
      expect(overview.statusCode).toBe(200);
      expect(overview.body).toContain('<svg class="chart" id="chart-scores"');
      expect(overview.body).toMatch(/data-col="cross"><a href="\/reports\/[0-9a-f]{64}#cross">1<\/a>/);
      expect((await app.inject({ url: '/overview?sort=nope', headers: session.headers() })).statusCode).toBe(400);
      expect((await app.inject({ url: '/admin/reference', headers: session.headers() })).statusCode).toBe(403);
    } finally {
      await app.close();
    }

    // The corrected table replaces 2023 and re-checks the report.
    const fixed = enc(bytes.toString('utf8').replace('334.47', '334.74'));
    const again = await saveReferenceImport(temp.store.db, await readReferenceFile(fixed, 'fixed.csv'), { fileName: 'fixed.csv', bytes: fixed, actor: 'test' });
    expect(again.replaced).toBe(4);
    await runCrossChecks(temp.store, await reportsOfYears(temp.store, again.years));
    expect(await getCrossFindings(temp.store, sha)).toEqual([]);
    expect((await loadLedger(temp.store.db)).map((r) => r.fullYearBudget)).toEqual(['951.90', '20.00', '5.00', '334.74']);
  }, 60_000);

});

describe('selfeval import-reference', () => {
  it('imports the sample into an embedded store; a malformed file stores nothing', async () => {
    const temp = await tempPgliteStore();
    await temp.store.close();
    try {
      const bad = join(temp.dir, 'bad.csv');
      await writeFile(bad, '年度,部门名称,年初预算数,全年预算数,全年执行数\n2024,水利局,1,2,3\n2024,林业局,1,abc,3\n');
      expect(await importReference([bad, '--db', temp.dir])).toBe(1);
      expect(await importReference([SAMPLE, '--db', temp.dir, '--json'])).toBe(0);
      const store = await openStore({ dataDir: temp.dir, databaseUrl: '' });
      try {
        expect((await loadLedger(store.db)).map((r) => `${r.year} ${r.department} ${r.project}`)).toEqual([
          '2023 市建筑工程服务中心 ',
          '2023 市建筑工程服务中心 质量安全监督管理专项',
          '2023 市建筑工程服务中心 招投标监督管理专项',
          '2023 市建筑工程服务中心 工作经费',
        ]);
        const audit = await store.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'reference.import'");
        expect(audit).toHaveLength(1);
      } finally {
        await store.close();
      }
    } finally {
      await temp.cleanup();
    }
  }, 60_000);
});
