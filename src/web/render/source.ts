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

/**
 * A source table drawn as the form looks: merged regions become one cell with rowspan/colspan
 * (from the DocumentModel grid), cited cells are highlighted and link back to their findings.
 */
export function renderSourceTable(table: TableBlock, evidence: EvidenceMap | null, caption: string): SafeHtml {
  const rows: SafeHtml[] = [];
  for (let r = 0; r < table.nRows; r++) {
    const cells: SafeHtml[] = [];
    for (let c = 0; c < table.nCols; c++) {
      const index = table.grid[r]?.[c];
      const cell = index === undefined ? undefined : table.cells[index];
      if (!cell) {
        cells.push(html`<td class="empty"></td>`);
        continue;
      }
      if (cell.row !== r || cell.col !== c) continue; // covered by a merged region drawn at its origin
      const anchor = cellAnchor(table.table, r, c);
      const refs = evidence?.cells.get(anchor) ?? [];
      const worst = refs.find((x) => x.severity === 'error') ?? refs.find((x) => x.severity === 'warning') ?? refs[0];
      const cls = refs.length ? `hit sev-${worst.severity}` : '';
      cells.push(
        html`<td id="${anchor}" class="${cls}"${spanAttrs(cell.rowSpan, cell.colSpan)}>${multiline(cell.text)}${refs.length ? backLinks(refs) : ''}</td>`,
      );
    }
    rows.push(html`<tr>${cells}</tr>`);
  }
  const where = table.page !== null ? `（第${table.page}${table.pageEnd && table.pageEnd !== table.page ? `–${table.pageEnd}` : ''}页）` : '';
  return html`<figure class="source-table" id="${tableAnchor(table.table)}">
<figcaption>${caption}${where}${table.source !== 'markup' ? html` <span class="muted">表格由版面推断，可信度 ${Math.round(table.confidence * 100)}%</span>` : ''}</figcaption>
<div class="scroll" tabindex="0" role="region" aria-label="${caption}"><table class="form">${rows}</table></div>
</figure>`;
}

function spanAttrs(rowSpan: number, colSpan: number): SafeHtml {
  return html`${rowSpan > 1 ? html` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? html` colspan="${colSpan}"` : ''}`;
}

/** A paragraph with its cited figures or sentences marked, each mark linking back to its findings. */
export function renderParagraph(paragraph: ParagraphBlock, marks: ParagraphMark[], caption: string): SafeHtml {
  const text = paragraph.text;
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start > at) parts.push(html`${text.slice(at, mark.start)}`);
    const worst = mark.refs.find((x) => x.severity === 'error') ?? mark.refs.find((x) => x.severity === 'warning') ?? mark.refs[0];
    parts.push(html`<mark id="${mark.anchor}" class="sev-${worst.severity}">${text.slice(mark.start, mark.end)}</mark>${backLinks(mark.refs)}`);
    at = mark.end;
  }
  if (at < text.length) parts.push(html`${text.slice(at)}`);
  const where = paragraph.page !== null ? `，第${paragraph.page}页` : '';
  return html`<blockquote class="source-paragraph" id="${paragraphAnchor(paragraph.paragraph)}">
<p class="meta">${caption}（第${paragraph.paragraph + 1}段${where}）</p>
<p>${parts}</p>
</blockquote>`;
}
