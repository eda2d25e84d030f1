import type { TableBlock, TableCell } from '../../schemas/document.js';
import { cellAt, key, rowCells } from './table-view.js';

/** One field recognized by the meaning of its header label, not its position. */
export interface ColumnRule {
  field: string;
  match: RegExp;
  exclude?: RegExp;
}

export interface ColumnMap {
  /** field → grid column of the header cell that names it. */
  cols: Map<string, number>;
  /** Header labels as printed, in column order, with the field each maps to. */
  labels: Array<{ field: string; label: string }>;
}

/**
 * Map header cells to fields. `headerRows` is one row or two (a parent header over sub-headers,
 * e.g. 年度指标值 over 指标性质/指标值/度量单位). Cells that start above the header or run below
 * it (a section label such as 绩效指标 spanning the whole block) are not headers.
 * Rules are tried in order; each field takes the leftmost unused column whose label matches.
 */
export function mapColumns(table: TableBlock, headerRows: number[], rules: ColumnRule[]): ColumnMap {
  const first = headerRows[0];
  const last = headerRows[headerRows.length - 1];
  const leaves: Array<{ cell: TableCell; label: string }> = [];
  for (const cell of rowCells(table, last)) {
    if (cell.row < first || cell.row + cell.rowSpan - 1 > last) continue;
    const parents: string[] = [];
    for (const r of headerRows) {
      if (r >= cell.row) break;
      const p = cellAt(table, r, cell.col);
      if (p && p !== cell && p.row + p.rowSpan - 1 <= last && !parents.includes(p.text)) parents.push(p.text);
    }
    leaves.push({ cell, label: [...parents, cell.text].join('/') });
  }
  const cols = new Map<string, number>();
  const used = new Set<TableCell>();
  for (const rule of rules) {
    for (const leaf of leaves) {
      if (used.has(leaf.cell)) continue;
      const k = key(leaf.label);
      if (!k || !rule.match.test(k) || rule.exclude?.test(k)) continue;
      cols.set(rule.field, leaf.cell.col);
      used.add(leaf.cell);
      break;
    }
  }
  const labels = leaves
    .filter((l) => used.has(l.cell))
    .map((l) => ({ field: [...cols.entries()].find(([, c]) => c === l.cell.col)![0], label: l.label }));
  return { cols, labels };
}

/** 年初预算数 / 全年预算数 (调整后预算数) / 全年执行数 (预算执行数) / 分值 (权重) / 执行率 / 得分. */
export const BUDGET_COLUMNS: ColumnRule[] = [
  { field: 'initialBudget', match: /年初.*(预算|目标)|年初数/ },
  { field: 'rate', match: /执行率|完成率/ },
  { field: 'executed', match: /执行数|实际支出|支出数|决算数|执行\(B\)|实际完成数/ },
  { field: 'fullYearBudget', match: /全年预算|调整后预算|预算数|预算\(A\)|全年数/, exclude: /年初/ },
  { field: 'weight', match: /分值|权重|满分/ },
  { field: 'score', match: /得分/ },
];

/** Indicator table columns (MOF 2020, Hunan, Sichuan split target, 衔接资金 order). */
export const INDICATOR_COLUMNS: ColumnRule[] = [
  { field: 'level1', match: /一级指标/ },
  { field: 'level2', match: /二级指标/ },
  { field: 'level3', match: /三级指标|指标名称|具体指标/ },
  { field: 'nature', match: /指标性质|符号|比较/ },
  { field: 'unit', match: /度量单位|计量单位|^单位$/ },
  { field: 'weight', match: /分值|权重|满分/ },
  { field: 'score', match: /得分/ },
  { field: 'reason', match: /原因|改进措施|偏差|说明/ },
  { field: 'actual', match: /实际完成|完成值|实际值|完成情况|实际/ },
  { field: 'target', match: /指标值|目标值|年度指标|预期|目标/, exclude: /实际/ },
];

export function isBudgetHeader(table: TableBlock, row: number): boolean {
  const keys = rowCells(table, row).map((c) => key(c.text));
  let hits = 0;
  if (keys.some((k) => /年初.*预算|年初数/.test(k))) hits++;
  if (keys.some((k) => /全年预算|调整后预算|^预算数|预算数\(A\)/.test(k) && !/年初/.test(k))) hits++;
  if (keys.some((k) => /执行数|预算执行数|执行\(B\)/.test(k) && !/率/.test(k))) hits++;
  if (keys.some((k) => /执行率/.test(k))) hits++;
  return hits >= 2;
}

export function isIndicatorHeader(table: TableBlock, row: number): boolean {
  const keys = rowCells(table, row).map((c) => key(c.text));
  const has = (re: RegExp) => keys.some((k) => re.test(k));
  return (has(/三级指标|二级指标|指标名称/) || has(/一级指标/)) && (has(/得分/) || has(/分值|权重/)) && (has(/指标值|目标值|完成值|实际值/));
}

/** A sub-header row under the indicator header (指标性质 / 指标值 / 度量单位, or (A)/(B) markers). */
export function isSubHeader(table: TableBlock, row: number): boolean {
  if (row >= table.nRows) return false;
  const keys = rowCells(table, row)
    .filter((c) => c.row === row)
    .map((c) => key(c.text))
    .filter(Boolean);
  if (!keys.length) return false;
  const labelish = keys.filter((k) => /指标性质|指标值|度量单位|计量单位|^\([A-Z]\)$|^[A-Z]$/.test(k));
  return labelish.length >= 2 && !keys.some((k) => /^\d+(\.\d+)?%?$/.test(k));
}
