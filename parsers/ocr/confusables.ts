import { CONFUSABLE_SETS, READ_AS_DASH } from './phonetic-series.js';
import { reportPhrases, reportWords } from './report-words.js';
import { isHan, MIN_REPORTS_OF_CORRECTION } from './word-sequences.js';

/** Each character of a phonetic series or look-alike set → the other members of its sets (拨: 泼 援). */
const SIBLINGS = new Map<string, string[]>();
for (const set of CONFUSABLE_SETS) for (const c of set) SIBLINGS.set(c, [...(SIBLINGS.get(c) ?? []), ...[...set].filter((o) => o !== c)]);

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
 * Words beside the two-character ones that may decide a correction where no word of the recogniser is given:
 * `phrases`, the three- and four-character sequences holding a member of a set and how many reports print them
 * (report-words.ts reportPhrases); `page`, the two-character sequences the page's own reading prints and how often
 * (its lines and cells, this one among them: sequenceCounts(text, 2)).
 */
export interface WordEvidence {
  phrases?: ReadonlyMap<string, number>;
  page?: ReadonlyMap<string, number>;
}

/**
 * A character of OCR'd text read for another of its phonetic series (形近字, parsers/ocr/phonetic-series.ts)
 * corrected where the reading makes a non-word and the other reading a word of the report family:
 * "办理项目峻工验收率" → "办理项目竣工验收率". A character is replaced only when neither of the
 * two-character sequences it forms with its neighbours is printed by any report of the corpus
 * (report-words.ts) — 严峻 stays — and exactly one other member of its series forms a word printed by
 * MIN_REPORTS_OF_CORRECTION reports or more: with one neighbour where `seconds` carries the recogniser's
 * doubt of the character (seriesCandidates), with each neighbour where no word of the recogniser is given
 * (fitsEveryNeighbour), or stands in a longer word of the reports or makes the page's own word with no rival member
 * (memberByWords, `evidence`). OCR'd text only; the caller keeps the corrected text unsure.
 * `reports` (sequence → number of reports printing it) is the corpus's, or another vocabulary in tests.
 * `around` gives the characters the text runs on from and into when it is one line of wrapped text: the
 * last character of the line before and the first of the line after ("…监管、峻" then "工验收备案…": 峻
 * at the line's end is judged with the 工 that begins the next). They are neighbours only, never corrected.
 */
export function correctConfusables(
  text: string,
  reports: ReadonlyMap<string, number> = reportWords(),
  around: LineNeighbours = {},
  seconds: readonly (SecondChoice | undefined)[] = [],
  evidence: WordEvidence = {},
): ConfusableCorrection {
  const chars = [...text];
  const corrections: string[] = [];
  const printed: Printed = (a, b, min) => isHan(a) && isHan(b) && (reports.get(a + b) ?? 0) >= min;
  for (let i = 0; i < chars.length; i++) {
    const prev = i === 0 ? around.before : chars[i - 1];
    const next = i === chars.length - 1 ? around.after : chars[i + 1];
    const second = secondChoiceFits(chars[i], seconds[i], prev, next, printed, evidence.page);
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
    // neighbour must (总分|馆|模式 stays: 分管 is a word, 管模 none), or a longer word or the page's own words (memberByWords).
    const fits = seconds.length
      ? siblings.filter((s) => printed(prev, s, MIN_REPORTS_OF_CORRECTION) || printed(s, next, MIN_REPORTS_OF_CORRECTION))
      : [memberByWords(chars[i], siblings, prev, next, printed, evidence.page, (s) => inLongerWord([around.before, ...chars, around.after], i + 1, s, evidence.phrases ?? reportPhrases()))].filter((s) => s !== null);
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

/**
 * Without the recogniser's word: the member every neighbour makes a word of the reports with (fitsEveryNeighbour), else —
 * where at most one member makes any sequence printed by a report with a neighbour, and that member is the one taken —
 * the member that makes a word with every neighbour counting the page's own words (the word printed on the page more
 * often than what was read: 管理 in two other cells beside 城|馆|理; one reading against one is no majority, and either
 * may be the misread one), or that stands in a three- or four-character word printed by MIN_REPORTS_OF_CORRECTION
 * reports (实施过|逞|考评 → 过程: 施过程, where 程考 is no word). A rival making any word with a neighbour leaves the
 * character (村|汲|组织: 村级, and 积极组织's 极组). Held out, both add corrections without a wrong one (bench/series-evidence.ts).
 */
function memberByWords(read: string, siblings: readonly string[], prev: string | undefined, next: string | undefined, printed: Printed, page: ReadonlyMap<string, number> | undefined, longer: (s: string) => boolean): string | null {
  const fits = siblings.filter((s) => fitsEveryNeighbour(prev, s, next, printed));
  if (fits.length) return fits.length === 1 ? fits[0] : null;
  const wording = siblings.filter((s) => printed(prev, s, 1) || printed(s, next, 1));
  if (wording.length > 1) return null;
  const times = (word: string) => page?.get(word) ?? 0;
  // Each side's word printed by the reports, or on the page more often than the reading's own word on that side.
  const onPage = (s: string) => {
    const sides = [
      isHan(prev) ? printed(prev, s, MIN_REPORTS_OF_CORRECTION) || times(prev + s) > times(prev + read) : null,
      isHan(next) ? printed(s, next, MIN_REPORTS_OF_CORRECTION) || times(s + next) > times(read + next) : null,
    ].filter((x) => x !== null);
    return sides.length > 0 && sides.every(Boolean);
  };
  const found = (wording.length ? wording : siblings).filter((s) => (page && onPage(s)) || longer(s));
  return found.length === 1 ? found[0] : null;
}

/** Longer words considered: three and four characters (三、四字词). */
const LONGER_WORD_LENGTHS = [3, 4];

/**
 * Does member `s`, put at `at` of `context` (the run's characters between the lines it runs on from and into), stand
 * in a sequence of three or four ideographs printed by MIN_REPORTS_OF_CORRECTION reports or more?
 */
function inLongerWord(context: readonly (string | undefined)[], at: number, s: string, phrases: ReadonlyMap<string, number>): boolean {
  for (const n of LONGER_WORD_LENGTHS) {
    for (let start = Math.max(0, at - n + 1); start <= at && start + n <= context.length; start++) {
      const run = context.slice(start, start + n).map((c, k) => (start + k === at ? s : c));
      if (run.every(isHan) && (phrases.get(run.join('')) ?? 0) >= MIN_REPORTS_OF_CORRECTION) return true;
    }
  }
  return false;
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
 * neighbour and exactly one runner-up makes one printed by MIN_REPORTS_OF_CORRECTION reports — or by one at least where the
 * page's own reading prints it too (宁夏 原州 on a phone photo: 原种素育基地, 素 at 0.75 with 繁 among its runners-up, and
 * 繁育, printed by 2 reports, read in two other lines of the page; ocr32): a blurred radical read for another (“造龄儿童疮苗接种率” → 适龄、疫苗; “政府采购换行率” → 执行;
 * “家硅医生” → 家庭), the word deciding between the two readings the recogniser itself offered — no list
 * of look-alikes. A name or a word the reports never print (曾雪莲) has no second choice printed beside
 * its neighbours and stays.
 */
function secondChoiceFits(c: string, second: SecondChoice | undefined, prev: string | undefined, next: string | undefined, printed: Printed, page?: ReadonlyMap<string, number>): string | null {
  if (!second || second.first >= SECOND_CHOICE_BELOW || !isHan(c)) return null;
  if (printed(prev, c, 1) || printed(c, next, 1)) return null;
  // A word fewer reports print counts where the page prints it too (its other lines read it right: 原州's 种薯繁育 beside 原种素育).
  const word = (a: string | undefined, b: string | undefined) => printed(a, b, MIN_REPORTS_OF_CORRECTION) || (printed(a, b, 1) && (page?.get(`${a}${b}`) ?? 0) > 0);
  const fits = second.chs.filter((s) => isHan(s) && (word(prev, s) || word(s, next)));
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
