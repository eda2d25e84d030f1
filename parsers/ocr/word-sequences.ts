/** One CJK unified ideograph (汉字) of the basic block: the characters the report vocabulary (report-words.ts) is counted in. */
export const isHan = (c: string | undefined): c is string => !!c && /^[\u4e00-\u9fff]$/u.test(c);

/**
 * The sequences of `n` ideographs a text prints (汉字序列), each once: its two-character ones are the report
 * vocabulary's words (报告词汇), its three- and four-character ones the longer words a misread character stands
 * in (confusables.ts). `keep` narrows them (those holding a character of a look-alike set).
 */
export function ideographSequences(text: string, n: number, keep: (sequence: string) => boolean = () => true): Set<string> {
  return new Set(sequenceCounts(text, n, keep).keys());
}

/** Each sequence of `n` ideographs the text prints → how many times (a page's own words: confusables.ts). */
export function sequenceCounts(text: string, n: number, keep: (sequence: string) => boolean = () => true): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const run = chars.slice(i, i + n);
    if (!run.every(isHan)) continue;
    const sequence = run.join('');
    if (keep(sequence)) out.set(sequence, (out.get(sequence) ?? 0) + 1);
  }
  return out;
}

/**
 * How many reports must print the word a correction makes: a sequence printed by one or two may be
 * a chance pair across two words (档案|管理's 案管), not a word the misread character belonged to.
 */
export const MIN_REPORTS_OF_CORRECTION = 3;
