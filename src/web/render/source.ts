import type { ParagraphBlock, TableBlock } from '../../../schemas/document.js';
import { cellAnchor, paragraphAnchor, tableAnchor } from '../anchors.js';
import type { BackRef, EvidenceMap, ParagraphMark } from '../evidence-map.js';
import { html, multiline, type SafeHtml } from '../html.js';
import { SEVERITY_LABELS } from '../labels.js';

/** Links from a highlighted cell or sentence back to the findings citing it. */
function backLinks(refs: BackRef[]): SafeHtml {
  return html`<span class="backrefs">${refs.map(
    (r) => html`<a class="backref sev-${r.severity}" href="#${r.anchor}" title="${SEVERITY_LABELS[r.severity]}：${r.rule}">↑发现${r.number}</a>`,
  )}</span>`;
}

/** Tables longer than this show only the rows around the cited cells (or their first rows). */
export const MAX_TABLE_ROWS = 300;
/** Rows kept above and below a cited row when a long table is cut. */
const CONTEXT_ROWS = 3;
/** Paragraphs longer than this show only the text around their highlights (or their beginning). */
export const MAX_PARAGRAPH_CHARS = 20_000;
const CONTEXT_CHARS = 400;

/** Rows of a long table to draw: its first rows and the neighbourhood of every cited row. */
function rowsToDraw(table: TableBlock, evidence: EvidenceMap | null): number[] {
  const all = Array.from({ length: table.nRows }, (_, r) => r);
  if (table.nRows <= MAX_TABLE_ROWS) return all;
  const cited = new Set<number>();
  for (const cell of table.cells) if (evidence?.cells.has(cellAnchor(table.table, cell.row, cell.col))) for (let k = 0; k < cell.rowSpan; k++) cited.add(cell.row + k);
  if (cited.size === 0) return all.slice(0, MAX_TABLE_ROWS);
  const keep = new Set<number>([0, 1, 2]);
  for (const r of cited) for (let k = r - CONTEXT_ROWS; k <= r + CONTEXT_ROWS; k++) if (k >= 0 && k < table.nRows) keep.add(k);
  return [...keep].sort((a, b) => a - b).slice(0, MAX_TABLE_ROWS);
}

/**
 * A source table drawn as the form looks: merged regions become one cell with rowspan/colspan
 * (from the DocumentModel grid), cited cells are highlighted and link back to their findings.
 * A very long table is cut to the rows around its cited cells, with the gaps marked.
 */
export function renderSourceTable(table: TableBlock, evidence: EvidenceMap | null, caption: string): SafeHtml {
  const drawRows = rowsToDraw(table, evidence);
  const rows: SafeHtml[] = [];
  const drawn = new Set<number>();
  let segmentStart = 0;
  for (let i = 0; i < drawRows.length; i++) {
    const r = drawRows[i];
    if (i > 0 && r !== drawRows[i - 1] + 1) {
      rows.push(html`<tr class="gap"><td colspan="${table.nCols}" class="muted">…… 省略第${drawRows[i - 1] + 2}–${r}行 ……</td></tr>`);
      segmentStart = i;
    }
    // Rows of this contiguous segment: a merged cell spans only rows drawn in it.
    let segmentEnd = i;
    while (segmentEnd + 1 < drawRows.length && drawRows[segmentEnd + 1] === drawRows[segmentEnd] + 1) segmentEnd++;
    const lastRowOfSegment = drawRows[segmentEnd];
    const cells: SafeHtml[] = [];
    for (let c = 0; c < table.nCols; c++) {
      const index = table.grid[r]?.[c];
      const cell = index === undefined ? undefined : table.cells[index];
      if (!cell) {
        cells.push(html`<td class="empty"></td>`);
        continue;
      }
      if (cell.col !== c) continue; // covered by a merged region drawn to its left
      const firstDrawnRow = Math.max(cell.row, drawRows[segmentStart]);
      if (r !== firstDrawnRow) continue; // covered by a merged region drawn above
      const anchor = cellAnchor(table.table, cell.row, cell.col);
      const refs = evidence?.cells.get(anchor) ?? [];
      const worst = refs.find((x) => x.severity === 'error') ?? refs.find((x) => x.severity === 'warning') ?? refs[0];
      const cls = refs.length ? `hit sev-${worst.severity}` : '';
      const rowSpan = Math.min(cell.row + cell.rowSpan - 1, lastRowOfSegment) - r + 1;
      const first = !drawn.has(index!);
      drawn.add(index!);
      const ocr = cell.confidence !== undefined ? html` <span class="ocr" title="OCR 识别，可信度">OCR ${Math.round(cell.confidence * 100)}%</span>` : '';
      cells.push(
        html`<td${first ? html` id="${anchor}"` : ''} class="${cls}"${spanAttrs(rowSpan, cell.colSpan)}>${multiline(cell.text)}${ocr}${refs.length && first ? backLinks(refs) : ''}</td>`,
      );
    }
    rows.push(html`<tr>${cells}</tr>`);
  }
  const cut = drawRows.length < table.nRows ? html` <span class="muted">（表格共${table.nRows}行，只显示${drawRows.length}行）</span>` : '';
  const where = table.page !== null ? `（第${table.page}${table.pageEnd && table.pageEnd !== table.page ? `–${table.pageEnd}` : ''}页）` : '';
  return html`<figure class="source-table" id="${tableAnchor(table.table)}">
<figcaption>${caption}${where}${table.source !== 'markup' ? html` <span class="muted">表格由版面推断，可信度 ${Math.round(table.confidence * 100)}%</span>` : ''}${cut}</figcaption>
<div class="scroll" tabindex="0" role="region" aria-label="${caption}"><table class="form">${rows}</table></div>
</figure>`;
}

function spanAttrs(rowSpan: number, colSpan: number): SafeHtml {
  return html`${rowSpan > 1 ? html` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? html` colspan="${colSpan}"` : ''}`;
}

/** A paragraph with its cited figures or sentences marked, each mark linking back to its findings. */
export function renderParagraph(paragraph: ParagraphBlock, marks: ParagraphMark[], caption: string): SafeHtml {
  const text = paragraph.text;
  const windows = textWindows(text.length, marks);
  const parts: SafeHtml[] = [];
  for (const [from, to] of windows) {
    if (from > 0) parts.push(html`<span class="muted">……</span>`);
    let at = from;
    for (const mark of marks) {
      if (mark.start < from || mark.start >= to) continue;
      if (mark.start > at) parts.push(html`${text.slice(at, mark.start)}`);
      const worst = mark.refs.find((x) => x.severity === 'error') ?? mark.refs.find((x) => x.severity === 'warning') ?? mark.refs[0];
      parts.push(html`<mark id="${mark.anchor}" class="sev-${worst.severity}">${text.slice(mark.start, mark.end)}</mark>${backLinks(mark.refs)}`);
      at = mark.end;
    }
    if (at < to) parts.push(html`${text.slice(at, to)}`);
  }
  if (windows.length && windows[windows.length - 1][1] < text.length) parts.push(html`<span class="muted">……（段落共${text.length}字，已截取）</span>`);
  const where = paragraph.page !== null ? `，第${paragraph.page}页` : '';
  const ocr = paragraph.confidence !== undefined ? html` <span class="ocr">OCR 识别，可信度 ${Math.round(paragraph.confidence * 100)}%</span>` : '';
  return html`<blockquote class="source-paragraph" id="${paragraphAnchor(paragraph.paragraph)}">
<p class="meta">${caption}（第${paragraph.paragraph + 1}段${where}）${ocr}</p>
<p>${parts}</p>
</blockquote>`;
}

/** Character ranges of a paragraph to show: all of it, or for a huge one the text around each mark. */
function textWindows(length: number, marks: ParagraphMark[]): Array<[number, number]> {
  if (length <= MAX_PARAGRAPH_CHARS) return [[0, length]];
  if (marks.length === 0) return [[0, MAX_PARAGRAPH_CHARS]];
  const out: Array<[number, number]> = [];
  let budget = MAX_PARAGRAPH_CHARS;
  for (const m of marks) {
    if (budget <= 0) break;
    const from = Math.max(0, m.start - CONTEXT_CHARS);
    const to = Math.min(length, Math.max(m.end, m.start + 1) + CONTEXT_CHARS);
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
    budget -= to - from;
  }
  return out;
}
