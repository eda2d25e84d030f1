import { z } from 'zod';
import { FigureSchema } from './figure.js';
import { LocationSchema } from './location.js';

/** A section of a narrative report (部门整体支出绩效自评报告, 项目支出绩效评价报告). */
export const NarrativeSectionSchema = z.object({
  heading: z.string(),
  /** Paragraph ordinals covered by this section. */
  paragraphs: z.array(z.number().int()),
  /** Known section this heading names (found by heading text, not numbering), e.g. "project-overview". */
  key: z.string().nullable().optional(),
  /** 1 for the report's main sections (一、…), 2 for sub-sections. */
  level: z.number().int().optional(),
});

/** One narrative report (a run of paragraphs between forms). */
export const NarrativeReportSchema = z.object({
  kind: z.literal('narrative'),
  part: z.string(), // e.g. 部门整体支出绩效自评报告, 项目支出绩效评价报告（工作经费）
  title: z.string(),
  /** Where the title stands when it is no paragraph: a report kept whole in a table, titled by its first row (表格首行为标题). */
  titleLocation: LocationSchema.nullable().optional(),
  /** The project this report is about, when it can be told (项目支出绩效评价报告). */
  project: z.string().nullable(),
  firstParagraph: z.number().int(),
  lastParagraph: z.number().int(),
  sections: z.array(NarrativeSectionSchema),
  /** dept = 部门整体支出绩效自评报告, project = 项目支出绩效评价报告. */
  reportKind: z.enum(['dept', 'project']).optional(),
  /** How sure the project attribution is (0..1) and why. */
  projectConfidence: z.number().min(0).max(1).nullable().optional(),
  projectReason: z.string().nullable().optional(),
  /** Index of the project in report.projects[], when told. */
  projectIndex: z.number().int().nullable().optional(),
});
export type NarrativeReport = z.infer<typeof NarrativeReportSchema>;

/** A figure stated in prose ("公开招标项目共计14个"). */
export const NarrativeStatSchema = z.object({
  /** Stable id within the report: "p<paragraph>:<start>" (a paragraph) or "t<table>r<row>c<col>:<start>" (prose in a table cell), start counted with whitespace removed (same in .docx/.doc/.pdf). */
  id: z.string(),
  figure: FigureSchema,
  /** Unit normalized for comparison (万元 for money, 平方米 for area, else as written). */
  normalizedUnit: z.string().nullable(),
  /** Value in the normalized unit, decimal string. */
  normalizedValue: z.string(),
  /** What is counted, from the words before the figure ("公开招标项目"). */
  label: z.string(),
  /** Kind of quantity: money, count, area, percent, other. */
  dimension: z.enum(['money', 'count', 'area', 'percent', 'other']),
  sentence: z.string(),
  loc: LocationSchema,
  /** Part of a stated total: id of the total this figure is a component of. */
  partOf: z.string().nullable(),
  /** How the part relates: listed part "（A a、B b）" or 其中 subset. */
  relation: z.enum(['component', 'subset']).nullable(),
  /** The list the parts belong to may not be exhaustive (等, 包括). */
  openList: z.boolean(),
  /** Index of the narrative report (report.narratives[]) and heading of the section it is in. */
  narrative: z.number().int().nullable().optional(),
  section: z.string().nullable().optional(),
  /** measure = a statistic; slogan = a countable mention inside a slogan (扬尘防治"6个100%"), never checked. */
  mention: z.enum(['measure', 'slogan']).optional(),
  /** "各一件": the figure applies to each of `each` listed items. */
  each: z.number().int().nullable().optional(),
  /** "每月一次": the period of a frequency (月, 季度, 年 …). */
  per: z.string().nullable().optional(),
  /** A count announcing a list ("两种形式", "3项（A、B、C）"): number of items actually listed. */
  listLength: z.number().int().nullable().optional(),
  /** The unit was not in the unit table; kept as written. */
  unknownUnit: z.boolean().optional(),
  /**
   * An item of a list: amounts = one amount of a list of amounts joined by 、 (a part, never the whole);
   * numbered = the amount a numbered item opens with ("1.年度重点项目补助资金874万元：…").
   */
  listItem: z.enum(['amounts', 'numbered']).optional(),
  /** The same amount said again inside its numbered item: the id of the item's figure (part or whole as the item is). */
  itemOf: z.string().optional(),
});
export type NarrativeStat = z.infer<typeof NarrativeStatSchema>;

/** A link between a narrative figure and the table figure (or other narrative figure) it restates. */
export const FigureLinkSchema = z.object({
  statId: z.string(),
  target: z.object({
    kind: z.enum(['table', 'narrative']),
    /** Path in the report records, e.g. "projects[2].budget.rows[0].executed", or a stat id. */
    ref: z.string(),
    loc: LocationSchema,
    text: z.string(),
    value: z.string(),
    /** The figure as the table states it (comparator, precision, unit). */
    figure: FigureSchema.nullable().optional(),
    /** What the target figure is, in the reviewer's words: "全年执行数", "按支出性质分 项目支出", "实际完成值". */
    measure: z.string().optional(),
  }),
  /** 0..1: how sure the link is (name and measure match, position in the report). */
  confidence: z.number().min(0).max(1),
  reason: z.string(),
  /** table-figure = restates a table amount/count; indicator-actual = an indicator's 实际完成值; narrative = another narrative statement. */
  basis: z.enum(['table-figure', 'indicator-actual', 'narrative']).optional(),
});
export type FigureLink = z.infer<typeof FigureLinkSchema>;

/**
 * A score band of a grade (评价等级/等次): [min, max] with each end's inclusion — the report's own printed bands
 * ("90分（含）以上为优秀，80（含）-90分为良好…"), else the national ones of 财预〔2020〕10号 (90（含）–100 优 …).
 */
export const GradeBandSchema = z.object({
  /** The grade as the band names it: 优 / 优秀 / 良 / 良好 / 中 / 合格 / 差 / 不合格. */
  grade: z.string(),
  /** 1 优(优秀), 2 良(良好), 3 中(合格), 4 差(不合格). */
  rank: z.number().int().min(1).max(4),
  /** Decimal strings; null = open end. */
  min: z.string().nullable(),
  minInclusive: z.boolean(),
  max: z.string().nullable(),
  maxInclusive: z.boolean(),
  /** The words that state it; null for the national bands. */
  text: z.string().nullable(),
});
export type GradeBand = z.infer<typeof GradeBandSchema>;

/**
 * A grade stated in prose (评价等级为“优”, 自评结论为优秀, 评定等次为良): the grade word, whose it is and the score
 * the same sentence gives it, with provenance. Tallies ("等级为优的项目6个"), several things at once (均为“优”) and
 * the definitions of bands are not grades of anything.
 */
export const GradeStatementSchema = z.object({
  /** "p<paragraph>:<start>" / "t<table>r<row>c<col>:<start>", as a statistic's id. */
  id: z.string(),
  /** The grade as written: 优 / 优秀 / 良好 / 合格 …. */
  grade: z.string(),
  rank: z.number().int().min(1).max(4),
  sentence: z.string(),
  loc: LocationSchema,
  /** Index of the narrative report (report.narratives[]). */
  narrative: z.number().int().nullable(),
  /** Whose grade: dept = 部门整体, project = a project's (the narrative's), null = the sentence names another thing. */
  subject: z.enum(['dept', 'project']).nullable(),
  project: z.string().nullable(),
  projectIndex: z.number().int().nullable(),
  /** self = 自评 (or no evaluator named); other = a third party's / a reviewer's evaluation (第三方, 复核, 重点评价). */
  evaluator: z.enum(['self', 'other']),
  /** A year the sentence gives the grade ("2022年度自评等级为优"), when it names one. */
  year: z.number().int().nullable(),
  /** The score the same sentence states before the grade ("自评得分95.5分，评价等级为优"). */
  score: z
    .object({ text: z.string(), value: z.string(), decimals: z.number().int(), loc: LocationSchema })
    .nullable(),
  /** The bands the report prints, when it does (they govern); null = the national ones apply. */
  bands: z.array(GradeBandSchema).nullable(),
});
export type GradeStatement = z.infer<typeof GradeStatementSchema>;
