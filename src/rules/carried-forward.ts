import { factEvidence } from './finding.js';
import { exactValue, factNumber, isBlank } from './lib/amounts.js';
import { rowLabel, spendingColumnLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

/** E6 identical non-zero values across year columns (possibly carried forward from last year). */
export const rule: Rule = {
  meta: {
    id: 'carried-forward',
    version: 1,
    severity: 'info',
    catalogue: 'E6',
    title: { zh: '跨年数值完全相同', en: 'Identical values across years' },
    description: {
      zh: '基础数据表同一行上年决算数与本年预算数或本年决算数完全相同（非零），可能是沿用上年数据，提示核对。',
      en: "A row's last-year final equals this year's budget or final exactly (non-zero): possibly carried forward.",
    },
    formula: '上年决算数 = 本年预算数 或 上年决算数 = 本年决算数（≠0）',
    tolerance: '按书写值精确比较',
    families: 'all',
    source: '审核经验（基础数据表常见的沿用上年数据）',
  },
  check(report) {
    const bd = report.basicData;
    if (!bd) return [];
    const out: FindingDraft[] = [];
    for (const row of bd.spending) {
      const prev = exactValue(row.previousFinal);
      if (!prev || prev.isZero() || isBlank(row.previousFinal)) continue;
      for (const col of ['final', 'budget'] as const) {
        const v = exactValue(row[col]);
        if (!v || !v.eq(prev)) continue;
        out.push({
          message: {
            zh: `${bd.part}「${rowLabel(row)}」${spendingColumnLabel(bd, 'previousFinal')}与${spendingColumnLabel(bd, col)}同为${row[col]!.text.trim()}，请核对是否沿用上年数据`,
            en: `${bd.part} "${rowLabel(row)}": last year's final and ${col} are both ${row[col]!.text.trim()} — carried forward?`,
          },
          values: [factNumber(row.previousFinal)!, factNumber(row[col])!],
          evidence: [factEvidence(row.previousFinal!, 'previous'), factEvidence(row[col]!, col)],
          expected: '不同年度数据各自填报',
          observed: `${row.previousFinal!.text.trim()} = ${row[col]!.text.trim()}`,
          tolerance: '0（精确）',
          part: bd.part,
        });
        break;
      }
    }
    return out;
  },
};
