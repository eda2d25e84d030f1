import type { BBox, TextRun } from './types.js';

/**
 * A table as found on one page, before tables continued over pages are joined. Cells keep
 * their box on the page; grid indices are local to this page's boundaries.
 */
export interface PageTableCell {
  /** Local grid rectangle: rows [r0, r1), columns [c0, c1). */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  box: BBox;
  text: string;
  /** The cell's last text line reached its right edge: its text may continue in the next row part. */
  endsWrapped: boolean;
  /** How many lines the cell's text is set on on this page (a row cut by the page break: 2+ lines above it). */
  lines?: number;
  /** Lowest recognition confidence of the cell's text (OCR only). */
  confidence?: number;
}

export interface PageTable {
  page: number;
  /** Column boundaries (x) and row boundaries (y), ascending. */
  xs: number[];
  ys: number[];
  cells: PageTableCell[];
  bbox: BBox;
  source: 'ruled' | 'borderless' | 'raster';
  confidence: number;
  /** Borderless tables: the extent of each column's text (what columns of two pages are matched by). */
  bands?: Array<[number, number]>;
}
