import type { TextFact } from '../../schemas/fact.js';
import { textEvidence } from './finding.js';
import { nameKey } from './lib/names.js';
import { selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Characters that legitimately follow a number inside a name: counters, units, dates (…率, 6个100%). */
const AFTER_NUMBER = /^[年月日号个次份件人家台处条起宗项户天小时分秒周季度期批类种项名所座辆栋块间套张本篇场万亿千百元米吨亩%％‰㎡级星代届批轮号线楼层组]/;
/** Characters that legitimately precede a number inside a name (第3, 前10, 近3年, 近5年). */
const BEFORE_NUMBER = /[第前后近约超逾达共计满]$/;

const CJK = /[\u4e00-\u9fff]/;

/** Label cells of the records: indicator names (一级/二级/三级) and row labels. */
function labels(report: Parameters<Rule['check']>[0]): Array<{ part: string; what: string; fact: TextFact }> {
  const out: Array<{ part: string; what: string; fact: TextFact }> = [];
  for (const form of selfEvalForms(report)) {
    const seen = new Set<string>();
    for (const ind of form.indicators) {
      for (const [what, text] of [['一级指标', ind.level1], ['二级指标', ind.level2], ['三级指标', ind.level3]] as const) {
        const key = `${what}|${text}`;
        if (!text || seen.has(key)) continue;
        seen.add(key);
        out.push({ part: form.part, what, fact: { text, loc: ind.loc } });
      }
    }
    for (const row of form.budget?.rows ?? []) out.push({ part: form.part, what: '资金行', fact: { text: row.label, loc: row.loc } });
  }
  for (const row of report.basicData?.spending ?? []) out.push({ part: report.basicData!.part, what: '经费行', fact: { text: row.label, loc: row.loc } });
  return out;
}

/**
 * Digit runs inside a Chinese name that are not part of it: between two Chinese characters with
 * no counter word after and no 第/前/近 before, or trailing after Chinese text. Returns the runs.
 */
export function strayDigits(text: string): string[] {
  const out: string[] = [];
  const re = /\d+(?:\.\d+)?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    const prevChar = before.slice(-1);
    const nextChar = after.slice(0, 1);
    if (!CJK.test(prevChar)) continue;
    if (BEFORE_NUMBER.test(before)) continue;
    if (nextChar === '' || (CJK.test(nextChar) && !AFTER_NUMBER.test(after))) out.push(m[0]);
  }
  return out;
}

/** G1 digits inside Chinese words are extraction debris, never values ("促进建10筑产业"). */
export const rule: Rule = {
  meta: {
    id: 'digits-in-words',
    version: 1,
    severity: 'info',
    catalogue: 'G1',
    title: { zh: '名称中夹杂数字', en: 'Digits inside words' },
    description: {
      zh: '指标名称、行标签中夹在汉字之间或缀在末尾的数字（如“促进建10筑产业10绿色发展5”）多为粘贴或提取残留，不作为数值读取，提示核对原文。',
      en: 'Digits between Chinese characters in names and labels ("促进建10筑产业") are debris, never values.',
    },
    formula: '汉字 + 数字 + 汉字（数字后非量词/单位，前非“第/前/近”），或汉字后缀数字',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: 'catalogue G1（提取残留）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    const all = labels(report);
    const known = new Set(all.map((l) => nameKey(l.fact.text)));
    for (const l of all) {
      const compact = l.fact.text.replace(/\s+/g, '');
      const stray = strayDigits(compact);
      if (stray.length === 0) continue;
      const cleaned = compact.replace(/\d+(?:\.\d+)?/g, '');
      // When the name without any digits is a name used elsewhere, every digit run is debris.
      const confirmed = known.has(nameKey(cleaned));
      const runs = confirmed ? (compact.match(/\d+(?:\.\d+)?/g) ?? []) : stray;
      const shown = confirmed ? cleaned : stray.reduce((t, r) => t.replace(r, ''), compact);
      out.push({
        message: {
          zh: `${l.part}${l.what}“${l.fact.text.trim()}”中夹有数字${runs.join('、')}，疑为残留，去掉后为“${shown}”${confirmed ? '（与其他表中的名称相同）' : ''}`,
          en: `${l.part}: ${l.what} "${l.fact.text.trim()}" contains stray digits ${runs.join(', ')}; without them: "${shown}"`,
        },
        values: [],
        evidence: [textEvidence(l.fact, 'label')],
        expected: shown,
        observed: l.fact.text.trim(),
        tolerance: null,
        part: l.part,
      });
    }
    return out;
  },
};
