/**
 * Letters OCR confuses with digits (形近字符): inside a number they can only be the digit, but the
 * reading is not sure. O/o/D → 0, l/I/| → 1, Z → 2, S → 5, B → 8.
 */
const DIGIT_FOR: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', '|': '1', Z: '2', S: '5', B: '8' };

/** Confidence given to a number that contained a look-alike: below any threshold of "sure". */
export const AMBIGUOUS_CONFIDENCE = 0.5;

/**
 * Fold look-alike letters inside numbers into digits. A token counts as a number when it is made of
 * digits, look-alikes and number punctuation, and at least half of its characters are real digits
 * ("1O0%" → "100%", "2O23" → "2023"; "B级", "ISO" stay). Returns whether anything was folded: such
 * a value is uncertain.
 */
export function foldLookalikes(text: string): { text: string; ambiguous: boolean } {
  // A cell or field holding only "o"/"O" (or a lone "l"/"I"/"|") is a misread digit.
  const alone = text.trim();
  if (/^[oO]{1,3}$/u.test(alone)) return { text: '0'.repeat(alone.length), ambiguous: true };
  if (/^[lI|]$/u.test(alone)) return { text: '1', ambiguous: true };
  let ambiguous = false;
  // "50%o": a percent sign with a small o after it (also alone, "%o", on the second line of a wrapped
  // cell) — a coarse JPEG's ringing beside "%", or "‰" read in two pieces. Read as the percent it most likely is (率 columns), and unsure: a note, never a guess.
  const percent = text.replace(/((?:^|\d)\s?[%％])[oO°](?![A-Za-z\d])/gu, (_, number: string) => {
    ambiguous = true;
    return number;
  });
  // "10 -": a dash alone after a number, a space between (a fax's speckle, a ruling stub beside the
  // figure) is no minus sign and no second number; the number is read without it, unsure.
  const dashless = percent.replace(/^(\s*[≥≤><]?\d[\d.,]*%?)\s+[-－—]\s*$/u, (_, number: string) => {
    ambiguous = true;
    return number;
  });
  const folded = dashless.replace(/(?<![A-Za-z])[0-9OoDlIZSB|.,，．%]+(?![A-Za-z])/gu, (token) => {
    const letters = [...token].filter((c) => c in DIGIT_FOR).length;
    if (!letters) return token;
    const digits = [...token].filter((c) => c >= '0' && c <= '9').length;
    // A word written in capitals ("ISO9001") starts with letters; a misread number does not.
    if (digits === 0 || digits < letters || /^[A-Za-z|]{2}/u.test(token)) return token;
    ambiguous = true;
    return [...token].map((c) => DIGIT_FOR[c] ?? c).join('');
  });
  // A stray letter glued to the front of a number ("A100%": a seal's edge, a tick) is not read surely.
  if (/(?<![A-Za-z])[A-Za-z][0-9]/u.test(folded)) ambiguous = true;
  // …nor a dash hanging on a number ("满意度-100%-": a seal's stroke, a ruling stub), which would read
  // as a minus sign; a range between numbers ("1-12月") is fine.
  if (/[\d%]-(?!\d)|(?<![\d\s])-\d/u.test(folded)) ambiguous = true;
  return { text: folded, ambiguous };
}
