import { tidySpaces } from './cjk.js';
import { drawnGlyphs, findFrom, type Drawn } from './glyph-fonts.js';
import type { Untidy } from './text-runs.js';
import type { TextRun } from './types.js';

/**
 * Spaces the producer drew (画出的空格) told from the ones pdf.js made up. A text item's " " between
 * two Chinese characters is either a space character of the font, drawn in the content stream (the
 * .docx had it: "指标2:村卫生室实施国家基本药物制度 实施基本药物制度补助村卫生室352个。", a line whose
 * cells are separated by spaces), or a gap pdf.js read as a space (justification, CJK–Latin
 * autospacing: "扬 尘", "101 个"). Both come out of getTextContent as the same " ", and their widths
 * overlap (a CJK font's space is 0.22–0.5 em, pdf.js calls a gap of 0.1–0.6 em a space), so the
 * geometry cannot part them; the operator list can: its showText glyphs hold the space characters
 * drawn. The first kind is kept (one space, as the .docx's text has it), the second taken out.
 *
 * The items' glyphs are looked for in the drawn sequence (white space aside) from where the item
 * before was found, like glyph-fonts.ts; an item not found there (GBK text decoded, a form value)
 * is tidied as before.
 *
 * The text pass takes every such space out (toTextRuns) and keeps the run's text before; the page's
 * reading, which fetches the operator list anyway, puts the drawn ones back (withDrawnSpaces): no
 * operator list is read, and held until its page is read, for the text pass alone.
 */
export class DrawnSpaces {
  private readonly drawn: Drawn;
  private from = 0;

  constructor(fnArray: readonly number[], argsArray: readonly unknown[]) {
    this.drawn = drawnGlyphs(fnArray, argsArray);
  }

  /**
   * `text` (one item's string, holding white space tidySpaces takes out: called for those items
   * only, in the page's order) with the white space between CJK characters kept only where a space glyph was drawn.
   */
  tidy(text: string): string {
    // Offsets (UTF-16) where white space starts in `text`, and the index of the glyph after it.
    const want: string[] = [];
    const gaps = new Map<number, number>();
    let offset = 0;
    let inGap = -1;
    for (const ch of text) {
      if (/\s/u.test(ch)) {
        if (inGap < 0) inGap = offset;
      } else {
        if (inGap >= 0) gaps.set(inGap, want.length);
        inGap = -1;
        want.push(ch);
      }
      offset += ch.length;
    }
    const { drawn } = this;
    const at = this.locate(want);
    if (at < 0) return tidySpaces(text);
    return tidySpaces(text, (o) => {
      const k = gaps.get(o);
      return k !== undefined && drawn.spaced[at + k] === true;
    });
  }

  /**
   * Whether a space glyph was drawn right before `text` (a run that followed a whitespace item of
   * its own, `spaced`): the producer's space between words, which pdf.js put in an item apart when
   * the font changed after it ("补助。 37个", the 。 and the space in the CJK font, 37 in the Latin one).
   */
  spaceBefore(text: string): boolean {
    const want = [...text].filter((ch) => !/\s/u.test(ch));
    if (!want.length) return false;
    const at = this.locate(want);
    return at >= 0 && this.drawn.spaced[at] === true;
  }

  /**
   * A run read past (neither spaced nor tidied): found where it is drawn, so the next run is looked for after it.
   * Otherwise a run that repeats the start of the one before ("总体目标完成情况 总体目标", "数量指标 指标1") is found
   * inside that one, where no space was drawn (cairo draws each space in a font of its own, an item apart).
   */
  pass(text: string): void {
    const want = [...text].filter((ch) => !/\s/u.test(ch));
    if (want.length) this.locate(want);
  }

  /** Where `want` (glyphs, no white space) is drawn: from where the item before was found, else before it; -1 if not. */
  private locate(want: readonly string[]): number {
    const { drawn } = this;
    const at = findFrom(drawn, want, this.from, drawn.chars.length);
    if (at >= 0) {
      this.from = at + want.length;
      return at;
    }
    return findFrom(drawn, want, 0, Math.min(this.from + want.length, drawn.chars.length));
  }
}

/**
 * `runs` with the spaces the producer drew put back into those toTextRuns tidied (`untidy`), read from
 * the page's operator list; a run whose text changed since (GBK decoded, a lost glyph marked) stays as it is.
 * A run set after a whitespace item of its own (`spaced`) is marked `drawnSpace` when that space was a
 * glyph the producer drew (not a gap pdf.js read as one), for the line's text to keep it (lines.ts).
 */
export function withDrawnSpaces(runs: TextRun[], untidy: Untidy, ops: { fnArray: readonly number[]; argsArray: readonly unknown[] }): TextRun[] {
  if (!untidy.size && !runs.some((run) => run.spaced)) return runs;
  const spaces = new DrawnSpaces(ops.fnArray, ops.argsArray);
  return runs.map((run) => {
    const before = untidy.get(run);
    if (before === undefined || before.tidied !== run.str) {
      if (run.spaced) return spaces.spaceBefore(run.str) ? { ...run, drawnSpace: true as const } : run;
      spaces.pass(run.str);
      return run;
    }
    const str = spaces.tidy(before.text);
    return str === run.str ? run : { ...run, str };
  });
}
