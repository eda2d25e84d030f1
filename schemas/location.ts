import { z } from 'zod';

/**
 * Characters the OCR post-processing changed in the text a value was read from (parsers/ocr/corrections.ts):
 * as the recogniser read them and as corrected, with a character of context either side —
 * { read: "目峻工", corrected: "目竣工" } is shown "OCR 原文 目峻工 → 目竣工".
 */
export const OcrCorrectionSchema = z.object({ read: z.string(), corrected: z.string() });
export type OcrCorrection = z.infer<typeof OcrCorrectionSchema>;

/**
 * Where a value came from. Fields that do not apply are null: `page` is filled for PDFs,
 * `paragraph` for narrative text, `table/row/col` for table cells (0-based grid positions).
 * This is the `location` object of the output contract (shared/design/output-contract.md);
 * fields may only be added, never renamed.
 */
export const LocationSchema = z.object({
  /** Report part, e.g. 部门整体支出绩效自评表, 项目支出绩效自评表（工作经费）. */
  part: z.string().nullable(),
  /** Table ordinal in the document (0-based, counting every table). */
  table: z.number().int().nullable(),
  row: z.number().int().nullable(),
  col: z.number().int().nullable(),
  /** 1-based page number (PDF; null where the container has no pages). */
  page: z.number().int().nullable(),
  /** Paragraph ordinal in the document (0-based, counting only paragraphs). */
  paragraph: z.number().int().nullable(),
  /** Block index in the DocumentModel (paragraphs and tables in reading order). */
  block: z.number().int().nullable().optional(),
  /** Character span [start, end) inside the paragraph or cell text. */
  span: z.tuple([z.number().int(), z.number().int()]).nullable().optional(),
  /** Box on the page in PDF points [x0, y0, x1, y1], origin top-left. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().optional(),
  /**
   * Set when the text was read by OCR (ours: "ocr"; a text layer another program wrote over a
   * scan: "ocr-layer"); absent for exact text. Findings resting on such text are at most warnings.
   */
  textSource: z.enum(['ocr', 'ocr-layer']).nullable().optional(),
  /** Recognition confidence (0–1) of the OCR'd text this value was read from. */
  confidence: z.number().min(0).max(1).nullable().optional(),
  /**
   * OCR'd text read with low confidence, or a number in which a letter stood for a digit (0/O, 1/l/I,
   * 8/B): the value may be misread. Absent for exact text.
   */
  uncertain: z.boolean().optional(),
  /**
   * Set when the OCR post-processing changed characters of the text this value was read from, or of
   * the indicator name (三级指标) of its row (a look-alike letter folded into a digit, a character
   * corrected by the word it breaks, a decimal point put back, a comparator named from its drawn
   * shape): each change as read and as corrected. Absent when nothing was changed.
   */
  ocrCorrections: z.array(OcrCorrectionSchema).optional(),
  /**
   * Set when the cell belongs to a PDF table drawn without ruling lines (无框线表格): its rows and
   * columns were inferred from text positions, so which row or column a value sits in may be wrong.
   * Findings resting on such cells are at most warnings. Absent for markup and ruled tables.
   */
  gridInferred: z.boolean().optional(),
  /**
   * Set when the value was cut out of a form flattened into lines of text (连排表格: "年度资金总额50万元47.6895.00%"):
   * its cell is part of a table rebuilt from the line, the boundaries between glued figures were inferred.
   * Findings resting on it are at most warnings. Absent for real table cells and prose.
   */
  rebuilt: z.boolean().optional(),
  /**
   * Set when the text holds □ (U+25A1) standing for characters a partly broken PDF text layer could
   * not decode: a label may be misread (政□□购金额, □适用). Findings resting on it are at most warnings.
   * Absent for exact text, and for a □ the author typed (a check box in a form).
   */
  damagedGlyphs: z.boolean().optional(),
});

export type Location = z.infer<typeof LocationSchema>;

export { LOST_GLYPH_MARK, location } from './location-value.js';
