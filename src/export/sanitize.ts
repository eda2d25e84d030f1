/**
 * Formula-injection neutralization (CSV/Excel injection): text that a spreadsheet would read as a
 * formula or a command — starting with = + - @, a tab or a carriage return — gets a leading
 * apostrophe, so "=HYPERLINK(…)" from a document arrives as the text it was, never as a formula.
 * Applied to every text cell of every export, whether it came from a document or not.
 *
 * Not touched: a comparator or a plain signed number as forms write them (指标性质 "=", "≥", a
 * target "=100%", a change "-3.5", a blank marked "-"). They name no function, cell or command, so
 * they cannot do anything, and an apostrophe in front of them is only noise for the reviewer.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;
const COMPARATOR_OR_NUMBER = /^[=+\-]{1,2}\s*(?:[<>≤≥＝]=?\s*)?(?:\d[\d,]*(?:\.\d+)?\s*[%‰]?)?$/;

export function neutralizeFormula(text: string): string {
  if (!DANGEROUS_START.test(text)) return text;
  return COMPARATOR_OR_NUMBER.test(text) ? text : `'${text}`;
}
