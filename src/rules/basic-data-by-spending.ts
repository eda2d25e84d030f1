import type { Fact } from '../../schemas/fact.js';
import { formatInterval, intersects } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { amountInterval, factNumber, isBlank } from './lib/amounts.js';
import { paramsOf } from './lib/forms.js';
import { rowLabel, spendingColumnLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

/** 基础数据表 row keys and the 按支出性质分 line of the department form that states the same money. */
const SAME_MONEY: Array<{ row: string; line: string }> = [
  { row: 'project', line: 'project' },
  { row: 'public', line: 'operating' },
];

/**
 * B1 between the department's two forms: the 基础数据表's 项目支出 (公用经费) 本年决算数 and the 部门整体支出绩效
 * 自评表's 按支出性质分 项目支出 (公用经费) are one amount of one department and year, written twice
 * (hn-hengshan-guantang-2023: 1025.20 in both). A blank row (its fund rows filled instead) is E5's business.
 */
export const rule: Rule = {
  meta: {
    id: 'basic-data-by-spending',
    version: 1,
    severity: 'warning',
    catalogue: 'B1',
    title: { zh: '基础数据表与自评表按支出性质分不一致', en: 'The 基础数据表 and the form’s spending breakdown disagree' },
    description: {
      zh: '部门整体支出绩效评价基础数据表“项目支出”“公用经费”行的本年决算数，应与同年部门整体支出绩效自评表“按支出性质分”中的项目支出、公用经费一致；两表口径（决算数/执行数）可能不同，故为警告。',
      en: 'The 基础数据表’s 项目支出 / 公用经费 final amounts equal the same lines of the department form’s spending breakdown (按支出性质分) of the same year; a warning, as the two forms may be filled from different books.',
    },
    formula: '基础数据表 项目支出（公用经费）本年决算数 = 自评表 按支出性质分 项目支出（公用经费）',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效评价基础数据表与部门整体支出绩效自评表（同一部门同一年度）；catalogue B1',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const bd = report.basicData;
    const form = report.deptSelfEval;
    const lines = form?.budget?.bySpending ?? [];
    if (!bd || !form || lines.length === 0) return [];
    // the 本年 column is the form's year: two years are two amounts
    if (bd.year != null && form.year != null && bd.year !== form.year) return [];
    const out: FindingDraft[] = [];
    for (const { row: rowKey, line: lineKey } of SAME_MONEY) {
      const row = bd.spending.find((r) => r.key === rowKey);
      const line = lines.find((l) => l.key === lineKey);
      const final: Fact | null | undefined = row?.final;
      const amount: Fact | null | undefined = line?.amount;
      if (!row || !line || !final || !amount || isBlank(final) || isBlank(amount)) continue;
      const a = amountInterval(final, p.moneyDecimals);
      const b = amountInterval(amount, p.moneyDecimals);
      if (!a || !b || intersects(a, b)) continue;
      const name = rowLabel(row);
      const column = spendingColumnLabel(bd, 'final');
      const written = (f: Fact) => `${f.figure!.value}万元`;
      out.push({
        severity: 'warning',
        message: {
          zh: `${bd.part}「${name}」${column}${written(final)}，与${form.part}按支出性质分${name}${written(amount)}不一致（同一部门同一年度的同一金额）`,
          en: `${bd.part}: "${name}" final ${factNumber(final)} vs ${form.part} spending breakdown ${factNumber(amount)}`,
        },
        values: [factNumber(final)!, factNumber(amount)!],
        evidence: [factEvidence(final, 'basic-data'), factEvidence(amount, 'form')],
        expected: written(final),
        observed: written(amount),
        tolerance: `按书写精度：${formatInterval(a, 4)} 与 ${formatInterval(b, 4)} 不相交`,
        params: { family: p.family, moneyDecimals: p.moneyDecimals, row: rowKey, line: lineKey },
        part: bd.part,
      });
    }
    return out;
  },
};
