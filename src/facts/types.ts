import type { Figure } from '../../schemas/figure.js';
import type { Location } from '../../schemas/location.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Interval, Rational } from '../numbers/decimal.js';

/**
 * One figure of the report, wherever it is written (a prose statistic, an indicator's 实际完成值 or
 * 年度指标值, a budget cell, a 基础数据表 row), in one shape: what is measured, about whom, which
 * year, what is stated, where. Cross-part rules (issue 19) read these and nothing else.
 */
export type FactSource =
  | 'narrative' // a figure in prose (叙述统计)
  | 'indicator-actual' // 实际完成值
  | 'indicator-target' // 年度指标值
  | 'budget' // 年度资金总额 / 资金来源 rows of a self-evaluation form
  | 'basic-data' // 基础数据表 经费控制情况 rows
  | 'spending-breakdown'; // 按支出性质分 lines of the department form (基本支出, 项目支出, 人员经费, 公用经费)

/** Whom the figure is about: the department as a whole (部门整体) or one project (项目). */
export interface Subject {
  kind: 'dept' | 'project';
  /** Index in report.projects[] when kind = project and known. */
  project: number | null;
  /** The project's name as printed, for messages. */
  name: string | null;
}

/**
 * What is stated: the written value with its precision, the unit it is compared in (万元, 平方米, %,
 * the counting word as written) and the qualifier (约/余/以上 …). The interval the writing allows
 * (rounding ±½ of the last written digit; "930余" and "95%以上" open above) is computed on demand:
 * `boundsOf` in src/facts/index.ts.
 */
export interface Statement {
  figure: Figure;
  /** Value in the comparison unit (decimal string). */
  value: string;
  decimals: number;
  unit: string | null;
  dimension: NarrativeStat['dimension'];
  exact: boolean;
  /** Written in a larger unit at a precision coarser than one comparison unit ("3.30亿元"): the interval it stands for there. */
  coarse?: Interval;
}

/** The interval a statement allows; null = open on that side. */
export interface Bounds {
  lo: Rational | null;
  hi: Rational | null;
}

/** What is measured, normalised for matching ("公开招投标项目监管服务满意度" → "公开招标项目监管服务满意"). */
export interface Measure {
  /** As written (label, indicator name, row label). */
  readonly words: string;
  /** Matching key: normalised text, abbreviations folded, noise words dropped. */
  readonly key: string;
  /** For counts: the counted thing without the verb before it ("依法依规处理投诉" → "投诉"). */
  readonly noun: string;
}

export interface IndexedFact {
  /** Stable within a report: "stat:p34:113", "projects[1].indicators[3].actual", "basicData.spending[15].final". */
  id: string;
  source: FactSource;
  measure: Measure;
  subject: Subject;
  year: number | null;
  statement: Statement;
  location: Location;
  /** The sentence (prose) or cell text (tables) the reviewer reads. */
  text: string;
  /** Prose facts: one key per sentence of a paragraph (short; for grouping facts by sentence). */
  sentenceKey?: string;
  /** The narrative statistic behind a prose fact. */
  stat?: NarrativeStat;
  /** "各一件": a prose figure that applies to each of several listed things is split into one fact per thing. */
  eachOf?: string;
  /** 基础数据表: the parent row's label (其中 lines), for wholes and parts across parts. */
  parentLabel?: string | null;
  /** 基础数据表: which column (previousFinal / budget / final). */
  column?: string;
  /**
   * Money spent on one line of the 支出性质 breakdown, whichever form states it: the same key for the
   * 基础数据表's 项目支出 (公用经费) 本年决算数 and the department form's 按支出性质分 项目支出 (公用经费)
   * line ('project', 'operating', 'basic', 'staff'). Set on spent amounts only (a budget column is another measure).
   */
  spent?: string;
}

/** Why two facts were taken for the same measure, and how sure that is (0..1). */
export interface FactPair {
  a: IndexedFact;
  b: IndexedFact;
  confidence: number;
  /** Chinese reasons, e.g. "共有词“投诉”", "单位相同（个）", "同一年度（2023）", "同句另有“举报”一致". */
  reasons: string[];
}
