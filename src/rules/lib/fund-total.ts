import type { NarrativeStat } from '../../../schemas/narrative.js';
import type { Report } from '../../../schemas/report.js';
import { isExact, normalize, restatementAgrees } from '../../narrative/compare.js';
import { Rational } from '../../numbers/decimal.js';
import { gapHidden } from './parts-intervals.js';
import { measureName, NOT_A_LEVEL, placesDiffer, ROLE_NAME, statementYear, subjectsDiffer } from './restated-label.js';

/**
 * The money of a project's own report named differently in two places — "安排项目资金56万元" in the
 * overview, "下达建设资金56万元" under 资金投入情况; "下达金凤区中央财政水利发展资金1785万元" / "下达资金1785万元";
 * "预算经费为3483万元" / "预算价为3483万元". A project report is about one project: a name that says no
 * more than "the money of the project" (…资金, …经费, …预算, …资金总额) with no spending, arrival or part
 * word names one amount, its fund. Two such statements are one measure by meaning when:
 *  - they are in one project report, in two paragraphs, at the same stage (预算/计划 or 下达/安排, or
 *    either naming none), the same year (or none said), the same unit;
 *  - neither names a spending, arrival or a part of the money (支付, 拨付, 到位, 收到, 结转, 配套, 自筹, 投资,
 *    年初, 其中 …), a change or bound (NOT_A_LEVEL), an indicator's value (目标值) or a list of funds (和, 及, 、);
 *  - the levels or sources they name (中央, 省级, 配套, 债券 …) are the same, or one names none and the
 *    report names no other level or source for its money (a project with one source);
 *  - the report's fund statements hold at most two values, the larger at most twice the smaller (further
 *    apart: a whole and a part), and no money figure of the report added to the smaller gives the larger
 *    (then the two are a part and its whole: 中央资金 + 配套资金 = 项目资金);
 *  - they name no two projects or works before the figures, nor two places (安村 / 泗潘村), and neither is an item of an enumeration
 *    (分别是…, 包括…, 用于…, 一是…) nor a whole whose own listed parts no
 *    longer add up to it (narrative-total-parts says so: one cause, one finding).
 * Returns the pairs that disagree (first statement of each value).
 */
export function fundTotalPairs(report: Report): Array<[NarrativeStat, NarrativeStat]> {
  const out: Array<[NarrativeStat, NarrativeStat]> = [];
  const byNarrative = new Map<number, NarrativeStat[]>();
  for (const s of report.statistics) {
    if (s.narrative == null || s.dimension !== 'money') continue;
    const list = byNarrative.get(s.narrative);
    if (list) list.push(s);
    else byNarrative.set(s.narrative, [s]);
  }
  for (const [k, money] of byNarrative) {
    if (report.narratives[k]?.reportKind !== 'project') continue;
    const funds = money.filter(isFundTotal);
    if (funds.length < 2) continue;
    const distinct: NarrativeStat[] = [];
    for (const s of funds) if (!distinct.some((d) => restatementAgrees(normalize(d.figure), normalize(s.figure)))) distinct.push(s);
    if (distinct.length !== 2) continue;
    const [a, b] = distinct;
    if (a.normalizedUnit !== b.normalizedUnit || a.loc.paragraph === b.loc.paragraph || a.sentence === b.sentence) continue;
    const [ya, yb] = [statementYear(a), statementYear(b)];
    if (ya && yb && ya !== yb) continue;
    // two projects or works named before the figures ("健全现代医院管理制度项目…" / "高水平医院建设项目…"), two places (A村 / B村)
    if (subjectsDiffer(a, b) || placesDiffer(a.label, b.label)) continue;
    const [sa, sb] = [stageOf(a.label), stageOf(b.label)];
    if (sa && sb && sa !== sb) continue;
    const [la, lb] = [sourcesOf(a.label), sourcesOf(b.label)];
    if (la !== lb) {
      if (la && lb) continue;
      // one names its source: the report's money has that one source only
      const named = la || lb;
      if (money.some((s) => sourcesOf(s.label) !== '' && sourcesOf(s.label) !== named)) continue;
    }
    // a part and its whole: another amount of the report makes up the difference
    const [lo, hi] = Rational.parse(a.normalizedValue).lt(Rational.parse(b.normalizedValue)) ? [a, b] : [b, a];
    const gap = Rational.parse(hi.normalizedValue).sub(Rational.parse(lo.normalizedValue));
    if (money.some((s) => s.normalizedUnit === a.normalizedUnit && isExact(s.figure) && Rational.parse(s.normalizedValue).eq(gap))) continue;
    // one order of magnitude: amounts further apart are two measures (a whole and a part), not one restated
    if (Rational.parse(hi.normalizedValue).gt(Rational.parse(lo.normalizedValue).mul(Rational.of(2)))) continue;
    // a whole its own listed parts no longer add up to is narrative-total-parts' finding (one cause, one finding)
    if ([a, b].some((s) => partsDisagree(s, report.statistics))) continue;
    out.push([a, b]);
  }
  return out;
}

/** A name of the project's money: its head is 资金 / 经费 / 预算 (总额), nothing said of spending or of a part. */
const FUND_NAME = /(?:资金|经费|预算)(?:总额)?$/;
const NOT_THE_FUND =
  /支付|拨付|拨款|使用|支出|执行|结算|兑付|发放|到位|收到|到账|完成|结余|结转|自筹|配套(?:资金|经费)|缺口|节约|剩余|实际|累计|投资|年初|调整|追加|调减|其中|用于|绩效|目标|和|及|与|、|或|每|个人|奖励|差额|工作经费|管理费/;

function isFundTotal(s: NarrativeStat): boolean {
  if (s.mention === 'slogan' || !isExact(s.figure) || s.each || s.per || s.unknownUnit || s.partOf || s.relation) return false;
  const { name } = measureName(s.label);
  if (!FUND_NAME.test(name) || NOT_THE_FUND.test(s.label) || ROLE_NAME.test(s.label) || NOT_A_LEVEL.test(s.label)) return false;
  // a 其中 list's item, even when the list was not read as parts; an item of an enumeration (分别是…、…)
  const at = s.sentence.indexOf(s.figure.text.trim());
  const q = s.sentence.indexOf('其中');
  if (q >= 0 && q < at) return false;
  return !ENUMERATION.test(at >= 0 ? s.sentence.slice(0, at) : s.sentence);
}

const ENUMERATION = /分别|包括|主要(?:用于|有|是)|具体(?:为|是|如下)|如下|用于|[一二三四五六七八九十]是|其[一二三四五]|第[一二三四五六七八九十]/;

/**
 * Does the statement have two or more listed parts (or a breakdown) that do not add up to it, as narrative-total-parts
 * reports them? A gap inside the summed rounding intervals it does not report ("全年预算资金6.47万元，其中：中央配套4.68万元，
 * 省级配套1.76万元，市级配套0.02万元") leaves the pairing to this rule.
 */
function partsDisagree(whole: NarrativeStat, statistics: readonly NarrativeStat[]): boolean {
  const parts = statistics.filter((p) => p.partOf === whole.id);
  if (parts.length < 2 && !parts.some((p) => p.relation !== 'subset')) return false;
  const sum = parts.reduce((acc, p) => acc.add(Rational.parse(p.normalizedValue)), Rational.of(0));
  if (sum.eq(Rational.parse(whole.normalizedValue))) return false;
  const summable = [whole, ...parts].every((s) => isExact(s.figure) && s.normalizedUnit === whole.normalizedUnit) && parts.every((p) => p.relation === parts[0].relation);
  return !(summable && gapHidden(whole, parts));
}

/** Planned (预算, 计划) or allotted (下达, 安排): the last such word of the name. */
function stageOf(label: string): string | null {
  let best: [number, string] | null = null;
  for (const m of label.matchAll(/预算|计划|下达|安排|分配/g)) best = [m.index!, /预算|计划/.test(m[0]) ? '预算' : '下达'];
  return best?.[1] ?? null;
}

/** The levels and sources a name says its money is of ("中央", "省级", "债券"), sorted; '' for none. */
function sourcesOf(label: string): string {
  const found = label.match(/中央|省级|市级|州级|县级|区级|乡级|村级|省财政|市财政|县财政|区财政|地方|配套(?=资金|经费)|自筹|债券|国债|社会资本|贷款|融资|捐赠/g) ?? [];
  return [...new Set(found.map((w) => w.replace(/财政$/, '级')))].sort().join('/');
}
