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
