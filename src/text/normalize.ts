import { stripGlosses } from './glosses.js';
import { simplify } from './simplify.js';

/**
 * Matching normalization (docs/seams.md §3, stage 2; catalogue G4). Source text is always kept as
 * written in the model and in every Fact; this is for recognition keys, number parsing and
 * comparisons only:
 *   - full-width ASCII → half-width; ideographic and non-breaking spaces → space;
 *   - zero-width characters, soft hyphens, bidi and mirroring controls (LRM/RLM, embeddings,
 *     isolates) removed — they carry no meaning in a report and break matching;
 *   - ＝ ﹦ → =, ≧ ≦ → ≥ ≤;
 *   - traditional → simplified with OpenCC (simplify.ts);
 *   - pinyin glosses after characters removed: 評(píng)價(jià) → 评价 (glosses.ts).
 * Stage 1 (Kangxi radicals and other code points standing for an ideograph) is the parsers' job.
 */

const SYMBOLS: Record<string, string> = {
  '＝': '=',
  '﹦': '=',
  '≧': '≥',
  '≦': '≤',
};

/** Code points dropped before matching (zero-width, soft hyphen, bidi and mirroring controls). */
export function isInvisibleControl(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function isOddSpace(code: number): boolean {
  return code === 0x3000 || code === 0x00a0 || (code >= 0x2002 && code <= 0x200a) || code === 0x202f;
}

/** Width, spaces, invisible controls and symbols, one character at a time (no conversion of ideographs). */
function foldCharacters(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCodePoint(code - 0xfee0);
    } else if (isOddSpace(code)) {
      out += ' ';
    } else if (isInvisibleControl(code)) {
      // dropped
    } else {
      out += SYMBOLS[ch] ?? ch;
    }
  }
  return out;
}

export function normalizeText(input: string): string {
  return stripGlosses(simplify(foldCharacters(input)));
}

/** Normalized text without any whitespace — the key used to compare labels. */
export function compactKey(input: string): string {
  return normalizeText(input).replace(/\s+/g, '');
}
