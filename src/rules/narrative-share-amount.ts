import type { NarrativeStat } from '../../schemas/narrative.js';
import { figureInterval, isExact, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { formatInterval, intersects, intervalOf, Rational, scaleInterval, type Interval } from '../numbers/decimal.js';
import { statsBySentence } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * C1 for shares written as "比例为金额": "总保费1293.45万元，中央财政补贴47.5%为614.39万元，省级财政补贴32.5%为
 * 420.37元". Each "X%为Y" names a share of the whole stated before it in the sentence (an amount called
 * 总…/合计/共计), so Y = whole × X%. The reading is taken only when another share of the same whole in
 * the sentence holds: then a share that does not hold is a slip — of its unit when it holds in 万元
 * for 元 (or the reverse), of its figure otherwise. A share alone in its sentence is not read (its
 * base may be another amount than the one before it).
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-share-amount',
    version: 1,
    severity: 'warning',
    catalogue: 'C1',
    title: { zh: '按比例分担的金额与总额不符', en: 'A share of a total, as an amount, does not match' },
    description: {
      zh: '叙述中“总额A，其中某方承担X%为B”：B应等于A×X%。同一句中另有按比例分担的金额相符时才检查（确认比例是对该总额而言）；不符时提示，若按元/万元换算后相符则指出疑为单位笔误。',
      en: 'A sentence stating a total and shares of it written "X%为B": B must equal total × X%. Read only when another share of the same total in the sentence holds; a unit slip (元 for 万元) is named as such.',
    },
    formula: 'B = A × X%',
    tolerance: '按书写精度的区间运算（A、X、B 各按其末位 ±½）',
    families: 'all',
    source: 'catalogue C1（总数与分项）用于按比例分担的金额',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    for (const stats of statsBySentence(report.statistics).values()) {
      const shares = sharesOf(stats);
      if (shares.length < 2) continue;
      const held = shares.filter((s) => intersects(expected(s), own(s.amount)));
      if (held.length === 0) continue;
      for (const s of shares) {
        const want = expected(s);
        if (intersects(want, own(s.amount))) continue;
        const slip = unitSlip(s.amount, want);
        drafts.push({
          severity: 'warning',
          message: {
            zh: `${placeName(report, s.amount)}称${statPhrase(s.whole)}，${s.percent.label}${s.percent.figure.text.trim()}${statPhrase(s.amount)}；按总额计应为${formatInterval(want, 2)}万元${slip ? `，与所写数字相同而单位不同，疑为单位笔误（应为${slip}）` : ''}（同句另有分担金额与总额相符）`,
            en: `${statPhrase(s.whole)}: ${s.percent.figure.text.trim()} of it is written ${s.amount.figure.text.trim()}, expected ${formatInterval(want, 2)} 万元${slip ? ` — the same digits in ${slip}: a unit slip` : ''}`,
          },
          values: [plain(s.amount.figure), plain(s.whole.figure), plain(s.percent.figure)],
          evidence: [statEvidence(s.whole, 'total'), statEvidence(s.percent, 'share'), statEvidence(s.amount, 'amount')],
          expected: `${formatInterval(want, 2)} 万元`,
          observed: s.amount.figure.text.trim(),
          tolerance: '按书写精度区间 / interval at the written precision',
          params: { whole: s.whole.figure.text.trim(), share: s.percent.figure.text.trim(), unitSlip: slip ?? '' },
          part: s.amount.loc.part,
        });
      }
    }
    return drafts;
  },
};

interface Share {
  whole: NarrativeStat;
  percent: NarrativeStat;
  amount: NarrativeStat;
}

/** The amount is written right after its share: "47.5%为614.39万元" (its label is only 为 / 是). */
const JOINED = /^[为是计]$/;
/** The whole the shares divide: a total named as such (总保费, 总额, 总投资, 合计, 共计). */
const WHOLE = /总|合计|共计/;

const money = (s: NarrativeStat) => s.dimension === 'money' && isExact(s.figure) && s.normalizedUnit === '万元';

/** "X%为Y" pairs of a sentence (in reading order) and the total before the first of them. */
function sharesOf(stats: NarrativeStat[]): Share[] {
  const out: Share[] = [];
  for (let i = 1; i < stats.length; i++) {
    const amount = stats[i];
    const percent = stats[i - 1];
    if (!money(amount) || !JOINED.test(amount.label.trim()) || percent.dimension !== 'percent' || percent.figure.unit !== '%' || !isExact(percent.figure)) continue;
    // back over the shares already read to the amount they divide
    let j = i - 2;
    while (j >= 1 && money(stats[j]) && JOINED.test(stats[j].label.trim()) && stats[j - 1].dimension === 'percent') j -= 2;
    const whole = stats[j];
    if (j < 0 || !whole || !money(whole) || !WHOLE.test(whole.label)) continue;
    out.push({ whole, percent, amount });
  }
  return out;
}

const own = (s: NarrativeStat): Interval => figureInterval(s.figure);

/** whole × share, both at their written precision (positive values). */
function expected(s: Share): Interval {
  const w = own(s.whole);
  const p = intervalOf(s.percent.figure.value, s.percent.figure.decimals);
  const hundredth = Rational.of(1, 100);
  return { lo: w.lo.mul(p.lo).mul(hundredth), hi: w.hi.mul(p.hi).mul(hundredth) };
}

/** The unit the written digits hold in when they do not in their own: 元 written for 万元, or the reverse. */
function unitSlip(amount: NarrativeStat, want: Interval): string | null {
  const written = intervalOf(amount.figure.value, amount.figure.decimals);
  if (amount.figure.unit === '元' && intersects(written, want)) return '万元';
  if (amount.figure.unit === '万元' && intersects(scaleInterval(written, Rational.of(1, 10000)), want)) return '元';
  return null;
}
