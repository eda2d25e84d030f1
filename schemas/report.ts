import { z } from 'zod';
import { TextFactSchema } from './fact.js';
import { TemplateFamilySchema } from './family.js';
import { BasicDataSchema, DeptSelfEvalSchema, ProjectSelfEvalSchema } from './records.js';
import { FigureLinkSchema, GradeStatementSchema, NarrativeReportSchema, NarrativeStatSchema } from './narrative.js';

export { TemplateFamilySchema, type TemplateFamily } from './family.js';

/** What was read and what was not, so "0 findings" never hides "nothing was read". */
export const CoverageSchema = z.object({
  paragraphs: z.number().int(),
  tables: z.number().int(),
  /** Tables recognized per part kind. */
  tablesByPart: z.record(z.string(), z.number().int()),
  /** Tables not attributed to any part. */
  unrecognizedTables: z.array(z.number().int()),
  /** Facts (numbers/values) extracted into records. */
  facts: z.number().int(),
  indicators: z.number().int(),
  narrativeStatistics: z.number().int(),
  /** Cells or sentences that looked like data but could not be understood. */
  notUnderstood: z.array(z.object({ text: z.string(), where: z.string() })),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const ReportSchema = z.object({
  /** Year of the report (2023年度…), from the titles. */
  year: z.number().int().nullable(),
  department: TextFactSchema.nullable(),
  family: TemplateFamilySchema,
  basicData: BasicDataSchema.nullable(),
  deptSelfEval: DeptSelfEvalSchema.nullable(),
  projects: z.array(ProjectSelfEvalSchema),
  narratives: z.array(NarrativeReportSchema),
  statistics: z.array(NarrativeStatSchema),
  links: z.array(FigureLinkSchema),
  /** Grades stated in prose (评价等级/等次) with their score and bands; absent in results made before grade30. */
  grades: z.array(GradeStatementSchema).optional(),
  coverage: CoverageSchema,
});
export type Report = z.infer<typeof ReportSchema>;
