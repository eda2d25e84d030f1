import type { Block, DocumentModel, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import { key, rowCells, rowKeys } from './table-view.js';
import { isGenericIndicatorHeader, isIndicatorHeader } from './header-map.js';
import { headlessIndicatorColumns } from './headless-indicators.js';
import { continuesTable, formRows, joinTables } from './continuation.js';
import { opensFormBelow } from './form-start.js';
import { splitStackedForms } from './stacked-forms.js';
import { PART_MARKERS, TITLE_MARKERS } from './lexicon.js';
import { isTargetTable } from './target-table.js';

export type PartKind = 'basic-data' | 'dept-self-eval' | 'project-self-eval';

/** A form of the report: one or more consecutive tables (a form may be split by page or by its author). */
export interface FormGroup {
  kind: PartKind;
  tables: TableBlock[];
  /** Title paragraph(s) just before the form ("2023年度项目支出绩效自评表"). */
  title: ParagraphBlock | null;
  /** Paragraphs right after the form's last table (signature line, notes). */
  after: ParagraphBlock[];
  /** The cover lines just before the form (湖南 评价报告: 项目名称:… / 项目单位:… / 主管部门:…). */
  before?: ParagraphBlock[];
}

const TITLE_RE = /(自评表|数据表|评价表|目标表|情况表|指标表|评分表|得分表|计分表|打分表)$/;

/**
 * What the first rows of a table say it is, if they say (part markers of the lexicon); `titleDecides`
 * when the marker fits more than one part and a form title naming another part wins.
 */
export function classifyByContent(table: TableBlock): { part: PartKind; titleDecides: boolean } | null {
  if (isProjectList(table) || isTargetTable(table)) return null;
  // the markers are read above the indicator rows: a 三级指标 named 财政供养人员控制率 or 三公经费变动率 under an
  // indicator header (Chongqing's 部门整体绩效自评表) does not make the table a 基础数据表
  let rows = Math.min(table.nRows, 6);
  for (let r = 0; r < rows; r++) {
    if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) {
      rows = r + 1;
      break;
    }
  }
  const head = Array.from({ length: rows }, (_, r) => rowKeys(table, r).join('|')).join('|');
  for (const m of PART_MARKERS) if (m.match.test(head) && (!m.also || m.also.test(head))) return { part: m.part, titleDecides: m.titleDecides === true };
  return headlessDeptSheet(table, rows) ? { part: 'dept-self-eval', titleDecides: true } : null;
}

/** First-level groups only a department's sheet has (部门决策(25分), 部门绩效情况(45分), 部门管理 …). */
const DEPT_LEVEL1 = /^部门(?:决策|管理|绩效|履职|产出|效益)/;

/**
 * A scoring sheet published without its title or head (达州 农业农村局's 部门整体支出绩效评价得分表 opens at
 * "一级指标 | 二级指标 | 三级指标 | 得分"): the first-level groups under the header say whose it is.
 */
function headlessDeptSheet(table: TableBlock, headerRows: number): boolean {
  if (headerRows > 2 || headerRows >= table.nRows) return false;
  const groups = new Set<string>();
  for (let r = headerRows; r < Math.min(table.nRows, headerRows + 40); r++) {
    const first = rowCells(table, r)[0];
    if (first && first.row === r && key(first.text)) groups.add(key(first.text));
  }
  return [...groups].filter((g) => DEPT_LEVEL1.test(g)).length >= 2;
}

const NUMBER_CELL = /^[-+]?[\d,]+(?:\.\d+)?%?$/;

/**
 * A list of projects, one per row (项目名称 | 预算金额(万元) | 实际支出(万元) | 资金使用率 | …, a 自评结果汇总表):
 * 项目名称 heads a column of names, its row is labels only, and the rows below hold a name and
 * figures. A form prints 项目名称 beside its one project's name instead; a list is no form. A list of one
 * project is told by a results column in its head (评价结果, 自评分数).
 */
export function projectListHeader(table: TableBlock): { row: number; nameCol: number; rows: number[] } | null {
  for (let r = 0; r < Math.min(table.nRows - 1, 3); r++) {
    const header = rowCells(table, r).filter((c) => c.row === r && c.text.trim());
    const nameCell = header.find((c) => /^项目(支出)?名称$/.test(key(c.text)));
    if (!nameCell) continue;
    if (header.length < 4 || header.some((c) => NUMBER_CELL.test(key(c.text)))) return null;
    const rows = Array.from({ length: table.nRows - r - 1 }, (_, i) => r + 1 + i).filter((row) => rowCells(table, row).some((c) => c.row === row && c.text.trim()));
    const listed = rows.filter((row) => {
      const cells = rowCells(table, row);
      const name = cells.find((c) => c.col === nameCell.col);
      return !!name && !NUMBER_CELL.test(key(name.text)) && cells.filter((c) => c.col !== nameCell.col && NUMBER_CELL.test(key(c.text))).length >= 2;
    });
    // one row is a list too when the head names each project's result (评价结果, 自评分数 …): a form has no such column
    const enough = listed.length >= 2 || (listed.length === 1 && header.some((c) => RESULT_HEAD.test(key(c.text))));
    return enough && listed.length === rows.length ? { row: r, nameCol: nameCell.col, rows } : null;
  }
  return null;
}

/** A list's column of each project's evaluation result (温州 教育基建中心's 专项债券 results: 发行金额(亿元) | 评价结果). */
const RESULT_HEAD = /^(?:评价|自评|绩效评价)(?:结果|得分|分数|等级|等次)$/;

export function isProjectList(table: TableBlock): boolean {
  return projectListHeader(table) !== null;
}

/**
 * How many paragraphs before a form are kept as its cover: a form flattened one cell a line prints its 专项名称
 * some 40 lines above its indicator block (the 项目名称: cover lines of a 评价报告 are looked for in the last 12 only).
 */
const COVER_LINES = 80;

export function classifyByTitle(title: string): PartKind | null {
  const k = key(title);
  for (const m of TITLE_MARKERS) if (m.match.test(k)) return m.part;
  return null;
}

/**
 * Walk the blocks and group tables into forms. A table that names its form (项目支出名称, 财政供养人员 …)
 * or follows a form title starts a form; a table with neither, right after a form with no real
 * prose in between, continues it (a page break or an author splitting the indicator table off).
 */
export function groupForms(doc: DocumentModel): { forms: FormGroup[]; unrecognized: TableBlock[] } {
  const forms: FormGroup[] = [];
  const unrecognized: TableBlock[] = [];
  let between: ParagraphBlock[] = [];
  let current: FormGroup | null = null;
  // the list the last table went into (a form's tables or the unrecognized), to join its next part onto
  let lastList: TableBlock[] | null = null;
  // two forms written touching, one table in Word: each read as a form of its own
  for (const block of (doc.blocks as Block[]).flatMap((b): Block[] => (b.kind === 'table' ? splitStackedForms(b) : [b]))) {
    if (block.kind === 'paragraph') {
      between.push(block);
      if (current && current.tables.length) current.after.push(block);
      continue;
    }
    // a table split in two by an empty paragraph or a break: the second part is read with the first
    const last: TableBlock | undefined = lastList?.[lastList.length - 1];
    const skip = last && between.every((p) => !key(p.text)) ? continuesTable(last, block) : null;
    if (lastList && last && skip !== null) {
      const joined = joinTables(last, block, skip);
      lastList[lastList.length - 1] = joined;
      if (current && lastList === current.tables) current.after = [];
      // a part too short to tell what it is may be a form once joined (a headless indicator block)
      const named: ReturnType<typeof classifyByContent> = lastList === unrecognized ? classifyByContent(joined) : null;
      if (lastList === unrecognized && (named || isIndicatorHeaderAnywhere(joined) || headlessIndicatorColumns(joined))) {
        unrecognized.pop();
        current = { kind: named?.part ?? 'project-self-eval', tables: [joined], title: null, after: [] };
        forms.push(current);
        lastList = current.tables;
      }
      between = [];
      continue;
    }
    const titleBlock = findTitle(between);
    const content = classifyByContent(block);
    // where the content's marker fits more than one part and no title is above, the table's own title row decides
    const byTitle = (titleBlock ? classifyByTitle(titleBlock.text) : null) ?? (content?.titleDecides ? captionPart(block) : null);
    const byContent = content && !(content.titleDecides && byTitle && byTitle !== content.part) ? content.part : null;
    const prose = between.filter((p) => key(p.text).length > 40).length;
    if (current && byContent && !titleBlock && prose === 0 && continuesHeadStrip(current, byContent, block)) {
      current.tables.push(block);
      current.after = [];
      lastList = current.tables;
    } else if (byContent || byTitle) {
      current = { kind: (byContent ?? byTitle)!, tables: [block], title: titleBlock, after: [], before: between.slice(-COVER_LINES) };
      forms.push(current);
      lastList = current.tables;
    } else if (current && prose === 0 && !titleBlock) {
      current.tables.push(block);
      current.after = [];
      lastList = current.tables;
    } else if (isIndicatorHeaderAnywhere(block) || headlessIndicatorColumns(block)) {
      current = { kind: 'project-self-eval', tables: [block], title: titleBlock, after: [], before: between.slice(-COVER_LINES) };
      forms.push(current);
      lastList = current.tables;
    } else {
      unrecognized.push(block);
      current = null;
      lastList = unrecognized;
    }
    between = [];
  }
  // A form's trailing paragraphs stop at the first title or long prose (the narrative that follows).
  for (const form of forms) {
    const kept: ParagraphBlock[] = [];
    for (const p of form.after) {
      if (TITLE_RE.test(key(p.text)) || key(p.text).length > 120) break;
      kept.push(p);
      if (kept.length >= 4) break;
    }
    form.after = kept;
  }
  return { forms, unrecognized };
}

/**
 * A form whose head strip (预算部门、单位名称 | …) a PDF drew as a table of its own, its ruling lines
 * differing from the body's: the form was started by its title, its tables so far are strips that
 * name no part by their content — or the table below opens no form of its own after them (its
 * 主管部门 | … | 实施单位 row under the strip's 项目名称 row, form-start.ts at the seam) — and the next
 * table, no title or prose between, is the body of the same kind.
 */
function continuesHeadStrip(current: FormGroup, next: PartKind, block: TableBlock): boolean {
  if (current.kind !== next || !current.tables.length || current.tables.some((t) => t.nRows > 2)) return false;
  return current.tables.every((t) => !classifyByContent(t)) || !opensFormBelow(formRows(current.tables.at(-1)!), formRows(block));
}

/** The part a table's own title row names: one cell across its whole width ("2021年部门整体绩效目标自评表" over the form). */
function captionPart(table: TableBlock): PartKind | null {
  const first = rowCells(table, 0).filter((c) => c.row === 0);
  return first.length === 1 && first[0].colSpan >= table.nCols ? classifyByTitle(first[0].text) : null;
}

function findTitle(paragraphs: ParagraphBlock[]): ParagraphBlock | null {
  // The title is usually the last short paragraph before the table; it may be split in two
  // ("…绩效评价基础" / "数据表"), so look at the last few paragraphs joined.
  const tail = paragraphs.slice(-3);
  for (let i = tail.length - 1; i >= 0; i--) {
    const joined = tail.slice(i).map((p) => p.text).join('');
    if (classifyByTitle(joined) || TITLE_RE.test(key(joined))) return { ...tail[i], text: joined };
  }
  // a web page's byline between the title and the table ("发布时间: 2020-12-02 发布机构:教育局")
  for (let i = tail.length - 2; i >= 0; i--) {
    if (!tail.slice(i + 1).every((p) => isByline(p.text))) break;
    if (classifyByTitle(tail[i].text) || TITLE_RE.test(key(tail[i].text))) return tail[i];
  }
  return null;
}

/** A page's byline or date line: short, and names when, by whom or from where it was published; or the form's year line (年度:2024年). */
function isByline(text: string): boolean {
  const k = key(text);
  return k.length <= 60 && (/发布时间|发布日期|发布机构|来源|浏览|字体|索引号|填报日期/.test(k) || /^年度[:：]\d{4}年?$/.test(k));
}

function isIndicatorHeaderAnywhere(table: TableBlock): boolean {
  for (let r = 0; r < Math.min(table.nRows, 12); r++) if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) return true;
  return false;
}

/** Year of a title ("2023年度…" → 2023). */
export function yearOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /((?:19|20)\d{2})\s*年/.exec(key(text));
  return m ? Number(m[1]) : null;
}

/** Cited documents and their numbers — 《关于做好2020年…的通知》, 〔2021〕98号, [2020]23号, (2022)10号 — whose years are not the report's. */
const CITED = /《[^》]*》|[〔［\[(（]\s*(?:19|20)\d{2}\s*[〕］\])）]\s*\d*号?/g;

export function withoutCitedDocuments(text: string): string {
  return text.replace(CITED, '');
}

/** A line holding only a year, as printed under a form's title: "(2024年度)", "（2021年度）", "2024年度". */
const YEAR_LINE = /^[(（]?((?:19|20)\d{2})年度?[)）]?$/;

/** A lone year line's year. */
function yearLine(text: string): number | null {
  const m = YEAR_LINE.exec(key(text));
  return m ? Number(m[1]) : null;
}

/** A form's title line naming its year ("2021年中央对地方专项转移支付区域绩效目标自评表"). */
function titleLineYear(text: string): number | null {
  const k = key(text);
  return k.length <= 60 && (classifyByTitle(k) || TITLE_RE.test(k)) ? yearOf(k) : null;
}

/**
 * The year a form is of: its title's; else the title rows of its own tables — one cell across the width
 * above the fields ("2020年度项目支出绩效自评表", the title's "(2024年度)" set in a row of its own, under a
 * web page's 索引号 table read as the form's head); else the lines before the table: a lone year line among
 * the last few, or the form's title above fields flattened one a line (填报类型 / 单位名称 / 预算 …). A date —
 * 填报日期:2022年2月3日 — is when the form was signed, never read.
 */
export function formYear(form: FormGroup): number | null {
  const own = yearOf(form.title?.text);
  if (own !== null) return own;
  for (const table of form.tables) {
    for (let r = 0; r < Math.min(table.nRows, 3); r++) {
      const cells = rowCells(table, r).filter((c) => c.row === r);
      if (cells.length !== 1 || cells[0].colSpan < table.nCols) break;
      const y = yearLine(cells[0].text) ?? titleLineYear(cells[0].text);
      if (y !== null) return y;
    }
  }
  const before = [...(form.title ? [form.title] : []), ...(form.before ?? []).slice().reverse()];
  for (const [i, p] of before.entries()) {
    const y = (i < YEAR_LINE_NEAR ? yearLine(p.text) : null) ?? titleLineYear(p.text);
    if (y !== null) return y;
  }
  return null;
}

/** How near its table a lone year line stands to be the form's (the title's second line, or the line under it). */
const YEAR_LINE_NEAR = 4;
