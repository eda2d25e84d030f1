import type { DocumentModel, ParagraphBlock } from '../../../schemas/document.js';
import { reportTitle } from '../../narrative/report-title.js';
import { compactKey } from '../../text/normalize.js';

/** A year as titles write it: "2023年", "2023年度", "（2023年度）". */
const TITLE_YEAR = /((?:19|20)\d{2})年度?/g;
/** A form named by a title line: …自评表, …评价指标表, …自评指标计分表, …项目自评结果 (a year's results). */
const FORM_TITLE = /(?:绩效|自评|评价)[^。；;，,：:《》]{0,10}表$|自评结果$/;
/**
 * A republished file's name keeps its extension ("2020年度…自评表.docx"); a document-sharing page captions
 * each page image with it and the page ("…绩效评价报告.docx_第1页", "2021年项目绩效自评报告表_第1页").
 */
const FILE_EXTENSION = /(?:\.(?:docx?|pdf|xlsx?|wps))?_第\d+页$|\.(?:docx?|pdf|xlsx?|wps)$/i;
/**
 * A web page's metadata lines above a republished report (索引号, 发布机构, 发布日期, 来源, 浏览次数, 您所在的位置,
 * 公开目录, 主题词, 时效性, the site's 打开适老化模式 / 无障碍浏览 switch …): not the document's paragraphs, so they do not
 * push its title out of its head.
 */
const PAGE_METADATA = /^[\s\-•·*]*(?:索引号|发布机构|发文机关|主题分类|主题词|公开目录|文号|发文字号|发布日期|成文日期|发布时间|有效性|时效性|信息来源|来源|作者|点击数|浏览次数|阅读次数|字号|打印|打开适老化模式|无障碍浏览|您(?:所在|现在)?的?位置|当前位置)(?![\u4e00-\u9fa5]{0,4}(?:绩效|报告|自评))/;
/** The document's head: its title lines come before the first table, among its first paragraphs. */
const HEAD_PARAGRAPHS = 3;
const MAX_TITLE = 70;

export interface TitleLine {
  paragraph: ParagraphBlock;
  year: number;
}

/** The one year a short line names (a line naming two years is no title of one year's report). */
function oneYear(key: string): number | null {
  const years = new Set([...key.matchAll(TITLE_YEAR)].map((m) => Number(m[1])));
  return years.size === 1 ? [...years][0] : null;
}

/** Does a line name a report or a form on budget performance, as a title does (绩效自评报告, 项目支出绩效自评表)? */
export function namesReportOrForm(text: string): boolean {
  const key = compactKey(text).replace(FILE_EXTENSION, '');
  if (key.length === 0 || key.length > MAX_TITLE) return false;
  const title = reportTitle(key);
  return (title !== null && !title.runIn) || FORM_TITLE.test(key.replace(/[（(][^（()）]*[）)]$/, '')) || SPENDING_REPORT.test(key);
}

/** A spending report named without 绩效 ("2024年九江市浔阳区发改委部门整体支出报告", "…项目支出情况报告"). */
const SPENDING_REPORT = /(?:部门整体|项目)支出(?:绩效)?(?:情况)?(?:自评|评价)?报告$/;

/**
 * The document's own title lines: among its first paragraphs, before its first table, the short
 * lines naming a report or a form with one year ("安宁市市场监督管理局2023年度部门整体支出绩效自评报告",
 * "市财政局2019年度项目支出绩效自评表"). A report's title recognized as a narrative's title is one of them.
 */
export function headTitleLines(doc: DocumentModel | null): TitleLine[] {
  const out: TitleLine[] = [];
  let seen = 0;
  for (const b of doc?.blocks ?? []) {
    if (b.kind === 'table') break;
    if (b.text.trim() === '' || (b.text.length <= 60 && PAGE_METADATA.test(b.text))) continue;
    if (seen++ >= HEAD_PARAGRAPHS) break;
    if (!namesReportOrForm(b.text)) continue;
    const year = oneYear(compactKey(b.text));
    if (year !== null) out.push({ paragraph: b, year });
  }
  return out;
}

/**
 * The words a title names after its year, to the end ("部门整体支出绩效自评报告" of
 * "安宁市市场监督管理局2023年度部门整体支出绩效自评报告"): a body naming these words with a year names
 * the same report or form. Null when they are too few to name one (…2023年度绩效自评报告 names any).
 */
export function titleTail(text: string): string | null {
  const key = compactKey(text).replace(FILE_EXTENSION, '');
  const m = /((?:19|20)\d{2})年度?/.exec(key);
  if (!m) return null;
  const tail = key.slice(m.index + m[0].length).replace(/[（(][^（()）]*[）)]$/, '');
  return tail.length >= 8 && /绩效|自评|评价/.test(tail) ? tail : null;
}

/** Words naming any report's subject: a subject of these words only names no one report's. */
const GENERIC_SUBJECT = /项目|资金|经费|预算|支出|部门|单位|整体|专项|财政|中央|省级|市级|县级|转移支付|补助|年度|工作|本级/g;

/**
 * What a title's report is about, named after its year and before its kind of report ("本专科生奖助学金项目"
 * of "2021年度本专科生奖助学金项目自评结果"), when it is specific: at least four characters besides words
 * any report's subject has ("部门整体支出" names none).
 */
export function titleSubject(text: string): string | null {
  const key = compactKey(text).replace(FILE_EXTENSION, '');
  const m = /((?:19|20)\d{2})年度?/.exec(key);
  if (!m) return null;
  const after = key.slice(m.index + m[0].length);
  const end = after.search(/绩效|自评|评价/);
  if (end < 0) return null;
  const subject = after.slice(0, end).replace(/(?:支出|资金|经费)$/, '');
  return subject.replace(GENERIC_SUBJECT, '').length >= 4 ? subject : null;
}

/** Years a text (its compactKey) gives the words `tail`, each with the sentence saying it ("现将我局2023年度部门整体支出绩效自评报告如下" → 2023). */
export function yearsNamingKey(key: string, tail: string): Array<{ year: number; sentence: string }> {
  const out: Array<{ year: number; sentence: string }> = [];
  for (const m of key.matchAll(TITLE_YEAR)) {
    const at = m.index + m[0].length;
    if (!key.startsWith(tail, at)) continue;
    const start = Math.max(...['。', '；', ';', '，', ','].map((c) => key.lastIndexOf(c, m.index))) + 1;
    const ends = ['。', '；', ';'].map((c) => key.indexOf(c, at)).filter((k) => k >= 0);
    out.push({ year: Number(m[1]), sentence: key.slice(start, ends.length ? Math.min(...ends) : key.length) });
  }
  return out;
}
