/**
 * Paragraph similarity over character shingles (4 characters, whitespace removed): Jaccard of the
 * two shingle sets. Chinese has no word breaks, so characters are the unit; four keep a copied
 * sentence with one changed figure well above a rewritten one.
 */
export const SHINGLE = 4;

export function shingles(text: string, k = SHINGLE): Set<string> {
  const t = text.replace(/\s+/g, '');
  const out = new Set<string>();
  if (t.length < k) {
    if (t) out.add(t);
    return out;
  }
  for (let i = 0; i + k <= t.length; i++) out.add(t.slice(i, i + k));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}
