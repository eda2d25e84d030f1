import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { FigureLink, NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { extractStats } from './extract.js';
import { copiedLineByLine } from './line-copy.js';
import { linkStatistics } from './link.js';
import { attributeProjects } from './projects.js';
import { cellPlace, proseCellParagraphs } from './prose-cells.js';
import { findReports, type FoundReport } from './reports.js';
import { PUBLISHED_YEAR } from './report-title.js';
import { withoutCitedDocuments, yearOf } from '../recognize/parts.js';
import { formsYear } from '../recognize/index.js';
import { compactKey } from '../text/normalize.js';

export interface NarrativeOutput {
  narratives: NarrativeReport[];
  statistics: NarrativeStat[];
  links: FigureLink[];
  /** The year the opening sentence of an untitled report says is evaluated (openingYear), when one does. */
  openingYear?: number | null;
}

export const DEPT_REPORT = '部门整体支出绩效自评报告';
export const PROJECT_REPORT = '项目支出绩效评价报告';

/**
 * Narrative reports: sections, every figure stated in prose, and links from those figures to the
 * table figures they restate (issue 4). Only paragraphs inside a narrative report are read: the
 * forms' notes and signature lines (说明, 备注, 填表人 …) are not prose statistics.
 *
 * Pipeline: reports.ts (reports and sections by heading text, headings.ts: style or font size,
 * else text shape) → scan.ts (figures: number + unit +
 * qualifiers; masks.ts rules out dates, document numbers, list markers, phones) → label.ts (what is
 * counted) → structure.ts (totals and parts) → projects.ts (which project a 项目支出绩效评价报告 is
 * about) → link.ts (restated table figures, indicator actuals, other narrative statements).
 *
 * Decisions worth knowing:
 * - A statistic is a number with a unit. A number followed by a known counting word or measure is
 *   read; one followed by a single unknown ideograph and a boundary ("打井3眼。") is kept with
 *   `unknownUnit: true`; a number running into a word ("12345信箱", "2022岳阳市") is a name, not a count.
 * - Slogans: 扬尘防治"6个100%" and 六个百分百 name six 100%-rules. They are kept as one countable
 *   mention (6 个, `mention: 'slogan'`), the 100% is not a measurement, and no rule checks slogans.
 * - 首次 ("for the first time") is an ordinal, not a count of events: not a statistic. 第三轮 /
 *   第三方 likewise. 一 as an article ("是一项严肃的工作", "这一条主线") and idioms (一起, 一套,
 *   一律, 三会一课, 三重一大, 二十大) are not counts.
 * - 各一件 is one per listed item: value 1 with `each` = number of items ("举报和投诉质疑函" → 2).
 * - 每月一次 keeps the period in `per`.
 * - Money is compared in 万元, areas in 平方米 (`normalizedValue`), exactly (decimal strings).
 * - A report kept in a summary table (项目基本情况 | a paragraph): the prose cells of the tables inside a report
 *   are read as paragraphs of it (prose-cells.ts), located by their cell (paragraph null, id "t<table>r<row>c<col>:…").
 */
export function analyzeNarrative(doc: DocumentModel, report: Report): NarrativeOutput {
  const found = findReports(doc);
  const joinLines = doc.format === 'pdf';
  // first pass with provisional part names: statistics are needed to tell which project a report is about
  // a PDF copied into Word line by line is read with its lines joined, as the PDF is
  // the prose a summary table of the report keeps in its cells (项目基本情况 | …) is read as paragraphs of its own
  const provisional = found.map((r, i) => {
    const ctx = { part: partName(r, null), narrative: i, sectionOf: sectionLookup(r) };
    const cells = proseCellParagraphs(doc.blocks.slice(r.blocks[0], r.blocks[1]));
    const fromCells = cells.length > 0 ? extractStats(cells, false, { ...ctx, sectionOf: (p) => cellSection(cells, p) }) : [];
    return [...extractStats(r.body, joinLines || copiedLineByLine(r.body), ctx), ...fromCells];
  });
  const attribution = attributeProjects(found, provisional, report.projects);
  const narratives: NarrativeReport[] = [];
  const statistics: NarrativeStat[] = [];
  let unnamed = 0;
  found.forEach((r, i) => {
    const a = attribution[i];
    const projectName = a.project !== null ? report.projects[a.project].name?.text.trim() ?? null : null;
    const part = r.kind === 'project' && projectName === null ? `${PROJECT_REPORT}（第${++unnamed}份）` : partName(r, projectName);
    narratives.push({
      kind: 'narrative',
      part,
      title: r.title,
      ...(r.titleCell ? { titleLocation: { part, table: r.titleCell.table, row: r.titleCell.row, col: r.titleCell.col, page: r.titleCell.page, paragraph: null } } : {}),
      project: projectName,
      firstParagraph: r.first,
      lastParagraph: r.last,
      sections: r.sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs, key: s.key, level: s.level })),
      reportKind: r.kind,
      projectConfidence: a.confidence,
      projectReason: a.reason,
      projectIndex: a.project,
    });
    // the provisional statistics are this function's own: their part is set in place
    for (const s of provisional[i]) {
      s.loc.part = part;
      statistics.push(s);
    }
  });
  const links = linkStatistics(report, narratives, statistics);
  return { narratives, statistics, links, openingYear: openingYear(found) };
}

/**
 * The year a report with no form is of, from its narrative titles ("2018年森林防火专项资金绩效自评报告", "关于2015—2018年度…"
 * → 2018, the period's last): the first title naming one. The report's year is the forms' year, else this, else a year the
 * body mentions (recognize: a 年度 in the first paragraphs, the page header, a whole-year period), else the opening sentence's
 * (openingYear): a title over a body citing 《关于开展2024年度…评价工作的通知》 is the title's year. Corpus documents whose truth
 * names a year and the output none: 84 → 56 (held-out 23b) → 42 (24b) → 28 (year25: sentenceYear).
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
  /开展了?((?:19|20)\d{2})年度?(?![\d月])[^。；]{0,40}?(?:自评|绩效评价)/,
  /为做好((?:19|20)\d{2})年度?(?![\d月])[^。；]{0,30}?绩效/,
  // the clause after the documents a report opens by citing, telling of that year's money: "根据《…的通知》(闽财综指﹝2025﹞2号)…
  // 文件,2024年省财政下达我区…资金440万元" (长泰 彩票公益金, heldoutB) — not a date (2024年3月) nor a span (2024年以来)
  /(?:文件|通知|精神|要求)[,，]((?:19|20)\d{2})年度?(?![\d月日以起至到—\-~])[^。；]{0,40}?(?:资金|预算|经费)/,
];
const OPENING_PARAGRAPHS = 3;

function openingYear(found: FoundReport[]): number | null {
  // each report's first paragraphs keyed once (compact, folded, cited documents set aside) for both readings
  const opening = found.map((r) => r.body.slice(0, SENTENCE_PARAGRAPHS).map((p) => withoutCitedDocuments(compactKey(p.text))));
  for (const keys of opening) {
    for (const k of keys.slice(0, OPENING_PARAGRAPHS)) {
      for (const re of OPENING_YEAR) {
        const m = re.exec(k);
        if (m) return Number(m[1]);
      }
    }
  }
  return sentenceYear(opening);
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

/** The report with its narrative reading: the pipeline's (and the tests' checkModel) one way of putting them together. */
export function withNarrativeOutput(recognized: Report, narrative: NarrativeOutput): Report {
  return {
    ...recognized,
    year: formsYear(recognized) ?? narrativeYear(narrative.narratives) ?? recognized.year ?? narrative.openingYear ?? null,
    narratives: narrative.narratives,
    statistics: narrative.statistics,
    links: narrative.links,
    coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length },
  };
}

function partName(r: FoundReport, project: string | null): string {
  if (r.kind === 'dept') return DEPT_REPORT;
  return project ? `${PROJECT_REPORT}（${project}）` : PROJECT_REPORT;
}

/** The section of a paragraph read from a table cell: its row's label. */
function cellSection(cells: ParagraphBlock[], paragraph: number): string | null {
  const cell = cells.find((c) => c.paragraph === paragraph);
  return cell ? cellPlace(cell)?.label ?? null : null;
}

function sectionLookup(r: FoundReport): (paragraph: number) => string | null {
  const map = new Map<number, string>();
  for (const s of r.sections) for (const p of s.paragraphs) map.set(p, s.heading);
  return (p) => map.get(p) ?? null;
}
