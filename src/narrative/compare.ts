import type { Evidence } from '../../schemas/finding.js';
import type { Figure } from '../../schemas/figure.js';
import type { FigureLink, NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { formatInterval, halfUnit, type Interval, intersects, intervalOf, Rational } from '../numbers/decimal.js';
import { stripNumbering } from './reports.js';
import { shiftDecimal, shiftDecimals, unitInfo } from './units.js';

/**
 * Comparisons between a narrative figure and the figure it restates, with the rounding semantics
 * of the catalogue: a value with d decimals stands for ±½·10⁻ᵈ; the same figure written twice at
 * the same precision must be identical (359.73 vs 359.74 is an inconsistency even though the
 * intervals touch); written at different precisions, the intervals must meet (335万元 vs 334.74).
 */

export interface Normalized {
  value: string;
  decimals: number;
  unit: string | null;
  /** What the figure stands for when written in a larger unit at a coarser precision than one normalized unit ("3.30亿元": 33000 ± 50 万元). */
  coarse?: Interval;
}

/** A figure in the unit used for comparison (万元, 平方米, …); a unit-less table amount takes `defaultUnit`. */
export function normalize(figure: Figure, defaultUnit: string | null = null): Normalized {
  const unit = figure.unit ?? defaultUnit;
  const info = unitInfo(unit);
  if (!info) return { value: figure.value, decimals: figure.decimals, unit };
  const normalized: Normalized = { value: shiftDecimal(figure.value, info.shift), decimals: shiftDecimals(figure.decimals, info.shift), unit: info.normalized };
  if (info.shift > figure.decimals) {
    const scale = Rational.parse(shiftDecimal('1', info.shift));
    const written = intervalOf(figure.value, figure.decimals);
    normalized.coarse = { lo: written.lo.mul(scale), hi: written.hi.mul(scale) };
  }
  return normalized;
}

/** The interval a normalized figure stands for at its own precision. */
function ownInterval(n: Normalized): Interval {
  return n.coarse ?? intervalOf(n.value, n.decimals);
}

/** The interval a figure stands for in its normalized unit, at its own written precision. */
export function figureInterval(figure: Figure): Interval {
  return ownInterval(normalize(figure));
}

/**
 * The interval a figure stands for in its normalized unit, at `decimals` (a common precision the
 * caller chose) — unless it was written in a larger unit at a precision coarser than one normalized
 * unit: "3.30亿元" is 33000 ± 50 万元 (±½ of its own last digit), not 33000 ± 0.05.
 */
export function normalizedInterval(figure: Figure, decimals: number): Interval {
  const n = normalize(figure);
  return n.coarse ?? intervalOf(n.value, decimals);
}

export function isExact(f: Figure): boolean {
  return f.comparator === '=' && !f.approximate;
}

/**
 * Does a restatement agree with the figure it restates? Written at the same precision the two must
 * be identical; at different precisions their rounding intervals must meet.
 */
export function restatementAgrees(a: Normalized, b: Normalized): boolean {
  if (samePrecision(a, b)) return Rational.parse(a.value).eq(Rational.parse(b.value));
  return intersects(ownInterval(a), ownInterval(b));
}

/**
 * Written at one precision: the same decimals in the normalized unit, or both in a larger unit at the
 * same coarse precision ("3亿元" and "4亿元", each ±5000万元: intervals that touch, two figures all the same).
 */
function samePrecision(a: Normalized, b: Normalized): boolean {
  if (!a.coarse && !b.coarse) return a.decimals === b.decimals;
  return !!a.coarse && !!b.coarse && a.coarse.hi.sub(a.coarse.lo).eq(b.coarse.hi.sub(b.coarse.lo));
}

/** The tolerance restatementAgrees applied, for a finding (built only for the figures that disagree). */
export function restatementTolerance(a: Normalized, b: Normalized): string {
  if (samePrecision(a, b) && !a.coarse) {
    return `同一数字以相同精度（${a.decimals}位小数）书写两次，须完全相同 / same figure at the same precision (${a.decimals} dp) must be identical`;
  }
  if (samePrecision(a, b)) return `同一数字以相同单位与精度书写两次，须完全相同 / same figure in the same unit and precision must be identical`;
  const half = (n: Normalized, i: Interval) => (n.coarse ? i.hi.sub(i.lo).mul(Rational.of(1n, 2n)) : halfUnit(n.decimals)).toString(8);
  const ia = ownInterval(a);
  const ib = ownInterval(b);
  return `按书写精度取区间：${formatInterval(ia, 6)}（±${half(a, ia)}）与 ${formatInterval(ib, 6)}（±${half(b, ib)}）须相交 / rounding intervals must meet`;
}

/** Plain number of a written figure, for `values` and evidence (a percentage as printed). */
export function plain(figure: Figure): number {
  return Rational.parse(figure.value).toNumber();
}

/** How a reviewer names the narrative report a statistic is in: "工作经费项目支出绩效评价报告". */
export function reportName(report: Report, stat: NarrativeStat): string {
  const n: NarrativeReport | undefined = stat.narrative != null ? report.narratives[stat.narrative] : undefined;
  if (!n) return stat.loc.part ?? '叙述报告';
  if (n.reportKind === 'project' || (n.reportKind === undefined && /项目/.test(n.part))) {
    return n.project ? `${n.project}项目支出绩效评价报告` : n.part;
  }
  return n.part;
}

/** "工作经费项目支出绩效评价报告（(3) 项目支出绩效目标完成程度。）" — report and section. */
export function placeName(report: Report, stat: NarrativeStat): string {
  const section = stat.section ? stripNumbering(stat.section).replace(/[。：:]$/, '') : null;
  return section ? `${reportName(report, stat)}“${section}”部分` : reportName(report, stat);
}

/** The written figure with its label, as the reviewer reads it: "全年支出334.73万元". */
export function statPhrase(stat: NarrativeStat): string {
  return `${stat.label}${stat.figure.text.trim()}`;
}

export function statEvidence(stat: NarrativeStat, role: string): Evidence {
  return { text: stat.sentence, value: plain(stat.figure), location: stat.loc, role };
}

export function targetEvidence(link: FigureLink, role: string): Evidence {
  const figure = link.target.figure;
  const value = figure ? plain(figure) : Number.isFinite(Number(link.target.value)) ? Number(link.target.value) : null;
  return { text: link.target.text, value, location: link.target.loc, role };
}

const byIdOf = new WeakMap<readonly NarrativeStat[], Map<string, NarrativeStat>>();

/**
 * Index of statistics by id, made once per list of statistics (several rules ask for it, on the
 * report or on a view of it that shares the list). Shared: do not change it.
 */
export function statsById(report: Report): ReadonlyMap<string, NarrativeStat> {
  let index = byIdOf.get(report.statistics);
  if (!index) {
    index = new Map(report.statistics.map((s) => [s.id, s]));
    byIdOf.set(report.statistics, index);
  }
  return index;
}

/** A narrative figure and the figure it restates, both normalised for comparison. */
export interface Restatement {
  stat: NarrativeStat;
  target: Figure;
  /** The other narrative statement, when the restated figure is prose rather than a table cell. */
  narrativeTarget?: NarrativeStat;
  a: Normalized;
  b: Normalized;
}

/**
 * The comparison a link asks for (B1, 同一数字前后不一致), or null when it asks for none: an indicator's
 * 实际完成值 (its own rule), a slogan, an approximate or bounded figure, or figures of other units. One
 * place decides this so that a rule built on the same figures (a rate from restated amounts) can
 * leave to figure-mismatch exactly what figure-mismatch reports.
 */
export function restatementOf(report: Report, link: FigureLink): Restatement | null {
  if (link.basis === 'indicator-actual') return null;
  const stat = statsById(report).get(link.statId);
  const target = link.target.figure;
  if (!stat || !target || stat.mention === 'slogan' || !isExact(stat.figure) || !isExact(target)) return null;
  const narrativeTarget = link.target.kind === 'narrative' ? statsById(report).get(link.target.ref) : undefined;
  if (link.target.kind === 'narrative' && !narrativeTarget) return null;
  const a = normalize(stat.figure);
  const b = normalize(target, link.target.kind === 'table' && stat.dimension === 'money' ? '万元' : stat.normalizedUnit);
  if (a.unit !== b.unit) return null;
  return { stat, target, narrativeTarget, a, b };
}

/** Unit to print after a table figure in messages. */
export function printedUnit(figure: Figure | null | undefined, fallback: string | null): string {
  return figure?.unit ?? fallback ?? '';
}

/**
 * Parts (其中) of two wholes of different amounts: "总预算36,620万元…中央财政补助10,000万元" and "已使用36,948.11万元，
 * 其中：中央财政补助资金9,965.68万元" name the same source of two measures (budget, spent), or two batches — not one
 * fact stated twice.
 */
export function partsOfTwoAmounts(a: NarrativeStat, b: NarrativeStat, byId: ReadonlyMap<string, NarrativeStat>): boolean {
  const wa = a.partOf ? byId.get(a.partOf) : undefined;
  const wb = b.partOf ? byId.get(b.partOf) : undefined;
  if (!wa || !wb || wa.id === wb.id) return false;
  return wa.normalizedUnit === wb.normalizedUnit && wa.normalizedValue !== wb.normalizedValue;
}

/**
 * A goal set ("绩效目标：老年人日间照料中心资金完成173万元") is not a statement of what was done ("老年人日间照料中心资金
 * 完成61.99万元"): the same words with another figure are a target and its result, not one fact said twice. A goal is a
 * sentence opening with its label (目标 / 绩效目标 / 年度目标 / 计划 / 预计, then a colon).
 */
const GOAL_LEAD = /^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?(?:(?:年度|总体|预期|长期|项目|部门)?(?:绩效)?目标值?|计划|预计)\s*[:：]/;

/** One statement a goal, the other not: a target and its result, never compared as one fact. */
export function goalAndResult(a: NarrativeStat, b: NarrativeStat): boolean {
  return GOAL_LEAD.test(a.sentence) !== GOAL_LEAD.test(b.sentence);
}
