import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Severity } from '../../schemas/finding.js';
import { figureInterval, isExact, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { Rational } from '../numbers/decimal.js';
import { sentenceKey, statsBySentence } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';
import { withoutSpaces } from '../text/spaces.js';
import { stripGlosses } from '../text/glosses.js';
import { simplify } from '../text/simplify.js';

/**
 * C3 for rates: a share of a whole cannot exceed the whole. "项目验收合格率110%", "专项资金足额发放率达到
 * 110%", "群众满意度105%" are impossible as written (the whole passed, was paid, was satisfied at most
 * once): an error. A spending rate (执行率, 支付率, 拨付率, 到位率, 使用率) above 100% means more was spent or
 * arrived than planned — possible, but it contradicts the budget and needs its amounts: a warning. A
 * 完成率 may exceed 100% (a target beaten) and a 增长率 is no share: neither is read; nor is a 完工率 its sentence
 * explains as a count of things done over a planned count the report states ("共完成农村危房改造129户，完工率243%"
 * against a 53户 task: more houses done than planned, a target beaten). The measure is the
 * rate named before the figure in its sentence, with no other percentage in between ("…服务比例年初指标值为
 * 不低于85%，全年实际完成值110%" is the 比例's value). A share of 250%–2100% is likelier a "≥" read as a 2
 * (合格率290% for 合格率≥90%, a flattened or OCR'd form): said as info.
 */
export const rule: Rule = {
  meta: {
    id: 'rate-above-whole',
    version: 9,
    severity: 'error',
    catalogue: 'C3',
    title: { zh: '比率超过100%', en: 'A share above 100%' },
    description: {
      zh: '叙述中的合格率、达标率、覆盖率、知晓率、满意度、足额发放率、机械化率、普及率、火化率等占比超过100%为错误；执行率、支付率、拨付率、到位率、使用率及工程（建设、施工）进度、形象进度超过100%为警告（须有超支、超额到位或超计划完成的说明）。完成率、增长率不在此列。繁体字或带拼音注音的句子按简体读出比率名称（滿意度 → 满意度）。',
      en: 'A share stated in prose (合格率, 覆盖率, 知晓率, 满意度, 火化率 …) above 100% is an error; a spending rate (执行率, 到位率 …) or a works’ progress (工程建设进度, 形象进度) above 100% is a warning. Sentences in traditional script or with pinyin glosses are read as simplified (滿意度 → 满意度).',
    },
    formula: '占比 ≤ 100%',
    tolerance: '按书写精度：书写值大于100即不符（100.0%、100% 均相符）；“105%以上”等下限大于100同样不符',
    families: 'all',
    source: 'catalogue C3（分项不超过总数）用于比率',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    const hundred = Rational.of(100);
    const bySentence = statsBySentence(report.statistics);
    for (const s of report.statistics) {
      // a lower bound past 100% ("满意度达到105%以上") is as impossible as the figure itself
      const atLeast = !s.figure.approximate && (s.figure.comparator === '>=' || s.figure.comparator === '>');
      if (s.dimension !== 'percent' || s.figure.unit !== '%' || s.mention === 'slogan' || !(isExact(s.figure) || atLeast)) continue;
      if (!Rational.parse(s.figure.value).gt(hundred)) continue;
      const sentenceStats = bySentence.get(sentenceKey(s)) ?? [];
      const measure = measureOf(s, sentenceStats);
      if (!measure || (PROGRESS.test(measure) && countsExplain(s, sentenceStats, report.statistics))) continue;
      // "≥90%" with its sign read as a digit (OCR, a flattened form) gives "290%": unsure, so info
      const signAsTwo = GE_READ_AS_TWO.test(s.figure.text.replace(/\s+/g, ''));
      const severity: Severity = signAsTwo ? 'info' : SPENDING.test(measure) ? 'warning' : 'error';
      drafts.push({
        severity,
        message: {
          zh: `${placeName(report, s)}称${statPhrase(s)}，${measure}为占比，不应超过100%${signAsTwo ? '（疑为“≥”被识读为“2”，请核对原件）' : severity === 'warning' ? (/进度$/.test(measure) ? '（如确超计划完成，须说明完成的数量）' : '（如确有超支或超额到位，须说明金额）') : ''}`,
          en: `${placeName(report, s)}: ${measure} ${s.figure.text.trim()} — a share cannot exceed 100%`,
        },
        values: [plain(s.figure), 100],
        evidence: [statEvidence(s, 'rate')],
        expected: '≤ 100%',
        observed: s.figure.text.trim(),
        tolerance: '书写值大于100即不符 / any written value above 100',
        params: { measure },
        part: s.loc.part,
      });
    }
    return drafts;
  },
};

/** 2 followed by a share of 50–100: likelier "≥90%" with the sign read as a 2 than a share of 290%. */
const GE_READ_AS_TWO = /^2(?:[5-9]\d|100)(?:\.\d+)?[%％]$/;

/** Shares of a whole, named as the measure (the word ends the name). */
const SHARE = /(?:完工|验收合格|合格|达标|覆盖|知晓|参保|入学|到位|足额发放|发放|拨付|执行|支付|使用|落实|合规|准确|正确|及时|完好|出勤|办结|兑现|满意|机械化|普及|绿化|硬化|火化)率|满意度|知晓度|知晓率|覆盖面|形象进度|(?:工程建设|工程|建设|施工)进度/g;
/** Spending and arrival rates (above 100% when more was spent or arrived than budgeted) and progress: a warning. */
const SPENDING = /^(?:(?:执行|支付|拨付|使用|到位|发放|兑现|完工)率|形象进度|(?:工程建设|工程|建设|施工)进度)$/;
/** Words making the figure something else than the share's level: a change, a target beaten, a ratio to another year. */
const NOT_SHARE = /完成率|增长|增幅|提高|提升|上升|下降|同比|环比|比上年|较上年|超额|超过|高于/;

/** Progress of things built or done: above 100% when more were done than planned. */
const PROGRESS = /^完工率$/;

/**
 * Does a count in the rate's sentence (the things done: 129户) over another count of the same unit in the
 * report (the plan: 53户) give the rate at its written precision? Then the rate is a plan beaten, not a share.
 */
function countsExplain(rate: NarrativeStat, sentenceStats: NarrativeStat[], all: readonly NarrativeStat[]): boolean {
  const written = figureInterval(rate.figure);
  const hundred = Rational.of(100);
  for (const done of sentenceStats) {
    if (done.dimension !== 'count' || !isExact(done.figure)) continue;
    const numerator = Rational.parse(done.normalizedValue).mul(hundred);
    for (const plan of all) {
      if (plan === done || plan.dimension !== 'count' || plan.normalizedUnit !== done.normalizedUnit || !isExact(plan.figure)) continue;
      const denominator = Rational.parse(plan.normalizedValue);
      if (!denominator.gt(Rational.of(0)) || !denominator.lt(Rational.parse(done.normalizedValue))) continue;
      const ratio = numerator.div(denominator);
      if (ratio.ge(written.lo) && ratio.lt(written.hi)) return true;
    }
  }
  return false;
}

/** The share this percentage is the value of, from its sentence before it; null when not a share. */
function measureOf(s: NarrativeStat, sentenceStats: NarrativeStat[]): string | null {
  // a report in traditional script, or glossed (滿意度, 驗收合格率, 產(chǎn)出): its words read as simplified
  const sentence = simplify(stripGlosses(withoutSpaces(s.sentence)));
  const text = s.figure.text.replace(/\s+/g, '');
  // the figure's place in its sentence: the k-th percentage written this way
  const same = sentenceStats.filter((o) => o.figure.text.replace(/\s+/g, '') === text);
  const k = Math.max(0, same.indexOf(s));
  let at = -1;
  for (let i = 0; i <= k; i++) at = sentence.indexOf(text, at + 1);
  if (at < 0) return null;
  const before = sentence.slice(0, at);
  // only the words since the previous percentage belong to this one
  const lastPercent = Math.max(before.lastIndexOf('%'), before.lastIndexOf('％'));
  const own = before.slice(lastPercent + 1);
  const words = [...own.matchAll(SHARE)];
  const last = words.at(-1);
  if (!last) return null;
  // the rate's name ends near the figure: "合格率100%", "足额发放率达到100%", "到位率为100%"
  const between = own.slice(last.index! + last[0].length);
  if (between.length > 12 || (/[，,；;。]/.test(between) && !/实际完成值|完成值|实际值/.test(between))) return null;
  // the clause naming it says what the figure is: not a change or a target beaten
  const clauseStart = Math.max(...[...'，,；;。：:'].map((c) => own.lastIndexOf(c, last.index!)));
  if (NOT_SHARE.test(own.slice(clauseStart + 1))) return null;
  return last[0];
}
