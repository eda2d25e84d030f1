import { boundedMemo } from '../memo.js';

/** Whitespace as JavaScript's /\s/ has it, without a regular expression or a new string. */

/** The UTF-16 units /\s/ matches (all of them in the BMP, so a unit at a time is exact). */
export function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Length of the text with its whitespace removed: text.replace(/\s+/g, '').length, counted. */
export function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isWhitespace(text.charCodeAt(i))) n++;
  return n;
}

/**
 * The text with its whitespace removed (text.replace(/\s+/g, '')), remembered: checks that place each
 * figure of a sentence in it strip the same sentence once per figure, and a form run together into
 * prose is one sentence of thousands of characters holding hundreds of figures.
 */
export const withoutSpaces: (text: string) => string = boundedMemo((text) => text.replace(/\s+/g, ''), {
  maxEntries: 20_000,
  maxKeyLength: 256,
  maxLongChars: 1_000_000,
});
