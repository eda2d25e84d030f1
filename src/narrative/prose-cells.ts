import type { Block, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import { compact, knownSection } from './reports.js';

/**
 * Prose kept in table cells. A summary table of a 绩效评价报告 (项目名称 | … / 项目基本情况 | 项目背景：…总额
 * 25,674.55万元… / 评价结论 | …) holds the report's story in its cells: a row whose label names a section of
 * a report (项目基本情况, 主要绩效, 评价结论, 存在问题 …: the same names as the headings of prose, reports.ts)
 * and whose next cell is a paragraph of sentences. Such a cell is read as a narrative paragraph; its
 * statistics keep the cell (table, row, col) as their location. A form's own fields (年度目标, 实际完成值 …)
 * name no section and are left to the form's recognizer, so no figure is read twice.
 */

export interface CellPlace {
  table: number;
  row: number;
  col: number;
  /** The row's label: the section the cell's prose belongs to. */
  label: string;
  /** The table was drawn without ruling lines: which cell the text sits in was inferred (location.ts). */
  gridInferred: boolean;
}

/** A cell of at least this many characters (whitespace removed) is a paragraph, not a field value. */
const MIN_PROSE_CHARS = 60;
const LABEL_MAX_CHARS = 20;

const places = new WeakMap<ParagraphBlock, CellPlace>();

/** Where a paragraph read from a table cell sits; undefined for a true paragraph. */
export function cellPlace(p: ParagraphBlock): CellPlace | undefined {
  return places.get(p);
}

function isProse(text: string): boolean {
  const t = compact(text);
  return t.length >= MIN_PROSE_CHARS && /[。；;，,]/.test(t) && /[\u4e00-\u9fa5]{8}/.test(t);
}

/**
 * The prose cells of the tables among `blocks`, as paragraph blocks (in reading order). Their paragraph
 * ordinals are negative and far apart: they are never joined to a neighbour, nor taken for a true paragraph.
 */
export function proseCellParagraphs(blocks: Block[]): ParagraphBlock[] {
  const out: ParagraphBlock[] = [];
  for (const b of blocks) if (b.kind === 'table') out.push(...tableProse(b, out.length));
  return out;
}

function tableProse(t: TableBlock, before: number): ParagraphBlock[] {
  const out: ParagraphBlock[] = [];
  t.grid.forEach((row, r) => {
    const cells = [...new Set(row)];
    for (let k = 1; k < cells.length; k++) {
      const labelCell = t.cells[cells[k - 1]];
      const cell = t.cells[cells[k]];
      if (cell.row !== r) continue; // a cell spanning rows is read once, on its first row
      const label = compact(labelCell.text).replace(/[：:]$/, '');
      if (!label || label.length > LABEL_MAX_CHARS || knownSection(label) === null || !isProse(cell.text)) continue;
      const p: ParagraphBlock = {
        kind: 'paragraph',
        block: t.block,
        paragraph: -10 * (before + out.length + 1),
        text: cell.text,
        style: null,
        page: cell.page,
        bbox: cell.bbox,
        ...(cell.confidence !== undefined ? { confidence: cell.confidence } : {}),
        ...(cell.textSource !== undefined ? { textSource: cell.textSource } : {}),
        ...(cell.damagedGlyphs !== undefined ? { damagedGlyphs: cell.damagedGlyphs } : {}),
      };
      places.set(p, { table: t.table, row: cell.row, col: cell.col, label, gridInferred: t.source === 'borderless' });
      out.push(p);
    }
  });
  return out;
}
