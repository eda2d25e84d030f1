import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetRows } from '../../src/export/rows.js';
import { runPipeline } from '../../src/pipeline.js';
import { blockUnit } from '../../src/recognize/budget-block.js';
import { buildFactIndex } from '../../src/facts/index.js';
import { recordParts } from '../../src/web/render/records.js';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

// A form's money unit (unit28): the head's word, unless the amounts' size says 元.

describe('a form whose 万元 head stands over amounts in 元', () => {
  // sh-songjiang-jiuting-2020: 项目资金(万元) over 145000000.00 and 40067273.32 — a town's year of 1.45亿 / 4007万 元, not
  // 1.45万亿 / 4007亿 元
  it.each(['docx', 'pdf'])('reads both forms in 元 and keeps the head’s 万元 beside it (%s)', async (ext) => {
    const { report } = checkModel(await corpusModel('sh-songjiang-jiuting-2020', ext));
    expect(report.projects.map((p) => [p.name?.text, p.budget?.unit, p.budget?.statedUnit])).toEqual([
      ['城镇建设管理', '元', '万元'],
      ['动迁安置', '元', '万元'],
    ]);
    // the facts the prose is compared with are 1.45亿元, not 145000000万元
    const total = buildFactIndex(report).byId.get('projects[0].budget.rows[0].executed');
    expect(total?.statement.value).toBe('14500');
    expect(total?.statement.unit).toBe('万元');
    // the reviewer's records page says both
    expect(recordParts(report)[0].render('').toString()).toContain('预算执行情况（单位：元；表头写作万元，按金额量级读作元）');
  });

  it.each(['docx', 'pdf'])('gives one info per form naming the form and its head cell, and the export rows say the head’s 万元 (%s)', async (ext) => {
    const { report, findings } = checkModel(await corpusModel('sh-songjiang-jiuting-2020', ext));
    const notes = findings.filter((f) => f.rule === 'stated-unit');
    expect(notes.map((f) => [f.severity, f.part, f.values])).toEqual([
      ['info', report.projects[0].part, [145000000]],
      ['info', report.projects[1].part, [40067273.32]],
    ]);
    for (const [i, f] of notes.entries()) {
      expect(f.message).toMatch(/^项目.*表头单位写作万元（“项目资金\(万元\)”），金额按量级应为元：「.+」.+按万元计超过1000亿元/u);
      // the head cell is the evidence the reviewer is led to, beside the amount
      const head = f.evidence.find((e) => e.role === 'unit-head');
      expect(head?.text.replace(/\s+/g, '')).toBe('项目资金(万元)');
      expect(head?.location.table).toBe(report.projects[i].budget!.statedUnitCell!.loc.table);
      expect(f.evidence.find((e) => e.role === 'amount')?.value).toBe(f.values[0]);
    }
    const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(new URL(`../corpus/real/sh-songjiang-jiuting-2020/sh-songjiang-jiuting-2020.${ext}`, import.meta.url))), file: `sh-songjiang-jiuting-2020.${ext}` });
    const rows = budgetRows({ sha256: result.sha256, fileName: 'x', department: null, year: null, format: ext, status: 'ok', errorCode: null, errorMessage: null, result, findings: [], audit: [] });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r.unit}|${r.statedUnit}`))).toEqual(new Set(['元|万元']));
  });

  it('keeps the head’s 万元 when the prose restates an amount as written with 万元, not when it restates it in 元 or 亿元', async () => {
    const title = '九亭镇2021年预算绩效评价结果公开';
    const units = async (prose: string) =>
      checkModel(await corpusEdited('sh-songjiang-jiuting-2020', [title, `${title}。${prose}`])).report.projects.map((p) => [p.budget?.unit, p.budget?.statedUnit]);
    // only the form whose amount is restated keeps 万元
    expect(await units('城镇建设管理全年预算145,000,000万元。')).toEqual([['万元', undefined], ['元', '万元']]);
    // the writer means 万元 there: no note on that form, nor a head cell kept
    const kept = checkModel(await corpusEdited('sh-songjiang-jiuting-2020', [title, `${title}。城镇建设管理全年预算145,000,000万元。`]));
    expect(kept.report.projects[0].budget?.statedUnitCell).toBeUndefined();
    expect(kept.findings.filter((f) => f.rule === 'stated-unit').map((f) => f.part)).toEqual([kept.report.projects[1].part]);
    expect(await units('动迁安置执行40067273.32万元。')).toEqual([['元', '万元'], ['万元', undefined]]);
    expect(await units('城镇建设管理全年预算1.45亿元、145000000.00元，14500万元。')).toEqual([['元', '万元'], ['元', '万元']]);
    // a longer number that ends in the same digits is not a restatement
    expect(await units('累计2145000000万元。')).toEqual([['元', '万元'], ['元', '万元']]);
  });

  it('keeps 万元 where the amounts are a project’s size (sc-langzhong-chegoushui-2021: 4000万元)', async () => {
    const { report } = checkModel(await corpusModel('sc-langzhong-chegoushui-2021'));
    const budgets = [report.deptSelfEval?.budget, ...report.projects.map((p) => p.budget)].filter((b) => b);
    expect(budgets.length).toBeGreaterThan(0);
    for (const b of budgets) {
      expect(b!.unit).toBe('万元');
      expect(b!.statedUnit).toBeUndefined();
      expect(b!.statedUnitCell).toBeUndefined();
    }
    expect(checkModel(await corpusModel('sc-langzhong-chegoushui-2021')).findings.filter((f) => f.rule === 'stated-unit')).toEqual([]);
    expect(recordParts(report).map((p) => p.render('').toString()).join('')).toContain('预算执行情况（单位：万元）');
  });

  it('decides on the largest amount: one row at 10^7 is enough, 9999999.99 is not; a stated 元 or 亿元 is never changed', async () => {
    const { report } = checkModel(await corpusModel('sh-songjiang-jiuting-2020'));
    const rows = report.projects[0].budget!.rows;
    const withTotal = (value: string) => rows.map((r, i) => (i === 0 ? { ...r, executed: { ...r.executed!, figure: { ...r.executed!.figure!, value } }, initialBudget: null, fullYearBudget: null } : { ...r, initialBudget: null, fullYearBudget: null, executed: null }));
    expect(blockUnit('万元', withTotal('10000000.00'))).toEqual({ unit: '元', statedUnit: '万元' });
    expect(blockUnit('万元', withTotal('9999999.99'))).toEqual({ unit: '万元' });
    // no unit stated: the size alone decides
    expect(blockUnit(null, withTotal('10000000.00'))).toEqual({ unit: '元', statedUnit: null });
    expect(blockUnit(null, withTotal('2030.12'))).toEqual({ unit: null });
    expect(blockUnit('元', rows)).toEqual({ unit: '元' });
    expect(blockUnit('亿元', rows)).toEqual({ unit: '亿元' });
  });
});
