/**
 * Geometry shared by the PDF submodules. All coordinates are PDF points in the page's display
 * space: origin top-left, y growing downwards (pdf.js viewport at scale 1, rotation applied).
 */

import type { OcrCorrection } from '../../schemas/location.js';

/** One piece of text as pdf.js reported it, placed on the page. */
export interface TextRun {
  str: string;
  x0: number;
  x1: number;
  /** Top and bottom of the glyph box (approximate: from the font size). */
  top: number;
  bottom: number;
  /** Baseline y. */
  baseline: number;
  /** Font size in points. */
  size: number;
  /** Recognition confidence (0–1) when the text was read by OCR; absent for exact text. */
  confidence?: number;
  /** Characters our OCR's post-processing changed in `str` (parsers/ocr/corrections.ts); absent when none. */
  corrections?: OcrCorrection[];
  /** The font it was set in (pdf.js's id for the font within the document), vector text only. */
  font?: string;
  /** Set across the page (running up or down it, text-runs.ts): its box is one glyph wide around the writing line. */
  crosswise?: true;
  /**
   * A space glyph of its own (pdf.js's whitespace item, dropped) was set right before it on its line:
   * the gap before it is a space between words (a CJK font's half-width space, 0.5 em), not a cell's edge.
   */
  spaced?: true;
  /** `spaced`, and the operator list shows a space glyph drawn right before its first glyph (glyph-spaces.ts): the line keeps a space there. */
  drawnSpace?: true;
}

/** An axis-aligned ruling segment: horizontal (y = pos, x in [from, to]) or vertical (x = pos, y in [from, to]). */
export interface Segment {
  pos: number;
  from: number;
  to: number;
}

export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
  /**
   * Reviewer's notes drawn into the page (a flattened FreeText comment: a form XObject holding only
   * a border in an annotation colour and the note's text): their boxes, in display space, and text.
   * Their borders are not among the rulings; rulings.ts `dropNoteRuns` takes their text out.
   */
  notes?: { box: BBox; text: string }[];
}

export type BBox = [number, number, number, number];

/** A line of text: runs sharing a baseline, left to right. */
export interface TextLine {
  runs: TextRun[];
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** Lowest recognition confidence of OCR'd runs; undefined when every run is exact text. */
export function lowestConfidence(runs: readonly TextRun[]): number | undefined {
  let low: number | undefined;
  for (const r of runs) if (r.confidence !== undefined && (low === undefined || r.confidence < low)) low = r.confidence;
  return low;
}

export function unionBox(a: BBox | null, b: BBox): BBox {
  if (!a) return [...b] as BBox;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function roundBox(b: BBox): BBox {
  return b.map((v) => Math.round(v * 10) / 10) as BBox;
}
