import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import { recognizeReport } from '../../src/recognize/index.js';
import { ReportSchema } from '../../schemas/report.js';
import { declaredPoints, level1Name } from '../../src/recognize/indicators.js';
import { SEED_FORMS } from '../fixtures/seed-indicators.js';
import { SEED_BUDGETS } from '../fixtures/seed-budget.js';
import type { DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');

const report = recognizeReport(parseDocx(readFileSync('samples/seed.docx')));
const forms: Array<DeptSelfEval | ProjectSelfEval> = [report.deptSelfEval!, ...report.projects];

describe('seed.docx records against the hand-typed fixture', () => {
  it('validates against the zod schema', () => {
    expect(() => ReportSchema.parse(report)).not.toThrow();
  });

  it('finds the four self-evaluation forms in order', () => {
    expect(forms.map((f) => f.part)).toEqual(SEED_FORMS.map((f) => f.part));
    expect(report.year).toBe(2023);
    expect(report.department?.text).toBe('汨罗市建筑工程服务中心');
    expect(report.family).toBe('hunan-dept');
  });

  for (const [i, expected] of SEED_FORMS.entries()) {
    it(`reads every indicator row of ${expected.part} exactly as printed`, () => {
      const form = forms[i];
      const actual = form.indicators.map((ind) => [
        ind.level1,
        ind.level1Points?.value ?? null,
        squash(ind.level2),
        squash(ind.level3),
        squash(ind.target.text),
        squash(ind.actual.text),
        squash(ind.weight.text),
        squash(ind.score.text),
        squash(ind.reason.text),
      ]);
      const wanted = expected.indicators.map((row) => [
        level1Name(row[0]),
        declaredPoints(row[0])?.value ?? null,
        ...row.slice(1).map(squash),
      ]);
      expect(actual).toEqual(wanted);
      expect(squash(form.total?.weight?.text)).toBe(expected.total.weight);
      expect(squash(form.total?.score?.text)).toBe(expected.total.score);
    });
  }

  it('keeps blank cells blank (null figure), never 0', () => {
    const na = report.projects[2].indicators.filter((i) => i.notApplicable);
    expect(na.map((i) => i.level2)).toEqual(['社会成本指标', '生态环境成本指标']);
    for (const i of na) {
      expect(i.weight.text).toBe('');
      expect(i.weight.figure).toBeNull();
    }
    expect(report.projects[1].total?.score?.figure).toBeNull();
  });

  it('remembers written precision and comparators', () => {
    const dept = report.deptSelfEval!.budget!.rows[0];
    expect(dept.fullYearBudget?.figure).toMatchObject({ value: '951.90', decimals: 2 });
    const over = report.deptSelfEval!.indicators.find((i) => i.level3 === '公开招投标项目监管服务满意率')!;
    expect(over.targetMeasure.figure).toMatchObject({ value: '95', unit: '%', comparator: '>=' });
    const count = report.deptSelfEval!.indicators.find((i) => i.level3 === '办理项目竣工验收率')!;
    expect(count.targetMeasure.figure).toMatchObject({ value: '60', unit: '个' });
    expect(count.actualMeasure.figure).toMatchObject({ value: '27', unit: '个' });
  });

  for (const [part, expected] of Object.entries(SEED_BUDGETS)) {
    it(`reads every budget-block value of ${part}`, () => {
      const form = forms.find((f) => f.part === part)!;
      const rows = form.budget!.rows.map((r) => [
        squash(r.label),
        ...[r.initialBudget, r.fullYearBudget, r.executed, r.weight, r.rate, r.score].map((f) => squash(f?.text)),
      ]);
      expect(rows).toEqual(expected.rows);
      if (expected.byIncome) {
        expect(form.budget!.byIncome.map((b) => [b.label, b.amount.figure?.value ?? ''])).toEqual(expected.byIncome);
      }
      if (expected.bySpending) {
        expect(form.budget!.bySpending.map((b) => [b.label, b.amount.figure?.value ?? ''])).toEqual(expected.bySpending);
      }
    });
  }

  it('locates every value: part, table, row, column and source text', () => {
    const row = report.projects[2].budget!.rows[0];
    expect(row.executed).toMatchObject({ text: '334.74', loc: { part: '项目支出绩效自评表（工作经费）', table: 4, row: 3 } });
    expect(row.executed!.loc.col).toBeTypeOf('number');
    const basic = report.deptSelfEval!.budget!.bySpending[1].amount;
    expect(basic.text).toBe('项目支出：359.73');
    expect(basic.loc.span).toEqual([5, 11]);
  });

  it('reads the 基础数据表: staffing, spending rows with parents, buildings, signature', () => {
    const b = report.basicData!;
    expect([b.staffing?.authorized?.text, b.staffing?.actual?.text, b.staffing?.controlRate?.text]).toEqual(['61', '59', '96.72%']);
    const special = b.spending.find((s) => s.key === 'special-funds')!;
    expect([special.previousFinal?.text, special.budget?.text, special.final?.text]).toEqual(['12.52', '25', '359.74']);
    const items = b.spending.filter((s) => s.parent === special.label).map((s) => [s.label, s.budget?.text, s.final?.text]);
    expect(items).toEqual([
      ['质量安全监督管理专项', '5', '5'],
      ['招投标监督管理专项', '20', '20'],
      ['工作经费', '', '334.74'],
      ['智慧平台服务及专用检测费', '', ''],
    ]);
    const threePublic = b.spending.find((s) => s.key === 'three-public')!;
    expect(threePublic.final?.figure).toBeNull();
    expect(b.spending.find((s) => s.key === 'reception')?.previousFinal?.figure?.value).toBe('0.12');
    expect(b.spendingColumns.map((c) => c.field)).toEqual(['previousFinal', 'budget', 'final']);
    expect(b.signature).toMatchObject({ preparer: '柳灿', phone: '15292005668', head: '葛思卉', date: null });
    expect(report.projects[2].signature).toMatchObject({ preparer: null, phone: null, head: null });
  });
});
