import type { TableBlock, TableCell } from '../../schemas/document.js';
import type { TextFact } from '../../schemas/fact.js';
import type { BreakdownItem, BudgetBlock, BudgetRow } from '../../schemas/records.js';
import { cellFact, cellLocation, cellText, partialFact } from './facts.js';
import { readFractionRates } from './fraction-rates.js';
import { BUDGET_COLUMNS, mapColumns } from './header-map.js';
import { budgetRowKindOf } from './lexicon.js';
import { underOcrLabel } from './ocr-label-match.js';
import { cellAt, key, ownCells, rowCells, rowKeys } from './table-view.js';
import { normalizeText } from '../text/normalize.js';
import { parseFigure } from '../numbers/figure.js';
import { Rational } from '../numbers/decimal.js';

/** Funding-row kinds by label (lexicon.ts BUDGET_ROW_KINDS: MOF 2020 / Hunan / Sichuan / 转移支付 wordings). */
export function budgetRowKind(label: string): BudgetRow['kind'] {
  return budgetRowKindOf(key(label));
}

/** Breakdown labels of the department form (按收入性质分 / 按支出性质分). */
export function breakdownKey(label: string): string {
  const k = key(label);
  if (/一般公共预算/.test(k)) return 'general-budget';
  if (/政府性基金/.test(k)) return 'government-fund';
  if (/专户|非税/.test(k)) return 'special-account';
  if (/国有资本/.test(k)) return 'state-capital';
  if (/基本支出/.test(k)) return 'basic';
  if (/项目支出/.test(k)) return 'project';
  if (/人员经费/.test(k)) return 'staff';
  if (/公用经费/.test(k)) return 'operating';
  if (/其他/.test(k)) return 'other';
  return 'unknown';
}

const SPENDING_KEYS = new Set(['basic', 'project', 'staff', 'operating']);

export interface BudgetParse {
  block: BudgetBlock;
  /** Next row after the block. */
  nextRow: number;
  /** Header labels naming a field that were not mapped. */
  unmapped: string[];
}

/** Unit of a block from its section label ("项目资金(万元)", "年度预算申请(万元)"). */
export function unitOf(text: string): string | null {
  const m = /[（(]\s*(万元|元|亿元)\s*[)）]/.exec(normalizeText(text));
  return m ? m[1] : null;
}

/**
 * 10^7 万元 is 1000亿元: more than any one project's or department's year. A form whose largest amount is
 * this size or more under a 万元 head (项目资金(万元) over 145000000.00), or under no unit at all, is
 * written in 元 — a template's 万元 head kept over a system's export in 元.
 */
export const IMPLAUSIBLE_WAN = Rational.of(10_000_000);

/**
 * The unit a block's amounts are in: the one it states, unless their size says 元 (see IMPLAUSIBLE_WAN).
 * statedUnit keeps the head's word when the size overrides it, so the reader sees both.
 */
export function blockUnit(stated: string | null, rows: BudgetRow[], statedAt?: TextFact | null): { unit: string | null; statedUnit?: string | null; statedUnitCell?: TextFact } {
  if (stated !== null && stated !== '万元') return { unit: stated };
  const amounts = rows.flatMap((r) => [r.initialBudget, r.fullYearBudget, r.executed]).map((f) => f?.figure).filter((g) => !!g && g.unit === null);
  const huge = amounts.some((g) => Rational.parse(g!.value).abs().ge(IMPLAUSIBLE_WAN));
  if (!huge) return { unit: stated };
  return stated !== null && statedAt ? { unit: '元', statedUnit: stated, statedUnitCell: statedAt } : { unit: '元', statedUnit: stated };
}

/**
 * The report's prose has the last word over the size: a form read in 元 by its size whose amount the prose restates as
 * written with 万元 ("全年预算145000000万元") keeps its head's 万元 — the writer means it. Prose is the text of the
 * report's paragraphs (the forms' cells are not in it).
 */
export function keepStatedUnitRestated(budget: BudgetBlock | null | undefined, prose: string): void {
  if (!budget || budget.statedUnit !== '万元') return;
  const text = prose.replace(/(?<=\d)[,，](?=\d{3})/g, '');
  const restated = budget.rows.flatMap((r) => [r.initialBudget, r.fullYearBudget, r.executed]).some((f) => {
    const g = f?.figure;
    if (!g || g.unit !== null || !Rational.parse(g.value).abs().ge(IMPLAUSIBLE_WAN)) return false;
    const digits = Rational.parse(g.value).abs().toString(6);
    const written = digits.includes('.') ? `${digits.replace('.', '\\.')}0*` : `${digits}(?:\\.0+)?`;
    return new RegExp(`(?<![\\d.])${written}(?![\\d.])\\s*万元`).test(text);
  });
  if (!restated) return;
  budget.unit = '万元';
  delete budget.statedUnit;
  delete budget.statedUnitCell;
}

/** The block's money columns (the rate, points and score columns hold no 万元). */
const AMOUNT_FIELDS = new Set(['initialBudget', 'fullYearBudget', 'executed', 'netBudget', 'arrived']);
/** An amount with 万元 written short as 万 ("3359.62万" under 资金投入情况(万元)). */
const SHORT_WAN = /^\s*([-−]?[\d,]*\d(?:\.\d+)?)\s*万\s*$/;

/**
 * A money cell's Fact: a bare 万 after the amount is the 万元 of the block ("3359.62万" in a 万元 or
 * unitless block is 3359.62万元). Only in money columns: elsewhere 万 multiplies a count (600万株).
 */
function amountFact(part: string, table: TableBlock, cell: TableCell, field: string, blockUnit: string | null): ReturnType<typeof cellFact> {
  const fact = cellFact(part, table, cell);
  if (fact.figure || !AMOUNT_FIELDS.has(field) || (blockUnit !== null && blockUnit !== '万元')) return fact;
  const m = SHORT_WAN.exec(cell.text);
  const figure = m ? parseFigure(`${m[1]}万元`) : null;
  return figure ? { ...fact, figure: { ...figure, text: cell.text } } : fact;
}

/**
 * Read a budget block starting at its header row. Rows continue until a row that is clearly
 * something else (goals, indicator header); the 按收入性质分 / 按支出性质分 breakdown of the
 * department form is read into byIncome / bySpending.
 */
export function readBudgetBlock(part: string, table: TableBlock, headerRow: number, stop: (row: number) => boolean): BudgetParse {
  const { cols, labels, unmapped, fuzzy } = mapColumns(table, [headerRow], BUDGET_COLUMNS);
  const valueCols = [...cols.values()];
  // 行次 (a column numbering the rows) is neither a label nor a value
  const lineNumberCols = new Set(rowCells(table, headerRow).filter((c) => /^行次$|^序号$/.test(key(c.text))).map((c) => c.col));
  const firstValueCol = valueCols.length ? Math.min(...valueCols) : table.nCols;
  let unit: string | null = null;
  let unitCell: TableCell | null = null;
  for (const c of rowCells(table, headerRow)) {
    if (unit !== null) break;
    unit = unitOf(c.text);
    if (unit !== null) unitCell = c;
  }
  const rows: BudgetRow[] = [];
  const byIncome: BreakdownItem[] = [];
  const bySpending: BreakdownItem[] = [];
  let incomeRange: [number, number] | null = null;
  let spendingRange: [number, number] | null = null;
  let r = headerRow + 1;
  for (; r < table.nRows; r++) {
    if (stop(r)) break;
    const own = ownCells(table, r);
    const keys = rowKeys(table, r);
    if (keys.some((k) => /按收入性质分|按支出性质分/.test(k))) {
      for (const c of own) {
        if (/按收入性质分/.test(key(c.text))) incomeRange = [c.col, c.col + c.colSpan];
        if (/按支出性质分/.test(key(c.text))) spendingRange = [c.col, c.col + c.colSpan];
        // "按收入性质分：一般公共预算：885.94" in one cell: read the items after the heading too.
        for (const item of breakdownItems(part, table, c)) (isSpending(item, c, spendingRange) ? bySpending : byIncome).push(item);
      }
      continue;
    }
    if (incomeRange || spendingRange) {
      for (const c of own) {
        for (const item of breakdownItems(part, table, c)) (isSpending(item, c, spendingRange) ? bySpending : byIncome).push(item);
      }
      continue;
    }
    // A budget row: label cells left of the first value column, values under the mapped columns.
    // Section labels (项目资金(万元)) start at or above the header row and are not row labels.
    const labelCells = rowCells(table, r).filter((c) => c.col < firstValueCol && c.row > headerRow && !lineNumberCols.has(c.col));
    // 列次 (a row lettering or numbering the columns: "列次 | A | B | C …") is not a budget row
    if (isColumnNumbering(table, r, firstValueCol)) continue;
    const label = uniqueTexts(labelCells).join('');
    // The goals block (年度总体目标 / 绩效目标; 年度总体 alone where OCR garbled the rest) follows the budget rows; its label may span the
    // label columns, so the caller's stop test does not always see it.
    if (/总体目标|年度总体|年度目标|绩效目标/.test(key(label))) break;
    // the 转移支付 form's 资金管理情况 block (分配科学性 … 执行准确性 | 情况说明) follows them too: words, not funding rows
    if (/资金管理情况|^(?:分配科学|下达及时|拨付合规|使用规范|执行准确)性$/.test(key(label))) break;
    const get = (field: string) => {
      const col = cols.get(field);
      if (col === undefined) return null;
      const cell = cellAt(table, r, col);
      if (!cell || cell.col < firstValueCol) return null;
      const fact = amountFact(part, table, cell, field, unit);
      // under a label OCR misread (ocr-label-match.ts) the value is OCR text: findings on it stay warnings
      return fuzzy?.has(field) ? { ...fact, loc: underOcrLabel(fact.loc) } : fact;
    };
    const row: BudgetRow = {
      label,
      kind: budgetRowKind(label),
      initialBudget: get('initialBudget'),
      fullYearBudget: get('fullYearBudget'),
      executed: get('executed'),
      weight: get('weight'),
      rate: get('rate'),
      score: get('score'),
      ...(cols.has('netBudget') ? { netBudget: get('netBudget') } : {}),
      ...(cols.has('arrived') ? { arrived: get('arrived') } : {}),
      ...(cols.has('arrivalRate') ? { arrivalRate: get('arrivalRate') } : {}),
      loc: { ...cellLocation(part, table, labelCells[0] ?? cellAt(table, r, 0)!), col: null },
    };
    // one cell merged under 分值, 执行率 and 得分 (a 其中 row's "100%") is the rate it states, not a weight or a score
    const rate = row.rate;
    if (rate && /[%％]/.test(rate.text)) {
      const same = (f: BudgetRow['weight']) => !!f && f.loc.row === rate.loc.row && f.loc.col === rate.loc.col;
      if (same(row.weight)) row.weight = null;
      if (same(row.score)) row.score = null;
    }
    const hasValue = [row.initialBudget, row.fullYearBudget, row.executed, row.weight, row.rate, row.score].some((f) => f && f.text.trim());
    if (!label && !hasValue) continue;
    if (!hasValue && !/资金|拨款|结转|其他|合计/.test(key(label))) break;
    rows.push(row);
  }
  readFractionRates(rows, labels.find((l) => l.field === 'rate')?.label ?? null);
  return { block: { ...blockUnit(unit, rows, unitCell && cellText(part, table, unitCell)), rows, byIncome, bySpending, columns: labels }, nextRow: r, unmapped };
}

/** "列次 | | A | B | C | D" or "栏次 | 1 | 2 | 3": the row that names the columns by letter or number. */
function isColumnNumbering(table: TableBlock, row: number, firstValueCol: number): boolean {
  const cells = ownCells(table, row);
  if (cells.some((c) => /^(列次|栏次)$/.test(key(c.text)))) return true;
  const values = cells.filter((c) => c.col >= firstValueCol && c.text.trim());
  if (values.length < 3) return false;
  const letters = values.map((c) => key(c.text));
  return letters.every((t) => /^[A-H]$/.test(t)) || letters.every((t, i) => t === String(Number(letters[0]) + i) && /^\d$/.test(t));
}

function uniqueTexts(cells: TableCell[]): string[] {
  const seen = new Set<TableCell>();
  const out: string[] = [];
  for (const c of cells) {
    if (seen.has(c)) continue;
    seen.add(c);
    if (c.text.trim()) out.push(c.text.trim());
  }
  return out;
}

function isSpending(item: BreakdownItem, cell: TableCell, spendingRange: [number, number] | null): boolean {
  if (spendingRange && cell.col >= spendingRange[0] && cell.col < spendingRange[1]) return true;
  if (spendingRange) return false;
  return SPENDING_KEYS.has(item.key);
}

/**
 * Items written as "label：value" inside one cell ("其中：一般公共预算：885.94"), possibly several
 * per cell (one per line). A cell holding only a label gets its value from the cell to its right.
 */
function breakdownItems(part: string, table: TableBlock, cell: TableCell): BreakdownItem[] {
  const items: BreakdownItem[] = [];
  const text = cell.text;
  const lineRe = /([^\n：:]+(?:[：:][^\n：:0-9０-９]+)*)[：:]\s*([-−]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元)?)/g;
  for (const m of text.matchAll(lineRe)) {
    const label = m[1].replace(/^其中\s*[：:]?/, '').replace(/^(按收入性质分|按支出性质分)\s*[：:]?/, '').trim();
    if (!label || /按收入性质分|按支出性质分/.test(key(label)) && !label.replace(/按(收入|支出)性质分/, '').trim()) continue;
    const valueText = m[2].trim();
    const start = m.index! + m[0].lastIndexOf(valueText);
    items.push({ label, key: breakdownKey(label), amount: partialFact(part, table, cell, valueText, start) });
  }
  if (!items.length) {
    // "政府性基金拨款：" with an empty value: the item exists, its amount is blank.
    const bare = /^(?:其中\s*[：:])?\s*([^：:\n]+)[：:]\s*$/.exec(text.trim());
    if (bare && breakdownKey(bare[1]) !== 'unknown') {
      items.push({ label: bare[1].trim(), key: breakdownKey(bare[1]), amount: { text: cell.text, figure: null, loc: cellLocation(part, table, cell) } });
    }
  }
  return items;
}
