import type { TableBlock, TableCell } from '../../schemas/document.js';
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Location, OcrCorrection } from '../../schemas/location.js';
import { parseFigure } from '../numbers/figure.js';
import { mergeCorrections } from '../../parsers/ocr/corrections.js';
import { cellOrigin } from './continuation.js';
import { isRebuiltTable, rebuiltProvenance } from './flattened-table.js';

/** Location of a table cell within a report part. */
export function cellLocation(part: string, table: TableBlock, cell: TableCell): Location {
  // a cell of a table part joined onto the one before (continuation.ts) is cited where it was written
  const origin = cellOrigin(cell);
  const loc: Location = {
    part,
    table: origin?.table ?? table.table,
    row: origin?.row ?? cell.row,
    col: cell.col,
    page: cell.page ?? origin?.page ?? table.page,
    paragraph: null,
    block: origin?.block ?? table.block,
    bbox: cell.bbox,
  };
  // added in the order (and with the overrides) of spreading them into the literal; a cell of typed
  // text in a ruled table — most cells, a location each — makes no empty object for them
  if (cell.textSource || cell.damagedGlyphs) Object.assign(loc, ocrProvenance(cell));
  if (table.source === 'borderless' && !isRebuiltTable(table)) loc.gridInferred = true;
  return Object.assign(loc, rebuiltProvenance(cell));
}

/**
 * The OCR provenance of a paragraph or cell, for its values' locations: text source and the
 * lowest recognition confidence of its text, the characters OCR's post-processing changed in it (in
 * `within` only, when given), and whether it holds characters a damaged PDF text layer could not
 * decode. Empty for exact text.
 */
export function ocrProvenance(
  source: { textSource?: 'ocr' | 'ocr-layer'; confidence?: number; damagedGlyphs?: boolean; ocrCorrections?: OcrCorrection[] },
  within?: string,
): Pick<Location, 'textSource' | 'confidence' | 'uncertain' | 'damagedGlyphs' | 'ocrCorrections'> {
  const damaged = source.damagedGlyphs ? { damagedGlyphs: true } : {};
  if (!source.textSource) return damaged;
  // The characters the OCR's post-processing changed (OCR 原文 峻工 → 竣工), for a reviewer to check —
  // of a long paragraph, only those in the value's own sentence (`within`).
  const changes = source.ocrCorrections?.filter((c) => within === undefined || within.includes(c.corrected));
  const corrected = changes?.length ? { ocrCorrections: changes } : {};
  if (source.confidence === undefined) return { textSource: source.textSource, ...damaged, ...corrected };
  return { textSource: source.textSource, confidence: source.confidence, ...(source.confidence < OCR_SURE_CONFIDENCE ? { uncertain: true } : {}), ...damaged, ...corrected };
}

/** A location with more OCR corrections (those of the label a value is read under), each listed once. */
export function withCorrections(loc: Location, more: readonly OcrCorrection[]): Location {
  const merged = mergeCorrections(loc.ocrCorrections ?? [], more);
  return merged.length > (loc.ocrCorrections?.length ?? 0) ? { ...loc, ocrCorrections: merged } : loc;
}

/**
 * OCR'd text read at least this surely counts as read correctly; below it a value is uncertain
 * (parsers/ocr caps a number with a letter-for-digit look-alike at 0.5, so it is uncertain too).
 */
export const OCR_SURE_CONFIDENCE = 0.9;

/** A numeric Fact from a cell: blank stays blank (figure null), words stay words. */
export function cellFact(part: string, table: TableBlock, cell: TableCell): Fact {
  return { text: cell.text, figure: parseFigure(cell.text), loc: cellLocation(part, table, cell) };
}

export function cellText(part: string, table: TableBlock, cell: TableCell): TextFact {
  return { text: cell.text, loc: cellLocation(part, table, cell) };
}

/** A Fact parsed from part of a cell ("其中：基本支出：592.17" → 592.17), keeping the whole cell as source. */
export function partialFact(part: string, table: TableBlock, cell: TableCell, valueText: string, start: number): Fact {
  return {
    text: cell.text,
    figure: parseFigure(valueText),
    loc: { ...cellLocation(part, table, cell), span: [start, start + valueText.length] },
  };
}

/** Count Facts that hold a figure (coverage). */
export function countFacts(value: unknown): number {
  return value && typeof value === 'object' ? factsIn(value) : 0;
}

/** countFacts of an object or array; only objects are descended into (no call per string or number). */
function factsIn(value: object): number {
  let n = 0;
  if (Array.isArray(value)) {
    for (const x of value) if (x && typeof x === 'object') n += factsIn(x);
    return n;
  }
  const o = value as Record<string, unknown>;
  if ('figure' in o && 'loc' in o && 'text' in o) return o.figure ? 1 : 0;
  // for…in: Object.values' order, without an array of values per record
  for (const k in o) {
    const x = o[k];
    if (x && typeof x === 'object') n += factsIn(x);
  }
  return n;
}
