import type { RecognizedChar } from './recognize.js';

/**
 * How surely a run's value was read, from the characters its value depends on. A thousands
 * separator (千分位 ",") in a well-formed grouped number ("215,457.6": every group after the first
 * exactly three digits, at most one decimal point, after the last group) does not change the value
 * whichever way it is read: a comma or nothing give 215457.6, and a point is impossible there (the
 * number has its point). On a phone photo the small comma is often the one unsure character
 * (",":0.87 in "215,457.6"), and it is left out of the run's confidence; the text is unchanged.
 * Any other character counts as it is read.
 */
const GROUPED = /^[≥≤><＞＜]?-?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?%?$/u;

export function valueConfidence(chars: readonly RecognizedChar[]): number {
  const text = chars.map((c) => c.ch).join('');
  const separatorsFit = GROUPED.test(text);
  let low = Infinity;
  for (const c of chars) if (!(separatorsFit && (c.ch === ',' || c.ch === '，'))) low = Math.min(low, c.confidence);
  return low === Infinity ? Math.min(...chars.map((c) => c.confidence)) : low;
}
