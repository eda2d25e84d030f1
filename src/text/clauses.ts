/** Clauses of a sentence: the stretch between two stop marks (，；。 …) that holds a figure. */

/** Clause stops: sentence ends and semicolons. */
export const CLAUSE_STOPS = '；;。';
/** Clause stops down to commas and colons (where 同比 / 不低于 / 人均 are said). */
export const PHRASE_STOPS = '，,；;。：:';

export interface ClauseSpan {
  /** First character of the clause. */
  start: number;
  /** Where the figure text begins. */
  at: number;
  /** End of the clause (the next stop, or the sentence's end). */
  end: number;
}

/** The clause of `sentence`, cut at any character of `stops`, that holds the first `text`; undefined when `text` is absent. */
export function clauseSpan(sentence: string, text: string, stops: string): ClauseSpan | undefined {
  const at = sentence.indexOf(text);
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && !isStop(stops, sentence.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < sentence.length && !isStop(stops, sentence.charCodeAt(end))) end++;
  return { start, at, end };
}

/** stops.includes(one character), by code unit: indexing a Chinese text makes a new string per character. */
function isStop(stops: string, code: number): boolean {
  for (let i = 0; i < stops.length; i++) if (stops.charCodeAt(i) === code) return true;
  return false;
}

/** What the clause of `sentence` (cut at any character of `stops`) says before `text`; '' when `text` is absent. */
export function clauseLeadIn(sentence: string, text: string, stops: string): string {
  const span = clauseSpan(sentence, text, stops);
  return span ? sentence.slice(span.start, span.at) : '';
}

/**
 * The UTF-16 codes of `chars`, for a scan that tests `set.has(text.charCodeAt(i))`: `set.has(text[i])` makes a
 * one-character string for every ideograph it steps over.
 */
export function charCodes(chars: string): ReadonlySet<number> {
  const codes = new Set<number>();
  for (let i = 0; i < chars.length; i++) codes.add(chars.charCodeAt(i));
  return codes;
}
