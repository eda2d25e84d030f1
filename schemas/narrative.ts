import { z } from 'zod';
import { FigureSchema } from './figure.js';
import { LocationSchema } from './location.js';

/** A section of a narrative report (部门整体支出绩效自评报告, 项目支出绩效评价报告). */
export const NarrativeSectionSchema = z.object({
  heading: z.string(),
  /** Paragraph ordinals covered by this section. */
  paragraphs: z.array(z.number().int()),
});

/** One narrative report (a run of paragraphs between forms). */
export const NarrativeReportSchema = z.object({
  kind: z.literal('narrative'),
  part: z.string(), // e.g. 部门整体支出绩效自评报告, 项目支出绩效评价报告（工作经费）
  title: z.string(),
  /** The project this report is about, when it can be told (项目支出绩效评价报告). */
  project: z.string().nullable(),
  firstParagraph: z.number().int(),
  lastParagraph: z.number().int(),
  sections: z.array(NarrativeSectionSchema),
});
export type NarrativeReport = z.infer<typeof NarrativeReportSchema>;

/** A figure stated in prose ("公开招标项目共计14个"). */
export const NarrativeStatSchema = z.object({
  /** Stable id within the report: "p<paragraph>:<start>". */
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
  }),
  /** 0..1: how sure the link is (name and measure match, position in the report). */
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type FigureLink = z.infer<typeof FigureLinkSchema>;
