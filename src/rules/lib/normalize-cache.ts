import { normalizeText } from '../../text/normalize.js';

/**
 * normalizeText, remembered: rules compare the same labels many times (names across parts,
 * every cell of a report); a bounded cache keeps that linear.
 */
const cache = new Map<string, string>();
const LIMIT = 20_000;

export function normalized(text: string): string {
  let v = cache.get(text);
  if (v === undefined) {
    if (cache.size >= LIMIT) cache.clear();
    v = normalizeText(text);
    cache.set(text, v);
  }
  return v;
}
