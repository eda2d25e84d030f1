import { boundedMemo } from '../memo.js';
import { normalizeText } from '../text/normalize.js';

/**
 * The same entity named differently across parts (catalogue F3): a project or fund written
 * "工作经费" in the prose, "工作经费项目（2023年度）" in its form, "质量安全监督管理专项" in the 基础数据表 and
 * "质量安全监督管专项" in its own form. Names are compared after what does not change the entity is set
 * aside; the comparison says how sure it is and why (配对依据), so a rule can make a sure link an error
 * and a fuzzy one a warning.
 */
export interface EntityMatch {
  sure: boolean;
  /** Chinese reason for the reviewer: "名称相同（去掉“项目”“（2023年度）”后）". */
  reason: string;
}

/** Years and their brackets: "（2023年度）", "2023年", "(2023)". */
const YEARS = /[（(\[【]?\s*20\d\d\s*(?:年度|年)?\s*[）)\]】]?/g;
/** Brackets with anything else in them ("（一个专项一行）"). */
const BRACKETS = /[（(【\[][^）)】\]]*[）)】\]]/g;
/** Suffixes that name the same thing with or without them (the first group: always). */
const SAME = /(?:项目|年度)+$/;
const KIND = /(?:专项资金|专项经费|专项|经费|资金)$/;

export interface EntityKey {
  /** Without spaces, punctuation, numbering, years, brackets and 项目/年度 suffixes. */
  readonly key: string;
  /** key without a trailing 专项/经费/资金 (what kind of money it is), when at least 4 characters remain. */
  readonly core: string;
  /** What was set aside, for the reason. */
  readonly dropped: readonly string[];
}

/** Remembered per name (shared result: never changed): names are compared pair by pair. */
export const entityKey: (name: string) => EntityKey = boundedMemo(readEntityKey, { maxEntries: 20_000 });

function readEntityKey(name: string): EntityKey {
  const dropped: string[] = [];
  let t = normalizeText(name).replace(/\s+/g, '').replace(/^(?:\d+|[一二三四五六七八九十]+)[、.．]/, '').replace(/^其中[：:]?/, '');
  t = t.replace(YEARS, (m) => (dropped.push(m), ''));
  t = t.replace(BRACKETS, (m) => (dropped.push(m), ''));
  t = t.replace(/[\p{P}\p{S}]/gu, '');
  for (let m = SAME.exec(t); m && t.length - m[0].length >= 2; m = SAME.exec(t)) {
    dropped.push(m[0]);
    t = t.slice(0, m.index);
  }
  const k = KIND.exec(t);
  const core = k && t.length - k[0].length >= 4 ? t.slice(0, k.index) : t;
  return { key: t, core, dropped };
}

/** Do two names name one entity? Sure: same key; fuzzy: same core, or one character left out of ≥ 6. */
export function matchEntity(a: string, b: string): EntityMatch | null {
  const x = entityKey(a);
  const y = entityKey(b);
  if (!x.key || !y.key) return null;
  const aside = [...new Set([...x.dropped, ...y.dropped])].map((d) => `“${d}”`).join('');
  if (x.key === y.key) return { sure: true, reason: aside ? `名称相同（不计${aside}）：“${x.key}”` : `名称相同：“${x.key}”` };
  if (x.core === y.core && x.core.length >= 4) return { sure: false, reason: `名称主体相同（“${x.core}”），后缀不同：“${x.key}”/“${y.key}”` };
  if (oneLeftOut(x.key, y.key) && Math.min(x.key.length, y.key.length) >= 6) return { sure: false, reason: `名称仅差一字：“${x.key}”/“${y.key}”` };
  return null;
}

/** Is the shorter the longer with one character left out (质量安全监督管理专项 / 质量安全监督管专项)? */
function oneLeftOut(x: string, y: string): boolean {
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  if (l.length - s.length !== 1) return false;
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}
