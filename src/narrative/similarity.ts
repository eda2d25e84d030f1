import { boundedMemo } from '../memo.js';
/**
 * How alike two Chinese names or labels are, by shared character bigrams. Names vary between the
 * parts of a report (质量安全监督管理专项 / 质量安全监督管专项 / 质量安全监管专项项目): bigram overlap
 * tolerates a dropped or added character where exact matching fails.
 */

/** Words that carry no meaning for matching labels to indicators or names. */
const NOISE = /做好|全年|本年|年度|共计|合计|累计|情况|完成|实现|工作|率$/g;

const CACHE_LIMIT = 4096;

/** Character bigrams of a string (punctuation, spaces and digits left out); memoized, read-only. */
export const bigrams: (s: string) => ReadonlySet<string> = boundedMemo((s) => computeBigrams(s), { maxEntries: CACHE_LIMIT });

function computeBigrams(s: string): Set<string> {
  const t = s.replace(/[\s\p{P}\d]/gu, '');
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Share of `needle`'s bigrams found in `haystack` (0..1). */
export function containment(needle: string, haystack: string): number {
  const a = bigrams(needle);
  if (a.size === 0) return 0;
  const b = bigrams(haystack);
  let hit = 0;
  for (const x of a) if (b.has(x)) hit++;
  return hit / a.size;
}

/** Dice coefficient of the two bigram sets (0..1). */
export function dice(x: string, y: string): number {
  const a = bigrams(x);
  const b = bigrams(y);
  if (a.size === 0 || b.size === 0) return 0;
  let hit = 0;
  for (const v of a) if (b.has(v)) hit++;
  return (2 * hit) / (a.size + b.size);
}

/**
 * Abbreviations written both ways in one report: 招投标 / 招标投标 are 招标 (the 招投标 project's
 * indicator 做好公开招投标项目监管 counts the 公开招标项目 its report states).
 */
const ABBREVIATIONS: Array<[RegExp, string]> = [[/招标投标|招投标/g, '招标']];

/**
 * The meaningful core of an indicator name or label ("做好公开招标项目监管" → "公开招标项目监管");
 * memoized like bigrams (every statistic's label is compared with every indicator's name).
 */
export const core: (s: string) => string = boundedMemo(
  (s) => {
    let out = s;
    for (const [re, short] of ABBREVIATIONS) out = out.replace(re, short);
    return out.replace(NOISE, '');
  },
  { maxEntries: CACHE_LIMIT },
);

/** Similarity of a narrative label and an indicator / row name, 0..1: the better of containment either way. */
export function labelSimilarity(label: string, name: string): number {
  const a = core(label);
  const b = core(name);
  if (!a || !b) return 0;
  if (a === b) return 1;
  return Math.max(containment(b, a) * 0.9, dice(a, b));
}

/**
 * Similarity of a project (or fund row) name and a label that mentions it, 0..1, on the names as
 * written: "质量安全监管专项项目" ~ "质量安全监督管专项" (0.75), "人员经费" !~ "工作经费".
 */
export function nameSimilarity(label: string, name: string): number {
  if (!label || !name) return 0;
  return Math.max(containment(name, label), dice(label, name));
}
