import type { Evidence } from '../../schemas/finding.js';
import { placeName, statEvidence, statPhrase } from '../narrative/compare.js';
import { documentView } from '../facts/document-view.js';
import { addIntervals, divIntervals, formatInterval, intersects, intervalOf, Rational, scaleInterval, subIntervals } from '../numbers/decimal.js';
import { statStart, statsByParagraph } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * E4 in prose (同比增减率): an amount, then how much it changed on last year and by what share —
 *   "财政拨款收入792.22万元,同比上年度增加209.28万元,增加35.9%。"  "2437.54万元,比上年减少497.8万元,下降16.96%。"
 * Last year's amount is this year's less the increase (plus the decrease), and the share is the change
 * over it. Read only where the change follows its amount directly (in its clause, or the next sentence's
 * opening "同比上年度增加…"), in the same unit, and the share follows the change directly.
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-change-rate',
    version: 1,
    severity: 'warning',
    catalogue: 'E4',
    title: { zh: '同比增减额与增减率不符', en: 'A change on last year and its rate disagree' },
    description: {
      zh: '叙述中写明本年金额、同比（比上年、较上年）增减额与增减率（“收入792.22万元，同比上年度增加209.28万元，增加35.9%”）：上年金额 = 本年金额 − 增加额（或 + 减少额），增减率应等于增减额 ÷ 上年金额。仅在增减额紧随本年金额（同一分句，或下一句以“同比…”开头）、单位相同、增减率紧随增减额时检查。',
      en: 'An amount, its change on last year and the change\'s rate ("收入792.22万元，同比上年度增加209.28万元，增加35.9%"): last year = this year − the increase (+ the decrease), and the rate is the change over it. Read only where the change follows its amount directly, in the same unit, and the rate follows the change.',
    },
    formula: '增减率 = 增减额 ÷ (本年金额 ∓ 增减额) × 100%',
    tolerance: '金额、比率均按书写精度的舍入区间（±½末位）',
    families: 'all',
    source: 'catalogue E4（变动率）用于正文叙述的同比增减',
  },
  check(report, ctx) {
    const doc = ctx.document;
    if (!doc) return [];
    const view = documentView(doc);
    const drafts: FindingDraft[] = [];
    for (const [p, stats] of statsByParagraph(report.statistics)) {
      if (!stats.some((s) => s.dimension === 'percent' && s.narrative != null)) continue;
      const text = view.compactParagraph(p);
      if (!CHANGE_WORD.test(text)) continue;
      CHANGE.lastIndex = 0;
      for (let m = CHANGE.exec(text); m; m = CHANGE.exec(text)) {
        const [, level, levelUnit, , verb, change, changeUnit, rate] = m;
        if (levelUnit !== changeUnit) continue;
        const decrease = /减|降/.test(verb);
        const now = intervalOf(level.replace(/,/g, ''), decimalsOf(level));
        const delta = intervalOf(change.replace(/,/g, ''), decimalsOf(change));
        const before = decrease ? addIntervals([now, delta]) : subIntervals(now, delta);
        const q = divIntervals(delta, before);
        if (!q) continue;
        const computed = scaleInterval(q, Rational.of(100));
        const printed = intervalOf(rate, decimalsOf(rate));
        if (intersects(computed, printed)) continue;
        const nowExact = Rational.parse(level.replace(/,/g, ''));
        const deltaExact = Rational.parse(change.replace(/,/g, ''));
        const prev = decrease ? nowExact.add(deltaExact) : nowExact.sub(deltaExact);
        const exact = deltaExact.div(prev).mul(Rational.of(100));
        // the statistics at the three figures, for their places; the paragraph's first when one was not read as one
        const at = (offset: number) =>
          stats.find((s) => {
            const start = statStart(s);
            return start !== null && Math.abs(start - offset) <= 1;
          });
        const levelAt = m.index;
        const changeAt = m.index + m[0].indexOf(change, m[0].indexOf(verb));
        const rateAt = m.index + m[0].lastIndexOf(rate);
        const places = [at(levelAt), at(changeAt), at(rateAt)];
        const anchor = places.find((s) => s) ?? stats[0];
        const evidence: Evidence[] = places.flatMap((s, k) => (s ? [statEvidence(s, ['current', 'change', 'rate'][k])] : []));
        if (evidence.length === 0) evidence.push({ text: m[0], value: Number(rate), location: anchor.loc, role: 'rate' });
        const unit = levelUnit;
        drafts.push({
          message: {
            zh: `${placeName(report, anchor)}称${places[0] ? statPhrase(places[0]) : `${level}${unit}`}，同比${verb}${change}${unit}、${verb}${rate}%：上年应为${prev.toString(4)}${unit}（${level}${decrease ? '+' : '−'}${change}），${decrease ? '下降' : '增长'}率应为${exact.toFixed(2)}%`,
            en: `${placeName(report, anchor)}: ${level} ${unit}, ${decrease ? 'down' : 'up'} ${change} ${unit} on last year, stated as ${rate}%; last year was ${prev.toString(4)}, so the rate is ${exact.toFixed(2)}%`,
          },
          values: [Number(rate), Number(exact.toFixed(2)), nowExact.toNumber(), deltaExact.toNumber()],
          evidence,
          expected: `${exact.toFixed(2)}%`,
          observed: `${rate}%`,
          tolerance: `金额、比率按书写精度±½末位；计算区间 ${formatInterval(computed, 3)}%`,
          params: { decrease },
          part: anchor.loc.part,
        });
      }
    }
    return drafts;
  },
};

const AMOUNT = '(\\d[\\d,]*(?:\\.\\d+)?)';
const CHANGE_WORD = /(?:同比|比上年|较上年|与上年相比|比去年|较去年)/;
/**
 * 本年金额 (its unit) · within its clause or the next sentence's opening · 同比/比上年… 增加/减少 · 增减额 (the same unit) ·
 * the rate right after (增长/下降/增幅 … N%).
 */
const CHANGE = new RegExp(
  `${AMOUNT}(亿元|万元|元)[。，,]?(同比上年度?|同比|比上年度?|较上年度?|与上年相比|比去年|较去年)(增加|减少|增长|下降|降低)了?${AMOUNT}(亿元|万元|元)[，,](?:同比)?(?:增加|减少|增长|下降|降低|增幅|降幅|增长率|下降率)(?:为|了)?${AMOUNT.replace('[\\d,]*', '\\d*')}[%％]`,
  'g',
);

function decimalsOf(written: string): number {
  const dot = written.indexOf('.');
  return dot < 0 ? 0 : written.length - dot - 1;
}
