import { CONFUSABLE_SETS, READ_AS_DASH } from './phonetic-series.js';
import { reportWords } from './report-words.js';

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
 * MIN_REPORTS_OF_CORRECTION reports or more: with one neighbour where `seconds` carries the recogniser's
 * doubt of the character (seriesCandidates), with each neighbour where no word of the recogniser is given
 * (fitsEveryNeighbour). OCR'd text only; the caller keeps the corrected text unsure.
 * `reports` (sequence → number of reports printing it) is the corpus's, or another vocabulary in tests.
 * `around` gives the characters the text runs on from and into when it is one line of wrapped text: the
 * last character of the line before and the first of the line after ("…监管、峻" then "工验收备案…": 峻
 * at the line's end is judged with the 工 that begins the next). They are neighbours only, never corrected.
 */
export function correctConfusables(text: string, reports: ReadonlyMap<string, number> = reportWords(), around: LineNeighbours = {}, seconds: readonly (SecondChoice | undefined)[] = []): ConfusableCorrection {
  const chars = [...text];
  const corrections: string[] = [];
  const printed: Printed = (a, b, min) => isHan(a) && isHan(b) && (reports.get(a + b) ?? 0) >= min;
  for (let i = 0; i < chars.length; i++) {
    const prev = i === 0 ? around.before : chars[i - 1];
    const next = i === chars.length - 1 ? around.after : chars[i + 1];
    const second = secondChoiceFits(chars[i], seconds[i], prev, next, printed);
    if (second) {
      corrections.push(`${chars[i]}→${second}`);
      chars[i] = second;
      continue;
    }
    // A dash at a line's end or start stays: a cell's "—" (none) above or below a cell is no wrapped word.
    if (dashForOne(chars[i], chars[i - 1], chars[i + 1], printed)) {
      corrections.push(`${chars[i]}→${READ_AS_DASH}`);
      chars[i] = READ_AS_DASH;
      continue;
    }
    const siblings = seriesCandidates(chars[i], seconds[i], seconds.length > 0);
    if (!siblings.length) continue;
    if (printed(prev, chars[i], 1) || printed(chars[i], next, 1)) continue;
    // With the recogniser's doubt one neighbour decides (…目峻|工 → 竣工); without any word of the recogniser, every
    // neighbour must (总分|馆|模式 stays: 分管 is a word, 管模 none).
    const fits = siblings.filter((s) => (seconds.length ? printed(prev, s, MIN_REPORTS_OF_CORRECTION) || printed(s, next, MIN_REPORTS_OF_CORRECTION) : fitsEveryNeighbour(prev, s, next, printed)));
    if (fits.length !== 1) continue;
    corrections.push(`${chars[i]}→${fits[0]}`);
    chars[i] = fits[0];
  }
  return { text: corrections.length ? chars.join('') : text, corrections };
}

/**
 * The members of a character's series (形近字) that may replace it. Where the recogniser's word is known, only those
 * it doubted the character for: every member when its first choice was unsure (below SECOND_CHOICE_BELOW), else the
 * members among its runners-up — the seed's 竣 read as 峻 at 0.95 offers 竣 (mutool convert, page 8); 分馆 (华容's
 * 总分馆, a word of one report) read sure with no 管 beside it is no misread 分管. All of them where the recogniser's
 * word is not known (`known` false: text not read by our OCR, or its characters not placed on the text).
 */
function seriesCandidates(c: string, read: SecondChoice | undefined, known: boolean): string[] {
  const siblings = SIBLINGS.get(c) ?? [];
  if (!known || !siblings.length) return siblings;
  if (!read) return [];
  return read.first < SECOND_CHOICE_BELOW ? siblings : siblings.filter((s) => read.chs.includes(s));
}

/**
 * Without the recogniser's word a correction needs the word on both sides: each ideograph beside the character makes
 * a word with the member printed by MIN_REPORTS_OF_CORRECTION reports (资金|泼|付 → 金拨, 拨付). One side is not
 * enough there: 分管 (8 reports) beside 馆 in 华容's 总分馆, 级为 (等级为, 9) beside 极 in 极为不利 — each a
 * sure reading of a word few reports print (test/ocr/confusables.test.ts 'on reports it has not seen').
 */
function fitsEveryNeighbour(prev: string | undefined, s: string, next: string | undefined, printed: Printed): boolean {
  const sides = [isHan(prev) ? printed(prev, s, MIN_REPORTS_OF_CORRECTION) : null, isHan(next) ? printed(s, next, MIN_REPORTS_OF_CORRECTION) : null].filter((x) => x !== null);
  return sides.length > 0 && sides.every(Boolean);
}

/** Is the sequence of two ideographs a and b printed by `min` reports or more? */
type Printed = (a: string | undefined, b: string | undefined, min: number) => boolean;

const DASH = /^[—―─]$/u;

/**
 * A dash alone (not one of a "——" pair, not after a number: "1—12月") before an ideograph with which 一
 * makes a word printed by MIN_REPORTS_OF_CORRECTION reports — after punctuation, at the start, or after an
 * ideograph that also makes one with 一: "其中：—般公共预算" is 一般. "北京—上海" stays (上 after 京).
 */
function dashForOne(c: string, prev: string | undefined, next: string | undefined, printed: Printed): boolean {
  if (!DASH.test(c) || !isHan(next) || (prev !== undefined && (DASH.test(prev) || /[\dA-Za-z]/u.test(prev)))) return false;
  if (!printed(READ_AS_DASH, next, MIN_REPORTS_OF_CORRECTION)) return false;
  return !isHan(prev) || printed(prev, READ_AS_DASH, MIN_REPORTS_OF_CORRECTION);
}

/** The recogniser's runners-up for a character (recognize.ts `seconds`, possibly none) and how sure its first choice was. */
export interface SecondChoice {
  /** The runners-up, strongest first. */
  chs: string[];
  /** The first choice's probability. */
  first: number;
}

/**
 * A first choice surer than this is kept whatever its neighbours: the runner-up only decides a reading
 * the recogniser doubted (家硅医生's 硅 at 0.92, 峻 for 竣 at 0.93–0.95 — a wrong character is read that sure).
 */
const SECOND_CHOICE_BELOW = 0.95;

/**
 * The recogniser's second choice of an ideograph read unsurely (次选字: one of its runners-up at the
 * character's surest time step), where the first choice makes no word of the reports with either
 * neighbour and exactly one runner-up makes one printed by MIN_REPORTS_OF_CORRECTION reports: a blurred radical read for another (“造龄儿童疮苗接种率” → 适龄、疫苗; “政府采购换行率” → 执行;
 * “家硅医生” → 家庭), the word deciding between the two readings the recogniser itself offered — no list
 * of look-alikes. A name or a word the reports never print (曾雪莲) has no second choice printed beside
 * its neighbours and stays.
 */
function secondChoiceFits(c: string, second: SecondChoice | undefined, prev: string | undefined, next: string | undefined, printed: Printed): string | null {
  if (!second || second.first >= SECOND_CHOICE_BELOW || !isHan(c)) return null;
  if (printed(prev, c, 1) || printed(c, next, 1)) return null;
  const fits = second.chs.filter((s) => isHan(s) && (printed(prev, s, MIN_REPORTS_OF_CORRECTION) || printed(s, next, MIN_REPORTS_OF_CORRECTION)));
  return fits.length === 1 ? fits[0] : null;
}

/**
 * The second choices of `chars` (a run's recognised characters) placed on the characters of `text`
 * (the run's text once spaces are closed and look-alike letters folded): ideographs are never changed
 * by either, so the k-th ideograph of the text is the k-th recognised one. Every ideograph gets its first
 * choice's probability, with its runners-up or none (a sure reading the series correction keeps). None
 * when the counts differ.
 */
export function secondChoicesOf(text: string, chars: readonly { ch: string; confidence: number; seconds?: { ch: string; p: number }[] }[]): (SecondChoice | undefined)[] {
  const han = chars.filter((c) => isHan(c.ch));
  const out: (SecondChoice | undefined)[] = [];
  let k = 0;
  for (const ch of text) {
    if (!isHan(ch)) {
      out.push(undefined);
      continue;
    }
    const c = han[k++];
    if (!c || c.ch !== ch) return [];
    out.push({ chs: (c.seconds ?? []).map((x) => x.ch), first: c.confidence });
  }
  return k === han.length ? out : [];
}
