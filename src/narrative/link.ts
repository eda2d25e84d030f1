import type { Fact } from '../../schemas/fact.js';
import type { FigureLink, NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Indicator, ProjectSelfEval } from '../../schemas/records.js';
import type { Report } from '../../schemas/report.js';
import { goalAndResult, partsOfTwoAmounts } from './compare.js';
import { bigrams, containment, core, labelSimilarity, nameSimilarity } from './similarity.js';
import { unitInfo } from './units.js';
import { pairsWindowed, pairWindowEnd } from '../pair-window.js';

/**
 * Links from a narrative figure to the figure it restates: a table amount (a project's 全年执行数 /
 * 全年预算数, 按支出性质分 基本支出 / 项目支出, a 基础数据表 row, staffing), an indicator's 实际完成值,
 * or the same statement in another narrative section. Each link says how sure it is and why; the
 * rules (B1–B3) decide what a disagreement means from that confidence.
 */

interface TableTarget {
  ref: string;
  fact: Fact;
  measure: string;
}

/** 本项目 / 此项目 / 项目资金 …: the sentence is about the report's own project. */
const OWN_PROJECT = /(?:本|此|该)项目|项目资金|专项资金|经费|全年支出|开支|支出数?$/;
/** Amounts that belong to the works supervised, not to the project's own money. */
const NOT_OWN_MONEY = /造价|中标|招标|金额|投资|总额|贷款|工资/;
const EXECUTED = /支出|开支|执行|使用|花费|拨付|支付/;
/** 指标: an allotment (资金指标, 预算指标, "剩余指标1760万元"), the budget as 安排/下达 are. */
const BUDGET = /安排|预算|资金|下达|批复|拨款|指标/;
/** The words after an amount giving it to the report's own project: "剩余指标1760万元继续用于该项目". */
const FOR_OWN_PROJECT = /^[^，,。；;：:]{0,8}用于(?:本|此|该)项目/;

/** The amount is given to the report's own project by the words after it (its one place in the sentence). */
function givenToOwnProject(stat: NarrativeStat): boolean {
  const at = stat.sentence.indexOf(stat.figure.text);
  if (at < 0 || stat.sentence.indexOf(stat.figure.text, at + 1) >= 0) return false;
  return FOR_OWN_PROJECT.test(stat.sentence.slice(at + stat.figure.text.length));
}

function hasFigure(f: Fact | null | undefined): f is Fact {
  return !!f && f.figure !== null;
}

function totalRow(p: ProjectSelfEval) {
  return p.budget?.rows.find((r) => r.kind === 'total') ?? null;
}

function projectTarget(report: Report, index: number, measure: 'executed' | 'fullYearBudget' | 'rate'): TableTarget | null {
  const p = report.projects[index];
  const row = totalRow(p);
  const rowIndex = row ? p.budget!.rows.indexOf(row) : -1;
  const fact = row?.[measure];
  if (!hasFigure(fact)) return null;
  const column = compactLabel(p.budget?.columns.find((c) => c.field === measure)?.label) ?? { executed: '全年执行数', fullYearBudget: '全年预算数', rate: '执行率' }[measure];
  return { ref: `projects[${index}].budget.rows[${rowIndex}].${measure}`, fact, measure: column };
}

function compactLabel(s: string | undefined): string | undefined {
  return s === undefined ? undefined : s.replace(/\s+/g, '');
}

function breakdownTarget(report: Report, key: string): TableTarget | null {
  const items = report.deptSelfEval?.budget?.bySpending ?? [];
  const i = items.findIndex((it) => it.key === key);
  if (i < 0 || !hasFigure(items[i].amount)) return null;
  return { ref: `deptSelfEval.budget.bySpending[${i}].amount`, fact: items[i].amount, measure: `按支出性质分${compactLabel(items[i].label)!.replace(/^其中[：:]?/, '')}` };
}

function spendingTargets(report: Report, match: (label: string, key: string) => boolean): Array<TableTarget & { row: string }> {
  const rows = report.basicData?.spending ?? [];
  const finalLabel = compactLabel(report.basicData?.spendingColumns.find((c) => c.field === 'final')?.label) ?? '本年决算数';
  const out: Array<TableTarget & { row: string }> = [];
  rows.forEach((row, i) => {
    if (!match(row.label, row.key) || !hasFigure(row.final)) return;
    const label = compactLabel(row.label)!;
    out.push({ ref: `basicData.spending[${i}].final`, fact: row.final, measure: `${label}${finalLabel}`, row: label });
  });
  return out;
}

function sameDimension(stat: NarrativeStat, fact: Fact, tableUnit: string | null): boolean {
  const f = fact.figure!;
  const unit = f.unit ?? tableUnit;
  if (stat.dimension === 'money') return unit === null || unitInfo(unit)?.dimension === 'money';
  return unitInfo(unit)?.normalized === stat.normalizedUnit;
}

/**
 * A part of the project's money by its place in a list (src/narrative/structure.ts marks lists): one amount of a
 * list of amounts joined by 、 ("包含补助18个年度重点项目资金774万元、补助6名传承人记录工作资金240万元、…"), or the
 * same amount said again inside a numbered item that is a part ("1.年度重点项目补助资金874万元：…补助19项…非物质文化
 * 遗产代表性项目保护补助资金874万元" — the longer name of the second does not make it the whole).
 */
function listedPart(stat: NarrativeStat, byId: Map<string, NarrativeStat>, projectName: string | null): boolean {
  if (stat.listItem === 'amounts') return true;
  const item = stat.itemOf !== undefined ? byId.get(stat.itemOf) : undefined;
  return !!item && !ownProjectMoney(item.label, projectName);
}

/** Share of the project's name a label must contain to name it ("财政安排村级规划编制补助资金"). */
const NAMES_PROJECT = 0.8;

/**
 * The report's own project money: a generic phrase (本项目, 项目资金, 经费, 支出 …) or the label
 * names the project the report is about ("财政安排村级规划编制补助资金128.06万元").
 */
function ownProjectMoney(label: string, projectName: string | null): boolean {
  if (NOT_OWN_MONEY.test(label)) return false;
  if (OWN_PROJECT.test(label)) return true;
  return !!projectName && containment(projectName, label) >= NAMES_PROJECT;
}

/**
 * Where a form rebuilt from each paragraph begins in it (the first span of its indicators' cells), by paragraph:
 * one pass over a form's indicators, made once per form and read for every count or rate of the narrative (it was
 * a walk of every indicator's four cells per statement).
 */
function rebuiltFormStarts(indicators: readonly Indicator[]): ReadonlyMap<number, number> {
  const starts = new Map<number, number>();
  for (const ind of indicators)
    for (const f of [ind.target, ind.actual, ind.weight, ind.score]) {
      const loc = f?.loc;
      if (!loc?.rebuilt || loc.paragraph == null || !loc.span) continue;
      const known = starts.get(loc.paragraph);
      starts.set(loc.paragraph, known === undefined ? loc.span[0] : Math.min(known, loc.span[0]));
    }
  return starts;
}

/** The document's only project report beside its only project form (neither the department's). */
function soleProjectPair(report: Report, narratives: NarrativeReport[]): boolean {
  return report.projects.length === 1 && narratives.filter((n) => n.reportKind === 'project').length === 1;
}

/** About the report's own project: never the same fact as a figure of another report (another scope). */
function ownProjectFigure(stat: NarrativeStat, projectName: string | null): boolean {
  if (stat.dimension === 'money') return ownProjectMoney(stat.label, projectName);
  return stat.dimension === 'percent' && /执行率|完成率/.test(stat.label);
}

export function linkStatistics(report: Report, narratives: NarrativeReport[], stats: NarrativeStat[]): FigureLink[] {
  const links: FigureLink[] = [];
  const push = (stat: NarrativeStat, t: TableTarget, confidence: number, reason: string, basis: FigureLink['basis'], tableUnit: string | null) => {
    if (!sameDimension(stat, t.fact, tableUnit)) return;
    links.push({
      statId: stat.id,
      target: { kind: 'table', ref: t.ref, loc: t.fact.loc, text: t.fact.text, value: t.fact.figure!.value, figure: t.fact.figure, measure: t.measure },
      confidence: Math.round(Math.min(1, confidence) * 100) / 100,
      reason,
      basis,
    });
  };
  const deptUnit = report.deptSelfEval?.budget?.unit ?? '万元';
  const byId = new Map(stats.map((s) => [s.id, s]));
  const formStarts = new Map<readonly Indicator[], ReadonlyMap<number, number>>();
  const formStartsOf = (indicators: readonly Indicator[]) => {
    let starts = formStarts.get(indicators);
    if (!starts) formStarts.set(indicators, (starts = rebuiltFormStarts(indicators)));
    return starts;
  };

  for (const stat of stats) {
    if (stat.mention === 'slogan') continue;
    const narrative = stat.narrative !== null && stat.narrative !== undefined ? narratives[stat.narrative] : null;
    if (!narrative) continue;
    const label = stat.label;

    if (stat.dimension === 'money' && narrative.reportKind === 'dept') {
      if (/基本支出/.test(label)) {
        const t = breakdownTarget(report, 'basic');
        if (t) push(stat, t, 0.95, '部门报告所述基本支出 ↔ 自评表按支出性质分基本支出', 'table-figure', deptUnit);
      } else if (/项目支出/.test(label)) {
        const t = breakdownTarget(report, 'project');
        if (t) push(stat, t, 0.95, '部门报告所述项目支出 ↔ 自评表按支出性质分项目支出', 'table-figure', deptUnit);
        for (const s of spendingTargets(report, (_l, key) => key === 'project')) push(stat, s, 0.85, '部门报告所述项目支出 ↔ 基础数据表项目支出决算数', 'table-figure', '万元');
      } else if (/公用经费/.test(label)) {
        for (const s of spendingTargets(report, (_l, key) => key === 'public')) push(stat, s, 0.8, '部门报告所述公用经费 ↔ 基础数据表公用经费决算数', 'table-figure', '万元');
      } else {
        // a project or fund named in the department report ("其中：招投标监督管理专项项目5万元"): best match only
        const best = report.projects
          .map((p, i) => ({ i, name: p.name?.text ?? '', sim: nameSimilarity(label, p.name?.text ?? '') }))
          .sort((a, b) => b.sim - a.sim)[0];
        if (best && best.sim >= 0.6) {
          const t = projectTarget(report, best.i, 'executed');
          const p = report.projects[best.i];
          if (t) push(stat, t, 0.55 + 0.4 * best.sim, `部门报告按名称提及项目“${best.name}”（相似度 ${best.sim.toFixed(2)}）↔ 该项目自评表全年执行数`, 'table-figure', p.budget?.unit ?? '万元');
        }
        const rows = spendingTargets(report, (l, key) => key !== 'project' && key !== 'public' && nameSimilarity(label, l) >= 0.5)
          .map((r) => ({ r, sim: nameSimilarity(label, r.row) }))
          .sort((a, b) => b.sim - a.sim);
        if (rows.length > 0) {
          const { r, sim } = rows[0];
          push(stat, r, 0.45 + 0.4 * sim, `部门报告按名称提及“${r.row}”（相似度 ${sim.toFixed(2)}）↔ 基础数据表该行决算数`, 'table-figure', '万元');
        }
      }
    }

    if (stat.dimension === 'money' && narrative.reportKind === 'project' && narrative.projectIndex !== null && narrative.projectIndex !== undefined) {
      const projectName = report.projects[narrative.projectIndex]?.name?.text ?? null;
      const own = ownProjectMoney(label, projectName) || (!NOT_OWN_MONEY.test(label) && givenToOwnProject(stat));
      if (own && !listedPart(stat, byId, projectName)) {
        const sure = narrative.projectConfidence ?? 0.5;
        const measure = EXECUTED.test(label) ? 'executed' : BUDGET.test(label) ? 'fullYearBudget' : null;
        if (measure) {
          const t = projectTarget(report, narrative.projectIndex, measure);
          const p = report.projects[narrative.projectIndex];
          const word = measure === 'executed' ? '支出/开支 → 全年执行数' : '安排/资金 → 全年预算数';
          // a weak attribution says what it rests on (the document's only project report and form)
          const basis = sure < 0.6 && narrative.projectReason ? `，归属依据：${narrative.projectReason}` : '';
          if (t) push(stat, t, 0.9 * sure, `项目报告（归属置信度 ${sure.toFixed(2)}${basis}）所述本项目金额，${word}`, 'table-figure', p.budget?.unit ?? '万元');
        }
      }
    }

    if (stat.dimension === 'percent' && /执行率/.test(label) && narrative.reportKind === 'project' && narrative.projectIndex != null) {
      const t = projectTarget(report, narrative.projectIndex, 'rate');
      const sure = narrative.projectConfidence ?? 0.5;
      if (t) push(stat, t, 0.9 * sure, `项目报告（归属置信度 ${sure.toFixed(2)}）所述执行率 ↔ 该项目自评表执行率`, 'table-figure', '%');
    }

    if (stat.dimension === 'count' && stat.normalizedUnit === '人' && report.basicData?.staffing) {
      const staffing = report.basicData.staffing;
      if (/在编|在职/.test(label) && hasFigure(staffing.actual))
        push(stat, { ref: 'basicData.staffing.actual', fact: staffing.actual, measure: '实际在职人数' }, 0.8, '在编/在职人数 ↔ 基础数据表实际在职人数', 'table-figure', '人');
      else if (/编制/.test(label) && hasFigure(staffing.authorized))
        push(stat, { ref: 'basicData.staffing.authorized', fact: staffing.authorized, measure: '编制数' }, 0.8, '编制人数 ↔ 基础数据表编制数', 'table-figure', '人');
    }

    if ((stat.dimension === 'count' || stat.dimension === 'percent') && stat.each === null) {
      // a project report whose project was not told (its form's name unreadable) beside the document's only project form,
      // and no other project report: that form is its own, by structure — the indicator's name must then carry the link
      const sole = narrative.reportKind === 'project' && narrative.projectIndex == null && !report.deptSelfEval && soleProjectPair(report, narratives);
      const index = narrative.reportKind === 'project' ? (narrative.projectIndex ?? (sole ? 0 : null)) : null;
      const owner = index != null ? report.projects[index] : report.deptSelfEval;
      const base = index != null ? `projects[${index}]` : 'deptSelfEval';
      // a form rebuilt from a paragraph ("…指标2企业自行采购8200万粒200万粒…"): its own text read as prose is no restatement of it
      const formText = owner && stat.loc.paragraph != null ? (formStartsOf(owner.indicators).get(stat.loc.paragraph) ?? null) : null;
      const ownText = formText !== null && !!stat.loc.span && stat.loc.span[0] >= formText;
      if (!ownText) owner?.indicators.forEach((ind: Indicator, i: number) => {
        const actual = ind.actualMeasure.figure ?? ind.actual.figure;
        if (!actual || ind.notApplicable) return;
        if (unitInfo(actual.unit)?.normalized !== stat.normalizedUnit) return;
        const sim = labelSimilarity(label, ind.level3);
        if (sim < 0.6) return;
        links.push({
          statId: stat.id,
          target: { kind: 'table', ref: `${base}.indicators[${i}].actual`, loc: ind.actual.loc, text: ind.actual.text, value: actual.value, figure: actual, measure: `“${ind.level3}”实际完成值` },
          confidence: Math.round((0.3 + 0.5 * sim) * (sole ? 0.8 : 1) * 100) / 100,
          reason: `叙述统计“${label}”与指标“${ind.level3}”名称相似度 ${sim.toFixed(2)}，单位相同${sole ? '（文中仅一份项目报告与一份项目自评表，按结构对应）' : ''}`,
          basis: 'indicator-actual',
        });
      });
    }
  }
  // one by one: a spread overflows the call stack past ~10^5 links (a big report's copied paragraphs)
  for (const link of linkRestatements(stats, narratives)) links.push(link);
  return links;
}

/**
 * The same statement made in two narrative places (the department report and a project report
 * often share paragraphs): same unit, same label, similar sentence, same position among figures of
 * that label in the sentence — and the same subject. Two sections of one report speak about one
 * subject; two reports speak about different ones (the department, each project), so across reports
 * only a copied paragraph (two other figures repeated unchanged) makes the same fact, and a project's
 * own money or rate is never the fact of another report.
 */
/** A project report's own money or rate (another fact than any figure of another report). */
function ownFigure(narratives: NarrativeReport[], s: NarrativeStat): boolean {
  const narrative = s.narrative != null ? narratives[s.narrative] : undefined;
  return narrative?.reportKind === 'project' && ownProjectFigure(s, narrative.project ?? null);
}

function pairKey(a: NarrativeStat, b: NarrativeStat): string {
  return `${a.loc.paragraph}|${b.loc.paragraph}`;
}

/**
 * Sentence similarity, once per pair of distinct sentences (copied paragraphs share many figures).
 * A class at module level, not closures per report: V8 holds a closure's optimized code only weakly,
 * and per-report closures were compiled again after every full GC.
 */
class SentenceSimilarity {
  private readonly sentenceIndex = new Map<string, number>();
  private readonly grams: Array<ReadonlySet<string>> = [];
  private readonly simCache = new Map<number, number>();

  indexOf(sentence: string): number {
    let i = this.sentenceIndex.get(sentence);
    if (i === undefined) {
      i = this.grams.length;
      this.grams.push(bigrams(sentence.replace(/[\d.]+/g, '')));
      this.sentenceIndex.set(sentence, i);
    }
    return i;
  }

  of(x: string, y: string): number {
    const a = this.indexOf(x);
    const b = this.indexOf(y);
    const key = Math.min(a, b) * 2 ** 26 + Math.max(a, b); // unique below 2^26 sentences (×100_000 collided past 100,000)
    let sim = this.simCache.get(key);
    if (sim === undefined) {
      const [ga, gb] = [this.grams[a], this.grams[b]];
      let hit = 0;
      for (const g of ga) if (gb.has(g)) hit++;
      sim = ga.size + gb.size === 0 ? 0 : (2 * hit) / (ga.size + gb.size);
      this.simCache.set(key, sim);
    }
    return sim;
  }
}

/**
 * One sentence pattern used for several subjects, each named with its own amount: "追加预算82.25万元，支出7.48万元" /
 * "安排专项资金5.6万元，支出1.51万元" / "上年结转结余项目资金24.05万元，支出9.28万元". Each sentence's other
 * figures name other things (追加预算 / 专项资金 / 结转结余) with other values, none repeated: what each spent is
 * its own subject's, not a restatement of the other's.
 */
function otherSubjects(a: NarrativeStat, b: NarrativeStat, othersOf: (s: NarrativeStat) => NarrativeStat[]): boolean {
  const oa = othersOf(a);
  if (oa.length === 0) return false;
  const ob = othersOf(b);
  if (ob.length === 0) return false;
  if (oa.some((x) => ob.some((y) => x.figure.value === y.figure.value))) return false;
  return oa.every((x) => ob.every((y) => core(x.label!) !== core(y.label!)));
}

/**
 * A percentage is a ratio of amounts its sentence names: "收、支总计9,685.55万元，比上年增加1,027.91万元，增长11.87%" and
 * "本年收入合计9,578.17万元，比上年增加1,446.43万元，增长17.79%" are the growth of two wholes. When both sentences name
 * amounts (money or counts) and none of them agree, the two rates are of different bases, not one rate said twice; a
 * copied sentence repeats its amounts, and a rate stated without them is still compared.
 */
function otherBases(a: NarrativeStat, b: NarrativeStat, amountsOf: (s: NarrativeStat) => NarrativeStat[]): boolean {
  if (a.dimension !== 'percent' || b.dimension !== 'percent') return false;
  const oa = amountsOf(a);
  if (oa.length === 0) return false;
  const ob = amountsOf(b);
  if (ob.length === 0) return false;
  return !oa.some((x) => ob.some((y) => x.normalizedUnit === y.normalizedUnit && Number(x.normalizedValue) === Number(y.normalizedValue)));
}

/**
 * One statement restates a part the other's list names: "下达省级福彩公益金113万元，其中养老机构运营补贴项目48万元、…" and,
 * under 1.养老机构运营补贴项目, "下达省级福彩公益金48万元" — that item's own money, not the whole said again.
 */
function restatesPart(whole: NarrativeStat, other: NarrativeStat, partsOf: ReadonlyMap<string, NarrativeStat[]>): boolean {
  return (partsOf.get(whole.id) ?? []).some((p) => p.normalizedUnit === other.normalizedUnit && p.normalizedValue === other.normalizedValue);
}

const groupsOf = new WeakMap<readonly NarrativeStat[], { length: number; groups: ReadonlyMap<string, readonly NarrativeStat[]> }>();

/**
 * Statements that may restate one another: same unit, same measure name (slogans and unnamed figures left out).
 * Grouped once per statistics array (a report's statistics are not changed once read: the narrative's links and
 * the coverage rule's windowed groups read the same groups); shared, do not change them.
 */
function statementGroups(stats: readonly NarrativeStat[]): ReadonlyMap<string, readonly NarrativeStat[]> {
  const known = groupsOf.get(stats);
  if (known && known.length === stats.length) return known.groups;
  const groups = groupStatements(stats);
  groupsOf.set(stats, { length: stats.length, groups });
  return groups;
}

function groupStatements(stats: readonly NarrativeStat[]): Map<string, NarrativeStat[]> {
  const byKey = new Map<string, NarrativeStat[]>();
  for (const s of stats) {
    if (s.mention === 'slogan' || !s.label) continue;
    const key = `${s.normalizedUnit}|${core(s.label)}`; // core() is memoized
    const list = byKey.get(key) ?? [];
    list.push(s);
    byKey.set(key, list);
  }
  return byKey;
}

/** Groups of statements too big to compare pair by pair (pair-window.ts): their measure and size, biggest first. */
export function windowedStatementGroups(stats: NarrativeStat[]): Array<{ label: string; size: number }> {
  return [...statementGroups(stats).values()]
    .filter((g) => pairsWindowed(g.length))
    .map((g) => ({ label: g[0].label ?? '', size: g.length }))
    .sort((a, b) => b.size - a.size);
}

function linkRestatements(stats: NarrativeStat[], narratives: NarrativeReport[]): FigureLink[] {
  const out: FigureLink[] = [];
  const similarity = new SentenceSimilarity();
  const ordinal = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const s of stats) {
    const key = `${s.loc.paragraph}|${similarity.indexOf(s.sentence)}|${core(s.label)}`;
    const n = seen.get(key) ?? 0;
    ordinal.set(s.id, n);
    seen.set(key, n + 1);
  }
  const byId = new Map(stats.map((s) => [s.id, s]));
  // The statements of each one sentence (same paragraph, same text), by statement: keyed by the sentence
  // string itself within its paragraph, not by a `paragraph|sentence` string flattened for every lookup.
  const byParagraph = new Map<number | null, Map<string, NarrativeStat[]>>();
  const sentenceOf = new Map<NarrativeStat, NarrativeStat[]>();
  for (const s of stats) {
    let sentences = byParagraph.get(s.loc.paragraph);
    if (!sentences) byParagraph.set(s.loc.paragraph, (sentences = new Map()));
    let list = sentences.get(s.sentence);
    if (!list) sentences.set(s.sentence, (list = []));
    list.push(s);
    sentenceOf.set(s, list);
  }
  // the other named statements of a statement's sentence in its unit: asked for each pair it is in, made once
  const othersKnown = new Map<NarrativeStat, NarrativeStat[]>();
  const othersOf = (s: NarrativeStat): NarrativeStat[] => {
    let others = othersKnown.get(s);
    if (!others) othersKnown.set(s, (others = (sentenceOf.get(s) ?? []).filter((o) => o.id !== s.id && o.label && o.normalizedUnit === s.normalizedUnit)));
    return others;
  };
  // the amounts (money, counts) of a percentage's sentence: what it is a ratio of, asked for each pair it is in, made once
  const amountsKnown = new Map<NarrativeStat, NarrativeStat[]>();
  const amountsOf = (s: NarrativeStat): NarrativeStat[] => {
    let amounts = amountsKnown.get(s);
    if (!amounts) amountsKnown.set(s, (amounts = (sentenceOf.get(s) ?? []).filter((o) => o.dimension === 'money' || o.dimension === 'count')));
    return amounts;
  };
  const partsOf = new Map<string, NarrativeStat[]>();
  for (const s of stats) {
    if (!s.partOf) continue;
    const parts = partsOf.get(s.partOf);
    if (parts) parts.push(s);
    else partsOf.set(s.partOf, [s]);
  }
  const byKey = statementGroups(stats);
  const candidates: Array<{ a: NarrativeStat; b: NarrativeStat; sim: number }> = [];
  for (const group of byKey.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1, end = pairWindowEnd(i, group.length); j < end; j++) {
        const a = group[i];
        const b = group[j];
        if (a.narrative === b.narrative && a.section === b.section) continue;
        if (ordinal.get(a.id) !== ordinal.get(b.id)) continue;
        if (partsOfTwoAmounts(a, b, byId)) continue; // 总预算 / 已到位 / 已使用 each with its sources
        // a project report's own money or rate is another fact than any figure of another report
        // (another project's report uses the same sentence template; the department's 项目支出 is all projects)
        if (a.narrative !== b.narrative && (ownFigure(narratives, a) || ownFigure(narratives, b))) continue;
        if (otherSubjects(a, b, othersOf)) continue;
        if (otherBases(a, b, amountsOf)) continue; // rates of wholes whose amounts all differ
        if (restatesPart(a, b, partsOf) || restatesPart(b, a, partsOf)) continue;
        if (goalAndResult(a, b)) continue; // a goal set and what was done are two facts
        const sim = similarity.of(a.sentence, b.sentence);
        if (sim < (a.narrative === b.narrative ? 0.5 : 0.8)) continue;
        candidates.push({ a, b, sim });
      }
    }
  }
  // A copied paragraph shows itself by the other figures it repeats unchanged ("…930余处，强制拆除1台、
  // 现场封停9台" vs "…932余处，强制拆除1台、现场封停9台"). Without such an anchor, the same sentence
  // with other figures may be a template reused for another scope: a fuzzy link.
  const agreeing = new Map<string, number>();
  for (const { a, b } of candidates) {
    if (a.figure.value === b.figure.value && a.figure.unit === b.figure.unit) agreeing.set(pairKey(a, b), (agreeing.get(pairKey(a, b)) ?? 0) + 1);
  }
  for (const { a, b, sim } of candidates) {
    const same = a.figure.value === b.figure.value && a.figure.unit === b.figure.unit;
    const anchors = (agreeing.get(pairKey(a, b)) ?? 0) - (same ? 1 : 0);
    // Two reports are about different subjects (the department, each project): the same sentence in
    // both is the same fact only when the paragraph was copied — two other figures repeated unchanged.
    // Without that, "全年共开展专项检查12次" in two project reports counts two projects' checks.
    if (a.narrative !== b.narrative && anchors < 2) continue;
    // two repeated figures make a copy; one may be chance or a template constant ("办结率100%")
    const confidence = anchors >= 2 ? 0.5 + 0.5 * sim : 0.45 + 0.25 * sim;
    out.push({
      statId: a.id,
      target: { kind: 'narrative', ref: b.id, loc: b.loc, text: b.sentence, value: b.figure.value, figure: b.figure, measure: b.label },
      confidence: Math.round(confidence * 100) / 100,
      reason: `同一表述“${a.label}”在两处叙述中出现，句子相似度 ${sim.toFixed(2)}${anchors >= 2 ? `，同段另有${anchors}个数字一致` : '，同段一致的其他数字不足两个（可能为套用句式）'}`,
      basis: 'narrative',
    });
  }
  return out;
}
