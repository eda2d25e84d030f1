import type { SpendingRow } from '../../schemas/records.js';
import { factEvidence } from './finding.js';
import { exactValue, isBlank } from './lib/amounts.js';
import { Rational } from '../numbers/decimal.js';
import { paramsOf } from './lib/forms.js';
import { sumFinding } from './lib/sum-finding.js';
import { rowLabel, SPENDING_COLUMNS, spendingColumnLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

/** E2 三公经费 = 公务用车 (购置 + 运行维护) + 出国 + 公务接待, per column. */
export const rule: Rule = {
  meta: {
    id: 'three-public-sum',
    version: 1,
    severity: 'error',
    catalogue: 'E2',
    title: { zh: '“三公”经费合计', en: '"Three public" costs add up' },
    description: {
      zh: '基础数据表“三公”经费在各年度列应等于公务用车购置和维护经费、出国经费、公务接待之和；公务用车经费应等于公车购置与公车运行维护之和。合计行空白而分项有数时提示补填。',
      en: 'The "three public" total equals vehicles + overseas trips + reception in each column; vehicles = purchase + running. A blank total with filled parts is a warning.',
    },
    formula: '“三公”经费 = 公务用车购置和维护 + 出国经费 + 公务接待；公务用车 = 公车购置 + 公车运行维护',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效评价基础数据表；财预〔2013〕53号“三公经费变动率”',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const bd = report.basicData;
    if (!bd) return [];
    const by = (key: string): SpendingRow | undefined => bd.spending.find((r) => r.key === key);
    const total = by('three-public');
    const vehicle = by('vehicle');
    const purchase = by('vehicle-purchase');
    const running = by('vehicle-running');
    const overseas = by('overseas');
    const reception = by('reception');
    const out: FindingDraft[] = [];
    const params = { family: p.family, moneyDecimals: p.moneyDecimals };
    const check = (t: SpendingRow | undefined, parts: Array<SpendingRow | undefined>) => {
      const ps = parts.filter((x): x is SpendingRow => !!x);
      if (!t || ps.length === 0) return;
      const blankCols: string[] = [];
      const sums: number[] = [];
      for (const col of SPENDING_COLUMNS) {
        const tf = t[col];
        const filled = ps.filter((x) => x[col] && !isBlank(x[col]));
        if (!tf || isBlank(tf)) {
          if (filled.length) {
            blankCols.push(spendingColumnLabel(bd, col));
            const values = filled.map((x) => exactValue(x[col]));
            sums.push(values.reduce<Rational>((a, v) => (v ? a.add(v) : a), Rational.of(0)).toNumber());
          }
          continue;
        }
        const d = sumFinding({
          part: bd.part,
          totalName: { zh: `「${rowLabel(t)}」${spendingColumnLabel(bd, col)}`, en: `${rowLabel(t)} (${col})` },
          total: tf,
          parts: ps.map((x) => ({ name: rowLabel(x), fact: x[col] })),
          minDecimals: p.moneyDecimals,
          params,
        });
        if (d) out.push(d);
      }
      if (blankCols.length) {
        out.push({
          severity: 'warning',
          message: {
            zh: `${bd.part}「${rowLabel(t)}」合计行在${blankCols.join('、')}未填，而其分项（${ps.map(rowLabel).join('、')}）已填，合计应为${sums.join('、')}`,
            en: `${bd.part}: the "${rowLabel(t)}" total is blank in ${blankCols.join(', ')} although its parts are filled (sums ${sums.join(', ')})`,
          },
          values: sums,
          evidence: [{ text: t.label, value: null, location: t.loc, role: 'total' }, ...ps.flatMap((x) => SPENDING_COLUMNS.map((c) => x[c]).filter((f) => f && !isBlank(f)).map((f) => factEvidence(f!, 'part')))],
          expected: `合计 ${sums.join(' / ')}`,
          observed: '（空）',
          tolerance: null,
          missing: blankCols.map((c) => `${rowLabel(t)} ${c}`),
          params,
          part: bd.part,
        });
      }
    };
    check(total, vehicle ? [vehicle, overseas, reception] : [purchase, running, overseas, reception]);
    check(vehicle, [purchase, running]);
    return out;
  },
};
