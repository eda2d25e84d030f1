import { CONFUSABLE_SETS, READ_AS_DASH } from './phonetic-series.js';
import { REPORT_WORDS } from './report-words.js';

/** Each character of a phonetic series or look-alike set → the other members of its sets (拨: 泼 援). */
const SIBLINGS = new Map<string, string[]>();
for (const set of CONFUSABLE_SETS) for (const c of set) SIBLINGS.set(c, [...(SIBLINGS.get(c) ?? []), ...[...set].filter((o) => o !== c)]);

const isHan = (c: string | undefined): c is string => !!c && /^[\u4e00-\u9fff]$/u.test(c);

/** The characters a line of wrapped text runs on from (the end of the line before) and into (the start of the line after). */
export interface LineNeighbours {
  before?: string;
  after?: string;
}

export interface ConfusableCorrection {
  text: string;
  /** The characters replaced, as the recogniser read them and as corrected ("峻→竣"). */
  corrections: string[];
}

/**
 * How many reports must print the word a correction makes: a sequence printed by one or two may be
 * a chance pair across two words (档案|管理's 案管), not a word the misread character belonged to.
 */
const MIN_REPORTS_OF_CORRECTION = 3;

/**
 * A character of OCR'd text read for another of its phonetic series (形近字, parsers/ocr/phonetic-series.ts)
 * corrected where the reading makes a non-word and the other reading a word of the report family:
 * "办理项目峻工验收率" → "办理项目竣工验收率". A character is replaced only when neither of the
 * two-character sequences it forms with its neighbours is printed by any report of the corpus
 * (report-words.ts) — 严峻 stays — and exactly one other member of its series forms a word printed by
 * MIN_REPORTS_OF_CORRECTION reports or more. OCR'd text only; the caller keeps the corrected text unsure.
 * `reports` (sequence → number of reports printing it) is the corpus's, or another vocabulary in tests.
 * `around` gives the characters the text runs on from and into when it is one line of wrapped text: the
 * last character of the line before and the first of the line after ("…监管、峻" then "工验收备案…": 峻
 * at the line's end is judged with the 工 that begins the next). They are neighbours only, never corrected.
 */
export function correctConfusables(text: string, reports: ReadonlyMap<string, number> = REPORT_WORDS, around: LineNeighbours = {}): ConfusableCorrection {
  const chars = [...text];
  const corrections: string[] = [];
  const printed = (a: string | undefined, b: string | undefined, min: number) => isHan(a) && isHan(b) && (reports.get(a + b) ?? 0) >= min;
  for (let i = 0; i < chars.length; i++) {
    // A dash at a line's end or start stays: a cell's "—" (none) above or below a cell is no wrapped word.
    if (dashForOne(chars[i], chars[i - 1], chars[i + 1], printed)) {
      corrections.push(`${chars[i]}→${READ_AS_DASH}`);
      chars[i] = READ_AS_DASH;
      continue;
    }
    const siblings = SIBLINGS.get(chars[i]);
    if (!siblings) continue;
    const prev = i === 0 ? around.before : chars[i - 1];
    const next = i === chars.length - 1 ? around.after : chars[i + 1];
    if (printed(prev, chars[i], 1) || printed(chars[i], next, 1)) continue;
    const fits = siblings.filter((s) => printed(prev, s, MIN_REPORTS_OF_CORRECTION) || printed(s, next, MIN_REPORTS_OF_CORRECTION));
    if (fits.length !== 1) continue;
    corrections.push(`${chars[i]}→${fits[0]}`);
    chars[i] = fits[0];
  }
  return { text: corrections.length ? chars.join('') : text, corrections };
}

const DASH = /^[—―─]$/u;

/**
 * A dash alone (not one of a "——" pair, not after a number: "1—12月") before an ideograph with which 一
 * makes a word printed by MIN_REPORTS_OF_CORRECTION reports — after punctuation, at the start, or after an
 * ideograph that also makes one with 一: "其中：—般公共预算" is 一般. "北京—上海" stays (上 after 京).
 */
function dashForOne(c: string, prev: string | undefined, next: string | undefined, printed: (a: string | undefined, b: string | undefined, min: number) => boolean): boolean {
  if (!DASH.test(c) || !isHan(next) || (prev !== undefined && (DASH.test(prev) || /[\dA-Za-z]/u.test(prev)))) return false;
  if (!printed(READ_AS_DASH, next, MIN_REPORTS_OF_CORRECTION)) return false;
  return !isHan(prev) || printed(prev, READ_AS_DASH, MIN_REPORTS_OF_CORRECTION);
}
