import type { NarrativeStat } from '../../../schemas/narrative.js';

/** Key of the sentence a statistic is stated in (part, paragraph, sentence text). */
export const sentenceKey = (s: NarrativeStat): string => `${s.loc.part}|${s.loc.paragraph}|${s.sentence}`;

/** Statistics grouped by the sentence they are stated in, each group in reading order. */
export function statsBySentence(stats: readonly NarrativeStat[]): Map<string, NarrativeStat[]> {
  const bySentence = new Map<string, NarrativeStat[]>();
  for (const s of stats) {
    const key = sentenceKey(s);
    const list = bySentence.get(key);
    if (list) list.push(s);
    else bySentence.set(key, [s]);
  }
  return bySentence;
}
