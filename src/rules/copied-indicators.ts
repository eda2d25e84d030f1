import { textEvidence } from './finding.js';
import { selfEvalForms, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Minimum indicator rows for a set to count as copied, and the share that must coincide. */
const MIN_ROWS = 5;
const MIN_SHARE = 0.8;

function rowKey(i: SelfEvalForm['indicators'][number]): string {
  return [i.level3, i.target.text, i.actual.text].map((s) => s.replace(/\s+/g, '')).join('|');
}

/** D10 indicator sets copied verbatim between tables. */
export const rule: Rule = {
  meta: {
    id: 'copied-indicators',
    version: 1,
    severity: 'info',
    catalogue: 'D10',
    title: { zh: '指标整体照搬', en: 'Indicator set copied between tables' },
    description: {
      zh: '两张自评表的三级指标（名称、年度指标值、实际完成值）有80%以上逐字相同，可能是照搬，未针对项目设置指标。',
      en: 'Two tables share 80% or more of their indicators verbatim (name, target, actual): possibly copied.',
    },
    formula: '|相同指标| ÷ min(|A|, |B|) ≥ 80%，且至少5行',
    tolerance: '名称与指标值去空白后逐字比较',
    families: 'all',
    source: '财预〔2020〕10号（绩效目标应与项目相关）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    const forms = selfEvalForms(report).filter((f) => f.indicators.filter((i) => !i.notApplicable).length >= MIN_ROWS);
    // each form's applicable rows and their keys, made once (every pair of forms compares them)
    const rowsOf = forms.map((f) => {
      const rows = f.indicators.filter((i) => !i.notApplicable);
      return { rows, keys: rows.map(rowKey) };
    });
    for (let x = 0; x < forms.length; x++) {
      for (let y = x + 1; y < forms.length; y++) {
        const a = rowsOf[x].rows;
        const b = rowsOf[y].rows;
        const bKeys = new Set(rowsOf[y].keys);
        const shared = a.filter((_, k) => bKeys.has(rowsOf[x].keys[k]));
        const smaller = Math.min(a.length, b.length);
        if (shared.length < MIN_ROWS || shared.length / smaller < MIN_SHARE) continue;
        const pct = Math.round((shared.length / smaller) * 100);
        const twin = b[rowsOf[y].keys.indexOf(rowKey(shared[0]))];
        out.push({
          message: {
            zh: `${forms[x].part}与${forms[y].part}有${shared.length}个三级指标（名称与指标值）逐字相同，占较小一表的${pct}%，可能照搬`,
            en: `${forms[x].part} and ${forms[y].part} share ${shared.length} indicators verbatim (${pct}% of the smaller table)`,
          },
          values: [shared.length, smaller],
          evidence: [textEvidence({ text: shared[0].level3, loc: shared[0].loc }, 'shared'), textEvidence({ text: twin.level3, loc: twin.loc }, 'shared')],
          expected: `< ${MIN_SHARE * 100}% 相同`,
          observed: `${pct}%`,
          tolerance: null,
          part: forms[y].part,
        });
      }
    }
    return out;
  },
};
