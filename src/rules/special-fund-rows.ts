import type { SpendingRow } from '../../schemas/records.js';
import { intersects, Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { amountInterval, exactValue, factNumber, isBlank } from './lib/amounts.js';
import { formName, paramsOf, totalBudgetRow } from './lib/forms.js';
import { matchEntity } from '../facts/entity.js';
import { nameSimilarity, sameEntity } from './lib/names.js';
import { sumFinding } from './lib/sum-finding.js';
import { rowLabel, SPENDING_COLUMNS, spendingColumnLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

/** 三公 rows have their own rule (E2). */
const THREE_PUBLIC = new Set(['three-public', 'vehicle', 'vehicle-purchase', 'vehicle-running', 'overseas', 'reception']);

/**
 * E5 a parent row of the 基础数据表 (项目支出, 县级专项资金, 公用经费) = Σ its rows, and each fund row
 * matches its project table's 全年执行数. "其中" rows are a subset (Σ ≤ parent), not a partition.
 */
export const rule: Rule = {
  meta: {
    id: 'special-fund-rows',
    version: 2,
    severity: 'error',
    catalogue: 'E5',
    title: { zh: '专项资金明细与项目表', en: 'Fund rows add up and match the project tables' },
    description: {
      zh: '基础数据表中的上级行（项目支出、县级专项资金等）应等于其下各行之和（“其中”行之和不超过上级行）；上级行空白而下级有数时提示补填；每个专项资金行的本年决算数应与同名项目支出绩效自评表的全年执行数一致（名称完全相同为错误，相近为警告）。',
      en: 'A parent row equals the sum of its rows ("其中" rows: at most the parent); a blank parent with filled rows is a warning; each fund row matches its project table’s executed amount (error on an exact name, warning on a similar one).',
    },
    formula: '上级行 = Σ 下级行（其中：Σ ≤ 上级行）；专项行本年决算数 = 项目表全年执行数',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效评价基础数据表“县级专项资金（一个专项一行）”',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const bd = report.basicData;
    if (!bd) return [];
    const out: FindingDraft[] = [];
    const params = { family: p.family, moneyDecimals: p.moneyDecimals };
    const rows = bd.spending.filter((r) => !THREE_PUBLIC.has(r.key));
    for (const parent of rows) {
      const children = rows.filter((r) => r !== parent && r.parent === parent.label);
      if (children.length === 0) continue;
      const subset = children.some((c) => /^\s*其中/.test(c.label));
      const blankCols: string[] = [];
      const sums: number[] = [];
      for (const col of SPENDING_COLUMNS) {
        const total = parent[col];
        const filled = children.filter((c) => c[col] && !isBlank(c[col]) && c[col]!.figure);
        if (!total || isBlank(total)) {
          if (filled.length) {
            blankCols.push(spendingColumnLabel(bd, col));
            sums.push(filled.reduce((a, c) => a.add(exactValue(c[col]) ?? Rational.of(0)), Rational.of(0)).toNumber());
          }
          continue;
        }
        if (subset) {
          const t = amountInterval(total, p.moneyDecimals);
          const lows = filled.map((c) => amountInterval(c[col]!, p.moneyDecimals));
          if (!t || lows.some((x) => !x)) continue;
          const lo = lows.reduce((a, x) => a.add(x!.lo), Rational.of(0));
          if (lo.le(t.hi)) continue;
          // values carry the figures' sum as written (the contract's "sum of figures"), not the interval bound.
          const sum = filled.reduce((a, c) => a.add(exactValue(c[col])!), Rational.of(0));
          out.push({
            severity: 'warning',
            message: {
              zh: `${bd.part}「${rowLabel(parent)}」${spendingColumnLabel(bd, col)}为${total.text.trim()}，其中各项之和${sum.toString()}已超过它`,
              en: `${bd.part}: "${rowLabel(parent)}" (${col}) is ${total.text.trim()} but its 其中 items exceed it`,
            },
            values: [factNumber(total)!, sum.toNumber()],
            evidence: [factEvidence(total, 'total'), ...filled.map((c) => factEvidence(c[col]!, 'part'))],
            expected: `≥ Σ 其中各项`,
            observed: total.text.trim(),
            tolerance: '金额±½末位',
            params,
            part: bd.part,
          });
          continue;
        }
        const d = sumFinding({
          part: bd.part,
          totalName: { zh: `「${rowLabel(parent)}」${spendingColumnLabel(bd, col)}`, en: `"${rowLabel(parent)}" (${col})` },
          total,
          parts: children.map((c) => ({ name: rowLabel(c), fact: c[col] })),
          minDecimals: p.moneyDecimals,
          params,
        });
        if (d) out.push(d);
      }
      if (blankCols.length) {
        out.push({
          severity: 'warning',
          message: {
            zh: `${bd.part}「${rowLabel(parent)}」行在${blankCols.join('、')}未填，而其下各行（${children.map(rowLabel).join('、')}）有数，${subset ? '其中各项' : '合计'}为${sums.join('、')}`,
            en: `${bd.part}: "${rowLabel(parent)}" is blank in ${blankCols.join(', ')} although its rows are filled (${sums.join(', ')})`,
          },
          values: sums,
          evidence: [{ text: parent.label, value: null, location: parent.loc, role: 'total' }, ...children.flatMap((c) => SPENDING_COLUMNS.map((k) => c[k]).filter((f) => f && !isBlank(f)).map((f) => factEvidence(f!, 'part')))],
          expected: sums.join(' / '),
          observed: '（空）',
          tolerance: null,
          missing: blankCols.map((c) => `${rowLabel(parent)} ${c}`),
          params,
          part: bd.part,
        });
      }
    }
    out.push(...fundRowsVsProjects(report, rows, p.moneyDecimals, params));
    return out;
  },
};

/** Each fund row's 本年决算数 vs the 全年执行数 of the project table with the same (or a similar) name. */
function fundRowsVsProjects(report: Parameters<Rule['check']>[0], rows: SpendingRow[], dp: number, params: Record<string, unknown>): FindingDraft[] {
  const bd = report.basicData!;
  const out: FindingDraft[] = [];
  const candidates = rows.filter((r) => r.final && !isBlank(r.final) && r.final.figure && !rows.some((c) => c.parent === r.label));
  const pairs: Array<{ row: SpendingRow; project: (typeof report.projects)[number]; sim: number; link: 'sure' | 'fuzzy' }> = [];
  for (const row of candidates) {
    for (const project of report.projects) {
      const link = sameEntity(rowLabel(row), formName(project));
      if (link) pairs.push({ row, project, sim: link === 'sure' ? 2 : nameSimilarity(rowLabel(row), formName(project)), link });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim);
  const usedRows = new Set<SpendingRow>();
  const usedProjects = new Set<object>();
  for (const pr of pairs) {
    if (usedRows.has(pr.row) || usedProjects.has(pr.project)) continue;
    usedRows.add(pr.row);
    usedProjects.add(pr.project);
    const executed = totalBudgetRow(pr.project)?.executed;
    if (!executed || isBlank(executed)) continue;
    const a = amountInterval(pr.row.final!, dp);
    const b = amountInterval(executed, dp);
    if (!a || !b || intersects(a, b)) continue;
    const why = matchEntity(rowLabel(pr.row), formName(pr.project))?.reason ?? `名称相似度 ${nameSimilarity(rowLabel(pr.row), formName(pr.project)).toFixed(2)}：“${rowLabel(pr.row)}”/“${formName(pr.project)}”`;
    out.push({
      severity: pr.link === 'sure' ? 'error' : 'warning',
      message: {
        zh: `${bd.part}「${rowLabel(pr.row)}」${spendingColumnLabel(bd, 'final')}为${pr.row.final!.text.trim()}万元，与${pr.project.part}全年执行数${executed.text.trim()}万元不一致${pr.link === 'fuzzy' ? `（按相近名称对应，配对依据：${why}）` : ''}`,
        en: `${bd.part} "${rowLabel(pr.row)}": final ${pr.row.final!.text.trim()} differs from ${pr.project.part} executed ${executed.text.trim()}${pr.link === 'fuzzy' ? ' (linked by a similar name)' : ''}`,
      },
      values: [factNumber(pr.row.final)!, factNumber(executed)!],
      evidence: [factEvidence(pr.row.final!, 'fund-row'), factEvidence(executed, 'project-executed')],
      expected: executed.text.trim(),
      observed: pr.row.final!.text.trim(),
      tolerance: `金额±½末位（至少${dp}位小数）`,
      params: { ...params, pairReasons: [why], entitySure: pr.link === 'sure' },
      part: bd.part,
    });
  }
  return out;
}
