/**
 * Formula-injection neutralization (CSV/Excel injection): text that a spreadsheet would read as a
 * formula or a command — starting with = + - @, a tab or a carriage return — gets a leading
 * apostrophe, so "=HYPERLINK(…)" from a document arrives as the text it was, never as a formula.
 * Applied to every text cell of every export, whether it came from a document or not.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}
