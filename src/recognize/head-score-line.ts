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
/**
 * The score run onto the form's own title, with or without a colon ("马铃薯…项目绩效目标自评表(2022年度)项目总得分99分项目名称…",
 * 宁夏, a form flattened into one paragraph): the title (…表, its year in brackets) anchors it, so the line may be long; 分 is required
 * after a bare number.
 */
const TITLED_HEAD_SCORE = /^[^。；;，,]{2,60}?(?:自评|评价|目标)表\s*(?:\(\d{4}年度?\))?\s*(?:项目)?(?:自评总分|自评得分|总得分|总分)\s*(?:\(分\))?\s*(?:[:：]\s*(\d{1,3}(?:\.\d+)?)\s*分?|(\d{1,3}(?:\.\d+)?)\s*分)(?![\d.%])/;
/** A head line is short; a sentence of the narrative that quotes the score ("经自评，项目自评得分：95分，…") is not one. */
const HEAD_LINE_MAX = 60;

/** The head score in one text, with where its figure stands; null when there is none or it is not a plain number up to 100. */
export function headScoreIn(text: string): { value: string; span: [number, number] | null } | null {
  const normalized = normalizeText(text);
  const m = HEAD_SCORE.exec(normalized);
  return m ? figureAt(text, normalized, m, m[1]) : null;
}

/** The head score run onto the form's title at the start of a line (TITLED_HEAD_SCORE), however long the line. */
export function titledHeadScoreIn(text: string): { value: string; span: [number, number] | null } | null {
  const normalized = normalizeText(text);
  const m = TITLED_HEAD_SCORE.exec(normalized);
  return m ? figureAt(text, normalized, m, m[1] ?? m[2]) : null;
}

function figureAt(text: string, normalized: string, m: RegExpExecArray, value: string): { value: string; span: [number, number] | null } | null {
  if (!parseFigure(value) || Number(value) > 100) return null;
  const at = m.index + m[0].lastIndexOf(value);
  // the span is given where normalizing kept every character in place
  return { value, span: normalized.length === text.length ? [at, at + value.length] : null };
}

/** The head score of a form from the lines just above its first table (its title, 填报日期 line …), the nearest first. */
export function headScoreAbove(part: string, lines: readonly ParagraphBlock[]): Fact | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const p = lines[i];
    const found = (p.text.length <= HEAD_LINE_MAX ? headScoreIn(p.text) : null) ?? titledHeadScoreIn(p.text);
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
