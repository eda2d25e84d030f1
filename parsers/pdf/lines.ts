import { charEms, firstUnitEms, gapSeparator, wrapSeparator } from './cjk.js';
import { SPACE_EMS } from './text-runs.js';
import type { TextLine, TextRun } from './types.js';

/** Pieces closer than this fraction of the font size are one word (no separator at all). */
const TOUCHING_GAP = 0.15;

/**
 * Group runs into lines: runs whose vertical centres are within half a font size share a line.
 * Sort once by centre, sweep once; each line is then ordered left to right.
 */
export function groupLines(runs: readonly TextRun[]): TextLine[] {
  const sorted = [...runs].sort((a, b) => centre(a) - centre(b) || a.x0 - b.x0);
  const groups: TextRun[][] = [];
  let current: TextRun[] = [];
  let anchor = 0;
  let anchorSize = 0;
  for (const run of sorted) {
    if (current.length && centre(run) - anchor <= Math.min(anchorSize, run.size) * 0.5) {
      current.push(run);
      continue;
    }
    if (current.length) groups.push(current);
    current = [run];
    anchor = centre(run);
    anchorSize = run.size;
  }
  if (current.length) groups.push(current);
  return groups.map((g) => makeLine(g.sort((a, b) => a.x0 - b.x0)));
}

function centre(run: TextRun): number {
  return (run.top + run.bottom) / 2;
}

export function makeLine(runs: TextRun[]): TextLine {
  let text = '';
  let prev: TextRun | null = null;
  let prevStart = 0;
  let size = 0;
  for (const run of runs) {
    if (prev) {
      const gap = run.x0 - prev.x1;
      // Overlapping duplicates (fake bold: the same glyphs printed twice, slightly shifted).
      if (gap < -0.5 * run.size && run.str === prev.str) continue;
      // A glyph the run's font lacks, drawn from a fallback font into the blank the run left for it
      // ("(xi n)" with "ǎ" over the blank; a rare ideograph in a name): it takes the blank's place.
      if (gap < -0.5 * run.size && run.x1 <= prev.x1 + 0.3 * run.size) {
        const filled = fillBlank(text.slice(prevStart), prev, run);
        if (filled !== null) {
          text = text.slice(0, prevStart) + filled;
          size = Math.max(size, run.size);
          continue;
        }
      }
      // A space the producer drew as a glyph is a space between words, next to CJK too ("补助。 37个").
      if (gap > TOUCHING_GAP * Math.min(run.size, prev.size)) text += run.drawnSpace && gap <= SPACE_EMS * Math.min(run.size, prev.size) ? ' ' : gapSeparator(text, run.str);
    }
    prevStart = text.length;
    text += run.str;
    size = Math.max(size, run.size);
    prev = run;
  }
  return {
    runs,
    text,
    x0: runs[0].x0,
    x1: Math.max(...runs.map((r) => r.x1)),
    top: Math.min(...runs.map((r) => r.top)),
    bottom: Math.max(...runs.map((r) => r.bottom)),
    size,
  };
}

/** `host` (the text of run `under`) with the blank nearest to where `over` is drawn replaced by it, or null. */
function fillBlank(host: string, under: TextRun, over: TextRun): string | null {
  const chars = Array.from(host);
  if (!chars.includes(' ') || under.x1 <= under.x0) return null;
  const at = ((over.x0 + over.x1) / 2 - under.x0) / (under.x1 - under.x0) * chars.length - 0.5;
  let best = -1;
  for (let i = 0; i < chars.length; i++) if (chars[i] === ' ' && Math.abs(i - at) <= 1.5 && (best < 0 || Math.abs(i - at) < Math.abs(best - at))) best = i;
  if (best < 0) return null;
  chars[best] = over.str;
  return chars.join('');
}

/**
 * Did `line` run into the right edge, so that the next line continues the same paragraph?
 * True when the first word of `next` would not have fitted in the space left on `line`.
 */
export function lineFilled(line: TextLine, next: TextLine, rightEdge: number): boolean {
  const room = rightEdge - line.x1;
  const needed = firstUnitEms(next.text) * next.size;
  return room < needed + 0.35 * line.size;
}

/**
 * Does the line end in a decimal number and the next begin with one ("238.93" over "0.00")? A
 * number has one decimal point, so these are two values stacked in a cell, not one number wrapped
 * — even where the first line is as wide as its (rule-less) column and so looks full.
 */
function twoDecimals(left: string, right: string): boolean {
  return /\d\.\d+[%‰]?$/u.test(left.trimEnd()) && /^[-+]?\d[\d,]*\.\d/u.test(right.trimStart());
}

/**
 * Join the lines of one text frame (a table cell): wrapped lines join without a separator
 * (CJK, numbers broken in narrow cells) and lines that ended early start a new paragraph ("\n").
 */
export function joinFrameLines(lines: readonly TextLine[], rightEdge: number): string {
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === 0) {
      text = line.text;
      continue;
    }
    const prev = lines[i - 1];
    text += lineFilled(prev, line, rightEdge) && !twoDecimals(text, line.text) ? wrapSeparator(text, line.text) : '\n';
    text += line.text;
  }
  return text;
}

/**
 * Split a run at x (for a run that crosses a cell border), estimating glyph positions from
 * character classes. Returns the run unchanged when the split point falls outside it.
 */
export function splitRunAt(run: TextRun, x: number): [TextRun, TextRun] | null {
  if (x <= run.x0 + 0.5 || x >= run.x1 - 0.5) return null;
  const chars = Array.from(run.str);
  const ems = chars.map(charEms);
  const total = ems.reduce((s, e) => s + e, 0) || 1;
  const scale = (run.x1 - run.x0) / total;
  let pos = run.x0;
  for (let i = 0; i < chars.length; i++) {
    const mid = pos + (ems[i] * scale) / 2;
    if (mid >= x) {
      if (i === 0) return null;
      const left = chars.slice(0, i).join('').trimEnd();
      const right = chars.slice(i).join('').trimStart();
      if (!left || !right) return null;
      return [
        { ...run, str: left, x1: pos },
        { ...run, str: right, x0: pos },
      ];
    }
    pos += ems[i] * scale;
  }
  return null;
}
