import { z } from 'zod';
import { OcrCorrectionSchema } from './location.js';

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
  /** Lowest recognition confidence (0–1) of the text, when it was read by OCR (ours or the producer's); absent for exact text. */
  confidence: z.number().min(0).max(1).optional(),
  /** Set when the text was read by OCR (our own: ocr; a scan's text layer: ocr-layer); absent for exact text. */
  textSource: z.enum(['ocr', 'ocr-layer']).optional(),
  /** Characters our OCR's post-processing changed in the text, as read and as corrected (schemas/location.ts). */
  ocrCorrections: z.array(OcrCorrectionSchema).optional(),
  /** Set when the text holds □ standing for characters a partly broken PDF text layer could not decode (parsers/pdf/text-quality.ts). */
  damagedGlyphs: z.boolean().optional(),
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
  /** Lowest recognition confidence (0–1) of the cell's text, when it was read by OCR; absent for exact text. */
  confidence: z.number().min(0).max(1).optional(),
  /** Set when the text was read by OCR (our own: ocr; a scan's text layer: ocr-layer); absent for exact text. */
  textSource: z.enum(['ocr', 'ocr-layer']).optional(),
  /** Characters our OCR's post-processing changed in the text, as read and as corrected (schemas/location.ts). */
  ocrCorrections: z.array(OcrCorrectionSchema).optional(),
  /** Set when the text holds □ standing for characters a partly broken PDF text layer could not decode (parsers/pdf/text-quality.ts). */
  damagedGlyphs: z.boolean().optional(),
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
  /**
   * How the grid was obtained: markup (Word), ruling lines drawn in the PDF (ruled), text
   * positions only (borderless), or ruling lines found in a page image (raster, scans).
   */
  source: z.enum(['markup', 'ruled', 'borderless', 'raster']),
  /** 1 for markup/ruled grids; lower when the grid was inferred. */
  confidence: z.number().min(0).max(1),
  /**
   * Set when the table is a worksheet read from a workbook: an Excel worksheet embedded in a Word
   * document (插入 → 对象 → Microsoft Excel 工作表; `part` names it in the package), or a sheet of a
   * submitted .xlsx (`part` null). `rows`/`cols` give the sheet's row number and column letter of
   * each grid row and column (hidden rows and columns are left out of the grid).
   */
  workbook: z
    .object({
      part: z.string().nullable(),
      sheet: z.string(),
      /** The sheet's used range (A1:H20). */
      range: z.string(),
      rows: z.array(z.number().int()),
      cols: z.array(z.string()),
    })
    .optional(),
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

/**
 * Where a page's text came from (PDF): the producer's text layer (vector), a text layer that an
 * OCR program wrote over a page image (ocr-layer: invisible text, render mode 3), our own OCR of
 * the page image (ocr), or nowhere (none: blank, or unreadable and not OCR'd).
 */
export const TextSourceSchema = z.enum(['vector', 'ocr-layer', 'ocr', 'none']);
export type TextSource = z.infer<typeof TextSourceSchema>;

/** Per-page provenance (PDF): size, how the page was turned upright, where its text came from. */
export const PageInfoSchema = z.object({
  page: z.number().int(),
  /** Page size in PDF points, as displayed (after /Rotate). */
  width: z.number(),
  height: z.number(),
  /** Clockwise rotation (degrees) applied to the page's content to make its text upright before tables were built. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  textSource: TextSourceSchema,
  /** Mean recognition confidence of the page's text (0–1), for OCR sources. */
  confidence: z.number().min(0).max(1).nullable().optional(),
  /** Filled form fields (AcroForm text and choice fields) whose values were read into the page's text at their positions. */
  formFields: z.number().int().optional(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

export const DocumentModelSchema = z.object({
  format: z.enum(['docx', 'doc', 'pdf']),
  pages: z.number().int().nullable(),
  /** One entry per page (PDF only). */
  pageInfo: z.array(PageInfoSchema).optional(),
  blocks: z.array(BlockSchema),
  issues: z.array(ParseIssueSchema),
  /**
   * Text printed outside the body (Word): page headers and footers (页眉/页脚), footnotes and endnotes
   * (脚注/尾注), one entry per paragraph. Never body text or cell values; a header's title is a fallback
   * for the report's year and unit when the body names none.
   */
  furniture: z.array(z.object({ kind: z.enum(['header', 'footer', 'footnote', 'endnote']), text: z.string() })).optional(),
});
export type DocumentFurniture = NonNullable<z.infer<typeof DocumentModelSchema>['furniture']>;
export type DocumentModel = z.infer<typeof DocumentModelSchema>;
