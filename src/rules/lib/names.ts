import { normalizeText } from '../../text/normalize.js';
import { matchEntity } from '../../facts/entity.js';

const keys = new Map<string, string>();

/** A name for comparison: normalized (G4), without spaces, punctuation, numbering and 盖章 notes. */
export function nameKey(s: string): string {
  const known = keys.get(s);
  if (known !== undefined) return known;
  if (keys.size > 20_000) keys.clear();
  const key = normalizeText(s)
    .replace(/\s+/g, '')
    .replace(/^[0-9]+[、.．]/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[，,。.、：:；;“”"'‘’]/g, '');
  keys.set(s, key);
  return key;
}

const bigramLists = new Map<string, readonly string[]>();

/** Character bigrams of a key, made once per key (names are compared pair by pair). */
function bigrams(s: string): readonly string[] {
  const known = bigramLists.get(s);
  if (known) return known;
  if (bigramLists.size > 20_000) bigramLists.clear();
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  const list = out.length ? out : [s];
  bigramLists.set(s, list);
  return list;
}

/** Dice similarity of character bigrams (0..1): 质量安全监督管理专项 vs 质量安全监督管专项 ≈ 0.82. */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(nameKey(a));
  const y = bigrams(nameKey(b));
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Same entity by name: 'sure' when the keys are equal, 'fuzzy' when similar enough, else null. */
export function sameEntity(a: string, b: string, threshold = 0.8): 'sure' | 'fuzzy' | null {
  if (nameKey(a) === nameKey(b)) return 'sure';
  // F3: the same name without years, brackets or a 项目/年度 suffix is sure; a 专项/经费 suffix or one character left out, fuzzy
  const m = matchEntity(a, b);
  if (m) return m.sure ? 'sure' : 'fuzzy';
  return nameSimilarity(a, b) >= threshold ? 'fuzzy' : null;
}
