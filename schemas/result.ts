import { z } from 'zod';
import { ReportSchema } from './report.js';
import { FindingSchema } from './finding.js';

/** Error codes for files that could not be processed. */
export const ErrorCodeSchema = z.enum([
  'CORRUPT_FILE',
  'UNSUPPORTED_FORMAT',
  'EMPTY_FILE',
  'ENCRYPTED_PDF',
  'NO_TEXT_LAYER',
  'DOC_CONVERTER_MISSING',
  'DOC_CONVERSION_FAILED',
  'LIMIT_EXCEEDED',
  'TIMEOUT',
  'READ_FAILED',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One line of `extract --json` (shared/design/output-contract.md). Fields may only be added. */
export const ResultSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  format: z.enum(['docx', 'doc', 'pdf', 'xlsx']).nullable(),
  status: z.enum(['ok', 'error']),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  report: ReportSchema.nullable(),
  discrepancies: z.array(FindingSchema),
  rulesVersion: z.string(),
  /** Milliseconds per stage (parse, recognize, narrative, rules, total). */
  timings: z.record(z.string(), z.number()),
});
export type Result = z.infer<typeof ResultSchema>;
