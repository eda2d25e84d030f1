import type { TableBlock, TableCell } from '../../schemas/document.js';
import type { Fact } from '../../schemas/fact.js';
import type { BudgetBlock, BudgetRow } from '../../schemas/records.js';
import { foldLookalikes } from '../../parsers/ocr/lookalikes.js';
import { blockUnit, budgetRowKind, unitOf } from './budget-block.js';
import { cellFact, cellLocation, cellText } from './facts.js';
import { cellRightOf, key, ownCells, rowCells } from './table-view.js';

/**
 * Budget figures given as label/value pairs in a form's 项目基本情况 instead of a budget grid
 * (海南 项目绩效自评表: "计划投资额(万元) | 570 | 实际到位资金(万元) | 398.88 | 实际使用情况(万元) |
 * 395.86", then 其中 rows 中央财政 / 省财政 / 市县财政 / 其他 under each pair). Read as the project's
 * budget block: the planned amount is the 全年预算数, the funds that arrived 到位, the spending 执行,
 * each 其中 line a funding-source row — so the budget rules (execution rate, funding sources sum,
 * figures restated in the narrative) apply as they do to a grid.
 */

type PairField = 'fullYearBudget' | 'arrived' | 'executed';

/** What each pair's label says, on the label without its unit. */
const PAIR_LABELS: Array<[PairField, RegExp]> = [
  ['fullYearBudget', /^(?:计划投资(?:额|总额)?|计划(?:安排)?资金|(?:年度|全年)?预算(?:安排)?(?:数|额|资金|金额)|项目(?:总)?预算)$/],
  ['arrived', /^(?:实际)?到位(?:资金|金额|数)?$/],
  ['executed', /^(?:实际使用(?:情况|资金|金额|数)?|实际支出(?:数|金额)?|(?:全年)?执行数|已支出(?:资金|金额)?)$/],
];

/** A funding source named in a 其中 line (中央财政, 省财政, 市县财政, 自筹资金, 其他). */
const SOURCE_LABEL = /财政|资金|拨款|结转|自筹|债|其他|中央|省级|市级|县级|市县/;

const NUMBER = /^[-−]?\d[\d,，]*(?:\.\d+)?$/;

/**
 * A number with a letter read or typed for a look-alike digit ("39S.86", "l79.6", "1O0": O/o/D → 0,
 * l/I/| → 1, Z → 2, S → 5, B → 8, most characters real digits): still the amount of its label, kept
 * as written with no figure, so the damage is named (split-numbers) and never guessed. Digits and
 * number punctuation shuffled ("7,00.0,77") are no such number: nothing says which digits are meant.
 */
function lookalikeNumber(text: string): boolean {
  if (!/[A-Za-z|]/.test(text)) return false;
  const folded = foldLookalikes(text);
  return folded.ambiguous && NUMBER.test(folded.text);
}

interface Pair {
  field: PairField;
  label: TableCell;
  value: TableCell;
}

function pairLabel(text: string): PairField | null {
  const k = key(text).replace(/[（(][^）)]*[）)]/g, '');
  for (const [field, re] of PAIR_LABELS) if (re.test(k)) return field;
  return null;
}

/**
 * The row's pairs: a known label cell with a number in the cell to its right (or a number with a
 * look-alike letter, kept as written); `unreadable` counts the known labels whose value is there but
 * is no number (a copy's garbled "7,00.0,77"): they still say the row is the budget pairs row, and
 * give no figure.
 */
function pairsOf(table: TableBlock, row: number): { pairs: Pair[]; unreadable: number } {
  const pairs: Pair[] = [];
  let unreadable = 0;
  for (const cell of ownCells(table, row)) {
    const field = pairLabel(cell.text);
    if (!field || pairs.some((p) => p.field === field)) continue;
    const value = cellRightOf(table, row, cell);
    if (value && (NUMBER.test(key(value.text)) || lookalikeNumber(key(value.text)))) pairs.push({ field, label: cell, value });
    else if (value && key(value.text)) unreadable++;
  }
  return { pairs, unreadable };
}

/**
 * The budget pairs of a form's tables, when a row holds the planned amount and the funds that
 * arrived or were spent. null when no table has such a row.
 */
export function readBudgetPairs(part: string, tables: TableBlock[]): BudgetBlock | null {
  for (const table of tables) {
    for (let r = 0; r < table.nRows; r++) {
      const { pairs, unreadable } = pairsOf(table, r);
      if (!pairs.some((p) => p.field === 'fullYearBudget') || pairs.length + unreadable < 2) continue;
      return blockOf(part, table, r, pairs);
    }
  }
  return null;
}

function blockOf(part: string, table: TableBlock, headerRow: number, pairs: Pair[]): BudgetBlock {
  const fact = (cell: TableCell): Fact => cellFact(part, table, cell);
  const total: BudgetRow = {
    label: key(pairs[0].label.text).replace(/[（(][^）)]*[）)]/g, ''),
    kind: 'total',
    initialBudget: null,
    fullYearBudget: null,
    executed: null,
    weight: null,
    rate: null,
    score: null,
    loc: { ...cellLocation(part, table, pairs[0].label), col: null },
  };
  for (const p of pairs) total[p.field] = fact(p.value);
  const rows: BudgetRow[] = [total];
  // 其中 lines: each "label | value" belongs to the pair whose label stands at or left of its 其中
  // cell (or of the label itself when the 其中 is written inside it)
  const byLabel = new Map<string, BudgetRow>();
  let groupCols: number[] = [];
  for (let r = headerRow + 1; r < table.nRows; r++) {
    const own = ownCells(table, r);
    const openers = own.filter((c) => /^其中[:：]?$/.test(key(c.text)));
    if (openers.length) groupCols = openers.map((c) => c.col);
    let found = 0;
    for (const cell of rowCells(table, r)) {
      if (cell.row !== r) continue;
      const label = key(cell.text).replace(/^其中[:：]?/, '');
      if (!label || NUMBER.test(label) || !SOURCE_LABEL.test(label) || label.length > 12) continue;
      const value = cellRightOf(table, r, cell);
      if (!value || !(NUMBER.test(key(value.text)) || !key(value.text))) continue;
      const anchor = [...groupCols].reverse().find((c) => c <= cell.col) ?? cell.col;
      const pair = [...pairs].reverse().find((p) => p.label.col <= anchor);
      if (!pair) continue;
      found++;
      let row = byLabel.get(label);
      if (!row) {
        row = { label, kind: budgetRowKind(label), initialBudget: null, fullYearBudget: null, executed: null, weight: null, rate: null, score: null, loc: { ...cellLocation(part, table, cell), col: null } };
        byLabel.set(label, row);
        rows.push(row);
      }
      if (!row[pair.field]) row[pair.field] = fact(value);
    }
    if (found === 0) break;
  }
  const unitPair = pairs.find((p) => unitOf(p.label.text) !== null);
  const unit = unitPair ? unitOf(unitPair.label.text) : null;
  const columns = pairs.filter((p) => p.field !== 'arrived').map((p) => ({ field: p.field, label: key(p.label.text) }));
  return { ...blockUnit(unit, rows, unitPair && cellText(part, table, unitPair.label)), rows, byIncome: [], bySpending: [], columns };
}
