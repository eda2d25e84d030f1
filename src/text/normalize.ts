import { hasGlosses, mayHoldGlosses, stripGlosses } from './glosses.js';
import { needsConversion, simplify } from './simplify.js';
import { boundedMemo } from '../memo.js';

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

/** A code point foldCharacters changes (full-width ASCII, odd spaces, invisible controls, symbols). */
function foldsCode(code: number): boolean {
  if (code < 0xa0) return false;
  return (code >= 0xff01 && code <= 0xff5e) || isOddSpace(code) || isInvisibleControl(code) || code === 0xfe66 || code === 0x2267 || code === 0x2266;
}

/**
 * foldsCode of each UTF-16 unit, as a table filled as units are met (0 not yet asked, 1 no, 2 yes): one read per
 * character of a long paragraph. Filled up front it cost 65,536 calls, 5–9 ms CPU at every pipeline thread's start.
 */
const FOLDS = new Uint8Array(0x10000);

function needsFold(code: number): boolean {
  let known = FOLDS[code];
  if (known === 0) FOLDS[code] = known = foldsCode(code) ? 2 : 1;
  return known === 2;
}

/** Index of the first character foldCharacters changes, -1 when there is none. */
function firstToFold(input: string): number {
  for (let i = 0; i < input.length; i++) if (needsFold(input.charCodeAt(i))) return i;
  return -1;
}

/**
 * Width, spaces, invisible controls and symbols, one UTF-16 unit at a time (every character it
 * changes is in the BMP; no conversion of ideographs). The unchanged stretches between two changed
 * characters are copied as slices, not character by character.
 */
function foldCharacters(input: string): string {
  // Most cell and paragraph texts need nothing: answer them without building a new string.
  const first = firstToFold(input);
  if (first < 0) return input;
  let out = '';
  let from = 0;
  for (let i = first; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (!needsFold(code)) continue;
    out += input.slice(from, i) + folded(code);
    from = i + 1;
  }
  return out + input.slice(from);
}

/** What foldCharacters writes for a character that needsFold. */
function folded(code: number): string {
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (isOddSpace(code)) return ' ';
  if (isInvisibleControl(code)) return '';
  return SYMBOLS[String.fromCharCode(code)] ?? String.fromCharCode(code);
}

/**
 * Paragraphs longer than the memos' 256 characters are remembered too, up to this many characters of
 * them (≈ 2 MB of keys, as many again of results): recognition, narrative and rules each normalize a
 * report's long paragraphs again (seed.docx: 11 paragraphs of 84 K characters normalized 112 times).
 */
const LONG_TEXT_CHARS = 1_000_000;

/**
 * Recognition, narrative and rules normalize the same cell and label texts many times over; the
 * result depends on the text alone, so short texts are remembered (bounded: the map is emptied when
 * full, which costs one recomputation per text and keeps a worker's memory flat over a night's batch).
 */
export const normalizeText: (input: string) => string = boundedMemo((input) => stripGlosses(simplify(foldCharacters(input))), {
  maxEntries: 50_000,
  maxKeyLength: 256,
  maxLongChars: LONG_TEXT_CHARS,
});

/**
 * Normalized text without any whitespace — the key used to compare labels. Remembered like
 * normalizeText: recognition asks for the key of the same cell and header texts again and again
 * (a table row's keys, the indicator and header tests), and each ask was a memo look-up plus a
 * whitespace scan of the normalized text.
 */
export const compactKey: (input: string) => string = boundedMemo(
  (input) => {
    const n = normalizeText(input);
    return /\s/.test(n) ? n.replace(/\s+/g, '') : n;
  },
  { maxEntries: 50_000, maxKeyLength: 256, maxLongChars: LONG_TEXT_CHARS },
);

/**
 * The beginning of compactKey(input), at least `length` characters of it (all of it when shorter),
 * normalizing no more of a long paragraph than that needs. Width, spaces and controls fold one
 * character at a time, so the key of a text's head is the head of its key; pinyin glosses and
 * traditional characters depend on the whole text (a toneless gloss counts once two toned ones are
 * found; OpenCC's phrases), so a text holding either is keyed whole.
 */
export function compactKeyHead(input: string, length: number): string {
  let cut = 2 * length + 16;
  if (input.length <= cut || keyedWhole(input)) return compactKey(input);
  for (; cut < input.length; cut *= 2) {
    if (isHighSurrogate(input.charCodeAt(cut - 1))) cut++; // never split a character in two
    const head = foldCharacters(input.slice(0, cut));
    const key = /\s/.test(head) ? head.replace(/\s+/g, '') : head;
    if (key.length >= length) return key;
  }
  return compactKey(input);
}

/**
 * Whether normalizing the text depends on more than each character on its own: traditional
 * characters (OpenCC's phrases), or pinyin glosses (looked for as normalizeText does, after folding).
 */
function keyedWhole(input: string): boolean {
  return needsConversion(input) || (mayHoldGlosses(input) && hasGlosses(foldCharacters(input)));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
