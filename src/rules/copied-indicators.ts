import { textEvidence } from './finding.js';
import { selfEvalForms, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Minimum indicator rows for a set to count as copied, and the share that must coincide. */
const MIN_ROWS = 5;
const MIN_SHARE = 0.8;
/** Earlier forms a form is reported as copying; past them one finding says there are more. */
const MAX_TWINS = 3;

function rowKey(i: SelfEvalForm['indicators'][number]): string {
  return [i.level3, i.target.text, i.actual.text].map((s) => s.replace(/\s+/g, '')).join('|');
}

/** Rows of `a` whose keys the other form has too. */
function sharedRows(a: { rows: SelfEvalForm['indicators']; keys: string[] }, otherKeys: Set<string>): SelfEvalForm['indicators'] {
  return a.rows.filter((_, k) => otherKeys.has(a.keys[k]));
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
      zh: '两张自评表的三级指标（名称、年度指标值、实际完成值）有80%以上逐字相同，可能是照搬，未针对项目设置指标。每张表最多列出与之前3张表的照搬，与更多表相同时另作一条提示。',
      en: 'Two tables share 80% or more of their indicators verbatim (name, target, actual): possibly copied. Each table names at most 3 earlier tables; sharing with more is one further note.',
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
    // each form names at most MAX_TWINS earlier forms it shares its indicators with, and one more finding
    // says it shares them with still others: a county's 60 copied forms give 60 × 3 findings, not 60² / 2
    const twins: Array<[number, number]> = [];
    const crowded: Array<[number, number]> = [];
    for (let y = 1; y < forms.length; y++) {
      const bKeys = new Set(rowsOf[y].keys);
      let found = 0;
      for (let x = 0; x < y && found <= MAX_TWINS; x++) {
        const shared = sharedRows(rowsOf[x], bKeys);
        if (shared.length < MIN_ROWS || shared.length / Math.min(rowsOf[x].rows.length, rowsOf[y].rows.length) < MIN_SHARE) continue;
        if (++found <= MAX_TWINS) twins.push([x, y]);
        else crowded.push([x, y]);
      }
    }
    twins.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [x, y] of twins) {
      const a = rowsOf[x].rows;
      const b = rowsOf[y].rows;
      const shared = sharedRows(rowsOf[x], new Set(rowsOf[y].keys));
      const smaller = Math.min(a.length, b.length);
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
    for (const [x, y] of crowded) {
      const first = rowsOf[y].rows[0];
      out.push({
        message: {
          zh: `${forms[y].part}的三级指标还与${forms[x].part}等更多的表逐字相同；已列出与前${MAX_TWINS}张表的照搬，与其余各表未再逐一比较`,
          en: `${forms[y].part} also shares its indicators with ${forms[x].part} and possibly more tables; ${MAX_TWINS} are listed, the rest were not compared one by one`,
        },
        values: [MAX_TWINS],
        evidence: [textEvidence({ text: first.level3, loc: first.loc }, 'shared')],
        expected: `< ${MIN_SHARE * 100}% 相同`,
        observed: `与${MAX_TWINS}张以上的表相同`,
        tolerance: null,
        part: forms[y].part,
      });
    }
    return out;
  },
};
