import type { TextBox } from './detect.js';
import type { OcrEngine } from './engine.js';
import { crop, enlargeCubic, resize, type GrayImage } from './image.js';
import { typicalLineHeight } from './missed-text.js';

/** One recognised character, placed along its line (image pixels). */
export interface RecognizedChar {
  ch: string;
  x0: number;
  x1: number;
  /** Probability of this character at its strongest time step (0–1). */
  confidence: number;
  /**
   * The highest probability the recogniser gave a decimal point at the time steps between the
   * previous character and this one (a point it saw but did not pick: decimal-point.ts).
   */
  pointBefore?: number;
  /**
   * What the recogniser read here when a reading from the ink changed it (a comparator named from
   * its drawn shape: leading-sign.ts, lone-glyph.ts); '' for a character put in (a decimal point,
   * decimal-point.ts; a sign the recogniser dropped). Absent where the character is the recogniser's.
   */
  read?: string;
  /**
   * The recogniser's runners-up at this character's surest time step (次选字): the strongest classes
   * other than the character and the blank, with their probabilities. A word of the reports tells which was printed
   * where the first choice makes none (confusables.ts).
   */
  seconds?: { ch: string; p: number }[];
}

export interface RecognizedLine {
  box: TextBox;
  text: string;
  chars: RecognizedChar[];
  /** Lowest character confidence (0–1); 0 for an empty line. */
  confidence: number;
}

/** The recogniser reads lines scaled to this height. */
const LINE_HEIGHT = 48;
/** Narrowest input (a single digit). */
const MIN_WIDTH = 32;
/**
 * The width PP-OCRv4's recogniser was trained at (PaddleOCR's rec_image_shape 3×48×320, shorter lines
 * padded to it). Every line is not padded so (it costs time); an unsure short one is read again so.
 */
const TRAINED_WIDTH = 320;
/** Longest line input (a full-width paragraph line at 200 dpi is ~1600 px after scaling). */
const MAX_WIDTH = 3200;
/**
 * Pages whose typical text line (detected box height, px) is below this are small print for the
 * recogniser: ~27 px at 150 dpi, ~19 px at 100 dpi, ~37 px at 200 dpi (body text, measured).
 * Chosen from the measured lines, not from the file's dpi.
 */
export const SMALL_LINE_PX = 32;
/** On such pages a line read less surely than this is read a second time (see recognizeBoxes). */
const RECHECK_BELOW = 0.95;
/** Lines padded to one input width, sorted by length… */
const BATCH = 8;
/** …and only lines at most this much wider than the batch's narrowest. */
const BATCH_WIDTH_SPREAD = 1.15;

/**
 * Read the text of each box with the PP-OCRv4 recogniser: crop, scale to 48 px high, normalise
 * to [-1, 1], pad in groups of similar widths, run a few at a time, decode CTC greedily. Each character keeps the
 * time steps it was read at, so its horizontal position on the page is known (used to split a
 * line where a table ruling crosses it).
 */
export async function recognizeBoxes(engine: OcrEngine, img: GrayImage, boxes: readonly TextBox[]): Promise<RecognizedLine[]> {
  const out = await readBoxes(engine, img, boxes, false, MIN_WIDTH);
  // A short line (a cell's "27个", a lone "0") is read at its own width, and the recogniser — trained on
  // lines padded to TRAINED_WIDTH — is then unsure of it, and unsteadily so: the same "27个" read 0.517
  // from a 71×41 px box and 0.996 from a 69×37 one. An unsure short line is read again padded to the
  // trained width; where both readings give the same text, each character keeps the surer of its two
  // confidences. The text itself is never changed by the second reading.
  const short = out.flatMap((line, k) => (line.chars.length && line.confidence < RECHECK_BELOW && scaledWidth(boxes[k]) < TRAINED_WIDTH ? [k] : []));
  if (short.length) keepSurer(out, short, await readBoxes(engine, img, short.map((k) => boxes[k]), false, TRAINED_WIDTH));
  // Small print (a 150 dpi scan, a phone photo): the twofold blow-up blurs commas, decimal points
  // and the inside of 0/8, and a line read right comes back unsure. An unsure line is read again
  // from a cubic enlargement, kept the same way.
  const typical = typicalLineHeight(boxes);
  if (typical === null || typical >= SMALL_LINE_PX) return out;
  const unsure = out.flatMap((line, k) => (line.chars.length && line.confidence < RECHECK_BELOW ? [k] : []));
  if (!unsure.length) return out;
  keepSurer(out, unsure, await readBoxes(engine, img, unsure.map((k) => boxes[k]), true, MIN_WIDTH));
  return out;
}

/** A second reading of lines `which` of `out`: where it gives the same text, each character keeps the surer confidence. */
function keepSurer(out: RecognizedLine[], which: readonly number[], again: readonly RecognizedLine[]): void {
  which.forEach((k, j) => {
    const first = out[k];
    const second = again[j];
    if (second.text !== first.text || second.chars.length !== first.chars.length) return;
    const chars = first.chars.map((c, i) => ({ ...c, confidence: Math.max(c.confidence, second.chars[i].confidence) }));
    out[k] = { ...first, chars, confidence: Math.min(...chars.map((c) => c.confidence)) };
  });
}

/** A box's width once scaled to the recogniser's line height. */
function scaledWidth(box: TextBox): number {
  return Math.min(MAX_WIDTH, Math.max(8, Math.ceil((LINE_HEIGHT * Math.max(1, box.x1 - box.x0)) / Math.max(1, box.y1 - box.y0))));
}

async function readBoxes(engine: OcrEngine, img: GrayImage, boxes: readonly TextBox[], cubic: boolean, minWidth: number): Promise<RecognizedLine[]> {
  const items = boxes.map((box, index) => ({ box, index, width: scaledWidth(box) }));
  const order = [...items].sort((a, b) => a.width - b.width);
  const out: RecognizedLine[] = new Array(boxes.length);
  for (let start = 0; start < order.length; ) {
    // Lines of nearly the same width share an input width (padding costs as much as text).
    let end = start + 1;
    while (end < order.length && end - start < BATCH && order[end].width <= order[start].width * BATCH_WIDTH_SPREAD) end++;
    const batch = order.slice(start, end);
    start = end;
    const inputWidth = Math.max(minWidth, Math.ceil(Math.max(...batch.map((b) => b.width)) / 8) * 8);
    // The batch fixes the input width (the padding changes what is read, so it stays); the lines are
    // run a few at a time at that width — each line's output does not depend on the others in the call.
    const perCall = Math.max(1, Math.floor(CALL_COLUMNS / inputWidth));
    for (let k = 0; k < batch.length; k += perCall) await readBatch(engine, img, batch.slice(k, k + perCall), inputWidth, out, cubic);
  }
  return out;
}

/**
 * Input columns per model call. onnxruntime's CPU cost per line grows with the batch once the
 * batch is wide (a 184 px line: 8–9 ms alone, 14–17 ms in a call of 8; a 48 px one costs the same
 * alone or four together), so a call holds about this many columns, at least one line.
 */
const CALL_COLUMNS = 192;

async function readBatch(engine: OcrEngine, img: GrayImage, batch: readonly { box: TextBox; index: number; width: number }[], inputWidth: number, out: RecognizedLine[], cubic: boolean): Promise<void> {
  const plane = LINE_HEIGHT * inputWidth;
  const input = new Float32Array(batch.length * 3 * plane); // zeros = padding, as PaddleOCR pads
  batch.forEach((item, k) => {
    const source = crop(img, item.box.x0, item.box.y0, item.box.x1, item.box.y1);
    const line = cubic && source.height < LINE_HEIGHT && source.width <= item.width ? enlargeCubic(source, item.width, LINE_HEIGHT) : resize(source, item.width, LINE_HEIGHT);
    const base = k * 3 * plane;
    for (let y = 0; y < LINE_HEIGHT; y++) {
      for (let x = 0; x < item.width; x++) {
        const v = line.data[y * item.width + x] / 127.5 - 1;
        const i = y * inputWidth + x;
        input[base + i] = v;
        input[base + plane + i] = v;
        input[base + 2 * plane + i] = v;
      }
    }
  });
  const feeds = { [engine.recognizer.inputNames[0]]: new engine.Tensor('float32', input, [batch.length, 3, LINE_HEIGHT, inputWidth]) };
  const result = (await engine.recognizer.run(feeds))[engine.recognizer.outputNames[0]];
  const [, steps, classes] = result.dims as number[];
  const probs = result.data as Float32Array;
  batch.forEach((item, k) => {
    const stepWidth = inputWidth / steps;
    // Resized line x → source image x.
    const toImage = (x: number) => item.box.x0 + (Math.min(x, item.width) * (item.box.x1 - item.box.x0)) / item.width;
    out[item.index] = decode(probs, k * steps * classes, steps, classes, engine.charset, item.box, stepWidth, toImage, item.width);
  });
}

/** Runners-up kept per time step. */
const TOP = 4;
const top = new Int32Array(TOP);
const topP = new Float32Array(TOP);
/** The step's strongest non-blank classes other than `best` (a non-blank first choice) that carry some probability. */
function othersAt(best: number, charset: string[]): { ch: string; p: number }[] {
  const out: { ch: string; p: number }[] = [];
  for (let k = 0; k < TOP; k++) if (top[k] && top[k] !== best && topP[k] >= SECOND_CHOICE_MIN) out.push({ ch: charset[top[k]] ?? '', p: topP[k] });
  return out;
}
/** A runner-up below this probability is no reading the recogniser offered. */
const SECOND_CHOICE_MIN = 0.01;

/** Greedy CTC decoding: best class per time step, repeats collapsed, blanks dropped. */
function decode(
  probs: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  charset: string[],
  box: TextBox,
  stepWidth: number,
  toImage: (x: number) => number,
  usedWidth: number,
): RecognizedLine {
  let chars: RecognizedChar[] = [];
  let prev = 0;
  const point = charset.indexOf('.');
  let pointSeen = 0;
  // Each character's first time step, and the strongest character under the blanks before it.
  const stepOf: number[] = [];
  const hidden: Array<HiddenChar | null> = [];
  let under: HiddenChar | null = null;
  for (let t = 0; t < steps; t++) {
    // Time steps over the padding carry no text.
    if (t * stepWidth > usedWidth + stepWidth) break;
    const row = offset + t * classes;
    let best = 0;
    let bestP = probs[row];
    // The strongest non-blank classes (the first choice and its runners-up).
    top.fill(0);
    topP.fill(0);
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c];
      if (p > topP[TOP - 1]) {
        let k = TOP - 1;
        while (k > 0 && p > topP[k - 1]) {
          top[k] = top[k - 1];
          topP[k] = topP[k - 1];
          k--;
        }
        top[k] = c;
        topP[k] = p;
      }
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    const alt = top[0];
    const altP = topP[0];
    if (best !== 0 && best === prev && chars.length) {
      const last = chars[chars.length - 1];
      last.x1 = toImage((t + 1) * stepWidth);
      if (bestP > last.confidence) {
        last.confidence = bestP;
        last.seconds = othersAt(best, charset);
      }
    } else if (best !== 0) {
      chars.push({ ch: charset[best] ?? '', x0: toImage(t * stepWidth), x1: toImage((t + 1) * stepWidth), confidence: bestP, ...(chars.length && pointSeen ? { pointBefore: pointSeen } : {}), seconds: othersAt(best, charset) });
      stepOf.push(t);
      hidden.push(under);
      under = null;
      pointSeen = 0;
    } else {
      if (point > 0) pointSeen = Math.max(pointSeen, probs[row + point]);
      if (alt && altP > (under?.p ?? 0)) under = { ch: charset[alt] ?? '', p: altP, t };
    }
    prev = best;
  }
  chars = withDroppedIdeographs(chars, stepOf, hidden, (t) => [toImage(t * stepWidth), toImage((t + 1) * stepWidth)], { hidden: under, steps: usedWidth / stepWidth });
  const text = chars.map((c) => c.ch).join('');
  const confidence = chars.length ? Math.min(...chars.map((c) => c.confidence)) : 0;
  return { box, text, chars, confidence };
}

/** The strongest non-blank class at the blank time steps between two characters. */
export interface HiddenChar {
  ch: string;
  p: number;
  t: number;
}

/** A character under the blanks is put in when the recogniser gave it at least this probability at one step. */
const MIN_HIDDEN = 0.2;
/** …and the gap it sits in is at least this many times the line's ideograph pitch (time steps). */
const WIDE_GAP = 1.6;
const HAN = /^\p{Script=Han}$/u;

/**
 * An ideograph the recogniser saw but let the CTC blank win (PP-OCRv4 on a clean 200 dpi scan of
 * “程项目竣工验收备案”: blank 0.63, 竣 0.27, 峻 0.08 at one step; the line came out “程项目工验收备案”,
 * and the narrative count lost its 竣工验收 subject). It is put back only where the line shows a hole
 * for it: between two ideographs set a full pitch further apart than the line's own ideographs are
 * (the median step distance of neighbouring ideographs, ≥ 3 pairs), the candidate an ideograph
 * itself, half a pitch clear of both neighbours. It keeps its probability as its confidence and
 * `read: ''` (a character put in), so the reading says how unsure it is.
 *
 * The same at a line's end (`end`: the strongest class under the blanks after the last character, and
 * the time steps the line's own pixels cover): a wrapped line's last ideograph dropped (ps2pdf's seed
 * page 5, “…安全生产监管、” with 峻 0.41 under the blanks, the next line “工验收备案…”). There is no right
 * neighbour to show the hole, so the line must run on at least a full pitch past its last character, the
 * candidate half a pitch clear of it, after an ideograph or a 顿号/逗号 (a number's tail is no wrapped word).
 */
export function withDroppedIdeographs(
  chars: RecognizedChar[],
  stepOf: readonly number[],
  hidden: readonly (HiddenChar | null)[],
  place: (t: number) => [number, number],
  end: { hidden: HiddenChar | null; steps: number } = { hidden: null, steps: 0 },
): RecognizedChar[] {
  if (!hidden.some((h) => h && h.p >= MIN_HIDDEN) && !(end.hidden && end.hidden.p >= MIN_HIDDEN)) return chars;
  const pitches: number[] = [];
  for (let i = 1; i < chars.length; i++) if (HAN.test(chars[i - 1].ch) && HAN.test(chars[i].ch)) pitches.push(stepOf[i] - stepOf[i - 1]);
  if (pitches.length < 3) return chars;
  pitches.sort((a, b) => a - b);
  const pitch = pitches[Math.floor(pitches.length / 2)];
  if (pitch <= 0) return chars;
  const out: RecognizedChar[] = [];
  chars.forEach((c, i) => {
    const h = hidden[i];
    const gap = i > 0 ? stepOf[i] - stepOf[i - 1] : 0;
    if (
      i > 0 &&
      h &&
      h.p >= MIN_HIDDEN &&
      HAN.test(h.ch) &&
      HAN.test(c.ch) &&
      HAN.test(chars[i - 1].ch) &&
      gap >= WIDE_GAP * pitch &&
      h.t - stepOf[i - 1] >= pitch / 2 &&
      stepOf[i] - h.t >= pitch / 2
    ) {
      const [x0, x1] = place(h.t);
      out.push({ ch: h.ch, x0, x1, confidence: h.p, read: '' });
    }
    out.push(c);
  });
  const tail = end.hidden;
  const last = stepOf.length - 1;
  if (
    tail &&
    last >= 0 &&
    tail.p >= MIN_HIDDEN &&
    HAN.test(tail.ch) &&
    (HAN.test(chars[last].ch) || WRAP_PUNCTUATION.has(chars[last].ch)) &&
    tail.t - stepOf[last] >= pitch / 2 &&
    end.steps - stepOf[last] >= pitch
  ) {
    const [x0, x1] = place(tail.t);
    out.push({ ch: tail.ch, x0, x1, confidence: tail.p, read: '' });
  }
  return out;
}

/** Marks a wrapped line may end with before its dropped last ideograph. */
const WRAP_PUNCTUATION = new Set(['、', '，', '；', '：', '（', '“']);
