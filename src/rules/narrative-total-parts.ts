import type { NarrativeStat } from '../../schemas/narrative.js';
import type { TextFact } from '../../schemas/fact.js';
import type { Report } from '../../schemas/report.js';
import { isExact, normalize, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { extractStats } from '../narrative/extract.js';
import { hasPlaceholderFigure } from '../narrative/placeholders.js';
import { selfEvalForms } from './lib/forms.js';
import { commonEnding, measureName, subjectWordsDiffer } from './lib/restated-label.js';
import { gapHidden, summed } from './lib/parts-intervals.js';
import { splitsAcrossSections, type SectionSplit } from './lib/spending-split-sections.js';
import { formatInterval, halfUnit, intersects, Rational } from '../numbers/decimal.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * C1: a stated total equals its listed parts — "共74个（房屋工程68个，市政工程6个）", "共284件（12345信箱
 * 239件、舆情11件…）", "其中人员经费572.61万元，公用经费19.56万元". Counts are exact; amounts use
 * rounding intervals (an integer among two-decimal amounts has two decimals with zeros omitted).
 * A bracketed list that does not add up is an error; a 其中 list, or a list with 等/包括, may be
 * partial, so parts falling short of the total are a warning (parts above it stay an error). Whole amounts in
 * one unit (allocations: "总额118万元，其中…10万元、2万元…") are summed exactly: a gap the summed rounding
 * intervals would hide is a warning. A 其中 nested in a 其中 list divides the one part before it (v5: "其中完成村卫生室补助
 * 471.23元，其中中央补助189.63万元，地方财政补助281.6万元" is summed under 471.23元, not under the figure before the outer 其中).
 * People counted in 名 and in 人 are one unit (v9: "核定编制141名，其中：公务员131人，工勤人员10人" is summed; units.ts).
 * A gap the rounding hides is no longer hidden when another statement of one part closes it exactly (v10: "共2330.9万元，其中：
 * 中央资金1372.8万元…" with "收到中央下达…资金1372.7万元" elsewhere), nor when another statement of the whole gives exactly the
 * parts' sum (v12: "收到中央补助资金15150.01万元，其中…489.00万元，…14661.00万元" with "中央补助15150.00万元" elsewhere).
 * v14: a bracket that opens with a note and then says 其中 ("副主任4名（不含兼职，其中，分管日常工作的副主任1名为正科级…）") names some
 * of the whole, not its parts: one such figure is not summed (structure.ts). A later 其中 after a figure's comma or semicolon ends
 * the list before it and divides the figure its parts add up to exactly (基本支出1006.67万元；项目支出379.53万元；其中工资福利…), else the
 * part right before it;
 * a figure opening such a list after parts that already add up is another whole (…事业编制65人，年末实有在职人员113人，其中…).
 * v15: a 包括 breakdown after a count's alternative units ("档案118606卷（册、盘、盒、件），包括纸质档案…；资料14091册") divides
 * that count up to the semicolon, not the 其中 list's whole (卷、盘、盒 are counting words).
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-total-parts',
    version: 15,
    severity: 'error',
    catalogue: 'C1',
    title: { zh: '叙述中的合计与分项不符', en: 'Narrative total does not equal its parts' },
    description: {
      zh: '叙述中“共N…（A a、B b…）”或“其中…”列出的分项之和与所述总数不符（列表中只点出一项、其后紧接“其中”的，后一“其中”细分的是该项；括号中的原值与累计折旧是净值的算式，不是分项；括号先写说明、再以“其中”点出的数（“副主任4名（不含兼职，其中…1名为正科级）”）是总数中的一部分，不是分项；列表之后紧跟逗号或分号的又一个“其中”结束前一列表，细分的是其分项恰好相加等于的那个数，无此数时细分紧挨其前的分项）；各分项以“来源+度量”列出、其后以“总/合计+同一度量”给出的数（“专项资金支出a，财政资金支出b，总支出c”）亦为总数；以“名”与“人”计的人数为同一单位；编制人数之下“其中”列出的领导职数是其中的岗位，不是人数的分项；一句中连写的编号项（“…；2、…”）结束上一项中的“其中”；数后括号列出其可选量词（“118606卷（册、盘、盒、件）”）而其后以“包括”细分的，细分属于该数，至分号止。“其中”分项之和与总数之差在舍入区间内、而报告另一处所写某一分项的数值（名称同尾、未写明不同主体、同一精度）恰使合计等于总数者，该分项前后不一致（警告）；另一处所写总数（名称去掉中心词“资金/经费”后结尾四字以上相同、同一精度、未写明不同主体）恰等于分项合计者亦同。总数与其余分项均以“万元”书写而恰有一个分项以“元”书写的，提示疑为单位笔误，并给出按万元计的合计。',
      en: 'The parts listed after a stated total ("共N…（A a、B b…）", "其中…") do not add up to it (a 其中 right after the one part a 其中 list names divides that part; a gross value and its depreciation in brackets give a net value, not parts; a bracket that opens with a note and then says 其中 names some of the whole, not its parts; a later 其中 after the comma or semicolon that follows a figure ends the list before it and divides the figure its parts add up to exactly, else the part right before it); amounts each named "<source><measure>" followed in their sentence by "总/合计<measure>" (专项资金支出 a, 财政资金支出 b, 总支出 c) are that total\'s parts too; people counted in 名 and in 人 are one unit; leadership posts (领导职数) listed under a staff count are posts among the staff, not its parts; the next numbered item run into the sentence ("…；2、…") ends the 其中 of the item before; a 包括 breakdown after a count\'s alternative units ("118606卷（册、盘、盒、件），包括…") divides that count, up to the semicolon. A 其中 list missing its total by less than the rounding, where another statement of the report gives one part an amount (a name ending alike, no different subject, the same precision) that makes the sum exact, states that part two ways (a warning); so does another statement of the whole (its name, head noun 资金/经费 set aside, ending alike in four characters or more, the same precision, no different subject) giving exactly the parts\' sum. One part written in 元 among a total and parts written in 万元 is named as a likely unit slip, with the sum read in 万元.',
    },
    formula: '总数 = Σ 分项',
    tolerance: '计数须相等；金额按书写精度的舍入区间（±½末位，整数与两位小数并列时按两位小数）；同一单位的整数金额按精确值相加，差额在舍入区间内时为警告；另一处所写某分项数值恰使合计等于总数时，或另一处所写总数（名称去掉中心词“资金/经费”后结尾四字以上相同、同一精度、未写明不同主体）恰等于分项合计时，舍入不再解释差额（警告）',
    families: 'all',
    source: 'catalogue C1',
  },
  check(report) {
    const drafts = checkTotals(report.statistics, (total) => placeName(report, total));
    // the goals of a form are prose in a cell ("本项目共申请预算资金2026400元,其中村级组织运转400000元,…")
    for (const { stats, place } of goalStatistics(report)) drafts.push(...checkTotals(stats, () => place));
    for (const split of splitsAcrossSections(report.statistics)) drafts.push(splitFinding(split, (s) => placeName(report, s)));
    return drafts;
  },
};

/** Figures of the 年度总体目标 cells (预期目标 / 实际完成情况), located at their cell. */
function goalStatistics(report: Report): Array<{ stats: NarrativeStat[]; place: string }> {
  const out: Array<{ stats: NarrativeStat[]; place: string }> = [];
  for (const form of selfEvalForms(report)) {
    const cells: Array<[string, TextFact | null]> = [
      ['预期目标', form.goals.expected],
      ['实际完成情况', form.goals.achieved],
    ];
    for (const [what, fact] of cells) {
      if (!fact || !/\d/.test(fact.text)) continue;
      const block = { kind: 'paragraph' as const, block: fact.loc.block ?? 0, paragraph: 0, text: fact.text, style: null, page: fact.loc.page, bbox: null };
      const stats = extractStats([block], false, { part: form.part, narrative: -1, sectionOf: () => null }).map((st) => ({ ...st, loc: fact.loc }));
      out.push({ stats, place: `${form.part}年度总体目标（${what}）` });
    }
  }
  return out;
}

function checkTotals(statistics: NarrativeStat[], placeOf: (total: NarrativeStat) => string): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const byId = new Map(statistics.map((s) => [s.id, s]));
  const groups = new Map<string, NarrativeStat[]>();
  for (const s of statistics) {
    if (!s.partOf || !s.relation) continue;
    const key = `${s.partOf}|${s.relation}`;
    const g = groups.get(key) ?? [];
    g.push(s);
    groups.set(key, g);
  }
  for (const [key, parts] of groups) {
    const total = byId.get(key.split('|')[0]);
    const relation = parts[0].relation!;
    if (!total || total.mention === 'slogan') continue;
    // a list with an amount the copy hides ("天然商品林停伐管护补助 点击查看>> 万元", "资金X万元") cannot be summed
    if ([total, ...parts].some((s) => hasPlaceholderFigure(s.sentence))) continue;
    if (relation === 'subset' && parts.length < 2) continue; // one 其中 part: only C3 applies
    if (![total, ...parts].every((s) => isExact(s.figure))) continue;
    const t = normalize(total.figure);
    const ps = parts.map((p) => normalize(p.figure));
    if (ps.some((p) => p.unit !== t.unit)) continue;
    const counting = total.dimension === 'count';
    const { dp, tInt, sumExact, sumInt } = summed(total, parts);
    const roundingGap = intersects(tInt, sumInt);
    if (gapHidden(total, parts)) {
      const closed = relation === 'subset' && total.dimension === 'money' ? gapClosedElsewhere(statistics, total, parts) : null;
      if (closed) drafts.push(closedGapFinding(total, parts, closed, placeOf));
      continue;
    }
    const open = relation === 'subset' || parts.some((p) => p.openList);
    const above = sumInt.lo.gt(tInt.hi);
    const severity = roundingGap || (open && !above) ? 'warning' : 'error';
    const note = roundingGap ? '（各数均为整数，若系逐项四舍五入所致请核实）' : open && !above ? '（所列分项可能不完整）' : '';
    const noteEn = roundingGap ? ' (all figures are whole numbers; check whether each was rounded)' : open && !above ? ' (the list may be partial)' : '';
    const unit = total.normalizedUnit ?? '';
    const listed = parts.map((p) => statPhrase(p)).join('、');
    const slip = unitSlip(total, parts, sumExact);
    const tolerance = counting
      ? '计数须相等 / counts must be equal'
      : roundingGap
        ? `各数均以同一单位的整数书写，按精确值相加须相等；若逐项四舍五入（总数区间 ${formatInterval(tInt, 6)}，合计区间 ${formatInterval(sumInt, 6)}）则差额可由舍入解释，故为提示性警告`
        : `±${tInt.hi.sub(tInt.lo).add(sumInt.hi.sub(sumInt.lo)).div(Rational.of(2)).toString(8)}（总数与${parts.length}个分项各按书写精度±½末位，与${dp}位小数并列的整数按${dp}位小数；区间相交即相符；总数区间 ${formatInterval(tInt, 6)}，合计区间 ${formatInterval(sumInt, 6)}）`;
    drafts.push({
      severity,
      message: {
        zh: `${placeOf(total)}称${statPhrase(total)}，${relation === 'subset' ? '其中' : '所列'}分项（${listed}）合计${sumExact.toString(8)}${unit}，与总数不符${note}${slip ? `；${statPhrase(slip.part)}以“元”计而其余各数以“万元”计，疑为单位笔误，按万元计分项合计${slip.sum.toString(8)}万元${slip.holds ? '，与总数相符' : `，仍与总数相差${slip.sum.sub(Rational.parse(t.value)).abs().toString(8)}万元`}` : ''}`,
        en: `${placeOf(total)} states a total of ${total.figure.text} but the ${relation === 'subset' ? '其中 ' : 'listed '}parts add up to ${sumExact.toString(8)}${unit}${noteEn}${slip ? `; ${slip.part.figure.text.trim()} is written in 元 among amounts in 万元 — read in 万元 the parts make ${slip.sum.toString(8)} 万元${slip.holds ? ', the total' : ''}` : ''}`,
      },
      values: [plain(total.figure), sumExact.toNumber()],
      evidence: [statEvidence(total, 'total'), ...parts.map((p) => statEvidence(p, 'part'))],
      expected: `${t.value}${unit}`,
      observed: `${sumExact.toString(8)}${unit}`,
      tolerance,
      params: { relation, openList: open, ...(slip ? { unitSlip: slip.part.figure.text.trim() } : {}) },
      part: total.loc.part,
    });
  }
  return drafts;
}

/**
 * One part written in 元 among a total and parts all written in 万元 ("1650万元、1996.5万元、…1709.98元"): a unit slip
 * is likely; the sum with that part read in 万元, and whether it then holds (v12).
 */
function unitSlip(total: NarrativeStat, parts: readonly NarrativeStat[], sumExact: Rational): { part: NarrativeStat; sum: Rational; holds: boolean } | null {
  if (total.figure.unit !== '万元' || parts.length < 2) return null;
  const inYuan = parts.filter((p) => p.figure.unit === '元');
  if (inYuan.length !== 1 || parts.some((p) => p.figure.unit !== '元' && p.figure.unit !== '万元')) return null;
  const part = inYuan[0];
  const sum = sumExact.sub(Rational.parse(part.normalizedValue)).add(Rational.parse(part.figure.value));
  const holds = intersects(summed(total, parts).tInt, { lo: sum.sub(halfUnit(2)), hi: sum.add(halfUnit(2)) });
  return { part, sum, holds };
}

/**
 * `s` is another exact statement of the list's report, in another sentence and outside the list, written in the unit and
 * precision of `like` and giving `value`.
 */
function restatesOutsideList(s: NarrativeStat, total: NarrativeStat, parts: readonly NarrativeStat[], like: NarrativeStat, value: Rational): boolean {
  return (
    s !== total &&
    !parts.includes(s) &&
    s.narrative === total.narrative &&
    s.sentence !== total.sentence &&
    s.normalizedUnit === like.normalizedUnit &&
    s.figure.decimals === like.figure.decimals &&
    isExact(s.figure) &&
    Rational.parse(s.normalizedValue).eq(value)
  );
}

/**
 * A 其中 list whose sum misses its total by less than the rounding hides ("共2330.9万元，其中：中央资金1372.8万元，地方资金98.6万元，
 * 其他资金859.6万元": 2331.0), where another statement of the report gives one part's amount as exactly what closes the gap
 * ("收到中央下达…资金1372.7万元"): the part's two statements differ, and the total sides with the other — not rounding.
 * The other statement: same report and unit, same written precision, another sentence, its name ending as the part's
 * (two characters or more: 资金) and saying no different subject (中央/省级, 收入/支出, 应/实际); exactly one part closable so.
 */
function gapClosedElsewhere(statistics: readonly NarrativeStat[], total: NarrativeStat, parts: readonly NarrativeStat[]): { part: NarrativeStat; other: NarrativeStat } | null {
  const gap = summed(total, parts).sumExact.sub(Rational.parse(normalize(total.figure).value));
  if (gap.isZero()) return null;
  const found: Array<{ part: NarrativeStat; other: NarrativeStat }> = [];
  for (const part of parts) {
    const want = Rational.parse(part.normalizedValue).sub(gap);
    if (!want.gt(Rational.of(0))) continue;
    const name = measureName(part.label).name;
    const other = statistics.find(
      (s) =>
        restatesOutsideList(s, total, parts, part, want) &&
        commonEnding(measureName(s.label).name, name) >= 2 &&
        !subjectWordsDiffer(measureName(s.label).name, name),
    );
    if (other) found.push({ part, other });
  }
  if (found.length > 0) return found.length === 1 ? found[0] : null;
  // the whole written two ways: another statement of it gives exactly the parts' sum ("收到中央补助资金15150.01万元，其中
  // 省级支出安排489.00万元、各州市安排14661.00万元" with "其中：中央补助15150.00万元" elsewhere)
  const sum = summed(total, parts).sumExact;
  const name = headless(measureName(total.label).name);
  const wholes = statistics.filter(
    (s) =>
      restatesOutsideList(s, total, parts, total, sum) &&
      commonEnding(headless(measureName(s.label).name), name) >= 4 &&
      !subjectWordsDiffer(measureName(s.label).name, measureName(total.label).name),
  );
  return wholes.length === 1 ? { part: total, other: wholes[0] } : null;
}

/** A name without its trailing head noun (资金, 经费): "收到中央补助资金" ends as "中央补助" does. */
const headless = (name: string) => name.replace(/(?:资金|经费)$/, '');

function closedGapFinding(total: NarrativeStat, parts: readonly NarrativeStat[], { part, other }: { part: NarrativeStat; other: NarrativeStat }, placeOf: (s: NarrativeStat) => string): FindingDraft {
  const { sumExact, dp } = summed(total, parts);
  const sum = sumExact.toFixed(dp);
  const unit = total.normalizedUnit ?? '';
  const whole = part === total;
  return {
    severity: 'warning',
    message: {
      zh: whole
        ? `${placeOf(total)}称${statPhrase(total)}，其中分项（${parts.map((p) => statPhrase(p)).join('、')}）合计${sum}${unit}；${placeOf(other)}称${statPhrase(other)}，恰为分项合计，总数两处写法不一致`
        : `${placeOf(total)}称${statPhrase(total)}，其中分项（${parts.map((p) => statPhrase(p)).join('、')}）合计${sum}${unit}；${placeOf(other)}称${statPhrase(other)}，按此数分项合计恰为总数，${statPhrase(part)}与之不一致`,
      en: whole
        ? `${placeOf(total)} states ${total.figure.text.trim()} with 其中 parts adding up to ${sum}${unit}; another place states the whole as ${other.figure.text.trim()}, exactly the parts' sum`
        : `${placeOf(total)} states ${total.figure.text.trim()} with 其中 parts adding up to ${sum}${unit}; another place states ${other.figure.text.trim()} for the part written ${part.figure.text.trim()}, which makes them add up exactly`,
    },
    values: whole ? [plain(total.figure), plain(other.figure)] : [plain(part.figure), plain(other.figure), plain(total.figure)],
    evidence: [statEvidence(total, 'total'), ...parts.map((p) => statEvidence(p, 'part')), statEvidence(other, 'restated')],
    expected: `${other.figure.text.trim()}`,
    observed: `${part.figure.text.trim()}`,
    tolerance: '分项合计与总数之差在舍入区间内，但另一处所写该分项数值使合计与总数完全相等：差额不由舍入而来 / the gap is within rounding, but the other statement of the part closes it exactly',
    params: { relation: 'subset', closedBy: other.id },
    part: total.loc.part,
  };
}

/** A spending whole in one section, its 基本支出 and 项目支出 in the sections after it, not adding up. */
function splitFinding({ total, parts, totalInterval, sumInterval, decimals }: SectionSplit, placeOf: (s: NarrativeStat) => string): FindingDraft {
  const sumExact = parts.reduce((acc, p) => acc.add(Rational.parse(normalize(p.figure).value)), Rational.of(0));
  const unit = total.normalizedUnit ?? '';
  const [basic, project] = parts;
  return {
    severity: 'error',
    message: {
      zh: `${placeOf(total)}称${statPhrase(total)}，而其后各部分所述${statPhrase(basic)}、${statPhrase(project)}合计${sumExact.toString(8)}${unit}，与总数不符`,
      en: `${placeOf(total)} states ${total.figure.text} spent, but its basic and project spending stated in later sections add up to ${sumExact.toString(8)}${unit}`,
    },
    values: [plain(total.figure), sumExact.toNumber()],
    evidence: [statEvidence(total, 'total'), ...parts.map((p) => statEvidence(p, 'part'))],
    expected: `${normalize(total.figure).value}${unit}`,
    observed: `${sumExact.toString(8)}${unit}`,
    tolerance: `±${halfUnit(decimals).mul(Rational.of(3)).toString(8)}（总数、基本支出、项目支出各按${decimals}位小数±½末位（万元至少两位小数），区间相交即相符；总数区间 ${formatInterval(totalInterval, 6)}，合计区间 ${formatInterval(sumInterval, 6)}）`,
    params: { relation: 'sections', openList: false },
    part: total.loc.part,
  };
}
