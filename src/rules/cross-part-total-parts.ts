import { explainPair, factIndex, measureOf, MONEY_TOLERANCE, moneyInterval, moneyTolerance, type IndexedFact } from '../facts/index.js';
import { addIntervals, formatInterval, Rational, type Interval } from '../numbers/decimal.js';
import { evidenceOf, pairParams, phraseOf, placeOf, severityFor } from './lib/cross-part.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * X1 (issue 19): a whole stated in one part, its parts in another. The department report names a
 * figure ("公用经费19.56万元"); the 基础数据表 lists that row's 其中 lines (办公经费 7.88, 水费、电费、
 * 差旅费 23.16, 会议费、培训费 1.69). The 其中 lines may be partial, so the relation is Σ parts ≤
 * whole; parts above the whole beyond rounding is the finding. Same measure (the row the lines
 * belong to), same year (the column whose year the prose speaks of), same subject (部门整体).
 */
export const rule: Rule = {
  meta: {
    id: 'cross-part-total-parts',
    version: 2,
    severity: 'warning',
    catalogue: 'X1',
    title: { zh: '总数与分项分处两处不符', en: 'A whole in one part exceeded by its parts in another' },
    description: {
      zh: '叙述报告所述总数（如公用经费）小于基础数据表中该行“其中”各项之和：总数与分项分处报告不同部分，分项之和不应超过总数。',
      en: 'A whole stated in the narrative (e.g. 公用经费) is below the sum of its 其中 lines in the 基础数据表.',
    },
    formula: 'Σ 其中分项（基础数据表同年决算/预算列） ≤ 叙述所述总数',
    tolerance: `${MONEY_TOLERANCE}，分项之和区间下限超过总数区间上限才提示；约/以上的金额不比较`,
    families: 'all',
    source: 'issue 19 class 1；基础数据表“公用经费”填报基本支出中的一般商品和服务支出',
  },
  check(report) {
    const index = factIndex(report);
    const drafts: FindingDraft[] = [];
    // 基础数据表 其中 lines by (parent row, column)
    const groups = new Map<string, IndexedFact[]>();
    for (const f of index.facts) {
      if (f.source !== 'basic-data' || !f.parentLabel || !f.column) continue;
      const key = `${measureOf(f.parentLabel).key}|${f.column}`;
      const g = groups.get(key) ?? [];
      g.push(f);
      groups.set(key, g);
    }
    if (!groups.size) return drafts;
    const seen = new Set<string>();
    for (const whole of index.facts) {
      if (whole.source !== 'narrative' || whole.subject.kind !== 'dept' || whole.statement.dimension !== 'money' || !whole.statement.exact) continue;
      if (whole.stat?.partOf && whole.stat.relation === 'component') continue; // a listed part of another total
      const column = /预算/.test(whole.text) && !/决算|支出数|执行/.test(whole.text) ? 'budget' : 'final';
      const parts = groups.get(`${whole.measure.key}|${column}`);
      if (!parts || parts.length < 2) continue;
      if (whole.year !== null && parts[0].year !== null && whole.year !== parts[0].year) continue;
      const key = `${whole.measure.key}|${column}|${whole.statement.value}`;
      if (seen.has(key)) continue;
      // each amount on the index's money path: its written precision, two decimals at least for 万元
      const w = moneyInterval(whole);
      const each = parts.map((p) => moneyInterval(p));
      if (!w || each.some((i) => !i)) continue;
      const sumInt = addIntervals(each as Interval[]);
      if (!sumInt.lo.gt(w.hi)) continue;
      seen.add(key);
      // the pairing is between the whole and the row the 其中 lines belong to
      const pair = explainPair(whole, { ...parts[0], measure: measureOf(parts[0].parentLabel!) });
      pair.reasons.push(`基础数据表“${parts[0].parentLabel}”行的${parts.length}个其中项`);
      const sum = parts.reduce((acc, p) => acc.add(Rational.parse(p.statement.value)), Rational.of(0));
      const listed = parts.map((p) => `${p.measure.words.replace(/^其中[：:]?/, '')}${p.statement.figure.text.trim()}`).join(' + ');
      const where = parts[0].location.part ?? '基础数据表';
      drafts.push({
        severity: severityFor(pair.confidence),
        message: {
          zh: `${placeOf(report, whole)}称${phraseOf(whole)}，而${where}“${parts[0].parentLabel}”的其中项${listed} = ${sum.toString(6)}万元，分项之和超过总数（配对依据：${pair.reasons.join('，')}）`,
          en: `${whole.location.part}: ${whole.statement.figure.text} stated as the whole, but its lines in ${where} add up to ${sum.toString(6)} (parts exceed the whole)`,
        },
        values: [Rational.parse(whole.statement.value).toNumber(), sum.toNumber()],
        evidence: [evidenceOf(whole, 'total'), ...parts.map((p) => evidenceOf(p, 'part'))],
        expected: `≤ ${whole.statement.value}万元`,
        observed: `${sum.toString(6)}万元（区间 ${formatInterval(sumInt, 4)}）`,
        tolerance: `${moneyTolerance([whole, ...parts])}：总数与${parts.length}个分项`,
        params: { ...pairParams(pair), relation: '≤', column },
        part: whole.location.part,
      });
    }
    return drafts;
  },
};
