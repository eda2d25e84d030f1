import { normalizeText } from '../text/normalize.js';
import type { Measure } from './types.js';
import { boundedMemo } from '../memo.js';

/**
 * The measure of a figure, normalised once per distinct text (the same labels recur across the
 * department report, the project reports and the forms): matching normalisation (src/text), then
 * abbreviations folded and words that do not change what is measured dropped.
 */

/** Written two ways in one report: 招投标 / 招标投标 → 招标; 满意度 / 满意率 → 满意. */
const FOLD: Array<[RegExp, string]> = [
  [/招标投标|招投标/g, '招标'],
  [/满意[度率]/g, '满意'],
];
/** Words that say nothing about what is measured. */
const NOISE = /^其中|做好|全年|本年|年度|共计|合计|累计|总计|情况/g;
const PUNCT = /[\s\p{P}\p{S}\d]/gu;
/**
 * Verbs of handling before a counted thing: "依法依规处理投诉" counts 投诉, "收到实名制举报" counts
 * 实名制举报. The counted noun is what follows the last of them.
 */
const HANDLING = /(?:处理|收到|受理|办理|接到|接收|回复|办结|处置|调处|查处|发现|完成|开展|组织|召开|下发|发放|移交|化解|解决|答复)/g;

export const measureOf: (words: string) => Measure = boundedMemo((words) => compute(words), { maxEntries: 20_000 });

function compute(words: string): Measure {
  let t = normalizeText(words).replace(PUNCT, '');
  for (const [re, to] of FOLD) t = t.replace(re, to);
  const key = t.replace(NOISE, '');
  let noun = key;
  let last = -1;
  for (const m of key.matchAll(HANDLING)) last = m.index! + m[0].length;
  if (last > 0 && last < key.length) noun = key.slice(last);
  return { words, key, noun };
}

/** Items of a listed subject ("实名制举报和投诉质疑函" → 实名制举报, 投诉质疑函), after the handling verb. */
export function listedItems(words: string): string[] {
  const text = normalizeText(words).replace(/\s+/g, '');
  let last = -1;
  for (const m of text.matchAll(HANDLING)) last = m.index! + m[0].length;
  const tail = last > 0 ? text.slice(last) : text;
  return tail.split(/[、，,和及与以及]+/).map((s) => s.trim()).filter(Boolean);
}

/** Longest common substring of two keys (the shared words a pairing rests on). */
export function sharedWords(a: string, b: string): string {
  let best = '';
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best.length) best = a.slice(i, i + k);
    }
  }
  return best;
}
