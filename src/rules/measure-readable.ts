import { factEvidence } from './finding.js';
import { indicatorName, level1Key, selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Units that count things (个 次 …), odd for an indicator named …率. */
const COUNT_UNITS = new Set(['个', '次', '份', '件', '人', '家', '台', '处', '条', '起', '宗', '项', '户', '所', '座', '辆', '名', '批', '场', '篇', '本', '套', '张', '间', '栋', '块']);
/** Periods and dates are not measures ("2023年1-12月", "每月一次"). */
const PERIOD = /(19|20)\d{2}\s*年|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月|\d{1,2}月\d{1,2}日|^每/;

/** D9 targets and actuals are machine-readable (comparator + number + unit); a 率 indicator measured in 个. */
export const rule: Rule = {
  meta: {
    id: 'measure-readable',
    version: 1,
    severity: 'info',
    catalogue: 'D9',
    title: { zh: '指标值可比对', en: 'Targets and actuals are readable' },
    description: {
      zh: '年度指标值与实际完成值应能读成“比较符+数值+单位”以便比对：含数字却读不出、目标为定量而实际为定性（或反之）、名称为“…率”却以“个”等计数单位计量，均提示核对。',
      en: 'Targets and actuals should read as comparator + number + unit: digits that cannot be read, a quantitative target with a qualitative actual (or the reverse), or a "…率" indicator counted in 个, are flagged.',
    },
    formula: '年度指标值、实际完成值 ∈ {比较符 数值 单位}',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: '财预〔2020〕10号 指标值填写要求；四川模板（指标性质/指标值/度量单位分列）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      for (const ind of form.indicators) {
        if (ind.notApplicable) continue;
        const t = ind.target.text.trim();
        const a = ind.actual.text.trim();
        const tf = ind.targetMeasure.figure;
        const af = ind.actualMeasure.figure;
        const problems: Array<{ zh: string; en: string }> = [];
        if (tf && /率$/.test(ind.level3.trim()) && tf.unit && COUNT_UNITS.has(tf.unit)) {
          problems.push({ zh: `指标名称为“…率”，年度指标值却以“${tf.unit}”计（${t}）`, en: `a rate indicator measured in ${tf.unit} (${t})` });
        }
        for (const [label, text, fig] of [['年度指标值', t, tf], ['实际完成值', a, af]] as const) {
          if (!fig && /\d/.test(text) && !PERIOD.test(text.replace(/\s+/g, ''))) {
            problems.push({ zh: `${label}“${text}”含数字但无法读成一个数值`, en: `${label} "${text}" has digits but no single readable figure` });
          }
        }
        if (tf && !af && a && !/\d/.test(a) && level1Key(ind.level1) !== '成本') {
          problems.push({ zh: `年度指标值为定量（${t}），实际完成值为文字（${a}），无法比对`, en: `quantitative target (${t}) but qualitative actual (${a})` });
        }
        if (tf && !af && a && !/\d/.test(a) && level1Key(ind.level1) === '成本') {
          problems.push({ zh: `成本目标为定量（${t}），实际完成值为文字（${a}），无法核对`, en: `quantitative cost target (${t}) but qualitative actual (${a})` });
        }
        if (problems.length === 0) continue;
        out.push({
          message: {
            zh: `${form.part}指标${indicatorName(ind)}：${problems.map((p) => p.zh).join('；')}`,
            en: `${form.part} indicator ${indicatorName(ind)}: ${problems.map((p) => p.en).join('; ')}`,
          },
          values: [],
          evidence: [factEvidence(ind.target, 'target'), factEvidence(ind.actual, 'actual')],
          expected: '比较符+数值+单位（如“≥50个”“95%以上”）',
          observed: `${t} / ${a}`,
          tolerance: null,
          part: form.part,
        });
      }
    }
    return out;
  },
};
