import type { ParagraphBlock, TableBlock } from '../../schemas/document.js';
import type { Fact } from '../../schemas/fact.js';
import { parseFigure } from '../numbers/figure.js';
import { normalizeText } from '../text/normalize.js';
import { cellLocation, ocrProvenance } from './facts.js';
import { isIndicatorHeader } from './header-map.js';
import { ownCells } from './table-view.js';

/**
 * A form's own total written as "label: value" text above or in its head (表头自评总分: 湖北 广水's
 * "填报日期:2022年8月10日 自评总分: 95", "自评得分：95分" on a line of its own, or in one cell with its
 * label): read as the score the form states for itself, as a "自评总分 | 95" pair of cells is. The
 * colon is required — a bare 自评分 is a column header — and the value is a plain number of points.
 */
const HEAD_SCORE = /自评(?:总得分|总分|得分|分)\s*(?:\(分\))?\s*[:：]\s*(\d{1,3}(?:\.\d+)?)\s*分?(?![\d.%])/;
/** A head line is short; a sentence of the narrative that quotes the score ("经自评，项目自评得分：95分，…") is not one. */
const HEAD_LINE_MAX = 60;

/** The head score in one text, with where its figure stands; null when there is none or it is not a plain number up to 100. */
export function headScoreIn(text: string): { value: string; span: [number, number] | null } | null {
  const normalized = normalizeText(text);
  const m = HEAD_SCORE.exec(normalized);
  if (!m || !parseFigure(m[1]) || Number(m[1]) > 100) return null;
  const at = m.index + m[0].indexOf(m[1], m[0].search(/[:：]/));
  // the span is given where normalizing kept every character in place
  return { value: m[1], span: normalized.length === text.length ? [at, at + m[1].length] : null };
}

/** The head score of a form from the lines just above its first table (its title, 填报日期 line …), the nearest first. */
export function headScoreAbove(part: string, lines: readonly ParagraphBlock[]): Fact | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const p = lines[i];
    if (p.text.length > HEAD_LINE_MAX) continue;
    const found = headScoreIn(p.text);
    if (!found) continue;
    return {
      text: found.value,
      figure: parseFigure(found.value),
      loc: { part, table: null, row: null, col: null, page: p.page, paragraph: p.paragraph, block: p.block, span: found.span, ...ocrProvenance(p) },
    };
  }
  return null;
}

/** The head score written with its label in one cell of the form's head ("自评总分: 95"), above its indicator header. */
export function headScoreInCells(part: string, table: TableBlock): Fact | null {
  for (let r = 0; r < table.nRows && !isIndicatorHeader(table, r); r++) {
    for (const cell of ownCells(table, r)) {
      if (cell.text.length > HEAD_LINE_MAX) continue;
      const found = headScoreIn(cell.text);
      if (found) return { text: found.value, figure: parseFigure(found.value), loc: { ...cellLocation(part, table, cell), span: found.span } };
    }
  }
  return null;
}
