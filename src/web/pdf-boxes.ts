import type { Finding, Severity } from '../../schemas/finding.js';
import type { Location } from '../../schemas/location.js';
import { originCell, type SourceIndex } from './anchors.js';

/**
 * Where a finding's evidence sits on the pages of the original PDF: a box in PDF points (origin
 * top-left, the page as displayed, after the rotation the reader applied) per evidence item. The
 * location's own page and box when the recognizer filled them; else the box of the cited cell or
 * paragraph in the DocumentModel.
 */
export interface PageBox {
  page: number;
  bbox: [number, number, number, number];
  /** 1-based evidence number on the card. */
  evidence: number;
  severity: Severity;
  textSource: 'ocr' | 'ocr-layer' | null;
  confidence: number | null;
}

type Box = [number, number, number, number];

function union(boxes: Box[]): Box {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

function fromDocument(loc: Location, source: SourceIndex): { page: number; bbox: Box } | null {
  if (loc.table !== null && loc.table !== undefined) {
    const table = source.tables.get(loc.table);
    if (!table || loc.row === null || loc.row === undefined) return null;
    if (loc.col !== null && loc.col !== undefined) {
      const origin = originCell(table, loc.row, loc.col);
      const cell = origin ? table.cells.find((c) => c.row === origin.row && c.col === origin.col) : undefined;
      return cell?.bbox && cell.page !== null ? { page: cell.page, bbox: cell.bbox } : null;
    }
    const cells = table.cells.filter((c) => c.row === loc.row && c.bbox && c.page !== null);
    if (!cells.length) return null;
    const page = cells[0].page!;
    return { page, bbox: union(cells.filter((c) => c.page === page).map((c) => c.bbox!)) };
  }
  if (loc.paragraph !== null && loc.paragraph !== undefined) {
    const p = source.paragraphs.get(loc.paragraph);
    // A paragraph running over a page break has no one box on one page.
    if (!p?.bbox || p.page === null || p.pageBreaks?.length) return null;
    return { page: p.page, bbox: p.bbox };
  }
  return null;
}

export function findingBoxes(finding: Finding, source: SourceIndex): PageBox[] {
  const out: PageBox[] = [];
  finding.evidence.forEach((ev, i) => {
    const loc = ev.location;
    const at = loc.bbox && loc.page !== null && loc.page !== undefined ? { page: loc.page, bbox: loc.bbox } : fromDocument(loc, source);
    if (!at) return;
    out.push({
      page: at.page,
      bbox: at.bbox.map((v) => Math.round(v * 10) / 10) as Box,
      evidence: i + 1,
      severity: finding.severity,
      textSource: loc.textSource ?? null,
      confidence: loc.confidence ?? null,
    });
  });
  return out;
}
