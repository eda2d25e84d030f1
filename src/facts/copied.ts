import type { FactPair, IndexedFact } from './types.js';
import type { FactIndex } from './index.js';
import { pairWindowEnd } from '../pair-window.js';
import { clauseAround, clauseSimilarity, explainPair } from './pair.js';

/** A figure with its unit as written inside a clause ("4次", "1台", "930余处"). */
const FIGURE = /\d+(?:\.\d+)?\s*(?:余|多)?[^\d\s，,；;。、（）()“”"0-9]?/g;

/** Minimum similarity of the two clauses (figures left out) for a copied clause. */
const COPIED = 0.8;

/**
 * Prose facts restated in another place by a copied clause: same measure, same unit, the clauses
 * around the two figures alike (digits left out), and at least two other figures of the clause
 * repeated unchanged ("…开展了4次…检测，检测中共发现安全隐患930余处，强制拆除1台、现场封停9台" /
 * "…进行了4次…932余处，强制拆除1台、现场封停9台"). Works on the clause, not the whole sentence: a
 * copied clause is often followed by a rewritten one. `want` filters candidate pairs before the
 * (costlier) clause comparison.
 */
export function copiedClausePairs(index: FactIndex, want: (a: IndexedFact, b: IndexedFact) => boolean = () => true): FactPair[] {
  const out: FactPair[] = [];
  const clause = new Map<IndexedFact, string>();
  const clauseOf = (f: IndexedFact) => {
    let c = clause.get(f);
    if (c === undefined) {
      c = clauseAround(f.text, f.statement.figure.text);
      clause.set(f, c);
    }
    return c;
  };
  // "总造价约51.53亿元，…总造价约6.83亿元": two statements of one measure in one sentence are
  // paired by their position among that measure's figures, as the narrative links do
  const ordinal = new Map<IndexedFact, number>();
  const counter = new Map<string, number>();
  for (const f of index.facts) {
    if (f.source !== 'narrative') continue;
    const k = `${f.sentenceKey}|${f.measure.key}`;
    const n = counter.get(k) ?? 0;
    ordinal.set(f, n);
    counter.set(k, n + 1);
  }
  for (const group of index.byKey.values()) {
    const prose = group.filter((f) => f.source === 'narrative' && f.stat && !f.eachOf);
    for (let i = 0; i < prose.length; i++) {
      for (let j = i + 1, end = pairWindowEnd(i, prose.length); j < end; j++) {
        const a = prose[i];
        const b = prose[j];
        if (a.location.paragraph === b.location.paragraph || a.statement.unit !== b.statement.unit) continue;
        if (ordinal.get(a) !== ordinal.get(b) || !want(a, b)) continue;
        const ca = clauseOf(a);
        const cb = clauseOf(b);
        const sim = clauseSimilarity(ca, cb);
        if (sim < COPIED) continue;
        const own = a.statement.figure.text;
        const figuresB = new Set([...cb.matchAll(FIGURE)].map((m) => m[0].replace(/\s+/g, '')));
        const anchors = [...new Set([...ca.matchAll(FIGURE)].map((m) => m[0].replace(/\s+/g, '')))].filter((x) => !own.startsWith(x) && figuresB.has(x));
        if (anchors.length < 2) continue;
        out.push(explainPair(a, b, { anchors, clauseSimilarity: sim }));
      }
    }
  }
  return out;
}
