import { BUDGET_FIELDS, INDICATOR_FIELDS, namesField } from '../../src/recognize/lexicon.js';
import { compactKey } from '../../src/text/normalize.js';
import type { PageTableCell } from './page-table.js';

/**
 * The header vocabulary of the forms (表头词典, src/recognize/lexicon.ts) as evidence for a grid
 * inferred from text positions: a row where several cells, each in its own column, name a known
 * column (一级指标/二级指标/三级指标/年度指标值/实际完成值/分值/得分, 年初预算数/全年预算数/全年执行数/执行率 …)
 * confirms that the columns were cut where the form's columns are.
 */

/** Header cells in one row, each naming a field in its own column, that confirm a grid. */
const MIN_HEADER_CELLS = 3;

const FIELDS = [...BUDGET_FIELDS, ...INDICATOR_FIELDS];

/** Does the text name a column of the forms (strong synonyms only)? */
export function namesFormColumn(text: string): boolean {
  const key = compactKey(text);
  return key.length <= 16 && FIELDS.some((f) => namesField(f, key, true));
}

/** How many rows of the cells read as a header of the forms. */
export function confirmedHeaderRows(cells: readonly PageTableCell[]): number {
  const byRow = new Map<number, Set<number>>();
  for (const c of cells) {
    if (c.c1 - c.c0 !== 1 || !namesFormColumn(c.text)) continue;
    let cols = byRow.get(c.r0);
    if (!cols) byRow.set(c.r0, (cols = new Set()));
    cols.add(c.c0);
  }
  return [...byRow.values()].filter((cols) => cols.size >= MIN_HEADER_CELLS).length;
}
