import type { OcrCorrection } from '../../schemas/location.js';
import type { Block } from '../../schemas/document.js';
import type { TextRun } from '../pdf/types.js';

/**
 * Characters the OCR post-processing changed (a look-alike letter folded into a digit, 1O0% → 100%;
 * a character of a phonetic series corrected by the word it breaks, 峻工 → 竣工; a decimal point put
 * back where the recogniser saw one but did not pick it, 9500 → 95.00; a comparator named from its
 * drawn shape, > → ≥), as the recogniser read them and as corrected, each with one character of
 * context either side so that a reviewer sees the word: "OCR 原文 峻工 → 竣工". Empty when the two
 * texts are the same. A space closed between a number and its unit (unit-space.ts) is no change of a
 * character and is not listed: `read` is compared with spaces as in `corrected`.
 */
export function textCorrections(read: string, corrected: string): OcrCorrection[] {
  if (read === corrected) return [];
  const a = [...read];
  const b = [...corrected];
  // Longest common subsequence from each (i, j) on (a run is a line at most: a few hundred characters).
  const w = b.length + 1;
  const common = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) common[i * w + j] = a[i] === b[j] ? common[(i + 1) * w + j + 1] + 1 : Math.max(common[(i + 1) * w + j], common[i * w + j + 1]);
  // The characters kept walked in order; each stretch between two kept ones that differs is a change,
  // and changes one kept character apart are one (1O0 → 100, not O dropped and a 0 put in after it).
  const spans: [number, number, number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j] && common[i * w + j] === common[(i + 1) * w + j + 1] + 1) {
      i++;
      j++;
      continue;
    }
    const last = spans.at(-1);
    const span: [number, number, number, number] = last && last[1] >= i - 1 && last[3] >= j - 1 ? last : [i, i, j, j];
    if (span !== last) spans.push(span);
    if (j >= b.length || (i < a.length && common[(i + 1) * w + j] >= common[i * w + j + 1])) i++;
    else j++;
    [span[1], span[3]] = [i, j];
  }
  return spans.map(([i0, i1, j0, j1]) => ({ read: a.slice(Math.max(0, i0 - 1), i1 + 1).join(''), corrected: b.slice(Math.max(0, j0 - 1), j1 + 1).join('') }));
}

/**
 * Each paragraph and table cell read from OCR'd text gets the corrections of the page's runs that are
 * part of it (schemas/document.ts `ocrCorrections`): a run belongs to a cell (paragraph) on its page
 * whose text holds the run's corrected text and whose box holds the run's middle — a paragraph's box
 * is its first page's, so on a later page of the paragraph its text alone decides (MIN_TEXT_ONLY). `runs` are keyed by
 * the sheet's page number, in the page's points (the blocks' own frame once on their sheets).
 */
/** Characters a run's text needs to be placed by its text alone (no box of its page to hold it). */
const MIN_TEXT_ONLY = 4;

export function attachOcrCorrections(blocks: Block[], runs: ReadonlyMap<number, readonly TextRun[]>): Block[] {
  if (!runs.size) return blocks;
  const holds = (page: number | null, bbox: BBoxLike, text: string, r: TextRun, boxPage: number | null) => {
    if (!text.includes(r.str)) return false;
    // Without a box to place it, a short run ("100%") could be any of the page's; it is left unplaced.
    if (!bbox || page !== boxPage) return [...r.str].length >= MIN_TEXT_ONLY;
    const cx = (r.x0 + r.x1) / 2;
    const cy = (r.top + r.bottom) / 2;
    return cx >= bbox[0] - 1 && cx <= bbox[2] + 1 && cy >= bbox[1] - 1 && cy <= bbox[3] + 1;
  };
  const placed = new Set<TextRun>();
  // Each run not yet placed that the target (a paragraph on one of its pages, a cell) holds.
  const place = (target: { ocrCorrections?: OcrCorrection[]; bbox: BBoxLike; text: string }, page: number | null, boxPage: number | null) => {
    for (const r of (page !== null && runs.get(page)) || []) {
      if (placed.has(r) || !holds(page, target.bbox, target.text, r, boxPage)) continue;
      placed.add(r);
      target.ocrCorrections = mergeCorrections(target.ocrCorrections ?? [], r.corrections!);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (!b.textSource) continue;
      for (const page of [b.page, ...(b.pageBreaks ?? []).map((x) => x.page)]) place(b, page, b.page);
    } else {
      for (const c of b.cells) if (c.textSource) place(c, c.page, c.page);
    }
  }
  return blocks;
}

type BBoxLike = readonly number[] | null;

/** `own` with those of `more` it does not list yet (the same read and correction), in order. */
export function mergeCorrections(own: readonly OcrCorrection[], more: readonly OcrCorrection[]): OcrCorrection[] {
  const merged = [...own];
  for (const c of more) if (!merged.some((x) => x.read === c.read && x.corrected === c.corrected)) merged.push(c);
  return merged;
}
