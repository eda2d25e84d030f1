import type { TableBlock, TableCell } from '../../schemas/document.js';
import { cellAt, key, rowCells, rowKeys } from './table-view.js';
import { isOcrTable, fuzzyLabelField } from './ocr-label-match.js';
import { BUDGET_FIELDS, fieldEntry, fieldPattern, INDICATOR_FIELDS, namesField, withoutMarks, type FieldEntry } from './lexicon.js';

/** One field recognized by the meaning of its header label, not its position. */
export interface ColumnRule {
  field: string;
  match: RegExp;
  /** The synonyms that are sure of themselves (lexicon.ts `weak` left out): they are matched first. */
  strong?: RegExp;
  exclude?: RegExp;
  /** The lexicon entry the rule was made from: its words are matched by likeness in OCR'd tables. */
  entry?: FieldEntry;
}

export interface ColumnMap {
  /** field → grid column of the header cell that names it. */
  cols: Map<string, number>;
  /** Header labels as printed, in column order, with the field each maps to. */
  labels: Array<{ field: string; label: string }>;
  /** Header labels that name a field of these rules but were not mapped (a misread header). */
  unmapped: string[];
  /**
   * Fields mapped through an OCR'd label that names them only by likeness (ocr-label-match.ts), with
   * the word it was read as: the values under them may belong to another column.
   */
  fuzzy?: Map<string, string>;
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
  const keys = columnKeys(leaves.map((l) => l.label));
  const cols = new Map<string, number>();
  const used = new Set<TableCell>();
  const take = (rule: ColumnRule, match: RegExp): boolean => {
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i];
      if (used.has(leaf.cell)) continue;
      const k = keys[i];
      if (!k || !match.test(k) || rule.exclude?.test(k)) continue;
      cols.set(rule.field, leaf.cell.col);
      used.add(leaf.cell);
      return true;
    }
    return false;
  };
  // strong synonyms first ("调整后预算数" is the budget column, not "年度预算数(万元)" over the row labels),
  // then the weak ones in the lexicon's order: a column naming a reason (原因) before one of remarks (备注)
  for (const rule of rules) if (!cols.has(rule.field) && rule.strong) take(rule, rule.strong);
  for (const rule of rules) {
    if (cols.has(rule.field)) continue;
    const weak = rule.entry?.synonyms.filter((s) => s.weak).map((s) => s.match) ?? [rule.match];
    weak.some((match) => take(rule, match));
  }
  // OCR'd text: a label misread (年初预匏数, 考值参分) names the field it is nearest to, when no other label did
  const fuzzy = new Map<string, string>();
  const entries = rules.flatMap((r) => (r.entry ? [r.entry] : []));
  if (entries.length && isOcrTable(table)) {
    const claims = new Map<string, Array<{ leaf: (typeof leaves)[number]; word: string }>>();
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i];
      if (used.has(leaf.cell) || !keys[i]) continue;
      const hit = fuzzyLabelField(table, leaf.cell, last, entries);
      if (hit && !cols.has(hit.field)) claims.set(hit.field, [...(claims.get(hit.field) ?? []), { leaf, word: hit.word }]);
    }
    for (const [field, [claim, ...others]] of claims) {
      if (others.length) continue;
      cols.set(field, claim.leaf.cell.col);
      used.add(claim.leaf.cell);
      fuzzy.set(field, claim.word);
    }
  }
  const labels = leaves
    .filter((l) => used.has(l.cell))
    .map((l) => ({ field: [...cols.entries()].find(([, c]) => c === l.cell.col)![0], label: l.label }));
  const unmapped = leaves.filter((l, i) => !used.has(l.cell) && keys[i] && rules.some((r) => r.strong?.test(keys[i]) && !r.exclude?.test(keys[i]))).map((l) => l.label);
  return { cols, labels, unmapped, ...(fuzzy.size ? { fuzzy } : {}) };
}

/** Column rules of a lexicon group (lexicon.ts), in its matching order. */
export function columnRules(entries: FieldEntry[]): ColumnRule[] {
  return entries.map((e) => ({ field: e.field, match: fieldPattern(e), strong: fieldPattern(e, true), ...(e.exclude ? { exclude: e.exclude } : {}), entry: e }));
}

/**
 * Compact keys of the header labels of one row. Where the row letters its columns ("全年预算数(A)",
 * "执行率(B/A)"), an OCR'd "(八)" is the letter A it looks like — only there: elsewhere "（八）" is a
 * list number.
 */
export function columnKeys(labels: string[]): string[] {
  const keys = labels.map((l) => withoutMarks(key(l)));
  const lettered = keys.filter((k) => /\([A-H](?:[/÷][A-H])?(?:[×x*]100%)?\)/.test(k)).length >= 1;
  return lettered ? keys.map((k) => k.replace(/\(八\)/g, '(A)')) : keys;
}

/** 年初预算数 / 全年预算数 (调整后预算数) / 全年执行数 (预算执行数) / 分值 (权重) / 执行率 / 得分. */
export const BUDGET_COLUMNS: ColumnRule[] = columnRules(BUDGET_FIELDS);

/** Indicator table columns (MOF 2020, Hunan, Sichuan split target, 衔接资金 order …). */
export const INDICATOR_COLUMNS: ColumnRule[] = columnRules(INDICATOR_FIELDS);

const budgetField = (f: string) => fieldEntry(BUDGET_FIELDS, f);
const indicatorField = (f: string) => fieldEntry(INDICATOR_FIELDS, f);

/**
 * A test of a row's keys, answered once per table row: reading a form asks whether each row is a
 * budget, indicator or goals header again and again.
 */
export function rowTest(test: (keys: readonly string[]) => boolean): (table: TableBlock, row: number) => boolean {
  const known = new WeakMap<readonly string[], boolean>();
  return (table, row) => {
    const keys = rowKeys(table, row);
    let answer = known.get(keys);
    if (answer === undefined) {
      answer = test(keys);
      known.set(keys, answer);
    }
    return answer;
  };
}

/** Does some key name one of the fields, by a strong synonym? */
function namesAny(keys: readonly string[], entries: FieldEntry[]): boolean {
  for (const entry of entries) for (const k of keys) if (namesField(entry, k, true)) return true; // no closure per entry
  return false;
}

const BUDGET_HEADER_FIELDS = ['initialBudget', 'fullYearBudget', 'executed', 'rate'].map(budgetField);
const LEVELS = ['level1', 'level2', 'level3'].map(indicatorField);
const POINTS = ['score', 'weight'].map(indicatorField);
// 53号 指标表: 评价标准 / 指标说明 instead of 指标值 / 完成值
const VALUES = ['target', 'actual', 'description', 'standard'].map(indicatorField);
const TARGET_OR_ACTUAL = ['target', 'actual'].map(indicatorField);

/** The longest text read as a column label (预算执行率(B/A×100%) is 16 characters). */
const HEADER_LABEL_MAX = 24;

const EXECUTED = budgetField('executed');
const BUDGETED = ['initialBudget', 'fullYearBudget'].map(budgetField);

/**
 * A budget block header: at least two of 年初预算 / 全年预算 / 执行数 / 执行率, by their strong synonyms;
 * an executed column in other words (实际支出, 支出数, 决算数, 实际使用数 — weak, as they also head the year
 * columns of a 基础数据表 or a row of label/value pairs) counts beside a budget column named by a strong one.
 * A row that holds amounts beside its labels ("预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84") is a row
 * of label/value pairs (budget-pairs.ts), not a header.
 */
const isExactBudgetHeader = rowTest((keys) => {
  if (keys.some((k) => /^[-−]?\d[\d,，]*\.\d+$/.test(k))) return false;
  // header labels are short; a goals cell of prose ("本项目共申请预算资金…,…执行…") names no column
  const labels = keys.filter((k) => k.length <= HEADER_LABEL_MAX);
  let hits = 0;
  for (const entry of BUDGET_HEADER_FIELDS) {
    if (labels.some((k) => namesField(entry, k, true) && !(entry.field === 'executed' && /率/.test(k)))) hits++;
  }
  const budgeted = BUDGETED.some((entry) => labels.some((k) => namesField(entry, k, true)));
  const executedInOtherWords = budgeted && !labels.some((k) => namesField(EXECUTED, k, true)) && labels.some((k) => namesField(EXECUTED, k));
  return hits + (executedInOtherWords ? 1 : 0) >= 2;
});

export function isBudgetHeader(table: TableBlock, row: number): boolean {
  return isExactBudgetHeader(table, row) || (isOcrTable(table) && isOcrBudgetHeader(table, row));
}

/**
 * In OCR'd text a budget header may have lost the exact spelling of its labels (年初预匏数 | 调整预算将 |
 * 全年执f数): labels naming a budget field by likeness count too (ocr-label-match.ts — one field
 * nearest, amounts or a rate below), two of them at least.
 */
const isOcrBudgetHeader = (table: TableBlock, row: number): boolean => {
  const keys = rowKeys(table, row);
  if (keys.some((k) => /^[-−]?\d[\d,，]*\.\d+$/.test(k))) return false;
  const hits = new Set<string>();
  for (const cell of rowCells(table, row)) {
    const k = key(cell.text);
    if (cell.row !== row || !k || k.length > HEADER_LABEL_MAX) continue;
    const exact = BUDGET_HEADER_FIELDS.find((entry) => namesField(entry, k, true) && !(entry.field === 'executed' && /率/.test(k)));
    const field = exact?.field ?? fuzzyLabelField(table, cell, row, BUDGET_FIELDS)?.field;
    if (field && BUDGET_HEADER_FIELDS.some((e) => e.field === field)) hits.add(field);
  }
  return hits.size >= 2;
};

/** An indicator header: a level (一级/二级/三级指标), 分值 or 得分, and 指标值 or 完成值. */
export const isIndicatorHeader = rowTest((keys) => namesAny(keys, LEVELS) && namesAny(keys, POINTS) && namesAny(keys, VALUES));

/**
 * An indicator table of no known family: level names (two of 一级/二级/三级指标) and a target or
 * actual column, without weights ("一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度"), or a scoring
 * sheet (评分表 / 得分表) with points and no values ("一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 |
 * 得分", "一级指标 | 二级指标 | 三级指标 | 得分" with the points in the labels). Its rows are read (the
 * generic fallback), its form has no family.
 */
export const isGenericIndicatorHeader = rowTest(
  (keys) => LEVELS.filter((entry) => keys.some((k) => namesField(entry, k, true))).length >= 2 && (namesAny(keys, TARGET_OR_ACTUAL) || namesAny(keys, POINTS)),
);

/**
 * A sub-header row under the indicator header (指标性质 / 指标值 / 度量单位, or (A)/(B) markers; the
 * Hebei 预算项目绩效自评表 splits 预期指标值 into 符号 / 单位 and 自评得分 into 单项指标得分 / 权重占比 /
 * 单项指标折算得分).
 */
export function isSubHeader(table: TableBlock, row: number): boolean {
  if (row >= table.nRows) return false;
  const keys = rowCells(table, row)
    .filter((c) => c.row === row)
    .map((c) => key(c.text))
    .filter(Boolean);
  if (!keys.length) return false;
  const labelish = keys.filter((k) => /指标性质|指标值|度量单位|计量单位|^符号$|^单位|权重|得分$|^\([A-Z]\)$|^[A-Z]$/.test(k));
  return labelish.length >= 2 && !keys.some((k) => /^\d+(\.\d+)?%?$/.test(k));
}
