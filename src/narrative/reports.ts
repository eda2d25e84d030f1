import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import { documentBodySize, type HeadingTypography, MAX_HEADING_CHARS, reportTypography } from './headings.js';
import { coverKind, isPerformanceParagraph, outlineSection, reportsOnPerformance, selfEvaluationCoverAt } from './performance-prose.js';
import { proseCellParagraphs } from './prose-cells.js';
import { STAFF_FIELD } from './caption-unit.js';
import { readInlineForm } from '../recognize/flattened-inline.js';
import { datedLine, fileNameTitle, kindOfText, reportTitle, SITE_INTRODUCTION, type ReportKind, type TitleMatch } from './report-title.js';
import { compactKey, normalizeText } from '../text/normalize.js';

/**
 * Finding the narrative reports (部门整体支出绩效自评报告, each 项目支出绩效评价报告) and their
 * sections among the document's paragraphs. Section numbering is unreliable in real reports
 * (1、 / 二、 / 4、 mixed, catalogue G3), so sections are told by heading text first, then by
 * typography (a Word heading style, else a PDF font size larger than the body: headings.ts), then
 * by a short numbered line — so .docx, .doc and .pdf of one report give the same sections.
 */

export type { ReportKind };

export interface FoundSection {
  heading: string;
  key: string | null;
  level: number;
  /** Paragraph ordinal of the heading. */
  paragraph: number;
  paragraphs: number[];
}

export interface FoundReport {
  kind: ReportKind;
  title: string;
  /** Paragraph ordinals (document-wide) of the report, title included. */
  first: number;
  last: number;
  sections: FoundSection[];
  /** Body paragraphs (not headings), in order. */
  body: ParagraphBlock[];
  /** Blocks of the report: [first, end) indices into the document's blocks (its tables included). */
  blocks: [number, number];
  /** The title's cell when the title is a table's first row (tableTitleStart). */
  titleCell?: TitleCell;
}

/** A title standing in a table cell: the table's ordinal, the cell's grid position and page. */
export interface TitleCell {
  table: number;
  row: number;
  col: number;
  page: number | null;
}

/** Known section headings: key, level, pattern on the compact heading text (numbering stripped). */
const KNOWN_SECTIONS: Array<[string, number, RegExp]> = [
  ['dept-basics', 1, /^部门(?:的)?基本情况|^单位基本情况|^部门概况/],
  ['functions', 2, /^(?:主要)?职能职责|^部门职能/],
  ['organization', 2, /^组织(?:结构|架构|机构)|^人员编制|^机构设置/],
  ['general-budget', 1, /一般公共预算(?:支出)?情况/],
  ['basic-spending', 2, /^基本支出(?:情况)?/],
  ['project-spending', 2, /^项目支出(?:情况)?$/],
  ['government-fund', 1, /政府性基金预算(?:支出)?情况/],
  ['state-capital', 1, /国有资本经营预算(?:支出)?情况/],
  ['social-insurance', 1, /社会保险基金预算(?:支出)?情况/],
  ['dept-performance', 1, /部门整体支出绩效情况|整体支出绩效(?:目标)?(?:完成|实现)?情况/],
  ['problems', 1, /存在的?(?:主要)?问题(?:及原因分析)?$|^主要经验及做法/],
  ['improvements', 1, /(?:下一步)?改进措施|有关建议|意见建议/],
  ['results-use', 1, /结果(?:拟)?应用|公开情况/],
  ['other', 1, /其他需要说明的(?:情况|问题|事项)/],
  ['project-basics', 1, /项目(?:支出)?基本情况/],
  ['project-overview', 2, /项目(?:支出)?概况/],
  ['funds-use', 2, /(?:项目)?资金(?:使用|管理|使用管理|到位)/],
  ['goal-completion', 2, /绩效目标(?:完成|实现)(?:程度|情况)/],
  ['evaluation-work', 1, /绩效评价工作(?:开展)?情况|自评工作(?:开展)?情况/],
  ['main-results', 1, /主要绩效及评价结论|评价结论|主要绩效/],
  ['indicator-analysis', 1, /绩效评价指标分析|指标(?:完成)?情况分析/],
  ['decision', 2, /决策情况/],
  ['execution-process', 2, /执行过程情况|过程管理情况/],
  ['output', 2, /产出情况/],
  ['benefit', 2, /效益情况/],
  ['basics', 2, /^基本情况$/],
  ['review', 2, /^工作回顾$|^主要工作(?:开展)?情况$/],
];

const NUMBERING = /^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．](?!\d))\s*/;

export function compact(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

export function stripNumbering(s: string): string {
  return compact(s).replace(NUMBERING, '').replace(/^[、.．]/, '');
}

export function knownSection(text: string): [string, number] | null {
  // told on the normalized text: a page in traditional characters (績效目標) has the same sections
  const t = stripNumbering(normalizeText(text)).replace(/[。：:；;]$/, '');
  if (t.length > 30 || /表$/.test(t)) return null; // "4、政府性基金预算支出情况表" is an attachment, not a section
  // a clause of prose with figures or a full stop ("深入基层开展调研8次，听取意见建议110条，…。") only
  // mentions a section's words (意见建议); a heading is one phrase
  if (/[，,；;]/.test(t) && (/\d/.test(t) || /。$/.test(compact(text)))) return null;
  // a heading run into its first sentence ("3.满意度指标完成情况分析。群众满意度100%。") is prose
  if (/。[^。]*\d/.test(t)) return null;
  // an indicator stated with its value is prose, though its words name a section ("②时效指标:教育专项
  // 工作经费资金到位率为100%。" names 资金到位): a percentage, or a figure after the indicator's colon
  if (/\d\s*[%％]/.test(t) || /[：:][^：:]*\d/.test(t)) return null;
  for (const [key, level, re] of KNOWN_SECTIONS) if (re.test(t)) return [key, level];
  return null;
}

/**
 * A heading: a known section title, a typographic heading (style or font size, ranked within the
 * report by `typography`), or a short numbered line.
 */
export function headingOf(p: ParagraphBlock, typography: HeadingTypography | null = null): { key: string | null; level: number; typographic: boolean } | null {
  if (p.text.length > 80) return null;
  const text = compact(p.text);
  if (!text || text.length > MAX_HEADING_CHARS) return null;
  const typographicLevel = typography?.levelOf(p) ?? null;
  const typographic = typographicLevel !== null;
  const known = knownSection(p.text);
  if (known) return { key: known[0], level: known[1], typographic };
  if (typographic) return { key: null, level: typographicLevel, typographic };
  const m = NUMBERING.exec(p.text);
  const body = stripNumbering(p.text);
  const shortNumbered = m !== null && body.length > 0 && body.length <= 16 && !/[，,；;、]/.test(body) && !/\d/.test(body);
  if (!shortNumbered) return null;
  return { key: null, level: /^[（(]/.test(text) ? 2 : 1, typographic };
}

/** A line short enough to be part of a title broken over several paragraphs ("…服务中心" / "部门整体支出" / "绩效自评报告"). */
function titleFragment(text: string): boolean {
  if (text.length > 80) return false;
  const t = compact(text);
  // an attachment's label above the title ("附件1") labels the report, it is no word of its title
  return t.length > 0 && t.length <= 60 && !/[：:。；;，,]/.test(t) && !ATTACHMENT_LABEL.test(t) && !datedLine(t);
}

const ATTACHMENT_LABEL = /^附件\d{0,2}$/;

/** A contents item's decimal number ("6.2建议", "1.1部门职责概述"): a line so numbered is no word of a title. */
const DECIMAL_NUMBERING = /^\s*\d{1,2}[.．]\d{1,2}(?!\d)/;

/** A line above a title that may continue it (a unit's name, a year, "部门整体支出"): not a date line, a numbered heading or a one-word answer. */
function titleHead(text: string): boolean {
  const t = compact(text);
  return titleFragment(text) && t.length >= 4 && !/^[\d年月日]+$/.test(t) && NUMBERING.exec(text) === null && !DECIMAL_NUMBERING.test(text);
}

interface Start {
  index: number;
  kind: ReportKind;
  title: string;
  /** The first paragraph is prose (a title run into it, or no title at all): it belongs to the body. */
  bodyFromFirst?: boolean;
  /** The title is the first row of a table that holds the whole report (tableTitleStart): its cell. */
  table?: TitleCell;
}

/** Report starts: every paragraph that is, or opens with, a report title (report-title.ts). */
function titleStarts(blocks: DocumentModel['blocks']): Start[] {
  const starts: Start[] = [];
  // each paragraph's own title read once: the two lines above a short one are asked again as a title's head,
  // so the last three read are kept (by block index, in a ring)
  const keptAt = [-1, -1, -1];
  const kept: Array<TitleMatch | null> = [null, null, null];
  const titleAt = (k: number, text: string) => {
    if (keptAt[k % 3] === k) return kept[k % 3];
    const t = reportTitle(text);
    keptAt[k % 3] = k;
    kept[k % 3] = t;
    return t;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'paragraph') continue;
    const own = titleAt(i, b.text);
    let found: Start | null = own ? { index: i, kind: own.kind, title: own.runIn ? own.title : compact(b.text), bodyFromFirst: own.runIn } : null;
    if ((!own || own.title.length <= 12) && titleFragment(b.text)) {
      // a title broken over two or three short paragraphs ("绩效自评报告" under "部门整体支出"): the longest joined title wins
      let joined = compact(b.text);
      for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
        const prev = blocks[k];
        if (prev.kind !== 'paragraph' || !(own ? titleHead(prev.text) : titleFragment(prev.text) && !DECIMAL_NUMBERING.test(prev.text))) break;
        // a line above that is a whole title itself (a page's title over the report's, "部门整体支出绩效评价报告" over
        // "…街道办事处部门整体支出" / "绩效评价报告") heads no other title: the two are one start, named by the fuller
        const above = found ? titleAt(k, prev.text) : null;
        if (found && above && !above.runIn) {
          found = { index: k, kind: found.kind, title: compact(prev.text).length > found.title.length ? compact(prev.text) : found.title };
          break;
        }
        joined = compact(prev.text) + joined;
        const whole = reportTitle(joined);
        if (whole && !whole.runIn) found = { index: k, kind: whole.kind, title: joined };
      }
    }
    if (!found) continue;
    // the lines of one broken title are one start
    while (starts.length && found.index <= starts.at(-1)!.index) starts.pop();
    starts.push(found);
  }
  return starts;
}

/** A contents list run into one paragraph: its heading (目录) and its dot leaders before page numbers. */
const CONTENTS_HEAD = /^目录/;
const DOT_LEADERS = /[.．…·]{6,}/g;

/**
 * A report's contents page and cover run into one paragraph by a copy ("目 录财政支出项目绩效评价评分结果......3
 * …问题与建议......8湖北省省级财政项目资金绩效评价报告项目名称:…评价机构:… 2025 年 6 月 20 日一、项目存在得问题......8"):
 * the title stands between a page number and the cover's fields. When no paragraph is a title, a paragraph opening
 * with 目录 and leading its entries to page numbers (three dot leaders at least) that holds a report title right
 * after a page number starts the report.
 */
function contentsTitleStart(blocks: DocumentModel['blocks']): Start | null {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'paragraph') continue;
    const k = compact(b.text);
    if (!CONTENTS_HEAD.test(k) || (k.match(DOT_LEADERS) ?? []).length < 3) continue;
    for (let at = k.indexOf('报告'); at >= 0; at = k.indexOf('报告', at + 2)) {
      const from = Math.max(...[...k.slice(0, at).matchAll(/\d(?=[^\d.．…·])/g)].map((m) => m.index! + 1), -1);
      if (from < 0) continue;
      const title = reportTitle(k.slice(from, at + 2));
      if (title && !title.runIn) return { index: i, kind: title.kind, title: title.title, bodyFromFirst: true };
    }
  }
  return null;
}

/**
 * A 决算's title: a body's accounts for a year ("保山市水务局2024年度部门决算", "…委员会2024年度部门决算公开报告",
 * "2023年度眉山市生态环境局部门决算"): a year, then 部门决算 / 单位决算 at its end.
 */
const ACCOUNTS_TITLE = /^[^。；;，,：:《》]{0,40}?(?:19|20)\d{2}年度?[^。；;，,：:《》]{0,40}?(?:部门|单位)决算(?:公开)?(?:报告)?$/;
/**
 * A 决算's contents item naming the body's self-evaluation or evaluation as a section of it (云南's template: 十三、2023年度
 * 部门整体支出绩效自评情况 … 第四部分 四、部门绩效自评情况 (一)部门整体支出绩效自评情况): the year optional, the section's own
 * numbering before it. A form's caption (…自评表) or the performance work's account (预算绩效情况说明) is none.
 */
const ACCOUNTS_SELF_EVAL_ITEM = /(?:(?:19|20)\d{2}年度?)?(?:部门整体支出|部门整体|单位整体支出|部门|单位)绩效(?:自评|评价)(?:情况|结果)(?![表说])|(?:部门|单位)整体(?:支出)?绩效分析/;
/** A 决算's contents naming its own part ("第二部分2022年度单位决算情况说明", "第二部分 2023年度部门决算表"): a page whose title was lost. */
const ACCOUNTS_PART = /^第[一二三四五六七八九十]部分(?:(?:19|20)\d{2}年度?)?(?:部门|单位)决算(?:情况说明|说明|表|报表)$/;
/** The numbering right before a contents item (十三、, (一), 4.). */
const ITEM_NUMBER = /(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])$/;
/** How far into a 决算 its contents run (paragraphs after the title). */
const ACCOUNTS_CONTENTS = 80;

/**
 * A 部门决算 that publishes the body's self-evaluation as one of its sections (云南's 决算: 十三、…部门整体支出绩效自评情况,
 * 十四、…部门整体支出绩效自评表; 四川's 单位决算 lists its 附件 by the self-evaluation's outline: 一、部门(单位)概况 二、部门资金收支情况
 * 三、部门整体绩效分析 四、评价结论及建议; the stored copy often ends before the section itself): its own title names accounts,
 * not a report, and its section headings are numbered, so no title start finds it. When no paragraph is a report title,
 * a 决算 title (or, on a page that lost it, a contents line naming the 决算's own part: 第二部分2022年度单位决算情况说明)
 * followed, within its contents, by an item naming the 部门 / 单位 self-evaluation (or its 部门整体绩效分析) starts a 部门整体 report
 * at that item, named by it — as 北京's 决算 is read by its 第四部分 …部门绩效评价情况 line. A contents run into one
 * paragraph with the title's words (… 十二、国有资产使用情况表 十三、2023年度部门整体支出绩效自评情况 …) starts it there.
 */
function accountsStart(blocks: DocumentModel['blocks']): Start | null {
  // the title alone, or broken over two lines (a PDF wraps a long one: "…2024年度部门" / "决算公开报告")
  const accountsTitle = (k: number): boolean => {
    const b = blocks[k];
    if (b.kind !== 'paragraph' || b.text.length > 200) return false;
    const own = compact(normalizeText(b.text));
    if (ACCOUNTS_TITLE.test(own)) return true;
    const next = blocks[k + 1];
    return next?.kind === 'paragraph' && titleFragment(next.text) && ACCOUNTS_TITLE.test(own + compact(normalizeText(next.text)));
  };
  let titleAt = blocks.findIndex((_b, k) => k < 8 && accountsTitle(k));
  if (titleAt < 0) titleAt = blocks.findIndex((b, k) => k < ACCOUNTS_CONTENTS && b.kind === 'paragraph' && b.text.length <= 60 && ACCOUNTS_PART.test(compact(normalizeText(b.text))));
  if (titleAt < 0) return null;
  for (let i = titleAt; i < Math.min(blocks.length, titleAt + 1 + ACCOUNTS_CONTENTS); i++) {
    const b = blocks[i];
    if (b.kind !== 'paragraph') continue;
    const k = compact(normalizeText(b.text.slice(0, 6000)));
    const m = ACCOUNTS_SELF_EVAL_ITEM.exec(k);
    // an item of the contents, numbered (十三、 / (一) / 4.), not prose that mentions the evaluation ("…部门绩效评价结果良好")
    if (!m || !ITEM_NUMBER.test(k.slice(Math.max(0, m.index - 6), m.index))) continue;
    const own = stripNumbering(k) === m[0];
    return { index: i, kind: 'dept', title: m[0], bodyFromFirst: !own };
  }
  return null;
}

/** The fields of a government-information record's head (索引号 | … | 发布机构 | … | 成文日期 | …). */
const RECORD_FIELD = /^(?:索引号|发布机构|发文字号|文号|发布日期|成文日期|主题分类|公开目录)$/;
const RECORD_TITLE_FIELD = /^(?:标题|名称|信息名称|文件名称)$/;

/**
 * A page whose body lost its title keeps it in the record head above it: "标题 | 重庆市梁平区乡村振兴及全域旅游
 * 项目绩效评价报告" in a grid with 索引号 / 发布机构 / 成文日期 (on a mirror in traditional characters with pinyin
 * glosses). When no paragraph is a report title, a record's 标题 (名称) field that names a report is the report's
 * title, and the report runs from that record on.
 */
function recordTitleStart(blocks: DocumentModel['blocks']): Start | null {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'table' || b.nRows > 16) continue;
    const rowCells = b.grid.map((row) => [...new Set(row)].map((c) => b.cells[c].text));
    if (!rowCells.some((cells) => cells.some((t) => RECORD_FIELD.test(compactKey(t))))) continue;
    for (const cells of rowCells) {
      const at = cells.findIndex((t) => RECORD_TITLE_FIELD.test(compactKey(t)));
      const value = at >= 0 ? cells[at + 1] : undefined;
      if (!value) continue;
      const title = reportTitle(value);
      if (title && !title.runIn) return { index: i, kind: title.kind, title: compact(value), bodyFromFirst: true };
    }
    const catalogued = catalogueStart(blocks, i, rowCells);
    if (catalogued) return catalogued;
  }
  return null;
}

/** A record's catalogue fields (公开目录 | 自评报告; 组配分类 | 绩效评价). */
const RECORD_CATALOGUE_FIELD = /^(?:公开目录|组配分类|信息类别|信息分类)$/;
/** A catalogue that files the page as a self-evaluation or evaluation report. */
const REPORT_CATALOGUE = /^(?:绩效)?自评报告$|^绩效(?:自评|评价)(?:报告)?$/;

/**
 * A page that lost its title and whose prose never names performance before the stored copy ends (一、部门基本情况
 * …职能职责 1.…5.) is still filed by its publisher: the record head's catalogue reads 公开目录 | 自评报告. The record
 * starts an untitled report when its catalogue names one and the prose after it follows the template's outline (a
 * known section heading: 部门基本情况, 项目基本情况 …); a 部门决算 page has another catalogue.
 */
function catalogueStart(blocks: DocumentModel['blocks'], index: number, rowCells: string[][]): Start | null {
  const filed = rowCells.some((cells) => {
    const at = cells.findIndex((t) => RECORD_CATALOGUE_FIELD.test(compactKey(t)));
    return at >= 0 && REPORT_CATALOGUE.test(compactKey(cells[at + 1] ?? ''));
  });
  if (!filed) return null;
  const prose: string[] = [];
  for (let k = index + 1; k < blocks.length; k++) {
    const b = blocks[k];
    if (b.kind === 'table' || startsForm(blocks, k)) break;
    prose.push(b.text);
  }
  const outline = prose.map((t) => knownSection(t)).find((k) => k !== null);
  if (!outline) return null;
  // a department's outline (一、部门基本情况) tells the kind when no word of the prose does
  return { index, kind: outline[0] === 'dept-basics' ? 'dept' : kindOfText(prose.join('')), title: '', bodyFromFirst: true };
}

/**
 * A page whose only title is inside its table: the first row, spanning the width, names a report (某市…项目绩效评价报告)
 * and the rows under it are the report's sections in prose (项目基本情况 | its story: prose-cells.ts). When no
 * paragraph is a report title, such a table is the report.
 */
function tableTitleStart(blocks: DocumentModel['blocks']): Start | null {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'table' || b.grid.length < 2 || new Set(b.grid[0]).size !== 1) continue;
    const cell = b.cells[b.grid[0][0]];
    const title = reportTitle(cell.text);
    if (!title || title.runIn || proseCellParagraphs([b]).length === 0) continue;
    return { index: i, kind: title.kind, title: compact(cell.text), bodyFromFirst: true, table: { table: b.table, row: cell.row, col: cell.col, page: cell.page } };
  }
  return null;
}

/** The paragraph ordinals of a report with no paragraph at blocks[index]: an empty range where its paragraphs would be. */
function emptyRange(blocks: DocumentModel['blocks'], index: number): { first: number; last: number } {
  let first = 0;
  for (let k = index - 1; k >= 0; k--) {
    const b = blocks[k];
    if (b.kind === 'paragraph') {
      first = b.paragraph + 1;
      break;
    }
  }
  return { first, last: first - 1 };
}

/** A form's notes heading ("备注:", "注：", "说明:"), alone or running into its first note. */
const NOTES_HEADING = /^(?:备注|注|说明|填表说明)[:：]/;
/** A numbered note under it ("1.预算执行情况口径:…", "2、定量指标…"). */
const NUMBERED_NOTE = /^\d{1,2}[.．、]/;

/**
 * The notes printed under a form (湖北 自评表: 备注: 1.预算执行情况口径… 2.定量指标计分原则…): a notes heading right
 * after a table and the numbered lines under it. They explain the form's scoring, and are no report of their own.
 */
function formNotes(region: DocumentModel['blocks']): Set<number> {
  const out = new Set<number>();
  for (let k = 0; k < region.length; k++) {
    if (region[k].kind !== 'table') continue;
    let j = k + 1;
    while (j < region.length && region[j].kind === 'paragraph' && compact((region[j] as ParagraphBlock).text).length === 0) j++;
    const head = region[j];
    if (!head || head.kind !== 'paragraph' || !NOTES_HEADING.test(compact(head.text))) continue;
    out.add(j);
    for (j++; j < region.length; j++) {
      const b = region[j];
      if (b.kind !== 'paragraph') break;
      const t = compact(b.text);
      if (t.length === 0) continue;
      if (!NUMBERED_NOTE.test(t)) break;
      out.add(j);
    }
  }
  return out;
}

/**
 * A report with no title: the prose before the first titled report (the whole document when there
 * is none) reports on budget performance (performance-prose.ts) — a letter to the finance bureau,
 * a page whose title was lost. It starts at the first paragraph of that prose.
 */
function untitledStart(blocks: DocumentModel['blocks'], firstTitled: number): Start | null {
  const region = blocks.slice(0, firstTitled);
  // the prose runs from the first paragraph after the last table or captioned form before it
  let from = 0;
  const notes = formNotes(region);
  let firstProse = region.findIndex((b, k) => b.kind === 'paragraph' && !notes.has(k) && (isPerformanceParagraph(b.text) || outlineSection(b.text) !== null));
  // a cover naming its method (评价方式：部门(单位)绩效自评) opens the report, its story in the form under it (岳阳, title lost)
  // (only when the form under it holds prose: a cover over a form of figures alone is the form's, no report of its own)
  const paragraphsAt = region.flatMap((b, k) => (b.kind === 'paragraph' ? [k] : []));
  const coverTexts = paragraphsAt.map((k) => (region[k] as ParagraphBlock).text);
  const cover = selfEvaluationCoverAt(coverTexts);
  const coverOpens = cover >= 0 && (firstProse < 0 || paragraphsAt[cover] < firstProse) && proseCellParagraphs(region.slice(paragraphsAt[cover])).length > 0;
  if (coverOpens) firstProse = paragraphsAt[cover];
  if (firstProse < 0) return null;
  for (let k = 0; k < firstProse; k++) if (region[k].kind === 'table' || startsForm(blocks, k)) from = k + 1;
  let end = region.length;
  for (let k = firstProse; k < region.length; k++) {
    if (startsForm(blocks, k)) {
      end = k;
      break;
    }
  }
  // a form a copy ran into one paragraph (header words, then 年度资金总额 and its figures) is the form, not prose
  const prose = region.slice(from, end).filter((b, k): b is ParagraphBlock => b.kind === 'paragraph' && !notes.has(from + k) && readInlineForm(b.text) === null);
  if (!reportsOnPerformance(prose.map((p) => p.text))) return null;
  const first = prose.find((p) => compact(p.text).length > 0);
  if (!first) return null;
  const kind = (coverOpens ? coverKind(coverTexts) : null) ?? kindOfText(prose.map((p) => p.text).join(''));
  return { index: blocks.indexOf(first), kind, title: '', bodyFromFirst: true };
}

const HAN = /\p{Script=Han}/u;

/**
 * A report without a title of its own, on a document site whose caption, the document's first paragraph, is the
 * file's name ("XX市渔业增殖放流项目绩效评价报告Word文档格式.docx"): the file name titles it (its start is unchanged).
 * The first paragraph in Chinese: a reviewer's stamp drawn into the page above it ("APPROVED") is no caption.
 */
function namedByFileName(blocks: DocumentModel['blocks'], start: Start): Start {
  const first = blocks.findIndex((b) => b.kind !== 'paragraph' || HAN.test(b.text));
  const block = blocks[first];
  // a paragraph above the caption holds no Chinese (a stamp): the report's start may be there, its caption is still first
  if (first < 0 || block.kind !== 'paragraph') return start;
  const named = fileNameTitle(block.text);
  return named ? { ...start, kind: named.kind, title: named.title } : start;
}

/**
 * Reports run from a title paragraph to the next title or the next table. A cover page (title
 * split over short lines, 部门名称, 年 月 日) followed by the same title again is folded into one report.
 */
export function findReports(doc: DocumentModel): FoundReport[] {
  const blocks = doc.blocks;
  const starts = titleStarts(blocks);
  if (starts.length === 0) {
    const record = recordTitleStart(blocks) ?? tableTitleStart(blocks) ?? contentsTitleStart(blocks) ?? accountsStart(blocks);
    if (record) starts.push(record);
  }
  const untitled = untitledStart(blocks, starts[0]?.index ?? blocks.length);
  if (untitled) starts.unshift(namedByFileName(blocks, untitled));
  const reports: FoundReport[] = [];
  const bodySize = documentBodySize(doc);
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s];
    let end = s + 1 < starts.length ? starts[s + 1].index : blocks.length;
    for (let k = start.index + 1; k < end; k++) {
      if (startsForm(blocks, k)) {
        end = k;
        break;
      }
    }
    const paragraphs = blocks.slice(start.index, end).filter((b): b is ParagraphBlock => b.kind === 'paragraph');
    if (paragraphs.length === 0) {
      // a report kept whole in its table (tableTitleStart): no paragraph, its prose is read from the cells
      if (start.table) reports.push({ kind: start.kind, title: start.title, ...emptyRange(blocks, start.index), sections: [], body: [], blocks: [start.index, end], titleCell: start.table });
      continue;
    }
    reports.push({ ...buildReport(start.kind, start.title, paragraphs, bodySize, start.bodyFromFirst ?? false), blocks: [start.index, end] });
  }
  return foldCoverPages(reports);
}

/** A form caption ("附件1：2023年度部门整体支出绩效自评表") followed by its table ends a narrative report;
 * a table inside the prose without such a caption does not. */
const FORM_CAPTION = /(?:自评表|数据表|评价表|情况表|明细表|目标表|指标表)[）)]?$/;

function startsForm(blocks: DocumentModel['blocks'], k: number): boolean {
  const b = blocks[k];
  if (b.kind !== 'paragraph' || b.text.length > 60 || !FORM_CAPTION.test(compact(b.text))) return false;
  for (let j = k + 1; j < Math.min(blocks.length, k + 3); j++) if (blocks[j].kind === 'table') return true;
  return false;
}

function buildReport(kind: ReportKind, title: string, paragraphs: ParagraphBlock[], documentBodySize: number | null, bodyFromFirst: boolean): Omit<FoundReport, 'blocks'> {
  const sections: FoundSection[] = [];
  const body: ParagraphBlock[] = bodyFromFirst ? [paragraphs[0]] : [];
  let listContext = false;
  let previousMarker: string | null = null;
  const typography = reportTypography(paragraphs[0], paragraphs.slice(1), documentBodySize);
  for (let i = 1; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    let h = headingOf(p, typography);
    // a staffing field's name over its bare count ("人员编制" / "128", a form flattened one cell a line) is no heading
    if (h && STAFF_FIELD.test(compact(p.text)) && /^\s*\d{1,5}\s*$/.test(paragraphs[i + 1]?.text ?? '')) h = null;
    const marker = markerFamily(p.text);
    // numbered lines after "…附件：" or after a numbered body item of the same style are list items
    if (h && h.key === null && !h.typographic && (listContext || (marker !== null && marker === previousMarker))) h = null;
    // unmarked files (WPS/pandoc Word without heading styles): a numbered one-line title over prose
    if (!h && !typography.marked && !listContext && (marker === null || marker !== previousMarker) && standaloneTitle(p, paragraphs[i + 1] ?? null)) h = { key: null, level: 1, typographic: false };
    if (h && h.key === null && !h.typographic) h = { ...h, level: shapeLevel(p.text, h.level, sections) };
    if (!h) {
      listContext = /[：:]\s*$/.test(p.text) || (listContext && marker !== null);
      previousMarker = marker;
    } else {
      listContext = false;
      previousMarker = null;
    }
    if (h) {
      sections.push({ heading: p.text.trim(), key: h.key, level: h.level, paragraph: p.paragraph, paragraphs: [p.paragraph] });
      continue;
    }
    body.push(p);
    sections.at(-1)?.paragraphs.push(p.paragraph);
  }
  return { kind, title, first: paragraphs[0].paragraph, last: paragraphs.at(-1)!.paragraph, sections, body };
}

/**
 * A numbered line standing alone as a title over the prose that follows ("一、着力加强政治建设，
 * 筑牢党风廉政思想根基。" then a paragraph): one clause or two, no figures, not a list item (it
 * does not end like one — ；，： — and the next paragraph is not the next item of the same list).
 */
function standaloneTitle(p: ParagraphBlock, following: ParagraphBlock | null): boolean {
  const marker = markerFamily(p.text);
  if (marker === null || following === null) return false;
  const body = stripNumbering(p.text);
  const inner = body.replace(/[。！!]$/, '');
  if (inner.length < 4 || inner.length > 30 || /\d/.test(inner) || /[。；;：:，,、]$/.test(inner)) return false;
  if (/[。；;！!？?]/.test(inner) || (inner.match(/[，,]/g) ?? []).length > 2 || (inner.match(/、/g) ?? []).length > 1) return false;
  const next = compact(following.text);
  return markerFamily(following.text) !== marker && next.length > Math.max(40, body.length * 2);
}

/** Value of a list marker's numeral: "六、" → 6, "（2）" → 2, null when unnumbered. */
function markerValue(text: string): number | null {
  const m = NUMBERING.exec(text);
  if (!m) return null;
  const digits = /\d{1,2}/.exec(m[0]);
  if (digits) return Number(digits[0]);
  const cn = /[一二三四五六七八九十]{1,3}/.exec(m[0]);
  if (!cn) return null;
  const d = (c: string) => '一二三四五六七八九'.indexOf(c) + 1;
  const t = cn[0];
  if (t === '十') return 10;
  if (t.startsWith('十')) return 10 + d(t[1]);
  if (t.includes('十')) return d(t[0]) * 10 + (t.length > 2 ? d(t[2]) : 0);
  return d(t);
}

/**
 * Level of a heading told by its text only. Numbering that restarts at 1 under a main section
 * numbered higher ("六、…" then "一、…") opens sub-sections, and its continuation ("二、…") stays
 * there; bracketed markers ("（一）") are sub-sections.
 */
function shapeLevel(text: string, level: number, sections: FoundSection[]): number {
  const n = markerValue(text);
  if (n === null) return level;
  const previous = sections.at(-1);
  const family = markerFamily(text);
  if (previous && previous.level === 2 && markerFamily(previous.heading) === family && markerValue(previous.heading) === n - 1) return 2;
  const main = [...sections].reverse().find((s) => s.level === 1);
  const mainValue = main ? markerValue(main.heading) : null;
  if (n === 1 && main && previous === main && mainValue !== null && mainValue > 1) return 2;
  return level;
}

/** Family of a numbering marker: "（1）" → "(n)", "1、" → "n、", "一、" → "cn、", null when unnumbered. */
function markerFamily(text: string): string | null {
  const m = NUMBERING.exec(text);
  if (!m) return null;
  const t = m[0].trim();
  const cn = /[一二三四五六七八九十]/.test(t);
  if (/^[（(]/.test(t)) return cn ? '(cn)' : '(n)';
  return cn ? 'cn、' : 'n、';
}

/**
 * A page's title that names more than the attachment title under it: the same head and the same
 * ending, the longer one with the project in the middle (埇桥区2021年省级旅游发展资金绩效自评报告 over
 * 埇桥区2021年度绩效自评报告): what the shorter adds between them is at most a character (度), and
 * the longer adds no second report (…支出及项目支出…).
 */
function namesMore(full: string, short: string): boolean {
  const a = compact(full);
  const b = compact(short);
  let head = 0;
  while (head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = a.slice(head, a.length - tail);
  // (…支出及项目支出…: a page over several reports, not this one's fuller name)
  return head >= 2 && tail >= 4 && b.length - head - tail <= 1 && middle.length >= 2 && !/[及和与、]/.test(middle);
}

/** A report with no sections and no sentence (a cover page) merges into the next report of its kind. */

/** A content site's introduction, in simplified characters or in a mirror's traditional ones with glosses (下面是小編精心整理的…). */
function siteIntroduction(text: string): boolean {
  return SITE_INTRODUCTION.test(compactKey(text));
}

function foldCoverPages(reports: FoundReport[]): FoundReport[] {
  const out: FoundReport[] = [];
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    const next = reports[i + 1];
    // a content site's introduction of what it collected (下面是小编为大家整理的…，供大家参考。) is no sentence of a report
    const noProse = !r.body.some((p) => /[。；]/.test(p.text) && p.text.length > 30 && !siteIntroduction(p.text));
    const isCover = r.sections.length === 0 && noProse;
    // the same title again after a cover, a notice and a contents list, no sentence of its own (…绩效评价报告 / 目录
    // 1.引言 … 6.2建议 / …绩效评价报告 then the prose): one report, its sections those of the body. Two reports of one
    // generic title, each with a sentence of its own (项目支出绩效评价报告 twice, for two projects), stay two.
    const retitled = !r.body.some((p) => /[。；]/.test(p.text) && !siteIntroduction(p.text)) && next !== undefined && next.kind === r.kind && compact(next.title) === compact(r.title);
    if ((isCover || retitled) && next && next.kind === r.kind) {
      // the cover names the report in full; a later short line that also reads as a title (项目名称：…项目支出 /
      // 绩效自评报告, a field broken over two lines) names it less well
      if (r.title.length > next.title.length && (r.title.includes(next.title) || namesMore(r.title, next.title))) next.title = r.title;
      next.first = r.first;
      next.blocks = [r.blocks[0], next.blocks[1]];
      next.body = [...r.body, ...next.body];
      continue;
    }
    out.push(r);
  }
  return out;
}
