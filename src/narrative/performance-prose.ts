import { compactKey } from '../text/normalize.js';
import { PLACEHOLDER_FIGURE } from './placeholders.js';

/**
 * Prose that reports on budget performance, told by what it says rather than by a title: a report
 * sent as a letter ("郑州市财政局…：为加强…资金绩效管理…"), or one whose title was lost in publishing,
 * is still a report when its paragraphs speak of budgets, funds, spending, targets and results, with
 * figures (万元 amounts, rates, counts — or their masked placeholders, X万元 / *元).
 */

/** Vocabulary of performance reporting; each distinct word found counts once. */
const VOCABULARY = [
  '绩效', '自评', '评价', '预算', '资金', '支出', '执行', '到位', '拨付', '下达', '指标', '目标', '完成',
  '项目', '效益', '满意度', '考核', '决算', '财政', '产出', '支付',
];
const MONEY = /\d+(?:\.\d+)?\s*(?:万元|亿元|元)/g;
const RATE = /\d+(?:\.\d+)?\s*%/g;
const COUNT = /\d+(?:\.\d+)?\s*(?:个|人|次|项|件|户|公里|座|处|宗|台|家|所|条)/g;
/** Lines that are form furniture, never prose: signatures, notes, headers of a letter. */
const FURNITURE = /^(?:填表人|填报日期|联系电话|单位负责人|说明[:：]|备注[:：]|注[:：])/;

export interface ProseEvidence {
  /** Distinct vocabulary words. */
  vocabulary: number;
  /** Money amounts, rates and counts. */
  figures: number;
}

export function proseEvidence(text: string): ProseEvidence {
  const k = compactKey(text);
  let vocabulary = 0;
  for (const w of VOCABULARY) if (k.includes(w)) vocabulary++;
  const figures = (k.match(MONEY)?.length ?? 0) + (k.match(RATE)?.length ?? 0) + (k.match(COUNT)?.length ?? 0) + (k.match(PLACEHOLDER_FIGURE)?.length ?? 0);
  return { vocabulary, figures };
}

/** A paragraph of prose: a sentence or more, not form furniture. */
function isProse(text: string): boolean {
  const k = compactKey(text);
  return k.length >= 30 && !FURNITURE.test(k) && /[，,。；;]/.test(k);
}

/** A paragraph of prose that speaks of budget performance. */
export function isPerformanceParagraph(text: string): boolean {
  return isProse(text) && proseEvidence(text).vocabulary >= 3;
}

/** An attachment line naming a performance report: "附件9：2021年度天水市残疾人联合会部门整体支出绩效评价报告.pdf". */
const ATTACHED_REPORT = /^附件\d{0,2}[:：][^。；;，,]{4,80}(?:绩效|自评|评价)[^。；;，,]{0,20}报告(?:\.\w{2,4})?$/;

/** A numbered section heading of a report ("二、项目资金申报及使用情况", "（三）项目自评步骤及方法"). */
const NUMBERED_HEADING = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/;

/** Characters a publishing site lost before the text ("?????一、项目概况"): not part of the heading. */
const LOST_CHARACTERS = /^[?？�•·]+/;

/**
 * The outline of the 项目支出 / 部门整体支出 绩效自评报告 templates: 一、项目概况 (一)项目单位基本情况
 * (二)项目年度预算绩效目标、绩效指标设定情况 (三)自评步骤及方法 二、资金使用及管理情况 三、绩效目标完成情况
 * 四、存在的问题 五、改进措施 / 评价结论; and the 评价报告 outline of 财预〔2020〕10号: 一、基本情况 (一)项目概况
 * (二)项目绩效目标; the 部门整体 evaluation's 一、部门基本情况 (一)部门概况 (二)部门预决算情况 (三)部门整体绩效目标.
 * A heading may run into its first sentence ("（一）项目单位基本情况。…").
 */
const OUTLINE_SECTIONS: RegExp[] = [
  /^基本情况$/,
  // 项目概况; 转移支付基本情况 / 专项资金概况 (the 中央对地方转移支付 自评 template's first section)
  /^(?:项目(?:支出)?|转移支付(?:项目)?|专项资金)(?:概况|基本情况)/,
  /^(?:项目)?(?:单位|部门)(?:整体支出)?(?:基本情况|概况)/,
  /绩效目标(?:、?绩效指标)?(?:的)?(?:设定|设置|分解下达|完成|实现)|^(?:项目|部门整体)?(?:年度)?绩效目标$/,
  /(?:绩效)?自评(?:工作)?(?:开展|步骤|组织|方法)/,
  /资金(?:使用|管理|投入|到位|执行)(?:及管理)?(?:情况|分析)/,
  // the 部门整体 evaluation's budget section: 一、部门基本情况 (一)部门概况 (二)部门预决算情况 (三)部门整体绩效目标
  /^(?:部门|单位)?(?:整体)?(?:预决算|预算(?:及|和|与)?决算|预算执行)(?:情况|分析)/,
  /存在(?:的)?(?:主要)?问题/,
  /改进(?:措施|意见)|整改措施/,
  /(?:自评|评价)(?:结论|结果)/,
];
/** An outline heading that names performance itself (绩效目标…, 自评…, 评价结论), not only a project or its funds. */
const OUTLINE_ON_PERFORMANCE = /绩效|自评|评价/;

/** The outline section a paragraph heads (its numbered first phrase), if any: its index in OUTLINE_SECTIONS. */
export function outlineSection(text: string): number | null {
  const k = compactKey(text).replace(LOST_CHARACTERS, '');
  const m = NUMBERED_HEADING.exec(k);
  if (!m) return null;
  const phrase = k.slice(m[0].length).split(/[。：:；;]/)[0];
  if (!phrase || phrase.length > 40) return null;
  const i = OUTLINE_SECTIONS.findIndex((re) => re.test(phrase));
  return i < 0 ? null : i;
}

/** Three distinct sections of the template's outline, one of them about performance itself. */
function followsOutline(texts: string[]): boolean {
  const seen = new Set<number>();
  let onPerformance = false;
  for (const t of texts) {
    const i = outlineSection(t);
    if (i === null) continue;
    seen.add(i);
    if (OUTLINE_ON_PERFORMANCE.test(compactKey(t).split(/[。：:；;]/)[0])) onPerformance = true;
  }
  return seen.size >= 3 && onPerformance;
}

/** Where a numbered heading starts inside running text: 一、 … / （一） … (not 1、: amounts and items use it). */
const INLINE_HEADING = /[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]/g;

/**
 * One paragraph holding a whole report: three sections of the template's outline start inside it
 * (one about performance) and it states figures. A notice listing what a report must contain names
 * the sections too, but states no amounts. Asked of prose only, with its evidence.
 */
function runOnReport(text: string, evidence: ProseEvidence): boolean {
  if (evidence.figures < 2) return false;
  const k = compactKey(text);
  const starts = [...k.matchAll(INLINE_HEADING)].map((m) => m.index ?? 0);
  if (starts.length < 3) return false;
  // each heading up to its first comma, at most 40 characters
  const fragments = starts.map((at, i) => {
    const piece = k.slice(at, starts[i + 1] ?? k.length);
    return piece.split(/[，,]/)[0].slice(0, 40);
  });
  return followsOutline(fragments);
}

/** A contents list run into one paragraph: it opens with its heading (目 录, 目录:). */
const CONTENTS_OPENING = /^目录[:：]?/;

/**
 * A report's contents list run into one paragraph, its items those of an evaluation report's outline (目 录 摘 要 一、基本情况
 * (一)项目概况 … 三、绩效评价结论 … 六、存在的问题及原因分析): three sections of the outline, one about performance. A page
 * that lost its title and opens at such a contents list, with the body's prose after it, is the report (通海's 专项债券
 * evaluation). The contents of a 决算 or of a notice name other sections.
 */
function outlineContents(text: string): boolean {
  const k = compactKey(text).replace(LOST_CHARACTERS, '');
  if (!CONTENTS_OPENING.test(k)) return false;
  const starts = [...k.matchAll(INLINE_HEADING)].map((m) => m.index ?? 0);
  if (starts.length < 3) return false;
  const fragments = starts.map((at, i) => k.slice(at, starts[i + 1] ?? k.length).split(/[，,]/)[0].slice(0, 40));
  return followsOutline(fragments);
}

/**
 * The prose states its own self-evaluation result: 自评得分90分, 自评结果为优, 综合评分92.5分. A
 * report of an evaluation says what it scored; a form's note or a notice does not (a score table's
 * 分值 cells are not prose), nor a rule (评价结果为优秀的… names a grade, it reports none: grades
 * count only after 自评). Read on the joined text: PDF lines break such a phrase ("自评得分" / "90 分").
 */
/**
 * An evaluation's result stated with both its score and its grade: "综合评价得分80.10分，评价等次为“良”". A
 * page that keeps only an evaluation's summary paragraph is still a report on performance when it
 * says what the evaluation scored and how it was graded (a rule names grades without a score).
 */
const SCORE_AND_GRADE = /(?:评价|综合|自评)(?:得分|总分|评分)(?:为|是|达到?|[:：])?\d+(?:\.\d+)?分[^。]{0,12}?(?:等次|等级|档次)(?:为|是|[:：])?[“"]?(?:优秀|良好|合格|[优良中差])/;

const SELF_RESULT = /自评(?:得分|总分|分数|结果|等级)(?:为|是|达到?|[:：])?(?:\d+(?:\.\d+)?分|优秀|良好|合格|[优良中差])|(?:评价|综合)(?:得分|总分|评分)(?:为|是|达到?|[:：])?\d+(?:\.\d+)?分/;

/**
 * An opening that announces the report below it, its title left out by the page: "现将黄南州体育场2020免费低收费开放
 * 补助资金使用和管理自评报告公示如下", "现将2021年度项目绩效评价情况报告如下": it names a 报告; or it announces the
 * evaluation's outcome to the public, "现将自评情况公告如下" (昌宁's 衔接资金 绩效评价 page: 自评/评价 then 情况, published
 * as 公告/公示/通报/报告). A notice's "…有关事项通知如下" announces none, nor does a summary of work (…工作情况汇报如下),
 * which is not told from other prose about money (its figures tell it).
 */
const ANNOUNCES_REPORT = /现将[^。]{0,80}?(?:(?:绩效|自评|评价)[^。]{0,40}?报告(?:公示|汇报|说明)?|(?:自评|评价)(?:结果|情况)(?:公告|公示|通报|报告))如下/;

/**
 * The cover of an evaluation report (财预〔2020〕10号's 绩效评价报告, a third party's too), one field a line:
 * 项目名称：… 实施单位（公章）：… 主管部门（公章）：… 委托单位：… 评价机构：… 项目负责人（签章）：… 填报时间：….
 * A form's head names 项目名称 / 主管部门 / 实施单位 in its cells, never with the seal or the evaluator.
 * 湖南 岳阳's 部门(单位)整体支出绩效评价自评报告 has a cover of its own: 部门(单位)名称：… 预算编码：… 评价方式：部门(单位)绩效自评
 * 评价机构：部门(单位)评价组 报告日期：… (…财政局(制)).
 */
const COVER_LABEL = String.raw`(项目名称|实施单位[（(]公章[)）]|主管部门[（(]公章[)）]|委托单位|评价机构|项目负责人[（(]签[章字][)）]|填报时间|部门[（(]单位[)）]名称|预算编码|评价方式|报告日期)[:：]`;
const COVER_FIELD = new RegExp(`^${COVER_LABEL}`);
const COVER_FIELD_ANYWHERE = new RegExp(COVER_LABEL, 'g');
/** A line of cover fields is short; a longer one opening with 项目名称： is prose or a form's run-in text. */
const COVER_LINE_MAX = 80;
/** The cover's evaluation method naming a self-evaluation or an evaluation (评价方式：部门(单位)绩效自评). */
const COVER_METHOD = /^评价方式[:：].{0,20}(?:自评|评价)/;

/**
 * Where a cover whose evaluation method is a self-evaluation or an evaluation opens (its first field line), when `texts` hold
 * one (hasReportCover and 评价方式：…自评); -1 otherwise. The report starts there though no paragraph after it is prose.
 */
export function selfEvaluationCoverAt(texts: string[]): number {
  if (!texts.some((t) => COVER_METHOD.test(compactKey(t))) || !hasReportCover(texts)) return -1;
  return texts.findIndex((t) => COVER_FIELD.test(compactKey(t)));
}

/**
 * Whose report a cover is: a unit's (部门(单位)名称：…) or a project's (项目名称：…); null when it names neither. The method line
 * (评价方式：部门(单位)绩效自评) says who evaluated, on a project's cover as on a unit's: it tells no kind.
 */
export function coverKind(texts: string[]): 'dept' | 'project' | null {
  const keys = texts.map(compactKey);
  if (keys.some((k) => /^项目名称[:：]/.test(k))) return 'project';
  return keys.some((k) => /^(?:部门[（(]单位[)）]|部门|单位)名称[:：]/.test(k)) ? 'dept' : null;
}

/**
 * The cover fields a line holds: the one it opens with and, on a short line of fields, the ones after it — a PDF
 * whose cover fields stand two to a line, or whose lines a printer ran together ("部门(单位)名称：… 预算编码：…",
 * "评价方式：…评价机构：…评价组"), is the same cover as its .docx, one field a paragraph.
 */
function coverFields(key: string): string[] {
  if (!COVER_FIELD.test(key)) return [];
  const labels = key.length <= COVER_LINE_MAX ? [...key.matchAll(COVER_FIELD_ANYWHERE)] : [COVER_FIELD.exec(key)!];
  return labels.map((m) => m[1].replace(/[（(].*$/, ''));
}

function hasReportCover(texts: string[]): boolean {
  const fields = new Set<string>();
  for (const t of texts) for (const f of coverFields(compactKey(t))) fields.add(f);
  const sealed = ['实施单位', '主管部门'].every((f) => fields.has(f));
  return fields.size >= 4 && (fields.has('评价机构') || sealed);
}

/**
 * Do these paragraphs, together, report on budget performance? Two paragraphs of prose about
 * performance with three figures in the prose or under two numbered section headings about it, or
 * stating their self-evaluation result, or one long paragraph (a PDF paragraph holding the whole
 * report) about performance with six figures, or prose under three headings of a report's outline,
 * or under an evaluation report's cover.
 */
export function reportsOnPerformance(texts: string[]): boolean {
  // each text told prose once and its evidence read once: the tests below ask for both again (headings, prose,
  // a report run into one paragraph), and the evidence is four searches of the whole text
  const prose = texts.map(isProse);
  const evidence: Array<ProseEvidence | undefined> = new Array(texts.length);
  const evidenceOf = (i: number) => (evidence[i] ??= proseEvidence(texts[i]));
  let paragraphs = 0;
  let figures = 0;
  let longest = 0;
  let headings = 0;
  for (let i = 0; i < texts.length; i++) {
    const k = compactKey(texts[i]).replace(LOST_CHARACTERS, '');
    if (k.length <= 40 && NUMBERED_HEADING.test(k) && evidenceOf(i).vocabulary >= 1) headings++;
    if (!prose[i]) continue;
    const e = evidenceOf(i);
    figures += e.figures;
    if (e.vocabulary < 3) continue;
    paragraphs++;
    longest = Math.max(longest, e.figures);
  }
  if (paragraphs >= 2 && (figures >= 3 || headings >= 2)) return true;
  const anyProse = prose.includes(true);
  // the opening announces the report, and more prose about performance or two headings of one follow it
  const opening = anyProse ? texts[prose.indexOf(true)] : undefined;
  if (opening && ANNOUNCES_REPORT.test(compactKey(opening)) && (paragraphs >= 2 || headings >= 2)) return true;
  // a notice publishing evaluation reports: its prose about performance, then the reports it attaches
  // by name ("附件1：…项目绩效评价报告.pdf") — a finance bureau's page with the reports as files
  if (paragraphs >= 1 && texts.filter((t) => ATTACHED_REPORT.test(compactKey(t))).length >= 2) return true;
  // a page cut before its figures (and without its title) that follows the template's outline:
  // 项目概况 › 项目单位基本情况 › 项目年度预算绩效目标、绩效指标设定情况, with prose under them
  if (anyProse && followsOutline(texts)) return true;
  // a report whose title the page lost, opening at its cover's fields, then prose about performance; or a cover whose
  // evaluation method is a self-evaluation (评价方式：部门(单位)绩效自评), its story in the form under it (prose-cells.ts)
  if ((paragraphs >= 1 || texts.some((t) => COVER_METHOD.test(compactKey(t)))) && hasReportCover(texts)) return true;
  // a page that lost its title, opening at the report's contents run into one paragraph, the body's prose after it
  const contents = texts.findIndex(outlineContents);
  if (contents >= 0 && prose.indexOf(true, contents + 1) >= 0) return true;
  // a report an aggregator ran into one paragraph, the template's headings inline with figures
  // between them (一、绩效目标分解下达情况湖南省…20万元，二、绩效目标完成情况分析（一）资金投入情况分析…)
  if (texts.some((t, i) => prose[i] && runOnReport(t, evidenceOf(i)))) return true;
  if (longest >= 6 || (paragraphs >= 2 && SELF_RESULT.test(texts.map(compactKey).join('')))) return true;
  // an evaluation's summary alone: prose about performance that states its score and its grade
  return paragraphs >= 1 && texts.some((t, i) => prose[i] && SCORE_AND_GRADE.test(compactKey(t)));
}
