/**
 * Pinyin glosses written after characters (注音), as some mirrored or annotated copies of reports
 * print them: "評(píng)價(jià)" → "評價". A gloss is a bracketed run of Latin letters right after an
 * ideograph that carries a tone mark or a tone digit ("píng", "ping2"); once a text has two such
 * glosses, toneless ones ("的(de)") in it are glosses too. Lettered column markers ("(A)", "(B/A)")
 * are upper case and never glosses.
 */

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const SYLLABLE = `[a-zü${TONED}ê]{1,6}`;
/**
 * Ideograph, then "(", a syllable (optionally a tone digit), ")" in either width. A PDF text layer
 * may put a toned vowel drawn as its own glyph after the bracket ("产(chn)ǎ出" for 产(chǎn)出): it
 * belongs to the gloss; a justified line may space the bracket off its ideograph ("農 (nóng) 業").
 */
const GLOSS = new RegExp(`(?<=[\\u3400-\\u9fff\\uf900-\\ufaff])[ \\u00a0\\u3000]?[（(]\\s*(${SYLLABLE}[1-5]?)\\s*[）)]([${TONED}](?![a-zü]))?`, 'g');
const HAS_TONE = new RegExp(`[${TONED}]|[a-zü][1-5]$`);

/** A letter a gloss is written with, in either width (full-width ones fold to these before matching). */
const GLOSS_LETTER = new RegExp(`[a-zü${TONED}êａ-ｚ]`);

/** Cheap test on text not yet normalized: without any letter of a syllable it holds no gloss. */
export function mayHoldGlosses(text: string): boolean {
  return GLOSS_LETTER.test(text);
}

/** Whether a bracketed syllable is a toned gloss. */
function toned(syllable: string): boolean {
  return HAS_TONE.test(syllable);
}

/** Quick test: does the text hold a toned gloss at all? */
export function hasGlosses(text: string): boolean {
  if (text.indexOf('(') < 0 && text.indexOf('（') < 0) return false;
  GLOSS.lastIndex = 0;
  for (let m = GLOSS.exec(text); m; m = GLOSS.exec(text)) if (toned(m[1] + (m[2] ?? ''))) return true;
  return false;
}

/**
 * Spans [start, end) of the glosses in `text` (source offsets). Toneless syllables count only when
 * the same text has at least two toned glosses.
 */
export function glossSpans(text: string): Array<[number, number]> {
  if (!hasGlosses(text)) return [];
  const found: Array<{ span: [number, number]; toned: boolean }> = [];
  GLOSS.lastIndex = 0;
  for (let m = GLOSS.exec(text); m; m = GLOSS.exec(text)) found.push({ span: [m.index, m.index + m[0].length], toned: toned(m[1] + (m[2] ?? '')) });
  const tonedCount = found.filter((f) => f.toned).length;
  return found.filter((f) => f.toned || tonedCount >= 2).map((f) => f.span);
}

/** The text without its pinyin glosses. */
export function stripGlosses(text: string): string {
  const spans = glossSpans(text);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s);
    at = e;
  }
  return out + text.slice(at);
}

/** Text without its glosses, and where each of its characters stands in the source. */
export interface Unglossed {
  text: string;
  /** Source offset of a start position in `text`. */
  start(pos: number): number;
  /** Source offset of an (exclusive) end position in `text`. */
  end(pos: number): number;
}

/** The text without glosses, with offsets back into the source (identity when there are none). */
export function unglossed(source: string): Unglossed {
  const spans = glossSpans(source);
  if (!spans.length) return { text: source, start: (p) => p, end: (p) => p };
  const map: number[] = [];
  let text = '';
  let at = 0;
  for (const [s, e] of [...spans, [source.length, source.length] as [number, number]]) {
    for (let i = at; i < s; i++) map.push(i);
    text += source.slice(at, s);
    at = e;
  }
  return {
    text,
    start: (p) => (p < map.length ? map[p] : source.length),
    end: (p) => (p <= 0 ? 0 : p > map.length ? source.length : map[p - 1] + 1),
  };
}
