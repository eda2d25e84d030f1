/**
 * `node --import tsx bench/series-evidence.ts` — what the phonetic-series correction (形近字, parsers/ocr/confusables.ts)
 * does on text it has not seen, where no word of the recogniser is given (no confidences: every report is judged against
 * the other reports' words, report-words.ts minus its own sequences).
 *
 *   unseen     corrections made on each report's own text, as printed (each one a mis-correction);
 *   simulated  every character of a series in the reports replaced by each other member of its series (a misread),
 *              judged with its two neighbours: restored to the printed character, changed to another, or left.
 *
 * The recogniser's doubt (scan path) is not simulated: there a sure character is kept whatever the words say.
 */
import { correctConfusables } from '../parsers/ocr/confusables.js';
import { CONFUSABLE_SETS } from '../parsers/ocr/phonetic-series.js';
import { reportWords } from '../parsers/ocr/report-words.js';
import { corpusReportTexts, reportWordsOf } from '../scripts/lib/report-words.js';

const members = new Map<string, string[]>();
for (const set of CONFUSABLE_SETS) for (const c of set) members.set(c, [...(members.get(c) ?? []), ...[...set].filter((o) => o !== c)]);

const all = reportWords();
let unseen = 0;
const examples: string[] = [];
const simulated = { restored: 0, wrong: 0, left: 0 };
for (const [id, text] of corpusReportTexts()) {
  const own = reportWordsOf(text);
  const others = { get: (w: string) => (all.get(w) ?? 0) - (own.has(w) ? 1 : 0) } as unknown as ReadonlyMap<string, number>;
  const made = correctConfusables(text, others).corrections;
  unseen += made.length;
  examples.push(...made.map((c) => `${id} ${c}`));
  const chars = [...text];
  chars.forEach((printed, i) => {
    for (const misread of members.get(printed) ?? []) {
      const out = correctConfusables(misread, others, { before: chars[i - 1], after: chars[i + 1] }).text;
      if (out === printed) simulated.restored++;
      else if (out !== misread) simulated.wrong++;
      else simulated.left++;
    }
  });
}
console.log(JSON.stringify({ unseen, examples, simulated }, null, 1));
