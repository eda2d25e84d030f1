import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { NarrativeReport } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { yearFromPageHeader } from '../recognize/page-header.js';
import { withoutCitedDocuments, yearOf } from '../recognize/parts.js';
import { rowKeys } from '../recognize/table-view.js';
import { compactKey } from '../text/normalize.js';
import { PUBLISHED_YEAR } from './report-title.js';

/**
 * The report's year — the one module that decides it (year26). In order: the forms' year (recognize: a form's title, its
 * title rows, a 基础数据表's year columns), else a narrative title's (narrativeYear), else what the head of the body names
 * (documentYears: a 年度 in the first paragraphs or a 评价年度 field — the latest of the years whose money the sentence of that
 * first 年度 adds up (year27) —, else the page header's title, else a labelled whole-year period), else what the opening of an
 * untitled report says (openingYear), else an unlabelled whole-year period of performance, else a form's 填报日期 (year27, weak:
 * read last). A date, a span, a cited document's year or a web record's 发布日期 is never one.
 */
export function reportYear(recognized: Report, narratives: NarrativeReport[], opening: number | null, read: DocumentYears = NO_YEARS): number | null {
  return recognized.year ?? narrativeYear(narratives) ?? read.named ?? read.header ?? read.span ?? opening ?? read.period ?? read.filed;
}

/**
 * What the document says of its year beside its forms, titles and opening, read in one walk of its first blocks (documentYears).
 */
export interface DocumentYears {
  /** The body's first 年度 (the latest year of money its sentence adds up, moneyYear), or a cover's 评价年度/项目名称 field. */
  named: number | null;
  /** A report titled only in its page header (页眉). */
  header: number | null;
  /** A whole calendar year under a label of the period (起止时间, 评价时间, 实施期…), in a paragraph or a table's first rows. */
  span: number | null;
  /** A whole-year period of performance anywhere in the first blocks, unlabelled. */
  period: number | null;
  /** A form's 填报日期. */
  filed: number | null;
}
const NO_YEARS: DocumentYears = { named: null, header: null, span: null, period: null, filed: null };
const HEAD_BLOCKS = 50;
/** A labelled period is looked for in a table's first rows only. */
const SPAN_ROWS = 30;

export function documentYears(doc: DocumentModel): DocumentYears {
  let named: number | null = null;
  let span: number | null = null;
  const keys: string[] = [];
  for (const b of doc.blocks.slice(0, HEAD_BLOCKS)) {
    if (b.kind === 'paragraph') {
      const k = compactKey(b.text);
      keys.push(k);
      named ??= namedYear(k);
      span ??= labelledSpanYear(k);
      continue;
    }
    for (let r = 0; r < b.nRows; r++) {
      const k = compactKey(rowKeys(b, r).join('|'));
      keys.push(k);
      if (r < SPAN_ROWS) span ??= labelledSpanYear(k);
    }
  }
  return { named, header: yearFromPageHeader(doc), span, period: periodYear(keys), filed: filedYear(keys) };
}

/**
 * A cover field naming the year evaluated: 评价年度:2022 (湖南's and 广东's 自评报告 covers), 所属年度：2023年. Not 填报日期, a date.
 * A third-party report's cover naming the project by its year does too: 项目名称: 2016年漕河泾街道社区道路整治项目 (a cover dated
 * 二 O 一七 年, the year after) — a year right after the field, followed by 年 and a word, not by a month, a span or a date.
 */
const YEAR_FIELD = /(?:评价|自评|所属|考核)年度[:：]((?:19|20)\d{2})(?!\d|年\d)|项目名称[:：]((?:19|20)\d{2})年(?![\d月日至到以起—\-~－])/;
const FIRST_YEAR_DU = /((?:19|20)\d{2})年度/;

/** The year a paragraph of the body's head names (`k` compact): its first 年度 (moneyYear), else a cover's year field. */
function namedYear(k: string): number | null {
  const first = FIRST_YEAR_DU.exec(k);
  if (first) return moneyYear(k, first.index, Number(first[1]));
  const field = YEAR_FIELD.exec(k);
  return field ? Number(field[1] ?? field[2]) : null;
}

/**
 * The body's first 年度 may open a sentence naming several years' money: 曲阳 彩票公益金 "其中2019年度中央专项彩票公益金99.49万元,
 * 2020年度中央专项彩票公益金99.49万元" is 2020 — as in sentenceYear, the latest of the years whose money one sentence adds up is the
 * one evaluated, the earlier ones are money carried into it. Only when the years differ, each names money right after it (资金,
 * 公益金, 经费, 预算, 补助) and the first is that 年度; the years of cited documents (《关于兑现2015年度…补助资金的通知》) are none.
 */
const MONEY_YEAR = /((?:19|20)\d{2})年度(?![\d月日以起至到前后—\-~、])[^。；;,，]{0,12}?(?:资金|公益金|经费|预算|补助)/g;

function moneyYear(k: string, at: number, first: number): number {
  // the sentence the first 年度 stands in
  const start = Math.max(k.lastIndexOf('。', at), k.lastIndexOf('；', at)) + 1;
  const ends = ['。', '；'].map((c) => k.indexOf(c, at)).filter((i) => i >= 0);
  const sentence = k.slice(start, ends.length > 0 ? Math.min(...ends) : k.length);
  const years = [...withoutCitedDocuments(sentence).matchAll(MONEY_YEAR)].map((m) => Number(m[1]));
  return years[0] === first && new Set(years).size >= 2 ? Math.max(...years) : first;
}

/**
 * A form's or cover's period covering one whole calendar year names the year evaluated: 项目起止时间 | 2016年1月起至2016年12月,
 * 评价时间:2017年1月1日至2017年12月31日 (湖南's and 海南's 自评报告 covers). Only under a label of the period; a span across years
 * (评价期间2019年11月至2021年5月) names none.
 */
const WHOLE_YEAR = /(?:起止时间|评价时间|实施时间|实施期限?|执行期[间限]?|评价期间?|项目期[间限]?)[|:：]*((?:19|20)\d{2})年(?:0?1|元|一)月(?:0?1日)?起?(?:至|到|—|-|~)+\1年(?:12|十二)月/;

function labelledSpanYear(k: string): number | null {
  const m = WHOLE_YEAR.exec(k);
  return m ? Number(m[1]) : null;
}

/**
 * A period of performance covering one whole calendar year, anywhere in the first blocks and unlabelled: an indicator's
 * 2021.1.1-12.31 (吕梁 护工培训, a bid site's OCR of the form whose title was lost), 2021年1月1日至2021年12月31日. Only when every
 * such period names the same year; a span across years (2019年11月至2021年5月) or part of one (2021.1.1-6.30) is none.
 */
const WHOLE_PERIOD =
  /(?<!\d)((?:19|20)\d{2})(?:[.．/\-]0?1[.．/\-]0?1日?|年0?1月0?1日)起?(?:至|到|—|-|~|－)+(?:\1(?:[.．/\-]|年))?12(?:[.．/\-]|月)31(?!\d)/g;

function periodYear(keys: readonly string[]): number | null {
  const years = new Set<number>();
  for (const k of keys) for (const m of k.matchAll(WHOLE_PERIOD)) years.add(Number(m[1]));
  return years.size === 1 ? [...years][0] : null;
}

/**
 * A form's 填报日期 as weak evidence, read last: a self-evaluation is filed in the first half of the year after the one it
 * evaluates (绥阳 太白镇 填报日期:2022年2月3日 → 2021; 通城 2021年5月 → 2020), or in that year's December. Filed later in the
 * year it says nothing (施甸 2022年7月 is of 2019, 梅州 2025年7月 of 2024). Only when every 填报日期 gives the same year.
 */
const FILED = /填报(?:日期|时间)[|:：]*((?:19|20)\d{2})(?:年|[.．/\-])(\d{1,2})(?!\d)/g;
const FILED_BY_MONTH = 6;

function filedYear(keys: readonly string[]): number | null {
  const years = new Set<number>();
  for (const k of keys) {
    for (const m of k.matchAll(FILED)) {
      const [year, month] = [Number(m[1]), Number(m[2])];
      if (month === 12) years.add(year);
      else if (month >= 1 && month <= FILED_BY_MONTH) years.add(year - 1);
      else return null;
    }
  }
  return years.size === 1 ? [...years][0] : null;
}

/**
 * The year a report with no form is of, from its narrative titles ("2018年森林防火专项资金绩效自评报告", "关于2015—2018年度…"
 * → 2018, the period's last): the first title naming one. The report's year is the forms' year, else this, else a year the
 * body mentions (recognize: a 年度 in the first paragraphs, the page header, a whole-year period), else the opening sentence's
 * (openingYear): a title over a body citing 《关于开展2024年度…评价工作的通知》 is the title's year. Corpus documents whose truth
 * names a year and the output none: 84 → 56 (held-out 23b) → 42 (24b) → 28 (year25: sentenceYear) → 22 (year26: statedYear).
 */
function narrativeYear(narratives: NarrativeReport[]): number | null {
  for (const n of narratives) {
    const y = titleYear(n.title);
    if (y !== null) return y;
  }
  return null;
}

/** "(2024年度)" closing a title: the year evaluated, beside a fund's year (…2023年异地造林补助资金项目支出绩效自评报告(2024年度)). */
const CLOSING_YEAR = /[(（]((?:19|20)\d{2})年度[)）]$/;

/**
 * The year a narrative title names: its closing "(2024年度)", else its first year. A results notice's year (关于2024年财政支出
 * 绩效评价结果的通报) is the year it publishes them in, not the spending's: no year.
 */
function titleYear(title: string): number | null {
  const k = compactKey(title);
  const closing = CLOSING_YEAR.exec(k);
  if (closing) return Number(closing[1]);
  if (PUBLISHED_YEAR.test(k)) return null;
  return yearOf(k) ?? bareTitleYear(k);
}

/**
 * A title's year written without 年 ("惠州市交通运输局2021部门整体绩效自评报告", "…小学2021项目资金绩效自评报告"): four digits
 * right before the words a report's title goes on with. Before anything else (2000万元, 2021-2023) they are no year.
 */
const BARE_TITLE_YEAR = /(?<![\d.])((?:19|20)\d{2})(?=部门|项目|专项|整体|财政|预算|绩效|单位)/;

/** `title` compact (compactKey): no white space. */
function bareTitleYear(title: string): number | null {
  const m = BARE_TITLE_YEAR.exec(title);
  return m ? Number(m[1]) : null;
}

/**
 * The sentence a report without a title opens with, saying which year's spending it evaluates: "现将我厅2020年彩票公益金…绩效报告",
 * "我局对2023年…资金开展了绩效自评", "开展2020年预算绩效管理重点项目绩效评价工作", "为做好2022年…项目绩效管理工作". Only the
 * first paragraphs of a report are read, and the years of the documents they cite (《关于做好2020年…的通知》, 〔2021〕98号)
 * are set aside first; a date (2023年3月) or an amount (2000万元) is no year.
 */
const OPENING_YEAR = [
  /现将[^。；，,]{0,20}?((?:19|20)\d{2})(?:年度?(?![\d月])|(?=[\u4e00-\u9fff])(?![年月日万亿元个人次期届批家项条名号]))[^。；]{0,60}?(?:报告|自评|评价|情况)/,
  /对((?:19|20)\d{2})年度?(?![\d月])[^。；]{0,60}?(?:开展|进行)了?[^。；]{0,12}?(?:自评|绩效评价)/,
  // the year of the evaluation work (组织开展了2025年财政重点绩效评价工作) gives way to the 年度 of the spending the same sentence
  // names as evaluated (…承担了…2024年度部门整体支出…: 2024, 浔阳 发改委's third-party report)
  /开展了?(?:19|20)\d{2}年度?(?![\d月])[^。；]{0,80}?((?:19|20)\d{2})年度(?:部门整体|项目|专项)支出/,
  /开展了?((?:19|20)\d{2})年度?(?![\d月])[^。；]{0,40}?(?:自评|绩效评价)/,
  /为做好((?:19|20)\d{2})年度?(?![\d月])[^。；]{0,30}?绩效/,
  // the clause after the documents a report opens by citing, telling of that year's money: "根据《…的通知》(闽财综指﹝2025﹞2号)…
  // 文件,2024年省财政下达我区…资金440万元" (长泰 彩票公益金, heldoutB) — not a date (2024年3月) nor a span (2024年以来)
  /(?:文件|通知|精神|要求)[,，]((?:19|20)\d{2})年度?(?![\d月日以起至到—\-~])[^。；]{0,40}?(?:资金|预算|经费)/,
];
const OPENING_PARAGRAPHS = 3;

export function openingYear(bodies: readonly (readonly ParagraphBlock[])[]): number | null {
  // each report's first paragraphs keyed once (compact, folded, cited documents set aside) for both readings
  const opening = bodies.map((b) => b.slice(0, SENTENCE_PARAGRAPHS).map((p) => withoutCitedDocuments(compactKey(p.text))));
  for (const keys of opening) {
    for (const k of keys.slice(0, OPENING_PARAGRAPHS)) {
      for (const re of OPENING_YEAR) {
        const m = re.exec(k);
        if (m) return Number(m[1]);
      }
    }
  }
  return sentenceYear(opening) ?? statedYear(opening);
}

/**
 * A sentence of the opening paragraphs that begins with the year whose money or staff it tells of, or with the year and a comma:
 * "2016年，在市民政局党组的正确领导下…", "2019 年，XX 省财政厅通过《…》…", "2019年昌宁县殡葬服务中心向县级财政争取资金124.79万元", "2021年末实有在职在编人员19人", "2021年初…收入预算".
 * A date (2020年10月30日), a span (2020年以来, 2019年至2021年) or a cited document's year (〔2021〕51号) is none. When the
 * sentences name several years the latest is the one evaluated (2023年中央下达… / 2024年结转2023年…: 2024): the years before it
 * are the money carried over. Untitled reports whose body opens so (郴州 殡葬 2016, 保山 地震局 2021, 昌宁 殡葬 2019, the latter
 * two under a web record's 发布日期 of the year after, a date and no year). Read on the keyed text (compactKey folds 資金 to 资金).
 */
const SENTENCE_YEAR =
  /(?:^|[。；;])((?:19|20)\d{2})年(?:度|初|末|底)?(?![\d月日以起至到前后—\-~])(?:,|[^。；;]{0,40}?(?:资金|预算|经费|支出|决算|人员|绩效目标))/g;
const SENTENCE_PARAGRAPHS = 6;

function sentenceYear(opening: readonly (readonly string[])[]): number | null {
  let latest: number | null = null;
  for (const keys of opening) for (const k of keys) for (const m of k.matchAll(SENTENCE_YEAR)) latest = Math.max(latest ?? 0, Number(m[1]));
  return latest;
}

/**
 * Where an untitled report's opening names its year without opening a sentence with it (year26), read last, the first found:
 * the unit's own year — 我校2022年项目为一个, 本单位2024年度…, 我区2021年… (我/本 and the unit's kind right before the year);
 * a clause that begins with the year and goes on
 * to its money — …申请专项债券资金11亿元,2022年已拨付资金6亿元; the money handed down by its year — (湘财文指〔2022〕30号)下达
 * 2022年…专项资金20万元 (not 提前下达, next year's money in advance). A date (2022年7月14日), a span (2020年以来, 2020-2021年,
 * 2019、2021年) or a cited document's year stays none.
 */
const YEAR_END = String.raw`年(?:度|初|末|底)?(?![\d月日以起至到前后—\-~、])`;
export const STATED_YEAR: readonly RegExp[] = [
  new RegExp(String.raw`(?<!将[^。；;,，]{0,6})(?:我|本)(?:校|院|局|厅|委|办|中心|单位|部门|区|县|市|镇|乡|所|站|馆)((?:19|20)\d{2})${YEAR_END}`),
  new RegExp(String.raw`[,，]((?:19|20)\d{2})${YEAR_END}(?![^。；;,，]{0,30}?(?:结余|结转))[^。；;,，]{0,30}?(?:资金|预算|经费|支出)`),
  new RegExp(String.raw`(?<!提前)下达(?:我(?:区|县|市|省))?((?:19|20)\d{2})${YEAR_END}[^。；;,，]{0,30}?(?:资金|经费|预算)`),
];

function statedYear(opening: readonly (readonly string[])[]): number | null {
  for (const re of STATED_YEAR) {
    for (const keys of opening) {
      for (const k of keys) {
        const m = re.exec(k);
        if (m) return Number(m[1]);
      }
    }
  }
  return null;
}
