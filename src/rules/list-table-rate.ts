import type { TableBlock } from '../../schemas/document.js';
import { cellFact } from '../recognize/facts.js';
import { projectListHeader } from '../recognize/parts.js';
import { cellAt, key, rowCells } from '../recognize/table-view.js';
import { factEvidence } from './finding.js';
import { checkRate, factNumber, isBlank } from './lib/amounts.js';
import { paramsOf } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Columns of a list of projects, told by their words (the rate first: 资金使用率 also names 使用). */
const RATE = /(执行|使用|支付|拨付|支出)率/;
const SPENT = /实际支出|执行数|支出数|已支付|支付金额|拨付金额|实际使用|使用金额|^支出/;
const BASE = /预算|下达|安排|计划|资金总额/;

/**
 * A1 in a list of projects — a 自评结果汇总表 or 项目明细表 printed with a report (项目名称 | 预算金额(万元) |
 * 实际支出(万元) | 资金使用率 | …): each row's rate against its own spent and budget amounts. Such a
 * table belongs to no form (recognize/parts.ts: projectListHeader) and would otherwise go unchecked. A list
 * of one project counts when its head names each project's result (评价结果, 自评分数: v2).
 * Its columns are read by their words, so a mismatch is a warning.
 */
export const rule: Rule = {
  meta: {
    id: 'list-table-rate',
    version: 2,
    severity: 'warning',
    catalogue: 'A1',
    title: { zh: '项目汇总表中各行的执行率', en: 'Rates of a list of projects' },
    description: {
      zh: '报告所附项目汇总表（项目名称、预算金额、实际支出、资金使用率/执行率各为一列）中，每行的比率应等于该行实际支出除以预算金额。列按表头用语识别，故为警告。',
      en: 'In a list of projects printed with a report, each row’s spending rate equals its spent amount divided by its budget.',
    },
    formula: '使用率（执行率）= 实际支出 ÷ 预算金额 × 100%（逐行）',
    tolerance: '金额按书写精度±½末位，比率按书写精度±½末位；区间相交即一致',
    families: 'all',
    source: 'catalogue A1（执行率）用于报告所附项目汇总表',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const out: FindingDraft[] = [];
    const doc = ctx.document;
    if (!doc) return out;
    const dp = paramsOf(ctx).moneyDecimals;
    const unrecognized = new Set(report.coverage.unrecognizedTables);
    for (const block of doc.blocks) {
      if (block.kind !== 'table' || !unrecognized.has(block.table)) continue;
      const list = projectListHeader(block);
      if (!list) continue;
      const cols = listColumns(block, list.row);
      if (!cols) continue;
      const part = `项目汇总表（第${block.table + 1}张表）`;
      for (const r of list.rows) {
        const at = (col: number) => {
          const cell = cellAt(block, r, col);
          return cell && cell.row === r ? cellFact(part, block, cell) : null;
        };
        const [name, spent, base, rate] = [at(list.nameCol), at(cols.spent), at(cols.base), at(cols.rate)];
        if (!name || !spent || !base || !rate || [spent, base, rate].some(isBlank)) continue;
        const c = checkRate(spent, base, rate, dp);
        if (!c || c.consistent) continue;
        out.push({
          message: {
            zh: `${part}「${name.text.trim()}」${cols.labels.rate}印为${rate.text.trim()}，但${cols.labels.spent}${spent.text.trim()}÷${cols.labels.base}${base.text.trim()}=${c.computedValue}%`,
            en: `${part} "${name.text.trim()}": printed rate ${rate.text.trim()} but ${spent.text.trim()} ÷ ${base.text.trim()} = ${c.computedValue}%`,
          },
          values: [factNumber(rate)!, Number(c.computedValue)],
          evidence: [factEvidence(spent, 'executed'), factEvidence(base, 'budget'), factEvidence(rate, 'rate')],
          expected: `${c.computedValue}%`,
          observed: rate.text.trim(),
          tolerance: c.tolerance,
          params: { moneyDecimals: dp },
          part,
        });
      }
    }
    return out;
  },
};

/** Is this table a list of projects whose rates the rule reads (coverage does not call it unchecked)? */
export function readsListRates(table: TableBlock): boolean {
  const list = projectListHeader(table);
  return !!list && listColumns(table, list.row) !== null;
}

/** The rate, spent and budget columns of the header row: one of each, else the list is not read. */
function listColumns(table: TableBlock, row: number): { rate: number; spent: number; base: number; labels: { rate: string; spent: string; base: string } } | null {
  const found: Record<'rate' | 'spent' | 'base', Array<{ col: number; label: string }>> = { rate: [], spent: [], base: [] };
  for (const c of rowCells(table, row)) {
    if (c.row !== row) continue;
    const k = key(c.text);
    const field = RATE.test(k) ? 'rate' : SPENT.test(k) ? 'spent' : BASE.test(k) ? 'base' : null;
    if (field) found[field].push({ col: c.col, label: c.text.trim() });
  }
  if (found.rate.length !== 1 || found.spent.length !== 1 || found.base.length !== 1) return null;
  return {
    rate: found.rate[0].col,
    spent: found.spent[0].col,
    base: found.base[0].col,
    labels: { rate: found.rate[0].label, spent: found.spent[0].label, base: found.base[0].label },
  };
}
