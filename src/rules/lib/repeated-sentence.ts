import type { NarrativeStat } from '../../../schemas/narrative.js';
import { isExact, normalize, restatementAgrees } from '../../narrative/compare.js';

/**
 * A sentence written twice in a report's prose, word for word but for one figure ("…上年度结余的资金6.47万元，
 * 共计84.47万元。" in 绩效目标 and "…共计92.92万元。" in 资金投入情况): it says one thing twice, so the two
 * figures are one figure, whatever its name. Sentences of fewer words than this say too little to be
 * one statement ("完成率100%。" is written for many measures).
 */
const MIN_WORDS = 20;

/** The sentence with its figure set aside, when the figure is written in it exactly once; `sentence` without whitespace. */
function frame(s: NarrativeStat, sentence: string): string | null {
  const figure = s.figure.text.trim().replace(/\s+/g, '');
  const at = figure ? sentence.indexOf(figure) : -1;
  if (at < 0 || sentence.indexOf(figure, at + 1) >= 0) return null;
  const rest = sentence.slice(0, at) + '\u0000' + sentence.slice(at + figure.length);
  return wordCount(rest) >= MIN_WORDS ? rest : null;
}

/** Characters other than digits, number punctuation and the figure's place (up to MIN_WORDS: enough to tell). */
function wordCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < MIN_WORDS; i++) if (!NOT_WORDS.has(text.charCodeAt(i))) n++;
  return n;
}
const NOT_WORDS = new Set([...'0123456789.,，、。；;：:%％\u0000'].map((c) => c.charCodeAt(0)));

/**
 * Pairs of statements of one figure made by one sentence repeated in another paragraph, their
 * values disagreeing: each pair the first statement and the first disagreeing repeat.
 */
export function repeatedSentencePairs(statistics: readonly NarrativeStat[]): Array<[NarrativeStat, NarrativeStat]> {
  // Two statements share a frame only when they share its length: sentences are framed (a copy of
  // each, its figure cut out) only where another statement of the report could match. Candidates
  // keep the statistics' order, so the groups below come in the order framing all of them gave.
  const candidates: Array<{ s: NarrativeStat; compact: string; lengthKey: string }> = [];
  const byLength = new Map<string, number>();
  // a sentence's figures share its string: set its whitespace aside once
  let last: string | null = null;
  let compact = '';
  for (const s of statistics) {
    if (s.mention === 'slogan' || !isExact(s.figure) || s.narrative == null) continue;
    if (s.sentence !== last) {
      last = s.sentence;
      compact = /\s/.test(last) ? last.replace(/\s+/g, '') : last;
    }
    const lengthKey = `${s.narrative}|${s.normalizedUnit ?? s.figure.unit ?? ''}|${compact.length - s.figure.text.trim().replace(/\s+/g, '').length}`;
    candidates.push({ s, compact, lengthKey });
    byLength.set(lengthKey, (byLength.get(lengthKey) ?? 0) + 1);
  }
  const byFrame = new Map<string, NarrativeStat[]>();
  for (const { s, compact, lengthKey } of candidates) {
    if (byLength.get(lengthKey)! < 2) continue;
    const f = frame(s, compact);
    if (f === null) continue;
    const key = `${s.narrative}|${s.normalizedUnit ?? s.figure.unit ?? ''}|${f}`;
    const group = byFrame.get(key);
    if (group) group.push(s);
    else byFrame.set(key, [s]);
  }
  const out: Array<[NarrativeStat, NarrativeStat]> = [];
  for (const group of byFrame.values()) {
    const [first, ...rest] = group;
    const other = rest.find((s) => s.loc.paragraph !== first.loc.paragraph && !restatementAgrees(normalize(first.figure), normalize(s.figure)));
    // three or more values: a list of items written alike, not one figure
    const values = new Set(group.map((s) => s.normalizedValue));
    if (other && values.size === 2) out.push([first, other]);
  }
  return out;
}
