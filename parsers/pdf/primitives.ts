import type { TextSource } from '../../schemas/document.js';
import { groupLines } from './lines.js';
import type { PageTable } from './page-table.js';
import { findRuledTables } from './ruled-tables.js';
import type { Rulings, TextLine, TextRun } from './types.js';

/**
 * The seam between reading a page and laying it out. Whatever the page's text came from — the
 * producer's text layer, an OCR layer written over a scan, or our own OCR of the page image —
 * it arrives here as the same primitives: text runs with boxes and ruling segments, in display
 * space (points, origin top-left, upright). Tables, lines and paragraphs are then built by one
 * code path for every source.
 */
export interface PagePrimitives {
  page: number;
  /** Page size in points as displayed (after /Rotate, before `rotation`). */
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Rulings;
  textSource: Exclude<TextSource, 'none'>;
  /** Clockwise rotation already applied to `runs` and `rulings` to make the text upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Mean recognition confidence of the runs (OCR sources), else null. */
  confidence: number | null;
}

/** A grid found in a scan is surer than one guessed from text positions, less than a drawn one. */
const RASTER_GRID_CONFIDENCE = 0.9;

/** One page laid out: its tables and the text lines outside them. */
export interface PageContent {
  page: number;
  /** Size of the upright page (after any turn), in points. */
  width: number;
  height: number;
  tables: PageTable[];
  lines: TextLine[];
  /** Characters of the page by font size (tables included): what the body text size is judged by. */
  textSizes: Map<number, number>;
}

export function emptyPage(page: number, width: number, height: number): PageContent {
  return { page, width, height, tables: [], lines: [], textSizes: new Map() };
}

/** Characters by font size, sizes rounded to a quarter point. */
function textSizes(runs: readonly TextRun[]): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const r of runs) {
    const size = Math.round(r.size * 4) / 4;
    sizes.set(size, (sizes.get(size) ?? 0) + r.str.length);
  }
  return sizes;
}

/** Primitives → tables (from rulings) and the remaining text as lines. */
export function layoutPage(p: PagePrimitives): PageContent {
  const { tables, rest } = findRuledTables(p.rulings, p.runs, p.page);
  // Rulings found in a page image (our OCR) make a raster grid.
  if (p.textSource === 'ocr') {
    for (const t of tables) {
      t.source = 'raster';
      t.confidence = RASTER_GRID_CONFIDENCE;
    }
  }
  // Runs and rulings are in the turned page's space: a quarter turn swaps the sides.
  const quarter = p.rotation === 90 || p.rotation === 270;
  return { page: p.page, width: quarter ? p.height : p.width, height: quarter ? p.width : p.height, tables, lines: groupLines(rest), textSizes: textSizes(p.runs) };
}
