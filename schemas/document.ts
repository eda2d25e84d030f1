import { z } from 'zod';

/**
 * The format-neutral DocumentModel every parser (docx, doc, pdf) produces.
 * Parsers know file formats and nothing about reports; recognizers read only this model.
 */

export const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const ParagraphBlockSchema = z.object({
  kind: z.literal('paragraph'),
  /** Block index in reading order (paragraphs and tables together). */
  block: z.number().int(),
  /** Paragraph ordinal (0-based, paragraphs only). */
  paragraph: z.number().int(),
  text: z.string(),
  /** Style name or outline level hint, if the format has one ("Heading1", "Title"). */
  style: z.string().nullable(),
  /** 1-based page (PDF); null for Word. */
  page: z.number().int().nullable(),
  bbox: BBoxSchema.nullable(),
  /** Font size in points of the paragraph's first line (PDF only: the typographic hint for headings where no style exists). */
  fontSize: z.number().optional(),
  /** PDF paragraphs running over a page break: from character `offset` of `text` on, the text is on `page`. */
  pageBreaks: z.array(z.object({ offset: z.number().int(), page: z.number().int() })).optional(),
});
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;

export const TableCellSchema = z.object({
  /** Grid position of the cell's top-left corner. */
  row: z.number().int(),
  col: z.number().int(),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  /** Text as a reader reads it; paragraphs inside the cell joined with "\n". */
  text: z.string(),
  page: z.number().int().nullable(),
  bbox: BBoxSchema.nullable(),
});
export type TableCell = z.infer<typeof TableCellSchema>;

export const TableBlockSchema = z.object({
  kind: z.literal('table'),
  block: z.number().int(),
  /** Table ordinal (0-based, tables only). */
  table: z.number().int(),
  nRows: z.number().int(),
  nCols: z.number().int(),
  /** Origin cells (one per merged region), row-major. */
  cells: z.array(TableCellSchema),
  /** grid[r][c] = index into `cells` of the cell covering that position. Rectangular. */
  grid: z.array(z.array(z.number().int())),
  /** First and last page (PDF); null for Word. */
  page: z.number().int().nullable(),
  pageEnd: z.number().int().nullable(),
  /** How the grid was obtained: markup (Word), ruling lines (PDF) or x-clustering (borderless PDF). */
  source: z.enum(['markup', 'ruled', 'borderless']),
  /** 1 for markup/ruled grids; lower when the grid was inferred. */
  confidence: z.number().min(0).max(1),
});
export type TableBlock = z.infer<typeof TableBlockSchema>;

export const BlockSchema = z.discriminatedUnion('kind', [ParagraphBlockSchema, TableBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;

/** A problem the parser noticed but could work around (e.g. a page without a text layer). */
export const ParseIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().nullable(),
  block: z.number().int().nullable(),
});
export type ParseIssue = z.infer<typeof ParseIssueSchema>;

export const DocumentModelSchema = z.object({
  format: z.enum(['docx', 'doc', 'pdf']),
  pages: z.number().int().nullable(),
  blocks: z.array(BlockSchema),
  issues: z.array(ParseIssueSchema),
});
export type DocumentModel = z.infer<typeof DocumentModelSchema>;
