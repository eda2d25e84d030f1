import type { NarrativeStat } from '../../../schemas/narrative.js';

/** Key of the sentence a statistic is stated in (part, paragraph, sentence text). */
export const sentenceKey = (s: NarrativeStat): string => `${s.loc.part}|${s.loc.paragraph}|${s.sentence}`;

const grouped = new WeakMap<readonly NarrativeStat[], Map<string, NarrativeStat[]>>();

/**
 * Statistics grouped by the sentence they are stated in, each group in reading order. Made once per
 * statistics list (a report's statistics do not change while the rules run; shared: do not change
 * it): narrative-rate and rate-above-whole both ask, and each key joins a whole sentence's text.
 */
export function statsBySentence(stats: readonly NarrativeStat[]): Map<string, NarrativeStat[]> {
  const known = grouped.get(stats);
  if (known) return known;
  const bySentence = new Map<string, NarrativeStat[]>();
  for (const s of stats) {
    const key = sentenceKey(s);
    const list = bySentence.get(key);
    if (list) list.push(s);
    else bySentence.set(key, [s]);
  }
  grouped.set(stats, bySentence);
  return bySentence;
}

/** Where a statistic starts in its paragraph or cell: the offset its id ends with ("p7:25" → 25); null when it has none. */
export function statStart(s: NarrativeStat): number | null {
  const m = /:(\d+)$/.exec(s.id);
  return m ? Number(m[1]) : null;
}

const byParagraph = new WeakMap<readonly NarrativeStat[], Map<number, NarrativeStat[]>>();

/** Statistics stated in paragraphs (not table cells), grouped by paragraph ordinal in reading order; made once per list, shared. */
export function statsByParagraph(stats: readonly NarrativeStat[]): Map<number, NarrativeStat[]> {
  const known = byParagraph.get(stats);
  if (known) return known;
  const out = new Map<number, NarrativeStat[]>();
  for (const s of stats) {
    if (s.loc.paragraph == null) continue;
    const list = out.get(s.loc.paragraph);
    if (list) list.push(s);
    else out.set(s.loc.paragraph, [s]);
  }
  byParagraph.set(stats, out);
  return out;
}
