import { Converter, Locale } from 'opencc-js/t2cn';
import { boundedMemo } from '../memo.js';

/**
 * Traditional → simplified (繁体 → 简体) with OpenCC's maintained dictionaries (opencc-js), for
 * reports published or mirrored in traditional characters (年度資金總額 → 年度资金总额): OpenCC's
 * phrase table (乾淨 → 干净, 乾隆 stays) and character table. Regional variant tables (Taiwan's
 * 著 for 着) are not applied: they would change correct simplified text (显著 → 显着).
 *
 * The result has the same length as the input, UTF-16 unit for unit, so offsets found in the
 * simplified text index the source text: a phrase or character whose conversion would change the
 * length is left as written (OpenCC's tables almost never do).
 */

/**
 * OpenCC's converter, its tries built on the first text that needs converting: building them cost ≈ 4 ms CPU
 * at every pipeline thread's start, and a report in simplified characters never needs them.
 */
let converter: ((text: string) => string) | undefined;
function toSimplified(text: string): string {
  const convert = (converter ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * Code points the character tables convert: text without any of them needs no conversion (the
 * phrase tables only choose between a character's readings, 乾隆 vs 乾淨).
 */
const TRIGGERS: Set<number> = (() => {
  const set = new Set<number>();
  const groups = [...Locale.to.cn];
  for (const group of groups) {
    for (const dict of group as unknown[]) {
      if (typeof dict !== 'string') continue;
      for (const entry of dict.split('|')) {
        const [from, to] = entry.split(' ');
        if (!from || !to || from === to || [...from].length !== 1) continue;
        const cp = from.codePointAt(0)!;
        if (cp > 0x7f) set.add(cp);
      }
    }
  }
  return set;
})();

/** TRIGGERS of the Basic Multilingual Plane as a bitmap: one array read per character of a cell. */
const BMP_TRIGGERS: Uint8Array = (() => {
  const bits = new Uint8Array(0x10000);
  for (const cp of TRIGGERS) if (cp < 0x10000) bits[cp] = 1;
  return bits;
})();

/** Does the text hold a character the conversion tables change? (No: simplify returns it as it is.) */
export function needsConversion(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2e80) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (TRIGGERS.has(text.codePointAt(i)!)) return true;
      i++;
    } else if (BMP_TRIGGERS[c] === 1) return true;
  }
  return false;
}

const charCache = new Map<string, string>();

/** One character alone; kept when its conversion would change its length. */
function convertChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const converted = toSimplified(ch);
  const v = converted.length === ch.length ? converted : ch;
  charCache.set(ch, v);
  return v;
}

/** Traditional characters → simplified, length-preserving. */
export function simplify(text: string): string {
  return needsConversion(text) ? simplifiedOf(text) : text;
}

/**
 * A text needing conversion, converted once: recognition, narrative and rules each simplify the same
 * paragraph again (one 題 in a seed paragraph cost OpenCC's whole-text pass every time).
 */
const simplifiedOf = boundedMemo(convertSameLength, { maxEntries: 2000, maxKeyLength: 200, maxLongChars: 200_000 });

function convertSameLength(text: string): string {
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) out += ch.length === 1 && TRIGGERS.has(ch.codePointAt(0)!) ? convertChar(ch) : ch;
  return out;
}
