import { compactKey, compactKeyHead } from '../text/normalize.js';

/**
 * Narrative reports recognized by meaning (issue 12): a title is any short line that names a report
 * on budget performance, whatever its exact wording — 部门整体支出绩效自评报告, 项目支出绩效单位自评报告,
 * 整体支出绩效评价报告, 项目资金绩效自评报告, 项目支出绩效自评总报告, 衔接资金项目绩效自评总结报告,
 * 中央转移支付资金绩效自评报告, 机关整体支出绩效评价报告, 绩效评价自评报告及评分表(…) — in simplified or
 * traditional characters, with pinyin glosses or without (matching runs on the normalized text).
 * A title may also open a long paragraph when a PDF's text ran it into the first sentence.
 */

export type ReportKind = 'dept' | 'project';

export interface TitleMatch {
  kind: ReportKind;
  /** The title as matched (compact, normalized). */
  title: string;
  /** True when the title opens a longer paragraph of prose. */
  runIn: boolean;
}

/**
 * Words that make a report one on performance (绩效), and what such a report is called. 问效 is the finance
 * departments' word for following money to its results ("…补助资金全周期跟踪问效报告", "花钱必问效").
 */
const PERFORMANCE_WORD = '(?:绩效|自评|评价|考评|考核|问效)';
/**
 * "…绩效自评报告", "…绩效评价自评报告书" (广东's 2005 form), "…绩效评价自评报告及评分表(整体支出和…)", "…绩效自评总结报告", "…绩效评价报告公开" (a notice's
 * title naming what it publishes), "…项目绩效自评报告 1" (a republishing site numbering the reports it collects), "…项目绩效自评报告
 * 范文(12篇)" and its first item "…范文(12篇)篇一" (a content site's collection of reports), or "…自评报告 篇14" (its
 * fourteenth item, numbered in figures).
 */
const TITLE_RE = new RegExp(`${PERFORMANCE_WORD}[^。；;，,：:《》“”"]{0,20}?(?:报告书?|总结)(?:范文)?(?:及[^。；;，,《》]{0,10})?(?:[（(][^（()）]{0,40}[）)])?(?:公开|公示)?(?:[0-9]{0,2}|篇(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2}))$`);
/**
 * A whole-unit report (部门整体 / 单位整体 / 机关整体 / 整体支出) rather than a project's; a unit's report on its whole and
 * its projects together (…中心2022年整体和项目支出绩效自评总结报告) is the whole unit's too.
 */
const DEPT_RE = /(?:部门|单位|机关)整体|整体(?:和|及|与|、)?(?:项目)?支出|部门(?:支出)?绩效(?:自评|评价)/;
/** Lines that name a report without being one: notices, requests, references, form captions (and a site's introduction, below). */
const NOT_A_TITLE = /^关于|通知$|的函$|表$|^根据|^按照|^为[^\d]|模板$|格式$|提纲$|目录$/;
/**
 * A content site's introduction of what it collected: "下面是小编为大家整理的…，供大家参考。", "…以下是小编帮大家整理的…，欢迎大家阅读。",
 * "欢迎阅读…自评报告(精选4篇)，内容由多美网整理", "知远网整理的…评价报告(精选10篇)，希望能帮助到大家" — no title, and no sentence of a report.
 */
export const SITE_INTRODUCTION = /^(?:下面|以下)(?:是|为)|(?:下面|以下)(?:是|为)小编|(?:小编|[^，,。；;\d]{2,8}网)(?:为大家|帮大家|给大家|为您)?(?:精心)?(?:收集|整理|精选|搜集)|^欢迎阅读/;
const LEADING = /^(?:附件\s*\d*\s*[:：]?\s*|[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)/;

const MAX_TITLE = 70;
/** A title is looked for at the start of a paragraph: in its first characters (compact). */
const TITLE_WINDOW = MAX_TITLE + 8;
/** A title runs into prose only when more than this many characters follow it. */
const RUN_IN_PROSE = 20;
/** The most of a paragraph's key that reportTitle reads (the window, then the prose after a title at its end). */
const KEY_READ = TITLE_WINDOW + RUN_IN_PROSE + 1;

function kindOf(title: string): ReportKind {
  return DEPT_RE.test(title) ? 'dept' : 'project';
}

/**
 * Titles of another shape that still name a report on performance: a letter reporting an evaluation
 * to the finance bureau ("关于《海北州2020-2021年专项债券项目资金绩效评价》的报告": the 报告 is the
 * letter's own kind, not a document it forwards; a township's page writes it without 的: "关于2019年度高其坑
 * 通组道路工程绩效评价报告"), and a publication of a year's results
 * ("2023年度新增地方政府专项债券项目绩效评价情况", "重庆市2018年度水利发展资金绩效评价结果的说明",
 * "2021年度本专科生奖助学金项目自评结果", "2023年财政重点绩效评价结果公开" (a finance bureau publishing its results;
 * a township writes it without 结果: "2023年巽宅专项债券项目资金绩效评价公开"),
 * or the result itself as the title: "2021年葡萄酒产业发展项目支出绩效评价评定等次为优"): a
 * year near its head, after at most a place's name, no numbering — a section heading "三、绩效评价情况"
 * has neither).
 */
const LETTER_TITLE = /^关于(?!印发|转发|报送|提交|开展|做好|下达)[^。；;，,：:]{0,50}(?:绩效|自评|评价|考评)[^。；;，,：:]{0,20}的?(?:自评)?报告$/;
/**
 * A self-evaluation named by its year and subject, the word 报告 left out: "彭水自治县2024年度中央对地方转移支付
 * 计划生育服务项目绩效自评" (a year near its head, unnumbered, like RESULTS_TITLE).
 */
const SELF_EVAL_TITLE = /^(?:[^\d。；;，,：:《》、]{2,12}?)?(?:19|20)\d{2}年度?[^。；;，,：:《》]{2,40}绩效自评$/;
const RESULTS_TITLE = /^(?:[^\d。；;，,：:《》、]{2,12}?)?(?:19|20)\d{2}年度?[^。；;，,：:《》]{2,40}(?:绩效(?:自评|评价)|项目自评)(?:(?:结果|情况)(?:的?(?:说明|通报|公告|公示|公开))?|公开|公示|公告|(?:结果(?:评定)?(?:等次|等级)?|评定(?:等次|等级)?|等次|等级)(?:为|是)?[“"]?(?:优秀?|良好?|中等?|合格|较差|差)[”"]?)$/;

/**
 * A body's account of its performance work, under its own name: "高新区(江海区)预算绩效工作开展情况说明",
 * "××县财政局2022年度绩效自评情况说明". The name of a place or unit leads (a 决算's section heading
 * "十、预算绩效情况说明" has none, and a numbered one is never taken).
 */
const ACCOUNT_TITLE = /^[^。；;，,：:《》、\d]{0,30}(?:省|市|区|县|州|旗|镇|乡|局|委|厅|院|中心|学校|馆|站|所|办)[）)]?(?:(?:19|20)\d{2}年度?)?(?:预算)?绩效(?:自评|评价|管理)?(?:工作)?(?:开展)?情况的?说明$/;

/**
 * A body's report on how a named fund was managed and used, under its own name: "深圳市福田区民政局关于“2021年
 * 中央财政困难群众救助补助资金”管理使用情况" (the 上级转移支付 report a district publishes). The body's name
 * leads and the fund is named with its year; a section heading "(二)项目资金管理使用情况" has neither.
 */
const FUND_USE_TITLE = /^[^。；;，,：:《》、\d“”"]{2,30}(?:局|委|厅|办|政府|中心)关于[“"《]?(?:19|20)\d{2}年度?[^。；;，,：:]{2,40}资金[”"》]?的?(?:管理)?使用情况(?:的?报告)?$/;

/**
 * The caption of a year's results table standing for a page's missing title: a body publishing its 专项债券
 * results opens with 根据《…》…现将…绩效评价情况公示如下 and captions the table "三门县住房和城乡建设局2024年度
 * 专项债券项目资金绩效评价情况表" (a year near its head after at most a place's or body's name, unnumbered, like
 * RESULTS_TITLE). A form's caption (…绩效自评表, …绩效评价表) names no 结果/情况 and is never taken.
 */
const RESULTS_TABLE_TITLE = /^(?:[^\d。；;，,：:《》、]{2,12}?)?(?:19|20)\d{2}年度?[^。；;，,：:《》]{2,40}绩效(?:自评|评价)(?:结果|情况)(?:汇总)?表$/;

function asTitle(candidate: string): string | null {
  const t = candidate.replace(LEADING, '');
  if (!t || t.length > MAX_TITLE || /[。！？]/.test(t)) return null;
  if (t === candidate && (LETTER_TITLE.test(t) || RESULTS_TITLE.test(t) || RESULTS_TABLE_TITLE.test(t) || SELF_EVAL_TITLE.test(t) || ACCOUNT_TITLE.test(t) || FUND_USE_TITLE.test(t))) return t;
  if (NOT_A_TITLE.test(t) || SITE_INTRODUCTION.test(t)) return null;
  // inside a reference to another document (《…报告》)
  if ((t.match(/《/g) ?? []).length !== (t.match(/》/g) ?? []).length) return null;
  if (!TITLE_RE.test(t)) return null;
  return t;
}

/** What a subtitle line names: a fund, a project or a work ("2021年城乡临时救助备用金", "…维修工程"). */
const SUBJECT_TAIL = /^[^。；;，,：:！？!?]{4,30}(?:资金|项目|经费|工程|补助|补贴|备用金|专项)$/;

/**
 * A title with its subject line run onto it (a PDF joins the centred title and the line under it):
 * "…2021年度部门预算项目支出绩效自评报告2021年城乡临时救助备用金" — a whole title up to its 报告, then a
 * short name of what it reports on, nothing else in the paragraph.
 */
function titleWithSubject(k: string): string | null {
  const at = k.lastIndexOf('报告');
  if (at < 0 || !SUBJECT_TAIL.test(k.slice(at + 2))) return null;
  return asTitle(k.slice(0, at + 2)) ? k : null;
}

/**
 * A short line that ends with a calendar day (年月日), no sentence in it: a 页眉 or a 落款 ("汨罗市住房和城乡建设局
 * 2024年3月15日" printed over the title of a one-page report, where no repetition marks it as a running header).
 * It is no line of a title (whose year is a 年度) and names no year the report is about (a 落款 is dated after it).
 */
export function datedLine(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t.length <= 60 && !/[：:。；;，,]/.test(t) && /(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/.test(t);
}

/**
 * A notice publishing results names the year it publishes them in: "九亭镇2021年预算绩效评价结果公开", "文成县财政局关于2024年
 * 财政支出绩效评价结果的通报" over the 2020 / 2023 spending evaluated (…结果公开 / 公示 / 公告 / 通报).
 */
export const PUBLISHED_YEAR = /((?:19|20)\d{2})\s*年[^年]{0,16}?结果的?(?:公开|公示|公告|通报)/;

/**
 * A word every title shape above holds: one of PERFORMANCE_WORD (TITLE_RE; LETTER_TITLE, RESULTS_TITLE, RESULTS_TABLE_TITLE,
 * SELF_EVAL_TITLE and ACCOUNT_TITLE each hold 绩效, 自评 or 评价) or FUND_USE_TITLE's 使用情况. A shape added without
 * any of them must add its word here, or reportTitle never tries it.
 */
const TITLE_WORD = new RegExp(`${PERFORMANCE_WORD}|使用情况`);

/** The report title a paragraph is or opens, or null. */
export function reportTitle(text: string): TitleMatch | null {
  if (text.length > 4000) return null;
  const k = compactKeyHead(text, KEY_READ);
  // every title read below is a stretch of this key, and every shape of title names performance work or a fund's
  // use: a key without one of those words is no title (most paragraphs; no pattern is tried on them)
  if (!k || !TITLE_WORD.test(k)) return null;
  const whole = k.length <= MAX_TITLE ? (asTitle(k) ?? titleWithSubject(k)) : null;
  if (whole) return { kind: kindOf(whole), title: whole, runIn: false };
  // "2021年茂名市发展和改革局整体支出绩效自评报告根据《关于开展…》要求，…": a title run into the prose
  const window = k.slice(0, TITLE_WINDOW);
  for (let at = window.indexOf('报告'); at >= 0; at = window.indexOf('报告', at + 2)) {
    const prefix = asTitle(k.slice(0, at + 2));
    if (prefix && k.length > at + 2 + RUN_IN_PROSE) return { kind: kindOf(prefix), title: prefix, runIn: true };
  }
  return null;
}

/** A file's type after its name: ".docx", "Word文档格式.docx", ".pdf_第1页" (a document site's caption). */
const FILE_SUFFIX = /(?:word文档格式|word文档|文档格式)?\.(?:docx?|pdf|wps)(?:_第\d+页)?$/i;

/**
 * The report title a document site's file name carries ("XX市渔业增殖放流项目绩效评价报告Word文档格式.docx"), or
 * null. A file name is not taken as a title where it stands (attachments listed by name, a link under the text):
 * findReports gives it only to a report that has no title of its own.
 */
export function fileNameTitle(text: string): TitleMatch | null {
  const t = text.trim();
  const stripped = t.replace(FILE_SUFFIX, '');
  if (stripped === t) return null;
  const found = reportTitle(stripped);
  return found && !found.runIn ? found : null;
}

/** Kind of a report told by its text when it has no title (部门整体 … → dept). */
export function kindOfText(text: string): ReportKind {
  return kindOf(compactKey(text));
}
