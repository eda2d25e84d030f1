import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isConfusable } from '../../parsers/ocr/phonetic-series.js';
import { ideographSequences } from '../../parsers/ocr/word-sequences.js';
/** The corpus's report texts (test/corpus/real/<id>/source.txt) by report id. */
export function corpusReportTexts(root = 'test/corpus/real'): Map<string, string> {
  const texts = new Map<string, string>();
  for (const id of readdirSync(root).sort()) {
    const file = join(root, id, 'source.txt');
    if (existsSync(file)) texts.set(id, readFileSync(file, 'utf8'));
  }
  return texts;
}

/**
 * The two-character sequences of ideographs (双字序列) each text prints: those holding a character of a
 * phonetic series or look-alike set decide the series corrections, and every one of them tells whether
 * the recogniser's first or second choice of a character makes a word of the reports (confusables.ts).
 */
export function reportWordsOf(text: string): Set<string> {
  return ideographSequences(text, 2);
}

/**
 * The three- and four-character sequences of ideographs each text prints that hold a character of a phonetic
 * series or look-alike set (三、四字词): the longer word a member stands in where one neighbour alone makes
 * none with it (实施过程|考评: 过程 but no 程考; confusables.ts).
 */
export function reportPhrasesOf(text: string): Set<string> {
  const holdsMember = (sequence: string) => [...sequence].some(isConfusable);
  return new Set([...ideographSequences(text, 3, holdsMember), ...ideographSequences(text, 4, holdsMember)]);
}

/** Each sequence `of` gives → how many of the texts print it. */
export function reportCounts(texts: Iterable<string>, of: (text: string) => Set<string> = reportWordsOf): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of of(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
