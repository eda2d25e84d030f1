import type { TextFact } from '../../../schemas/fact.js';

/** Every {text, loc} value (Fact or TextFact) inside a record, depth-first, in document order. */
export function allTextFacts(value: unknown, out: TextFact[] = []): TextFact[] {
  if (value && typeof value === 'object') collect(value, out);
  return out;
}

/** allTextFacts of an object or array; only objects are descended into (no call per string or number). */
function collect(value: object, out: TextFact[]): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v && typeof v === 'object') collect(v, out);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.text === 'string' && o.loc && typeof o.loc === 'object') out.push({ text: o.text, loc: o.loc as TextFact['loc'] });
  // for…in visits the keys in Object.entries' order without building an array of pairs per object
  for (const k in o) {
    if (k === 'loc' || k === 'figure') continue;
    const v = o[k];
    if (v && typeof v === 'object') collect(v, out);
  }
}
