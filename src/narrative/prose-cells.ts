import type { Block, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import { compact, knownSection } from './reports.js';
import { normalizeText } from '../text/normalize.js';

/**
 * Prose kept in table cells. A summary table of a 绩效评价报告 (项目名称 | … / 项目基本情况 | 项目背景：…总额
 * 25,674.55万元… / 评价结论 | …) holds the report's story in its cells: a row whose label names a section of
 * a report (项目基本情况, 主要绩效, 评价结论, 存在问题 …: the same names as the headings of prose, reports.ts)
 * and whose next cell is a paragraph of sentences. Such a cell is read as a narrative paragraph; its
 * statistics keep the cell (table, row, col) as their location. A form's own fields (年度目标, 实际完成值 …)
 * name no section and are left to the form's recognizer, so no figure is read twice.
 *
 * Also read: a label in a row of its own spanning the width, over one or more wide cells of prose; outside a form
 * (a table with an indicator or budget header), a label naming what a report tells though not a section heading
 * (年度绩效目标, 主要做法, 岳阳's 年度部门(单位)总体运行情况及取得的成绩: REPORT_CONTENT). A page whose only title is its table's first row is found as a report
 * by reports.ts (tableTitleStart) when this reads prose in its cells.
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
  const form = isForm(t);
  const emit = (labelText: string, cellIndex: number) => {
    const cell = t.cells[cellIndex];
    const label = compact(labelText).replace(/[：:]$/, '');
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
      ...(cell.ocrCorrections !== undefined ? { ocrCorrections: cell.ocrCorrections } : {}),
      ...(cell.damagedGlyphs !== undefined ? { damagedGlyphs: cell.damagedGlyphs } : {}),
    };
    places.set(p, { table: t.table, row: cell.row, col: cell.col, label, gridInferred: t.source === 'borderless' });
    out.push(p);
  };
  let heading: string | null = null; // a label in a row of its own, over the rows of prose that follow it
  t.grid.forEach((row, r) => {
    const cells = [...new Set(row)];
    // a label spanning the width (项目基本情况), then its story in wide cells of their own, one row each
    if (cells.length === 1 && !form) {
      const cell = t.cells[cells[0]];
      if (cell.row !== r) return;
      if (sectionLabel(cell.text, false)) heading = cell.text;
      else if (heading !== null && isProse(cell.text)) emit(heading, cells[0]);
      else heading = null;
      return;
    }
    heading = null;
    for (let k = 1; k < cells.length; k++) {
      const labelCell = t.cells[cells[k - 1]];
      const cell = t.cells[cells[k]];
      if (cell.row !== r) continue; // a cell spanning rows is read once, on its first row
      if (!sectionLabel(labelCell.text, form) || !isProse(cell.text)) continue;
      emit(labelCell.text, cells[k]);
    }
  });
  return out;
}

/**
 * A label naming part of a report: a section's name (knownSection), or — outside a form — a phrase naming what a
 * report tells (绩效目标, 年度绩效目标, 主要做法, 存在的问题及改进措施 …: REPORT_CONTENT). A form's own fields
 * (年度目标, 年度总体目标, 实际完成情况 …) are neither: the form's recognizer reads them.
 */
function sectionLabel(text: string, form: boolean): boolean {
  const label = compact(text).replace(/[：:]$/, '');
  if (!label || label.length > LABEL_MAX_CHARS) return false;
  if (knownSection(label) !== null) return true;
  // told on the normalized label: a page in traditional characters (總體運行情況及取得的成績) names the same things
  const words = normalizeText(label);
  return !form && REPORT_CONTENT.test(words) && !FORM_FIELD.test(words) && !/[\d，,。；;]/.test(words);
}

/** The words a report's parts are named by, beyond the section headings of reports.ts: goals, practice, results, lessons. */
const REPORT_CONTENT = /绩效目标|(?:主要|经验|工作|具体)做法|(?:主要|工作|取得(?:的)?)成(?:效|绩)|总体运行情况|经验(?:总结|教训)|存在(?:的)?(?:主要)?问题|整改(?:措施|情况)|(?:工作|项目)(?:开展|实施)情况|资金(?:安排|投入|拨付)情况/;
/** A form's own fields, read by the form's recognizer (self-eval.ts, budget-block.ts): never prose of a report. */
const FORM_FIELD = /^(?:年度|总体|年度总体|预期|实际|中长期)?(?:目标|完成情况|完成值)$|实际完成|预期目标|指标|预算数|执行数|执行率|得分|分值|偏差/;
/** A self-evaluation form (自评表): its header cells name indicators, budget columns and scores. */
const FORM_HEADER = /^(?:一级指标|二级指标|三级指标|指标值|实际完成值|年初预算数|全年预算数|全年执行数|执行率|预期目标|实际完成情况|分值|得分)$/;

function isForm(t: TableBlock): boolean {
  return t.cells.some((c) => FORM_HEADER.test(compact(c.text).replace(/[（(][^）)]*[）)]$/, '')));
}
