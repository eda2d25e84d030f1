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

/**
 * The prose states its own self-evaluation result: 自评得分90分, 自评结果为优, 综合评分92.5分. A
 * report of an evaluation says what it scored; a form's note or a notice does not (a score table's
 * 分值 cells are not prose), nor a rule (评价结果为优秀的… names a grade, it reports none: grades
 * count only after 自评). Read on the joined text: PDF lines break such a phrase ("自评得分" / "90 分").
 */
const SELF_RESULT = /自评(?:得分|总分|分数|结果|等级)(?:为|是|达到?|[:：])?(?:\d+(?:\.\d+)?分|优秀|良好|合格|[优良中差])|(?:评价|综合)(?:得分|总分|评分)(?:为|是|达到?|[:：])?\d+(?:\.\d+)?分/;

/**
 * Do these paragraphs, together, report on budget performance? Two paragraphs of prose about
 * performance with three figures in the prose or under two numbered section headings about it, or
 * stating their self-evaluation result, or one long paragraph (a PDF paragraph holding the whole
 * report) about performance with six figures.
 */
export function reportsOnPerformance(texts: string[]): boolean {
  let paragraphs = 0;
  let figures = 0;
  let longest = 0;
  let headings = 0;
  for (const t of texts) {
    const k = compactKey(t);
    if (k.length <= 40 && NUMBERED_HEADING.test(k) && proseEvidence(t).vocabulary >= 1) headings++;
    if (!isProse(t)) continue;
    const e = proseEvidence(t);
    figures += e.figures;
    if (e.vocabulary < 3) continue;
    paragraphs++;
    longest = Math.max(longest, e.figures);
  }
  if (paragraphs >= 2 && (figures >= 3 || headings >= 2)) return true;
  // a notice publishing evaluation reports: its prose about performance, then the reports it attaches
  // by name ("附件1：…项目绩效评价报告.pdf") — a finance bureau's page with the reports as files
  if (paragraphs >= 1 && texts.filter((t) => ATTACHED_REPORT.test(compactKey(t))).length >= 2) return true;
  return longest >= 6 || (paragraphs >= 2 && SELF_RESULT.test(texts.map(compactKey).join('')));
}
