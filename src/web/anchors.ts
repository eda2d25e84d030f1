import type { Location } from '../../schemas/location.js';
import type { DocumentModel, ParagraphBlock, TableBlock } from '../../schemas/document.js';

/**
 * Element ids that tie a finding to its evidence and back. A finding's card is `f-<id>`; a table
 * cell is `t<table>-r<row>-c<col>` (its merged region's top-left corner); a highlighted figure or
 * sentence in a paragraph is `p<paragraph>-s<start>`, the paragraph itself `p<paragraph>`.
 */
export function findingAnchor(findingId: string): string {
  return `f-${findingId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function cellAnchor(table: number, row: number, col: number): string {
  return `t${table}-r${row}-c${col}`;
}

export function paragraphAnchor(paragraph: number): string {
  return `p${paragraph}`;
}

export function spanAnchor(paragraph: number, start: number): string {
  return `p${paragraph}-s${start}`;
}

export function tableAnchor(table: number): string {
  return `t${table}`;
}

/** The document's tables and paragraphs by ordinal, for resolving evidence locations. */
export interface SourceIndex {
  tables: Map<number, TableBlock>;
  paragraphs: Map<number, ParagraphBlock>;
}

export function indexSource(document: DocumentModel | null): SourceIndex {
  const tables = new Map<number, TableBlock>();
  const paragraphs = new Map<number, ParagraphBlock>();
  for (const block of document?.blocks ?? []) {
    if (block.kind === 'table') tables.set(block.table, block);
    else paragraphs.set(block.paragraph, block);
  }
  return { tables, paragraphs };
}

/** The origin cell (top-left of its merged region) covering a grid position, or null when outside. */
export function originCell(table: TableBlock, row: number, col: number): { row: number; col: number } | null {
  const cellIndex = table.grid[row]?.[col];
  if (cellIndex === undefined) return null;
  const cell = table.cells[cellIndex];
  return cell ? { row: cell.row, col: cell.col } : null;
}

/**
 * The characters of a paragraph an evidence item points at: its `span` when the rule gave one,
 * else the evidence text (a sentence) found in the paragraph, else the whole paragraph.
 */
export function paragraphRange(loc: Location, evidenceText: string, paragraphText: string): [number, number] {
  const len = paragraphText.length;
  if (loc.span) {
    const start = Math.max(0, Math.min(loc.span[0], len));
    const end = Math.max(start, Math.min(loc.span[1], len));
    if (end > start) return [start, end];
  }
  const needle = evidenceText.trim();
  if (needle) {
    const at = paragraphText.indexOf(needle);
    if (at >= 0) return [at, at + needle.length];
  }
  return [0, len];
}
