import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, normalize, placeName, plain, restatementAgrees, restatementOf, statEvidence, statPhrase } from '../narrative/compare.js';
import type { Report } from '../../schemas/report.js';
import { intervalOf, Rational, type Interval } from '../numbers/decimal.js';
import { statsBySentence } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/** A rate of spending named in prose (执行率, 支付率, 拨付率 …); 到位率 and 完成率 measure other things. */
const RATE = /(执行|支付|拨付|使用|支出|发放)率/;
/** What was not spent: the remainder of the same money (checked first: 未支付 contains 支付); 未支 is 未支付 cut short. */
const UNSPENT = /未(支付|拨付|执行|使用|支出|发放|支(?!持))|结余|剩余/;
/** What was spent. */
const SPENT = /已?(支付|拨付|执行数?|使用|支出|发放)/;
/** The money available: the base of the rate (落实: the money secured, "共落实棚户区改造258.8556万元"). */
const BASE = /资金|预算|下达|总额|合计|安排|到位|投资|收到|落实/;

/** A fund a project draws on ("使用统筹整合资金"): 使用 before a fund's name, no 已 / 实际 / 累计 saying it was spent. */
const FUND_DRAWN = /^(?!.*(?:已|实际|累计|完成|共计?)使用).*使用[^，,；;。：:]{2,}(?:资金|经费)$/;
/** The amount said to be executed: the 执行数 or 实际支出 of the same money. */
const EXECUTED = /执行数|支出数|实际支出|已支出|已支付/;

type Role = 'unspent' | 'spent' | 'base' | null;

function roleOf(stat: NarrativeStat): Role {
  if (UNSPENT.test(stat.label)) return 'unspent';
  if (SPENT.test(stat.label)) return 'spent';
  if (BASE.test(stat.label)) return 'base';
  return null;
}

function interval(stat: NarrativeStat): Interval {
  const n = normalize(stat.figure);
  return intervalOf(n.value, n.decimals);
}

/**
 * One cause, one finding: when an amount of the sentence already disagrees with the table figure it
 * restates (figure-mismatch reports that), the rate computed from it is not a second finding.
 */
function restatementDisagrees(report: Report, stats: NarrativeStat[]): boolean {
  const ids = new Set(stats.map((s) => s.id));
  return report.links.some((link) => {
    if (!ids.has(link.statId)) return false;
    const r = restatementOf(report, link);
    return r !== null && !restatementAgrees(r.a, r.b);
  });
}

/** A rate of spending in prose and what the amounts before it in its sentence make it (per cent). */
export interface RateAgainstAmounts {
  rate: NarrativeStat;
  p: NarrativeStat;
  others: NarrativeStat[];
  formula: string;
  computed: Interval;
}

const ratesOf = new WeakMap<readonly NarrativeStat[], readonly RateAgainstAmounts[]>();

/**
 * Every rate of spending stated with the amounts it is computed from, and the rate those amounts give: read once
 * per report's statistics (this rule and narrative-restated-differs both ask); shared, do not change it.
 */
export function ratesAgainstAmounts(report: Report): readonly RateAgainstAmounts[] {
  let rates = ratesOf.get(report.statistics);
  if (!rates) {
    rates = readRatesAgainstAmounts(report);
    ratesOf.set(report.statistics, rates);
  }
  return rates;
}

function readRatesAgainstAmounts(report: Report): RateAgainstAmounts[] {
  const out: RateAgainstAmounts[] = [];
  // statistics of one sentence, in reading order
  for (const stats of statsBySentence(report.statistics).values()) {
    let from = 0;
    stats.forEach((rate, i) => {
      if (rate.dimension !== 'percent') return;
      const before = stats.slice(from, i);
      from = i + 1;
      if (!RATE.test(rate.label) || !isExact(rate.figure) || rate.figure.unit !== '%') return;
      const money = before.filter((s) => s.dimension === 'money');
      if (money.some((s) => !isExact(s.figure))) return;
      const of = (role: Role) => money.filter((s) => roleOf(s) === role);
      let [spent, unspent, base] = [of('spent'), of('unspent'), of('base')];
      // "项目使用统筹整合资金850万元,…,全年执行数850万元,执行率100%": a fund the project draws on, named
      // before the amount its sentence says was executed, is the rate's base, not a second spending
      if (spent.length === 2 && base.length === 0 && unspent.length === 0 && FUND_DRAWN.test(spent[0].label) && EXECUTED.test(spent[1].label) && !FUND_DRAWN.test(spent[1].label)) {
        base = [spent[0]];
        spent = [spent[1]];
      }
      if (spent.length !== 1) return;
      const p = spent[0];
      let q: Interval;
      let formula: string;
      let others: NarrativeStat[];
      if (unspent.length === 1) {
        const u = unspent[0];
        const pi = interval(p);
        const ui = interval(u);
        q = { lo: pi.lo.div(pi.lo.add(ui.hi)), hi: pi.hi.div(pi.hi.add(ui.lo)) };
        formula = `${p.figure.text.trim()} ÷ (${p.figure.text.trim()} + ${u.figure.text.trim()})`;
        others = [u];
      } else if (unspent.length === 0 && base.length === 1 && base[0] !== p) {
        const b = base[0];
        const pi = interval(p);
        const bi = interval(b);
        if (bi.lo.le(Rational.of(0))) return;
        q = { lo: pi.lo.div(bi.hi), hi: pi.hi.div(bi.lo) };
        formula = `${p.figure.text.trim()} ÷ ${b.figure.text.trim()}`;
        others = [b];
      } else return;
      const hundred = Rational.of(100);
      out.push({ rate, p, others, formula, computed: { lo: q.lo.mul(hundred), hi: q.hi.mul(hundred) } });
    });
  }
  return out;
}

/** Ids of rates the amounts of their own sentence contradict (narrative-rate reports each of them). */
export function ratesContradictedByAmounts(report: Report): Set<string> {
  const out = new Set<string>();
  for (const { rate, computed } of ratesAgainstAmounts(report)) {
    const r = intervalOf(rate.figure.value, rate.figure.decimals);
    if (!(r.lo.le(computed.hi) && computed.lo.le(r.hi))) out.add(rate.id);
  }
  return out;
}

/**
 * A rate of spending stated in prose together with the amounts it is computed from, in the same
 * sentence: "已支付18501.096万元，未支付703万元，支付率95%" (18501.096 ÷ 19204.096 = 96.34%) or
 * "项目资金2179万元，已完成拨付2113.63万元，执行率97%". The amounts are read by their words (已支付 /
 * 未支付 / 资金); a sentence with two amounts of one kind is left alone.
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-rate',
    version: 4,
    severity: 'warning',
    catalogue: 'A1',
    title: { zh: '叙述中的执行率与同句金额不符', en: 'A rate in prose disagrees with the amounts of its sentence' },
    description: {
      zh: '报告正文同一句中写出的执行率（支付率、拨付率）应等于同句所写已支付金额除以资金总额（或已支付与未支付之和）；“培训2399人，完成市目标任务数2000人的120%”一类完成比例应等于前一数除以目标数。“项目使用××资金X万元，…全年执行数Y万元，执行率Z”中“使用”其后接资金名者为项目所用资金（比率的分母），不是第二笔支出。金额与比率的对应按措辞判断，故为警告。',
      en: 'A spending rate written in prose equals the spent amount of its own sentence divided by the available amount (or by spent + unspent); "培训2399人，完成市目标任务数2000人的120%" equals the figure before it divided by the target. In "项目使用××资金X万元，…全年执行数Y万元，执行率Z" the fund the project draws on (使用 before a fund\'s name) is the base, not a second spending.',
    },
    formula: '执行率 = 已支付 ÷ 资金总额，或 已支付 ÷ (已支付 + 未支付)；完成比例 = 完成数 ÷ 目标数',
    tolerance: '比率按书写精度±½末位，金额按书写精度±½末位，区间相交即相符',
    families: 'all',
    source: 'catalogue A1（执行率）用于正文叙述',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    for (const { rate, p, others, formula, computed } of ratesAgainstAmounts(report)) {
      const r = intervalOf(rate.figure.value, rate.figure.decimals);
      if (r.lo.le(computed.hi) && computed.lo.le(r.hi)) continue;
      if (restatementDisagrees(report, [rate, p, ...others])) continue;
      const mid = computed.lo.add(computed.hi).div(Rational.of(2));
      drafts.push({
        message: {
          zh: `${placeName(report, rate)}称${statPhrase(rate)}，但同句${others.map(statPhrase).concat(statPhrase(p)).join('、')}，按 ${formula} 计算为${mid.toFixed(2)}%`,
          en: `${placeName(report, rate)}: ${rate.label} ${rate.figure.text.trim()}, but ${formula} = ${mid.toFixed(2)}% in the same sentence`,
        },
        values: [plain(rate.figure), Number(mid.toFixed(2)), plain(p.figure), ...others.map((o) => plain(o.figure))],
        evidence: [statEvidence(rate, 'rate'), statEvidence(p, 'spent'), ...others.map((o) => statEvidence(o, roleOf(o) === 'unspent' ? 'unspent' : 'base'))],
        expected: `${mid.toFixed(2)}%（${formula}）`,
        observed: rate.figure.text.trim(),
        tolerance: '比率±½末位，金额±½末位 / ±½ of the last written digit',
        part: rate.loc.part,
      });
    }
    // shares of completion: "完成市目标任务数2000人的120%"
    for (const stats of statsBySentence(report.statistics).values()) {
      stats.forEach((rate, i) => {
        if (rate.dimension !== 'percent' || rate.figure.unit !== '%' || !isExact(rate.figure) || RATE.test(rate.label)) return;
        const d = completion(report, stats, i);
        if (d) drafts.push(d);
      });
    }
    return drafts;
  },
};

/** The target a share of completion is of: "完成市目标任务数2000人" (的120%). */
const TARGET = /完成.*(?:目标|任务|计划)/;

/**
 * "培训2399人，完成市目标任务数2000人的120%": the share after 的 is the figure before the target (same
 * unit, its own clause) divided by the target. Only where the target stands right before "的" and the
 * share, and the figure before it is the sentence's only other one of that unit.
 */
function completion(report: Report, stats: NarrativeStat[], i: number): FindingDraft | null {
  const rate = stats[i];
  const target = stats[i - 1];
  if (!target || !TARGET.test(target.label) || !isExact(target.figure) || !target.normalizedUnit) return null;
  if (!rate.sentence.replace(/\s+/g, '').includes(`${target.figure.text.trim()}的${rate.figure.text.trim()}`.replace(/\s+/g, ''))) return null;
  const same = stats.slice(0, i - 1).filter((s) => s.normalizedUnit === target.normalizedUnit && s.dimension === target.dimension);
  if (same.length !== 1 || !isExact(same[0].figure) || TARGET.test(same[0].label)) return null;
  const done = same[0];
  const d = interval(done);
  const t = interval(target);
  if (t.lo.le(Rational.of(0))) return null;
  const hundred = Rational.of(100);
  const computed = { lo: d.lo.div(t.hi).mul(hundred), hi: d.hi.div(t.lo).mul(hundred) };
  const r = intervalOf(rate.figure.value, rate.figure.decimals);
  if (r.lo.le(computed.hi) && computed.lo.le(r.hi)) return null;
  const mid = computed.lo.add(computed.hi).div(Rational.of(2));
  const formula = `${done.figure.text.trim()} ÷ ${target.figure.text.trim()}`;
  return {
    message: {
      zh: `${placeName(report, rate)}称${statPhrase(done)}、${statPhrase(target)}的${rate.figure.text.trim()}，但按 ${formula} 计算为${mid.toFixed(2)}%`,
      en: `${placeName(report, rate)}: ${rate.figure.text.trim()} of ${target.figure.text.trim()}, but ${formula} = ${mid.toFixed(2)}%`,
    },
    values: [plain(rate.figure), Number(mid.toFixed(2)), plain(done.figure), plain(target.figure)],
    evidence: [statEvidence(rate, 'rate'), statEvidence(done, 'done'), statEvidence(target, 'target')],
    expected: `${mid.toFixed(2)}%（${formula}）`,
    observed: rate.figure.text.trim(),
    tolerance: '比率±½末位，数字±½末位 / ±½ of the last written digit',
    part: rate.loc.part,
  };
}
