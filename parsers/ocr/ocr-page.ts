import type { PagePrimitives } from '../pdf/primitives.js';
import type { Rulings, Segment, TextRun } from '../pdf/types.js';
import { detectText, padSmallBoxes, type TextBox } from './detect.js';
import { dotLeaderLines } from './dot-leaders.js';
import { dropRulingRemnants } from './ruling-remnants.js';
import { loadEngine, type OcrEngine } from './engine.js';
import { missedTextBoxes, typicalLineHeight } from './missed-text.js';
import { besideStroke, strokeMask } from './strokes.js';
import { inkShare, inkThreshold, rotateQuarter, type GrayImage } from './image.js';
import { AMBIGUOUS_CONFIDENCE, foldLookalikes } from './lookalikes.js';
import { correctConfusables, secondChoicesOf, type LineNeighbours } from './confusables.js';
import { closeUnitSpaces } from './unit-space.js';
import { sequenceCounts } from './word-sequences.js';
import { textCorrections } from './corrections.js';
import { isUpsideDown, looksTurned, looksUpright } from './orientation.js';
import type { PageImage } from './page-image.js';
import { findRasterRulings, type PixelRulings, type PixelSegment } from './raster-rulings.js';
import { recognizeBoxes, type RecognizedChar, type RecognizedLine } from './recognize.js';
import { rereadLoneGlyphs } from './lone-glyph.js';
import { dropEchoedGlyphs } from './split-glyph.js';
import { readLeadingSigns } from './leading-sign.js';
import { evenContrast, evenLight } from './light.js';
import { despeckle } from './speckle.js';
import { dropShowThrough } from './show-through.js';
import { straighten } from './skew.js';
import { dewarp } from './dewarp.js';
import { flattenPage } from './perspective.js';
import { valueConfidence } from './number-shape.js';
import { ideographInkHeight } from './glyph-height.js';
import { confirmDecimalPoints, restoreDecimalPoints } from './decimal-point.js';

/** Resolution the text detector looks at (dpi): text lines are then 12–20 px high. */
const DETECTION_DPI = 100;
/** A page with less ink than this share of its pixels is blank (scanner noise, a stray mark). */
const BLANK_INK = 0.0008;
/**
 * Below this resolution (dpi) a page image is not read: body text is then under 15 px high and
 * the recogniser returns plausible-looking nonsense rather than nothing (a 40 dpi thumbnail reads
 * as "填限日期", "单位员街人"). Fax fine mode (196 dpi) and scans (150–300 dpi) are well above it.
 */
export const MIN_OCR_DPI = 90;
/** Lines whose mean character confidence is below this are noise (PaddleOCR's drop score). */
const DROP_SCORE = 0.5;

/** Ruling geometry in points: shortest ruling, largest gap bridged, thickest line. */
const MIN_RULING_PT = 20;
const MAX_GAP_PT = 1.5;
const MAX_THICKNESS_PT = 2.5;
const MAX_BREAK_PT = 8;
/** Skew (degrees) from which a straightened page's rulings are taken to have ragged edges. */
const RAGGED_SKEW_DEG = 0.5;

export interface OcrPageResult {
  /** The page's text and rulings, or null when nothing could be read. */
  primitives: PagePrimitives | null;
  /**
   * Why nothing was read: a blank page, ink without recognisable text (a photo, a drawing), or an
   * image too coarse to read reliably.
   */
  reason: 'blank' | 'no-text' | 'low-resolution' | null;
  /** Resolution of the page image, dpi. */
  dpi: number;
}

/**
 * One page image → page primitives (text source `ocr`), for the same layout path as text PDFs:
 * flatten a phone photo's page, straighten the scan (and a bound page's lines bent near the spine),
 * find ruling lines in the bitmap, erase them
 * (and handwriting crossing them), find and read text lines,
 * turn the page upright when the lines say it is turned, split lines where a ruling crosses
 * them, and map everything to page points.
 */
export async function ocrPage(pageImage: PageImage, page: number): Promise<OcrPageResult> {
  const engine = await loadEngine();
  // A phone photo's page flattened first (its quadrilateral onto the whole image), then lit evenly.
  const flattened = flattenPage(pageImage.image);
  const photo = flattened !== pageImage.image;
  let img = evenLight(flattened);
  // A faint copy's grey print on grey paper stretched to black on white.
  img = evenContrast(img, inkThreshold(img));
  const threshold = inkThreshold(img);
  const dpi = Math.round(pageImage.scale * 72);
  // The other side's print showing through thin paper taken back to paper, then scanner speckle.
  img = despeckle(dropShowThrough(img, threshold, dpi).image, threshold, dpi);
  if (inkShare(img, threshold) < BLANK_INK) return { primitives: null, reason: 'blank', dpi };
  if (dpi < MIN_OCR_DPI) return { primitives: null, reason: 'low-resolution', dpi };

  const unstraightened = img;
  const straight = straighten(img, threshold);
  // A page copied open from a bound book: its lines bent near the spine made straight again.
  const flat = dewarp(straight.image, threshold, pageImage.scale);
  img = flat.image;
  // A page turned straight by more than a trace (or its rulings bent back) keeps their steps as a ragged edge.
  let ragged = Math.abs(straight.skew) >= (RAGGED_SKEW_DEG * Math.PI) / 180 || flat.movedRulings;

  const ppt = pageImage.scale; // pixels per point
  let view = await readView(engine, img, threshold, ppt, ragged);
  let rotation: 0 | 90 | 180 | 270 = 0;
  /** Whether the page's way up is already settled (a page clearly turned a quarter, asked below). */
  let settled = false;
  // Turned a quarter when the lines stand tall; when they say nothing either way (few and short), when
  // they do read wide once the page is turned.
  const clearlyTurned = looksTurned(view.boxes);
  if (clearlyTurned || !looksUpright(view.boxes)) {
    let turnedImg = rotateQuarter(img, 90);
    let turnedRagged = ragged;
    // A bound page fed in sideways: its bent lines ran down the image, so they are straightened now
    // that they run across it — and its tilt is measured again on the page turned, since the bent lines
    // that ran down the image made the tilt measured on it a false one (-0.2°, breaking every ruling).
    if (!flat.bend) {
      const turned = dewarp(turnedImg, threshold, pageImage.scale);
      if (turned.bend) {
        const again = straighten(rotateQuarter(unstraightened, 90), threshold);
        turnedImg = again.skew === straight.skew ? turned.image : dewarp(again.image, threshold, pageImage.scale).image;
        turnedRagged ||= turned.movedRulings;
      }
    }
    // Which way up the turned page reads is asked of the lines already found on the page as it came (turned
    // a quarter with it), and the page is read that way up: once, not turned 90° and read, found upside down
    // and read again (a page fed in turned clockwise).
    const turnedUpsideDown = await isUpsideDown(engine, rotateQuarter(view.clean, 90), view.boxes.map((b) => quarterTurnedBox(b, view.clean.height)));
    if (clearlyTurned) {
      rotation = turnedUpsideDown ? 270 : 90;
      img = turnedUpsideDown ? rotateQuarter(turnedImg, 180) : turnedImg;
      ragged = turnedRagged;
      view = await readView(engine, img, threshold, ppt, ragged);
      settled = true;
    } else {
      // Tried turned, and taken when its lines then read wide. Tried first the way up the lines said; when
      // the page so turned does not read wide, or its own lines say it is upside down, the quarter turn alone.
      let triedImg = turnedUpsideDown ? rotateQuarter(turnedImg, 180) : turnedImg;
      let turnedView = await readView(engine, triedImg, threshold, ppt, turnedRagged);
      let halfTurned = turnedUpsideDown;
      if (halfTurned && (!looksUpright(turnedView.boxes) || (await isUpsideDown(engine, turnedView.clean, turnedView.boxes)))) {
        halfTurned = false;
        triedImg = turnedImg;
        turnedView = await readView(engine, turnedImg, threshold, ppt, turnedRagged);
      }
      if (looksUpright(turnedView.boxes)) {
        rotation = halfTurned ? 270 : 90;
        img = triedImg;
        ragged = turnedRagged;
        view = turnedView;
        settled = halfTurned;
      }
    }
  }
  if (!settled && (await isUpsideDown(engine, view.clean, view.boxes))) {
    rotation = ((rotation + 180) % 360) as 0 | 90 | 180 | 270;
    img = rotateQuarter(img, 180);
    view = await readView(engine, img, threshold, ppt, ragged);
  }
  if (!view.boxes.length) return { primitives: null, reason: 'no-text', dpi };

  const read = await besideStrokes(engine, view, [
    ...restoreDecimalPoints(view.clean, confirmDecimalPoints(view.clean, readLeadingSigns(view.clean, await rereadLoneGlyphs(engine, view.clean, dropEchoedGlyphs(view.clean, await recognizeBoxes(engine, view.clean, view.boxes)))))).filter((l) => l.text.trim() && (meanConfidence(l) >= DROP_SCORE || looksNumeric(l.text))),
    // A number read through the stroke, as before it was erased (unsure, below).
    ...(view.under?.boxes.length ? (await recognizeBoxes(engine, view.under.image, view.under.boxes)).filter((l) => looksNumeric(l.text) && meanConfidence(l) >= DROP_SCORE) : []),
  ]);
  // A ruling's end the eraser left, read as a letter ("7⏎L" in a cell on a phone photo), is no text.
  const lines = dropRulingRemnants(dotLeaderLines(view.clean, read, threshold), view.rulings.vertical);
  if (!lines.length) return { primitives: null, reason: 'no-text', dpi };

  // Upright page coordinates: a page turned by a quarter has its sides swapped.
  const offsetX = rotation === 0 ? pageImage.x0 : 0;
  const offsetY = rotation === 0 ? pageImage.y0 : 0;
  const toPt = (px: number, offset: number) => px / ppt + offset;
  const glyphHeight = (run: PixelRun, text: string) => ideographInkHeight(view.clean, threshold, text, run.x0, run.x1, run.y0, run.y1);
  const pixelRuns = lines.flatMap((line) => lineRuns(line, view.rulings.vertical));
  const around = wrappedNeighbours(pixelRuns);
  // The page's own words (两字序列 and how often it prints them): a misread word may be printed right elsewhere on the page.
  const pageWords = sequenceCounts(pixelRuns.map((r) => r.chars.map((c) => c.ch).join('')).join('\n'), 2);
  const runs = sizeRuns(pixelRuns.map((r, k) => placeRun(r, ppt, offsetX, offsetY, glyphHeight, around[k], pageWords)), photo);
  const rulings: Rulings = {
    horizontal: view.rulings.horizontal.map((s) => toSegment(s, toPt, offsetY, offsetX)),
    vertical: view.rulings.vertical.map((s) => toSegment(s, toPt, offsetX, offsetY)),
  };
  const confidence = runs.reduce((s, r) => s + (r.confidence ?? 1), 0) / runs.length;
  return {
    primitives: {
      page,
      width: pageImage.pageWidth,
      height: pageImage.pageHeight,
      runs,
      rulings,
      textSource: 'ocr',
      rotation,
      confidence: Math.round(confidence * 1000) / 1000,
    },
    reason: null,
    dpi,
  };
}

interface View {
  rulings: PixelRulings;
  /** The image with ruling pixels erased: what text is detected and read on. */
  clean: GrayImage;
  boxes: TextBox[];
  /** Handwriting erased from `clean` (strokes.ts), or null. */
  strokes: Uint8Array | null;
  /** With handwriting erased: the image before, and lines beside the handwriting found only on it. */
  under: { image: GrayImage; boxes: TextBox[] } | null;
}

/** Below this mean confidence, a reading beside an erased stroke that is not a number is a stroke's leftovers. */
const BESIDE_STROKE_TEXT = 0.9;

/**
 * Readings beside erased handwriting: a number is kept but unsure (a digit under the stroke may
 * have gone with it: "90" read as "0"); other text is kept only when read surely (the remains of a
 * glyph the stroke ran through read as "A"). A number is also read with the stroke in place, and
 * that reading taken when it holds the other and more ("20" where the erased page gives "2"):
 * erasing takes glyphs away, it never adds one.
 */
async function besideStrokes(engine: OcrEngine, view: View, lines: RecognizedLine[]): Promise<RecognizedLine[]> {
  const strokes = view.strokes;
  if (!strokes || !view.under) return lines;
  const kept = lines.filter((l) => !besideStroke(strokes, view.clean.width, l.box) || looksNumeric(l.text) || meanConfidence(l) >= BESIDE_STROKE_TEXT);
  const numbers = kept.filter((l) => besideStroke(strokes, view.clean.width, l.box) && looksNumeric(l.text));
  const through = await recognizeBoxes(engine, view.under.image, numbers.map((l) => l.box));
  const digits = (t: string) => foldLookalikes(t).text.replace(/[^\d]/gu, '');
  return kept.map((l) => {
    const k = numbers.indexOf(l);
    if (k < 0) return l;
    const t = through[k];
    const whole = t && looksNumeric(t.text) && meanConfidence(t) >= DROP_SCORE && digits(t.text).length > digits(l.text).length && digits(t.text).includes(digits(l.text)) ? t : l;
    return { ...whole, confidence: Math.min(whole.confidence, AMBIGUOUS_CONFIDENCE), chars: whole.chars.map((c) => ({ ...c, confidence: Math.min(c.confidence, AMBIGUOUS_CONFIDENCE) })) };
  });
}

function pixelRulings(img: GrayImage, threshold: number, ppt: number, raggedEdges = false): PixelRulings {
  return findRasterRulings(img, {
    raggedEdges,
    threshold,
    minLength: MIN_RULING_PT * ppt,
    maxGap: Math.max(2, MAX_GAP_PT * ppt),
    maxThickness: Math.max(3, MAX_THICKNESS_PT * ppt),
    maxBreak: MAX_BREAK_PT * ppt,
  });
}

/** The grid of a scanned page's image, for a text layer another program's OCR wrote over it. */
export interface ImageGrid {
  /** Ruling lines in page points, of the image straightened by `skew`. */
  rulings: Rulings;
  /** Skew of the scan (radians, positive = content turned clockwise); 0 when negligible. */
  skew: number;
  /** The point (page points) the image is turned about to straighten it. */
  centre: { x: number; y: number };
}

/**
 * The ruling lines of a page image, in page points: for a scan whose text layer another program
 * wrote (textSource ocr-layer), the grid is in the picture only. A scan fed in askew is straightened
 * first (the layer's words lie over the image as it is, so they are turned with it: straightenRuns).
 */
export function imageGrid(pageImage: PageImage): ImageGrid {
  const ppt = pageImage.scale;
  const threshold = inkThreshold(pageImage.image);
  const { image: img, skew } = straighten(pageImage.image, threshold);
  const found = pixelRulings(img, threshold, ppt);
  const toPt = (px: number, offset: number) => px / ppt + offset;
  return {
    rulings: {
      horizontal: found.horizontal.map((s) => toSegment(s, toPt, pageImage.y0, pageImage.x0)),
      vertical: found.vertical.map((s) => toSegment(s, toPt, pageImage.x0, pageImage.y0)),
    },
    skew,
    centre: { x: pageImage.x0 + (img.width - 1) / 2 / ppt, y: pageImage.y0 + (img.height - 1) / 2 / ppt },
  };
}

async function readView(engine: OcrEngine, img: GrayImage, threshold: number, ppt: number, ragged: boolean): Promise<View> {
  const rulings = pixelRulings(img, threshold, ppt, ragged);
  let clean = erase(img, rulings.mask);
  const detect = async (on: GrayImage) => padSmallBoxes(await detectText(engine, on, DETECTION_DPI / (ppt * 72)), img.width, img.height);
  let detected = await detect(clean);
  // Handwriting across the table (a signature over a cell): erased, and the page looked at again.
  const lineHeight = typicalLineHeight(detected);
  const strokes = lineHeight === null ? null : strokeMask(clean, rulings, threshold, GLYPH_HEIGHT_SHARE * lineHeight);
  let under: View['under'] = null;
  if (strokes) {
    const unerased = clean;
    const before = detected;
    clean = erase(clean, strokes);
    detected = await detect(clean);
    // Lines seen only with the strokes in place (a number the stroke runs through, erased with it).
    const lost = before.filter((b) => besideStroke(strokes, img.width, b) && !detected.some((d) => overlapShare(b, d) > 0.5));
    under = { image: unerased, boxes: lost };
  }
  const boxes = [...detected, ...missedTextBoxes(clean, detected, threshold)];
  return { rulings, clean, boxes, strokes, under };
}

/** A box of an image `height` pixels high, where it lies once the image is turned a quarter clockwise (rotateQuarter(img, 90)). */
function quarterTurnedBox(b: TextBox, height: number): TextBox {
  return { ...b, x0: height - b.y1, x1: height - b.y0, y0: b.x0, y1: b.x1 };
}

/** Area of the intersection over the smaller box's area. */
function overlapShare(a: TextBox, b: TextBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
}

function erase(img: GrayImage, mask: Uint8Array): GrayImage {
  const data = Uint8Array.from(img.data);
  for (let i = 0; i < mask.length; i++) if (mask[i]) data[i] = 255;
  return { width: img.width, height: img.height, data };
}

/**
 * A short reading that is (or folds into) a number: kept even when read unsurely — a lost digit
 * changes a sum silently, an uncertain one is shown as such.
 */
function looksNumeric(text: string): boolean {
  const folded = foldLookalikes(text).text.trim();
  return folded.length <= 12 && /^[\d.,%-]+$/u.test(folded) && /\d/u.test(folded);
}

function meanConfidence(line: RecognizedLine): number {
  return line.chars.reduce((s, c) => s + c.confidence, 0) / Math.max(1, line.chars.length);
}

/** A piece of a recognised line, in image pixels. */
interface PixelRun {
  chars: RecognizedChar[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Split a recognised line into runs: where a vertical ruling crosses it (the detector often
 * reads across cell borders: "95%以上 100% 1 1"), and where the characters leave a wide gap
 * (two fields on one line). Character positions come from the recogniser's time steps.
 */
function lineRuns(line: RecognizedLine, verticals: readonly PixelSegment[]): PixelRun[] {
  const { box } = line;
  const h = box.y1 - box.y0;
  const cy = (box.y0 + box.y1) / 2;
  const cuts = verticals
    .filter((v) => v.pos > box.x0 + 0.3 * h && v.pos < box.x1 - 0.3 * h && v.from <= cy && v.to >= cy)
    .map((v) => v.pos)
    .sort((a, b) => a - b);
  const pieces: PixelRun[] = [];
  let start = box.x0;
  let chars = line.chars;
  for (const cut of [...cuts, Infinity]) {
    const mine = chars.filter((c) => (c.x0 + c.x1) / 2 < cut);
    chars = chars.filter((c) => (c.x0 + c.x1) / 2 >= cut);
    const end = Math.min(cut, box.x1);
    if (mine.length) pieces.push(...splitAtGaps({ chars: mine, x0: start, x1: end, y0: box.y0, y1: box.y1 }, h));
    start = end;
  }
  return pieces;
}

/** A gap between character centres wider than this many line heights separates two runs. */
const GAP_LINE_HEIGHTS = 1.6;

function splitAtGaps(run: PixelRun, h: number): PixelRun[] {
  const out: PixelRun[] = [];
  let current: RecognizedChar[] = [];
  let x0 = run.x0;
  const centre = (c: RecognizedChar) => (c.x0 + c.x1) / 2;
  for (const c of run.chars) {
    const prev = current.at(-1);
    if (prev && centre(c) - centre(prev) > GAP_LINE_HEIGHTS * h && c.ch !== ' ') {
      const mid = (centre(prev) + centre(c)) / 2;
      const end = Math.min(mid, centre(prev) + 0.6 * h);
      out.push({ ...run, chars: current, x0, x1: end });
      x0 = Math.max(mid, centre(c) - 0.6 * h);
      current = [];
    }
    current.push(c);
  }
  if (current.length) out.push({ ...run, chars: current, x0, x1: run.x1 });
  return out;
}

/**
 * Detected boxes are grown around the text (the recogniser wants a margin); the glyphs fill
 * about this share of the box height, centred.
 */
const GLYPH_HEIGHT_SHARE = 0.72;

function placeRun(
  run: PixelRun,
  ppt: number,
  offsetX: number,
  offsetY: number,
  glyphHeight: (run: PixelRun, text: string) => number | null,
  around: LineNeighbours,
  pageWords: ReadonlyMap<string, number>,
): TextRun {
  const raw = runText(run.chars.map((c) => c.ch));
  const folded = foldLookalikes(raw);
  // A character read for another of its phonetic series where that breaks a word of the reports (峻工 → 竣工).
  // A character at either end is judged with the one its wrapped line runs on from or into (wrappedNeighbours).
  // An ideograph read unsurely whose reading makes no word of the reports and the recogniser's second choice does (造龄 → 适龄).
  const { text, corrections } = correctConfusables(folded.text, undefined, around, secondChoicesOf(folded.text, run.chars), { page: pageWords });
  // What the recogniser read, before any correction from the ink or the words (corrections.ts).
  const changed = textCorrections(runText(run.chars.map((c) => c.read ?? c.ch)), text);
  const ambiguous = folded.ambiguous || corrections.length > 0;
  // A space read at either end is trimmed from the text, and so is how unsure it was ("90 " with the
  // space at 0.57 is a sure "90"); a space inside still counts ("9 0": one number or two). A
  // thousands separator that fits its number's grouping does not count either (number-shape.ts).
  let first = 0;
  let last = run.chars.length - 1;
  while (first < last && !run.chars[first].ch.trim()) first++;
  while (last > first && !run.chars[last].ch.trim()) last--;
  let confidence = valueConfidence(run.chars.slice(first, last + 1));
  if (ambiguous) confidence = Math.min(confidence, AMBIGUOUS_CONFIDENCE);
  const boxH = (run.y1 - run.y0) / ppt;
  // The ideographs' ink height where the run has any (glyph-height.ts), else the box's share.
  const size = (glyphHeight(run, text) ?? (run.y1 - run.y0) * GLYPH_HEIGHT_SHARE) / ppt;
  const cy = (run.y0 + run.y1) / 2 / ppt + offsetY;
  const inset = (boxH - size) / 2;
  const x0 = run.x0 / ppt + offsetX + inset;
  const x1 = Math.max(x0 + 0.5, run.x1 / ppt + offsetX - inset);
  return {
    str: text,
    x0,
    x1,
    top: cy - size * 0.5,
    bottom: cy + size * 0.5,
    baseline: cy + size * 0.36,
    size,
    confidence: Math.round(confidence * 1000) / 1000,
    ...(changed.length ? { corrections: changed } : {}),
  };
}

/**
 * The line a run's text wraps into: the run just below it (its middle one to two of its heights lower),
 * of the same height within a quarter, starting within CONTINUATION_INDENT heights of where it starts
 * (a wrapped cell starts its lines at one edge, prose indents a paragraph's first line by two
 * characters). Each run → the last character of the run it continues and the first of the run it
 * continues into, for the words that a line's end cuts in two (confusables.ts).
 */
function wrappedNeighbours(runs: readonly PixelRun[]): LineNeighbours[] {
  const around: LineNeighbours[] = runs.map(() => ({}));
  const ink = (run: PixelRun) => run.chars.filter((c) => c.ch.trim());
  runs.forEach((run, k) => {
    const h = run.y1 - run.y0;
    const cy = (run.y0 + run.y1) / 2;
    let below = -1;
    let nearest = Infinity;
    runs.forEach((other, j) => {
      const drop = (other.y0 + other.y1) / 2 - cy;
      const oh = other.y1 - other.y0;
      // a line another run already wraps into is not this one's (a cell's label beside a wrapped cell, 0.99 heights lower)
      if (j === k || around[j].before !== undefined || drop < MIN_WRAP_DROP * h || drop > 2 * h || Math.abs(oh - h) > 0.25 * h || Math.abs(other.x0 - run.x0) > CONTINUATION_INDENT * h) return;
      if (drop < nearest) {
        nearest = drop;
        below = j;
      }
    });
    if (below < 0) return;
    const last = ink(run).at(-1);
    const first = ink(runs[below])[0];
    if (!last || !first) return;
    around[k].after = first.ch;
    around[below].before = last.ch;
  });
  return around;
}

/**
 * How far below a run (its heights) the line it wraps into may start: a cell's lines are set as tight as
 * 0.97 heights on a phone photo (the detected boxes' margins touch; “政府采购换” over “行率”), and a box lower
 * by a full height is then the next row's (管理制度…), so only boxes overlapping by more than a quarter are
 * no next line.
 */
const MIN_WRAP_DROP = 0.75;

/** How far (line heights) the start of a wrapped line may lie from the start of the line it continues. */
const CONTINUATION_INDENT = 2.5;

/** A run's characters as text: white space as one space, none at the ends, none between a number and its unit. */
const runText = (chars: readonly string[]) => closeUnitSpaces(chars.join('').replace(/\s+/gu, ' ').trim());

/**
 * One font size per size class: OCR box heights vary by a pixel or two from line to line, while
 * paragraph building compares font sizes closely. Heights within 12% of a class's first member are
 * one class and take its median. A phone photo's box heights vary more (blur, the warp's
 * resampling: one body size read from 8.9 to 11.4 pt), and a class begun at its smallest member
 * then cuts the body text in two: there the classes are built around the heights most lines share
 * (PHOTO_SIZE_SPREAD either way of the commonest height, then of the next among the rest).
 */
function sizeRuns(runs: TextRun[], photo: boolean): TextRun[] {
  const sorted = [...runs].sort((a, b) => a.size - b.size);
  const classes = photo ? sizeClassesAroundPeaks(sorted) : sizeClassesFromBelow(sorted);
  for (const cls of classes) {
    const median = cls[cls.length >> 1].size;
    for (const r of cls) {
      const cy = (r.top + r.bottom) / 2;
      r.size = Math.round(median * 10) / 10;
      r.top = cy - r.size * 0.5;
      r.bottom = cy + r.size * 0.5;
      r.baseline = cy + r.size * 0.36;
    }
  }
  return runs.filter((r) => r.str);
}

function sizeClassesFromBelow(sorted: readonly TextRun[]): TextRun[][] {
  const classes: TextRun[][] = [];
  for (const r of sorted) {
    const last = classes.at(-1);
    if (last && r.size <= last[0].size * 1.12) last.push(r);
    else classes.push([r]);
  }
  return classes;
}

/** A phone photo's box heights of one font size spread this share either way of their commonest height. */
const PHOTO_SIZE_SPREAD = 0.15;

function sizeClassesAroundPeaks(sorted: readonly TextRun[]): TextRun[][] {
  const classes: TextRun[][] = [];
  let rest = [...sorted];
  const within = (peak: number, size: number) => size >= peak / (1 + PHOTO_SIZE_SPREAD) && size <= peak * (1 + PHOTO_SIZE_SPREAD);
  while (rest.length) {
    // The commonest height (the most others within 3% of it): the class's centre.
    let peak = rest[0].size;
    let most = -1;
    for (const r of rest) {
      const n = rest.filter((o) => Math.abs(o.size - r.size) <= r.size * 0.03).length;
      if (n > most) {
        most = n;
        peak = r.size;
      }
    }
    classes.push(rest.filter((r) => within(peak, r.size)));
    rest = rest.filter((r) => !within(peak, r.size));
  }
  return classes.map((c) => [...c].sort((a, b) => a.size - b.size));
}

function toSegment(s: PixelSegment, toPt: (px: number, offset: number) => number, posOffset: number, alongOffset: number): Segment {
  return { pos: toPt(s.pos, posOffset), from: toPt(s.from, alongOffset), to: toPt(s.to, alongOffset) };
}
