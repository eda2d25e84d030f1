import { nameKey, nameSimilarity } from '../rules/lib/names.js';

/**
 * Matching a name written in a report with the names of the bureau's ledger (or of last year's
 * report): the same body is written with and without its place name (汨罗市建筑工程服务中心 vs
 * 市建筑工程服务中心) or with a character dropped (质量安全监督管理专项 vs 质量安全监督管专项).
 * Every match says why, in the reviewer's words.
 */
export interface NameMatch<T> {
  item: T;
  name: string;
  /** sure = the same after normalization or place-name prefix; fuzzy = similar characters. */
  level: 'sure' | 'fuzzy';
  reason: string;
}

/** Place-name prefixes a name may carry: "汨罗市", "岳阳市平江县", a bare "市"/"县". */
const PLACE = /^((?:[\u4e00-\u9fa5]{0,7}?(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗))*)(.*)$/u;

/** The name without any leading place names, and the place names removed. */
export function splitPlace(name: string): { place: string; core: string } {
  const key = nameKey(name);
  // Try every cut at a place-name suffix, keep the longest prefix that leaves ≥ 3 characters.
  let best = { place: '', core: key };
  for (let i = 1; i < key.length - 2; i++) {
    if (!/[省市县区州旗盟]/.test(key[i - 1])) continue;
    const m = PLACE.exec(key.slice(0, i));
    if (m && m[1] === key.slice(0, i)) best = { place: key.slice(0, i), core: key.slice(i) };
  }
  return best;
}

/** All readings of a name: as written and without each possible place prefix. */
function cores(name: string): Array<{ place: string; core: string }> {
  const key = nameKey(name);
  const out = [{ place: '', core: key }];
  for (let i = 1; i < key.length - 2; i++) {
    if (!/[省市县区州旗盟]/.test(key[i - 1])) continue;
    const m = PLACE.exec(key.slice(0, i));
    if (m && m[1] === key.slice(0, i)) out.push({ place: key.slice(0, i), core: key.slice(i) });
  }
  return out;
}

/** Two place prefixes agree when one is empty or ends the other (市 ⊂ 汨罗市). */
function placesAgree(a: string, b: string): boolean {
  return !a || !b || a.endsWith(b) || b.endsWith(a);
}

/** Characters one name has and the other lacks (longest common subsequence), for the reason text. */
export function characterDiff(a: string, b: string): { onlyA: string; onlyB: string } {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  let i = 0;
  let j = 0;
  let onlyA = '';
  let onlyB = '';
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) onlyA += a[i++];
    else onlyB += b[j++];
  }
  return { onlyA: onlyA + a.slice(i), onlyB: onlyB + b.slice(j) };
}

/** Why two names are taken for the same body, or null when they are not. */
export function explainMatch(written: string, other: string, threshold = 0.8): { level: 'sure' | 'fuzzy'; reason: string; score: number } | null {
  const a = nameKey(written);
  const b = nameKey(other);
  if (!a || !b) return null;
  if (a === b) return { level: 'sure', reason: written.trim() === other.trim() ? '名称相同' : '名称相同（忽略空格、标点、括注）', score: 1 };
  for (const x of cores(written)) {
    for (const y of cores(other)) {
      if (x.core !== y.core || x.core.length < 3 || !placesAgree(x.place, y.place)) continue;
      const dropped = [x.place && `“${written.trim()}”的地名“${x.place}”`, y.place && `“${other.trim()}”的地名“${y.place}”`].filter(Boolean).join('、');
      return { level: 'sure', reason: `去掉${dropped}后都是“${x.core}”`, score: 0.99 };
    }
  }
  // Similar characters, compared without place names when both carry compatible ones.
  const x = splitPlace(written);
  const y = splitPlace(other);
  const [ca, cb] = placesAgree(x.place, y.place) ? [x.core, y.core] : [a, b];
  const score = nameSimilarity(ca, cb);
  if (score < threshold) return null;
  const d = characterDiff(ca, cb);
  const parts = [d.onlyA && `前者多“${d.onlyA}”`, d.onlyB && `后者多“${d.onlyB}”`].filter(Boolean).join('，');
  return { level: 'fuzzy', reason: `字面相近（相似度 ${score.toFixed(2)}${parts ? `；${parts}` : ''}），按同一名称处理`, score };
}

/**
 * The one candidate a written name stands for. Ambiguous fuzzy matches (two candidates equally
 * close) give null: better no comparison than one with the wrong row.
 */
export function matchName<T>(written: string, candidates: readonly T[], nameOf: (c: T) => string): NameMatch<T> | null {
  let best: { c: T; m: NonNullable<ReturnType<typeof explainMatch>> } | null = null;
  let tie = false;
  for (const c of candidates) {
    const m = explainMatch(written, nameOf(c));
    if (!m) continue;
    if (!best || m.score > best.m.score) {
      best = { c, m };
      tie = false;
    } else if (m.score === best.m.score && nameKey(nameOf(c)) !== nameKey(nameOf(best.c))) tie = true;
  }
  if (!best || tie) return null;
  return { item: best.c, name: nameOf(best.c), level: best.m.level, reason: best.m.reason };
}
