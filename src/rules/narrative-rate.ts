import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, normalize, placeName, plain, restatementAgrees, restatementOf, statEvidence, statPhrase } from '../narrative/compare.js';
import type { Report } from '../../schemas/report.js';
import { intervalOf, Rational, type Interval } from '../numbers/decimal.js';
import { statsBySentence } from './lib/sentences.js';
import { statementYear } from './lib/restated-label.js';
import { compactKey } from '../text/normalize.js';
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
    version: 5,
    severity: 'warning',
    catalogue: 'A1',
    title: { zh: '叙述中的执行率与同句金额不符', en: 'A rate in prose disagrees with the amounts of its sentence' },
    description: {
      zh: '报告正文同一句中写出的执行率（支付率、拨付率）应等于同句所写已支付金额除以资金总额（或已支付与未支付之和）；“培训2399人，完成市目标任务数2000人的120%”一类完成比例应等于前一数除以目标数。“项目使用××资金X万元，…全年执行数Y万元，执行率Z”中“使用”其后接资金名者为项目所用资金（比率的分母），不是第二笔支出。资金两个阶段的比率（执行率、使用率、到位率、分配率、完成进度等）写作100%，即称已达金额与其基数相等，须一致到末位（舍入后为100%者亦不可）：基数为同句此前的金额，同句没有时取前两段内最近的同一主体（如“地方”）整数金额（非其中分项），该金额须为下达、安排、投入、目标值等基数，中间另有金额（如“调减40万元”）者不配对；“进度”可能相对合同或工期而言，基数不是目标值、计划数者仅作提示。同句依次写出应有数、实际数与以“超”开头的超出数（“应配套X万元，实际配套到位Y万元，超规模配套Z万元”“编制X人，实有Y人，超编Z人”）者，超出数应等于实际数减应有数（按书写精度的舍入区间；同一精度书写而只在舍入区间内相符者为提示）。金额与比率的对应按措辞判断，故为警告。',
      en: 'A spending rate written in prose equals the spent amount of its own sentence divided by the available amount (or by spent + unspent); "培训2399人，完成市目标任务数2000人的120%" equals the figure before it divided by the target. In "项目使用××资金X万元，…全年执行数Y万元，执行率Z" the fund the project draws on (使用 before a fund\'s name) is the base, not a second spending. A rate of two stages of the money (执行率, 使用率, 到位率, 分配率, 完成进度 …) written as 100% says the reached amount equals its base to the last digit (one that merely rounds to 100% does not): the base is the amount before it in its sentence, else the nearest earlier whole amount (no 其中 part) of the same owner (地方 …) within two paragraphs, when that names a base stage (下达, 安排, 投入, 目标值 …); another amount between them (调减40万元) leaves no pair; a 进度 may be against a schedule, so unless its base is the target (目标值, 计划) it is info. A sentence stating what was due, what was actual and the excess named by 超, in that order and one unit ("应配套X万元,实际配套到位Y万元,超规模配套Z万元", "编制X人,实有Y人,超编Z人"), has the excess equal to actual less due.',
    },
    formula: '执行率 = 已支付 ÷ 资金总额，或 已支付 ÷ (已支付 + 未支付)；完成比例 = 完成数 ÷ 目标数；比率100% ⇒ 已达金额 = 基数；超出数 = 实际数 − 应有数',
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
    // a 100% rate of two stages of the money (执行率, 到位率, 分配率, 完成进度): the two amounts are one
    for (const pair of stagesSaidEqual(report)) drafts.push(stagesDraft(report, pair));
    // an excess over what was due: "应配套X万元,实际配套到位Y万元,超规模配套Z万元"
    drafts.push(...excessDrafts(report));
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

/** A rate of one stage of the money against another (执行率, 到位率, 分配率, 完成进度): at 100% the two amounts are one. */
const STAGE_RATE = /(?:执行|支付|拨付|使用|支出|发放|兑付|到位|分配|下达)率|(?:完成|执行|下达|拨付|支付)进度/;
/** The stage an amount is said to have reached (下达, 到位, 分配, 支出 …). */
const STAGE = /下达|到位|拨付|拨入|支出|支付|使用|执行|发放|分配|完成|兑付|落实|收到/;
/** The amount a stage is measured against: what was planned, allotted or secured. */
const STAGE_BASE = /下达|安排|预算|总额|合计|投入|落实|目标值|计划|核定|总投资|共计/;
/** A base that is the plan a 进度 is measured against. */
const PLANNED = /目标|计划|任务/;
/** Not the whole of the money: a remainder, a carry-over, an excess or a part. */
const NOT_BASE = /未|结转|结余|剩余|其中|超/;
/** Words of a stage amount's name that say nothing of whose money it is (年度, 我县, 资金, 已, 下达 …). */
const GENERIC_NAME = /(?:19|20)\d{2}年度?|20xx年度?|xx年度?|截[至止]|[我本该][县市区省州校局院站所委单位部门项目]{1,3}|资金|经费|补助|补贴|财政|项目|金额|预算|下达|拨付|拨入|支出|支付|使用|执行|发放|分配|完成|兑付|落实|收到|安排|投入|实际|目前|当年|全年|累计|共计|合计|[已共计为了的到位数]/g;

/** Two amounts a 100% rate says are one: the stage reached and the amount it is measured against. */
export interface StagesPair {
  rate: NarrativeStat;
  reached: NarrativeStat;
  base: NarrativeStat;
  /** the base is in the rate's own sentence (else the nearest before it, within two paragraphs) */
  sameSentence: boolean;
}

/**
 * "共落实棚户区改造258.8556万元,目前已支出258.8556万元,资金使用率为100%"; "下达…绩效目标值2373.51万元。已下达补助
 * 2373.51万元,完成进度100%"; "已分配资金2166.00万元,资金分配率为100%" after "下达…发展资金2166.00万元": a stage rate
 * written as exactly 100% says the amount reached equals its base, to the last written digit (a rounded 100% would
 * let 258.8557 ÷ 258.8556 pass). The reached amount is the one money figure of the rate's clause (after the
 * previous rate) naming a stage; the base the money figure before it in that clause, or else the nearest earlier
 * whole amount (no 其中 part) within two paragraphs naming whose money it is as the reached amount does ("地方资金完成"
 * ← "地方投入…资金"), when it names a base stage (下达, 安排, 投入, 目标值 …) and no remainder — another amount
 * nearer ("调减40万元,全年实际下达71万元") leaves the rate without a base. Rates the amounts of their own
 * sentence already contradict are narrative-rate's other finding.
 */
export function stagesSaidEqual(report: Report): StagesPair[] {
  const out: StagesPair[] = [];
  const contradicted = ratesContradictedByAmounts(report);
  const order = new Map(report.statistics.map((s, i) => [s.id, i]));
  const hundred = Rational.of(100);
  for (const stats of statsBySentence(report.statistics).values()) {
    let from = 0;
    stats.forEach((rate, i) => {
      if (rate.dimension !== 'percent') return;
      const run = stats.slice(from, i).filter((s) => s.dimension === 'money');
      from = i + 1;
      if (!STAGE_RATE.test(rate.label) || rate.figure.unit !== '%' || !isExact(rate.figure) || !Rational.parse(rate.figure.value).eq(hundred)) return;
      if (contradicted.has(rate.id) || run.length === 0 || run.length > 2 || run.some((s) => !isExact(s.figure))) return;
      const reached = run[run.length - 1];
      if (!STAGE.test(reached.label) || UNSPENT.test(reached.label) || FUND_DRAWN.test(reached.label)) return;
      const base = run.length === 2 ? run[0] : baseBefore(report.statistics, reached, order.get(reached.id)!);
      if (!base || NOT_BASE.test(base.label) || !(STAGE_BASE.test(base.label) || FUND_DRAWN.test(base.label)) || base.normalizedUnit !== reached.normalizedUnit) return;
      const [ya, yb] = [statementYear(base), statementYear(reached)];
      if (ya && yb && ya !== yb) return;
      if (restatementAgrees(normalize(base.figure), normalize(reached.figure))) return;
      if (restatementDisagrees(report, [rate, reached, base])) return;
      out.push({ rate, reached, base, sameSentence: run.length === 2 });
    });
  }
  return out;
}

/** The nearest earlier whole amount (no 其中 part) naming the reached amount's owner, within two paragraphs, if it names a base stage. */
function baseBefore(all: readonly NarrativeStat[], reached: NarrativeStat, at: number): NarrativeStat | undefined {
  const owner = compactKey(reached.label).replace(GENERIC_NAME, '');
  for (let k = at - 1; k >= 0; k--) {
    const s = all[k];
    if (s.narrative !== reached.narrative || s.loc.part !== reached.loc.part) continue;
    if (s.loc.paragraph == null || reached.loc.paragraph == null || reached.loc.paragraph - s.loc.paragraph > 2) return undefined;
    if (s.dimension !== 'money' || s.partOf || (s.loc.paragraph === reached.loc.paragraph && s.sentence === reached.sentence)) continue;
    if (owner && !compactKey(s.label).includes(owner)) continue;
    // the nearest amount of the same owner: the base, or another amount between them (调减40万元) and no pair
    return isExact(s.figure) && !s.each && !s.per && STAGE_BASE.test(s.label) && !NOT_BASE.test(s.label) ? s : undefined;
  }
  return undefined;
}

function stagesDraft(report: Report, { rate, reached, base, sameSentence }: StagesPair): FindingDraft {
  const diff = Rational.parse(normalize(reached.figure).value).sub(Rational.parse(normalize(base.figure).value));
  const where = sameSentence ? '同句' : `${placeName(report, base)}`;
  // a 进度 may be against a schedule ("按合同约定和施工进度及时足额拨付资金66.86万元,资金拨付进度100%" of 年初预算200万元):
  // it is of the base for sure only when the base is the target (目标值, 计划)
  const sure = !/进度/.test(rate.label) || PLANNED.test(base.label);
  return {
    severity: sure ? 'warning' : 'info',
    message: {
      zh: `${placeName(report, rate)}称${statPhrase(reached)}，${statPhrase(rate)}，即与${where}${statPhrase(base)}相等，但两数相差${diff.abs().toString(6)}${reached.normalizedUnit ?? ''}`,
      en: `${placeName(report, rate)}: ${rate.label} ${rate.figure.text.trim()} says ${reached.figure.text.trim()} equals ${base.figure.text.trim()} (${base.label}), but they differ`,
    },
    values: [plain(reached.figure), plain(base.figure), plain(rate.figure)],
    evidence: [statEvidence(reached, 'reached'), statEvidence(base, 'base'), statEvidence(rate, 'rate')],
    expected: base.figure.text.trim(),
    observed: reached.figure.text.trim(),
    tolerance: '比率写作100%即两数相等：同一精度须完全相同，不同精度按书写精度±½末位 / a rate of 100% makes the two amounts one',
    params: { pairReasons: [sameSentence ? '同句先写基数后写已达金额' : '已达金额所在句无基数，取其前两段内最近的同一主体基数（下达、安排、投入、目标值等）', `${rate.label}${rate.figure.text.trim()}`] },
    part: rate.loc.part,
  };
}

/** What was due: the amount an excess is counted from (应配套, 计划, 规模, 目标, 编制). */
const DUE = /应|计划|规模|目标|编制|核定/;
/** What was done: the actual amount (实际, 实有, 到位, 完成). */
const ACTUAL = /实际|实有|到位|完成/;
/** The excess of the actual amount over the due one, named first in its clause ("超规模配套", "超出", "超额"). */
const EXCESS = /^超(?!过|标)/;

/**
 * "地方应配套20971.00万元,实际配套到位资金104880.14万元,超规模配套83909.14万元" ("编制X人,实有Y人,超编Z人"): three
 * amounts or counts of one unit in one sentence in this order — due, actual, the excess named first by 超 — and the
 * excess is the actual less the due (rounding intervals).
 */
function excessDrafts(report: Report): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const stats of statsBySentence(report.statistics).values()) {
    const money = stats.filter((s) => s.dimension === 'money' || s.dimension === 'count');
    money.forEach((z, k) => {
      if (k < 2 || !EXCESS.test(compactKey(z.label))) return;
      const [x, y] = [money[k - 2], money[k - 1]];
      if (![x, y, z].every((s) => isExact(s.figure) && s.normalizedUnit === z.normalizedUnit)) return;
      if (!DUE.test(x.label) || ACTUAL.test(x.label) || !ACTUAL.test(y.label) || DUE.test(y.label) || EXCESS.test(compactKey(y.label))) return;
      const [xi, yi, zi] = [interval(x), interval(y), interval(z)];
      const lo = yi.lo.sub(xi.hi);
      const hi = yi.hi.sub(xi.lo);
      const exact = Rational.parse(normalize(y.figure).value).sub(Rational.parse(normalize(x.figure).value));
      // within the rounding of the written figures: off only as written at one precision (a hint, 提示)
      const rounding = zi.lo.le(hi) && lo.le(zi.hi);
      const samePrecision = new Set([x, y, z].map((s) => normalize(s.figure).decimals)).size === 1;
      if (rounding && (!samePrecision || exact.eq(Rational.parse(normalize(z.figure).value)))) return;
      const mid = rounding ? exact : lo.add(hi).div(Rational.of(2));
      const formula = `${y.figure.text.trim()} − ${x.figure.text.trim()}`;
      drafts.push({
        severity: rounding ? 'info' : 'warning',
        message: {
          zh: `${placeName(report, z)}称${statPhrase(x)}、${statPhrase(y)}、${statPhrase(z)}，但按 ${formula} 计算超出${mid.toString(6)}${z.normalizedUnit ?? ''}`,
          en: `${placeName(report, z)}: ${z.figure.text.trim()} over, but ${formula} = ${mid.toString(6)}`,
        },
        values: [plain(z.figure), mid.toNumber(), plain(y.figure), plain(x.figure)],
        evidence: [statEvidence(z, 'excess'), statEvidence(y, 'actual'), statEvidence(x, 'due')],
        expected: `${mid.toString(6)}（${formula}）`,
        observed: z.figure.text.trim(),
        tolerance: '按书写精度±½末位，区间相交即相符；同一精度书写而差额不等于超出数者仅在舍入区间内相符，作提示 / ±½ of the last written digit; at one precision an inexact difference is info',
        part: z.loc.part,
      });
    });
  }
  return drafts;
}
