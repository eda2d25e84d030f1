import { z } from 'zod';

/**
 * What a real report must yield (truth.json beside each document of the corpus) and what it must
 * not. Facts are typed so that a match means the pipeline understood the value, not merely that some
 * number equal to it appears somewhere: a budget value is matched in its form's budget block, in its
 * row and column; an indicator by its name and fields; a narrative statistic by value, unit and what
 * it counts.
 */

/** A decimal as written ("251.89", "100.00", "97"); compared as decimals, trailing zeros ignored. */
export const DecimalSchema = z.string().regex(/^-?\d+(\.\d+)?$/);

/** Words that must all occur (whitespace and full/half width ignored) in the named text. */
const Words = z.array(z.string().min(1));

export const BudgetFactSchema = z.object({
  kind: z.literal('budget'),
  /** Words naming the form (project name, 部门整体); [] = any self-evaluation form. */
  form: Words,
  /** Words of the row label as printed (年度资金总额, 其中：财政资金, 当年财政拨款…). */
  row: Words,
  field: z.enum(['initialBudget', 'fullYearBudget', 'executed', 'arrived', 'rate', 'weight', 'score']),
  value: DecimalSchema,
  /** 元 when the form states amounts in 元 (a pipeline that converts to 万元 matches too). */
  unit: z.enum(['万元', '元', '%']).optional(),
});

/** A line of the department form's 按收入性质分 / 按支出性质分 breakdown. */
export const BreakdownFactSchema = z.object({
  kind: z.literal('breakdown'),
  form: Words,
  side: z.enum(['income', 'spending']),
  label: Words,
  value: DecimalSchema,
});

export const IndicatorFactSchema = z.object({
  kind: z.literal('indicator'),
  form: Words,
  /** Words of the 三级指标 (or the 53号 指标's name). */
  name: Words,
  target: z.string().optional(),
  actual: z.string().optional(),
  weight: DecimalSchema.optional(),
  score: DecimalSchema.optional(),
});

export const TotalFactSchema = z.object({
  kind: z.literal('total'),
  form: Words,
  weight: DecimalSchema.optional(),
  score: DecimalSchema.optional(),
});

export const BasicFactSchema = z.object({
  kind: z.literal('basic'),
  /** Words of the row label (三公经费, 公务接待费…); ignored for staffing fields. */
  row: Words,
  field: z.enum(['previousFinal', 'budget', 'final', 'authorized', 'actual', 'controlRate']),
  value: DecimalSchema,
});

export const StatFactSchema = z.object({
  kind: z.literal('stat'),
  value: DecimalSchema,
  /** Unit as written (万元, 个, %, 人 …); null when the figure has none. */
  unit: z.string().nullable(),
  /** Words of what is counted, found in the statistic's label or sentence. */
  words: Words,
});

/** A part the pipeline must recognize (a narrative report, a form). */
export const PartFactSchema = z.object({
  kind: z.literal('part'),
  part: z.enum(['narrative', 'project-self-eval', 'dept-self-eval', 'basic-data']),
  /** Words of its title or name; [] = any part of that kind. */
  name: Words,
});

/** A grade stated in prose (评价等级/等次为“良”), with the score its sentence gives it (null: none in the sentence). */
export const GradeFactSchema = z.object({
  kind: z.literal('grade'),
  grade: z.string(),
  score: DecimalSchema.nullable(),
  /** Whose it is: 部门整体 / a project's; evaluator other = a third party's or a review's. */
  subject: z.enum(['dept', 'project']).nullable().optional(),
  evaluator: z.enum(['self', 'other']).optional(),
});

export const FactSchema = z.discriminatedUnion('kind', [BudgetFactSchema, BreakdownFactSchema, IndicatorFactSchema, TotalFactSchema, BasicFactSchema, StatFactSchema, PartFactSchema, GradeFactSchema]);
export type TruthFact = z.infer<typeof FactSchema>;

export const InconsistencySchema = z.object({
  id: z.string(),
  /** Catalogue class (rules-catalogue.md: A1…G4) or cross-part class of issue 19 ("X1"…"X6"). */
  class: z.string().regex(/^([A-G]\d+|X[1-6])$/),
  description: z.string(),
  /** The arithmetic, written out (exact decimals, rounding interval). */
  arithmetic: z.string(),
  /**
   * Figures as printed that a finding about it must state: a number among the finding's compared values
   * (values, expected, observed), words in its message or a cell it quotes; two of them (one when only one
   * is given).
   */
  figures: z.array(z.string()).min(1),
  /** Rule ids expected to fire ([] = any rule whose finding states the figures). */
  rules: z.array(z.string()),
  /**
   * The named rules overlap: each states this same cause in its own terms (a weight total that is wrong
   * as a sum and as a group's points), so every finding of them that states it is credited. Absent: one
   * cause, one finding — a second finding stating it is an extra.
   */
  overlap: z.boolean().optional(),
  /** verified = arithmetic beyond doubt (counts toward the threshold); plausible = needs a reading the text allows but does not force. */
  certainty: z.enum(['verified', 'plausible']),
});
export type Inconsistency = z.infer<typeof InconsistencySchema>;

export const MustNotFlagSchema = z.object({
  id: z.string(),
  description: z.string(),
  arithmetic: z.string(),
  /** Figures as printed: an error/warning finding that states two of them (one, when only one is given) as its compared values flags this item. */
  figures: z.array(z.string()).min(1),
  /** Only findings of these rules count (where another rule may well cite the same figures for another reason); absent = any rule. */
  rules: z.array(z.string()).optional(),
});
export type MustNotFlag = z.infer<typeof MustNotFlagSchema>;

export const MetaSchema = z.object({
  id: z.string(),
  province: z.string(),
  /** City / county and publishing body, as the page names them. */
  publisher: z.string(),
  url: z.string().url(),
  title: z.string(),
  year: z.number().int().nullable(),
  /** tables = forms only; narrative = prose only; mixed = both. */
  kind: z.enum(['tables', 'narrative', 'mixed']),
  /** Template family / report type in words (项目支出绩效自评表 (Sichuan 2023), 衔接资金自评总结报告 …). */
  family: z.string(),
  /** The stored page ends before the document does (what is here is verbatim, nothing added). */
  cut: z.boolean(),
  /** Text quirks of the published copy (traditional characters, pinyin glosses, OCR noise…). */
  quirks: z.array(z.string()),
  notes: z.string().optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

export const TruthSchema = z.object({
  meta: MetaSchema,
  facts: z.array(FactSchema).min(1),
  inconsistencies: z.array(InconsistencySchema),
  mustNotFlag: z.array(MustNotFlagSchema),
});
export type Truth = z.infer<typeof TruthSchema>;
