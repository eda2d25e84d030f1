/**
 * `node --import tsx bench/series-evidence.ts` — what the phonetic-series correction (形近字, parsers/ocr/confusables.ts)
 * does on text it has not seen, where no word of the recogniser is given (no confidences: every report is judged against
 * the other reports' words, report-words.ts minus its own sequences, and against its own text as the page).
 *
 *   unseen     corrections made on each report's own text, as printed (each one a mis-correction);
 *   simulated  every character of a series in the reports replaced by each other member of its series (a misread),
 *              the report read as one page with that one misread: at the character restored to the printed one,
 *              changed to another, or left; `elsewhere` counts characters changed anywhere else (each one wrong).
 *
 * `--words-only` judges by the two-character words alone (no longer words, no page: the rule before ocr32); `--no-page`
 * adds the longer words but not the page.
 * The recogniser's doubt (scan path) is not simulated: there a sure character is kept whatever the words say.
 */
import { parseArgs } from 'node:util';
import { correctConfusables, type WordEvidence } from '../parsers/ocr/confusables.js';
import { CONFUSABLE_SETS } from '../parsers/ocr/phonetic-series.js';
import { reportPhrases, reportWords } from '../parsers/ocr/report-words.js';
import { sequenceCounts } from '../parsers/ocr/word-sequences.js';
import { corpusReportTexts, reportPhrasesOf, reportWordsOf } from '../scripts/lib/report-words.js';

const { values } = parseArgs({ options: { 'words-only': { type: 'boolean', default: false }, 'no-page': { type: 'boolean', default: false } } });
const members = new Map<string, string[]>();
for (const set of CONFUSABLE_SETS) for (const c of set) members.set(c, [...(members.get(c) ?? []), ...[...set].filter((o) => o !== c)]);

/** The corpus's counts less one report's own (that report unseen). */
const without = (all: ReadonlyMap<string, number>, own: ReadonlySet<string>) => ({ get: (w: string) => (all.get(w) ?? 0) - (own.has(w) ? 1 : 0) }) as unknown as ReadonlyMap<string, number>;
const none = new Map<string, number>();

let unseen = 0;
const examples: string[] = [];
const simulated = { restored: 0, wrong: 0, left: 0, elsewhere: 0 };
for (const [id, text] of corpusReportTexts()) {
  const others = without(reportWords(), reportWordsOf(text));
  const evidenceOf = (page: string): WordEvidence => (values['words-only'] ? { phrases: none } : { phrases: without(reportPhrases(), reportPhrasesOf(text)), page: values['no-page'] ? undefined : sequenceCounts(page, 2) });
  const made = correctConfusables(text, others, {}, [], evidenceOf(text)).corrections;
  unseen += made.length;
  examples.push(...made.map((c) => `${id} ${c}`));
  const chars = [...text];
  chars.forEach((printed, i) => {
    for (const misread of members.get(printed) ?? []) {
      const read = [...chars];
      read[i] = misread;
      const out = [...correctConfusables(read.join(''), others, {}, [], evidenceOf(read.join(''))).text];
      if (out[i] === printed) simulated.restored++;
      else if (out[i] !== misread) simulated.wrong++;
      else simulated.left++;
      simulated.elsewhere += out.filter((c, k) => k !== i && c !== chars[k]).length;
    }
  });
}
console.log(JSON.stringify({ unseen, examples, simulated }, null, 1));
