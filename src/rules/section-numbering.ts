import type { DocumentModel } from '../../schemas/document.js';
import { location } from '../../schemas/location-value.js';
import type { FindingDraft, Rule } from './types.js';
import { documentView } from '../facts/document-view.js';

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "十二" → 12, "三" → 3. */
function chineseNumber(s: string): number | null {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(s)) return null;
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1]] ?? 0);
  if (s.endsWith('十')) return CN_DIGITS[s[0]] * 10;
  if (s.length === 3) return CN_DIGITS[s[0]] * 10 + CN_DIGITS[s[2]];
  return CN_DIGITS[s];
}

interface Heading {
  paragraph: number;
  text: string;
  n: number;
  style: 'chinese' | 'arabic';
  /** A numbered paragraph too long for a heading: a list item, which still carries its list's count. */
  item: boolean;
}

/**
 * Top-level headings "一、…" / "1、…" (short paragraphs; "（一）" and "(1)" are sub-levels), and the longer numbered
 * paragraphs as list items: "2. 对镇人民代表大会…负责并报告工作。" after "1. 贯彻执行党和国家的路线…" (too long for a heading)
 * is the list's item 2, not a heading continuing "一、部门概况".
 */
function headings(doc: DocumentModel, from: number, to: number): Heading[] {
  const out: Heading[] = [];
  for (const b of documentView(doc).paragraphsIn(from, to)) {
    const t = b.text.trim();
    const m = /^([一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]\s*(\S.*)$/.exec(t);
    if (!m) continue;
    const cn = chineseNumber(m[1]);
    out.push({ paragraph: b.paragraph, text: t, n: cn ?? Number(m[1]), style: cn ? 'chinese' : 'arabic', item: t.length > 40 });
  }
  return out;
}

/**
 * Does the count of `last`'s style run 1, 2 … last.n, its 1 opened under a heading of the other style? Then it is a
 * sub-level numbered through the whole report (一、资金保障方面 1、… 2、… 二、项目管理方面 3、…: the 考核办法's
 * 指标 1…N under its 方面), and a heading continuing it continues its own count, not the other style's.
 */
function nestedRun(hs: Heading[], last: Heading): boolean {
  const own = hs.slice(0, hs.indexOf(last) + 1).filter((h) => h.style === last.style);
  if (own.length !== last.n || own.some((h, k) => h.n !== k + 1)) return false;
  const first = hs.indexOf(own[0]);
  return hs.slice(0, first).some((h) => h.style !== last.style);
}

/**
 * The headings where a numbering in one style continues the count of the other style
 * ("三、…" followed by "4、…"): the section numbering is mixed, so sections are found by text.
 */
function mixedSteps(numbered: Heading[]): Array<[Heading, Heading]> {
  const out: Array<[Heading, Heading]> = [];
  for (let i = 1; i < numbered.length; i++) {
    if (numbered[i].item) continue;
    const hs = numbered.filter((h, k) => k === i || !h.item || (k < i && h.style === numbered[i].style));
    const at = hs.indexOf(numbered[i]);
    const earlier = hs.slice(0, at).reverse();
    const prevOther = earlier.find((h) => h.style !== hs[at].style);
    // the list's own count runs on through its long items (1. …。 then 2. …。)
    const prevSame = earlier.find((h) => h.style === hs[at].style);
    // "一、" "1、" "2、": the 2 continues its own list (a sub-level), not the Chinese count.
    const continuesOwn = prevSame && prevSame.n + 1 === hs[at].n && (!prevOther || hs.indexOf(prevSame) > hs.indexOf(prevOther) || nestedRun(hs, prevSame));
    if (prevOther && prevOther.n + 1 === hs[at].n && !continuesOwn) out.push([prevOther, hs[at]]);
  }
  return out;
}

/** G3 section numbering is unreliable (1、 / 二、 / 4、 mixed): find sections by heading text. */
export const rule: Rule = {
  meta: {
    id: 'section-numbering',
    version: 3,
    severity: 'info',
    catalogue: 'G3',
    title: { zh: '章节编号混用', en: 'Mixed section numbering' },
    description: {
      zh: '报告一级标题的编号混用“一、”与“1、”（如“三、……”之后是“4、……”），编号不可作为定位依据，本工具按标题文字识别章节。',
      en: 'Top-level headings mix "一、" and "1、" numbering (e.g. "三、" followed by "4、"); sections are found by heading text.',
    },
    formula: '同一报告一级标题编号样式一致',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: 'catalogue G3',
  },
  check(report, ctx) {
    const doc = ctx.document;
    if (!doc) return [];
    const ranges = report.narratives.length
      ? report.narratives.map((n) => ({ part: n.part, from: n.firstParagraph, to: n.lastParagraph }))
      : [{ part: '报告正文', from: 0, to: Number.MAX_SAFE_INTEGER }];
    const out: FindingDraft[] = [];
    for (const r of ranges) {
      const steps = mixedSteps(headings(doc, r.from, r.to));
      if (steps.length === 0) continue;
      const shown = steps.slice(0, 3).map(([a, b]) => `“${a.text.slice(0, 12)}”→“${b.text.slice(0, 12)}”`).join('，');
      out.push({
        message: {
          zh: `${r.part}一级标题编号混用“一、”与“1、”：${shown}${steps.length > 3 ? ` 等${steps.length}处` : ''}；章节按标题文字识别`,
          en: `${r.part}: top-level headings mix Chinese and Arabic numbering at ${steps.length} place(s); sections are found by heading text`,
        },
        values: [],
        evidence: steps.flatMap(([a, b]) => [a, b]).filter((h, i, all) => all.indexOf(h) === i).map((h) => ({
          text: h.text,
          value: null,
          location: location({ part: r.part, paragraph: h.paragraph }),
          role: 'heading',
        })),
        expected: '编号样式一致',
        observed: `${steps.length}处混用`,
        tolerance: null,
        part: r.part,
      });
    }
    return out;
  },
};
