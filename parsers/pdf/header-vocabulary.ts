import { namesFormColumn, namesFormLabel } from '../../src/recognize/form-start.js';
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

/** Does the text name a column of the forms (strong synonyms only)? The recognizer's test (src/recognize/form-start.ts). */
export { namesFormColumn };
/** Does the text label a form's head (项目名称, 实施单位 …) or name a column of it? The recognizer's test. */
export { namesFormLabel };

/** How many rows of the cells read as a header of the forms. */
export function confirmedHeaderRows(cells: readonly PageTableCell[]): number {
  return headerRows(cells).length;
}

/** The rows of the cells that read as a header of the forms, ascending. */
function headerRows(cells: readonly PageTableCell[]): number[] {
  const byRow = new Map<number, Set<number>>();
  for (const c of cells) {
    if (c.c1 - c.c0 !== 1 || !namesFormColumn(c.text)) continue;
    let cols = byRow.get(c.r0);
    if (!cols) byRow.set(c.r0, (cols = new Set()));
    cols.add(c.c0);
  }
  return [...byRow].filter(([, cols]) => cols.size >= MIN_HEADER_CELLS).map(([r]) => r).sort((a, b) => a - b);
}

const LABELS = new Set(FIELDS.map((f) => compactKey(f.label)));

/** Does the text name a column of the forms by its label or a strong synonym? */
function completesFormColumn(text: string): boolean {
  return LABELS.has(compactKey(text)) || namesFormColumn(text);
}

/** Does the text name no column of the forms, not even by a weak synonym? */
function namesNoColumn(text: string): boolean {
  const key = compactKey(text);
  return !FIELDS.some((f) => namesField(f, key));
}

/**
 * A header cell wrapped over several lines in a table whose rows are as close as its lines (no
 * cell padding) is read as a line per row: 偏差原因 | 分析及 | 改进措施 over the header row and
 * the first rows. In a row confirmed as the header, a cell that names no column alone takes the
 * text of its column's cells in the row above and the row below when together they read as a
 * column of the forms (偏差原因分析及改进措施). Returns the cells, those taken removed.
 */
export function completeWrappedHeaders(cells: readonly PageTableCell[]): PageTableCell[] {
  const headers = new Set(headerRows(cells));
  const taken = new Set<PageTableCell>();
  const inColumn = (h: PageTableCell, r: number) => cells.find((c) => c.r0 === r && c.r1 === r + 1 && c.c0 === h.c0 && c.c1 === h.c1 && c.text.trim());
  for (const h of cells) {
    const header = h.r0;
    if (!headers.has(header) || h.r1 !== header + 1 || taken.has(h) || h.c1 - h.c0 !== 1 || !h.text.trim() || !namesNoColumn(h.text)) continue;
    const up = inColumn(h, header - 1);
    const down = inColumn(h, header + 1);
    const tries: Array<PageTableCell[]> = [[up, h, down], [up, h], [h, down]].filter((t): t is PageTableCell[] => t.every((c) => c !== undefined));
    const hit = tries.find((t) => completesFormColumn(t.map((c) => c.text).join('')));
    if (!hit) continue;
    h.text = hit.map((c) => c.text.trim()).join('');
    for (const c of hit) if (c !== h) taken.add(c);
  }
  return cells.filter((c) => !taken.has(c));
}

