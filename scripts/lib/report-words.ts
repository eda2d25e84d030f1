import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const chars = [...text];
  const words = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const word = chars[i] + chars[i + 1];
    if (/^[\u4e00-\u9fff]{2}$/u.test(word)) words.add(word);
  }
  return words;
}

/** Each such sequence → how many of the texts print it. */
export function reportCounts(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of reportWordsOf(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
