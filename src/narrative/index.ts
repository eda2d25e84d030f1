import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { FigureLink, GradeStatement, NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { extractStats } from './extract.js';
import { bandsIn, combinedBands, evaluatedByOther, extractGrades } from './grades.js';
import { copiedLineByLine } from './line-copy.js';
import { linkStatistics } from './link.js';
import { attributeProjects } from './projects.js';
import { cellPlace, proseCellParagraphs } from './prose-cells.js';
import { findReports, type FoundReport } from './reports.js';
import { documentYears, openingYear, reportYear, type DocumentYears } from './report-year.js';

export interface NarrativeOutput {
  narratives: NarrativeReport[];
  statistics: NarrativeStat[];
  links: FigureLink[];
  /** Grades stated in prose (评价等级/等次), with their score and the report's bands (grades.ts). */
  grades?: GradeStatement[];
  /** The year the opening sentence of an untitled report says is evaluated (openingYear), when one does. */
  openingYear?: number | null;
  /** What the rest of the document says of its year (documentYears: years of money, a whole-year period, 填报日期). */
  documentYears?: DocumentYears;
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
  // (read once a report: the statistics and the grades below read the same body and cells)
  const read = found.map((r) => ({ joined: joinLines || copiedLineByLine(r.body), cells: proseCellParagraphs(doc.blocks.slice(r.blocks[0], r.blocks[1])) }));
  const provisional = found.map((r, i) => {
    const ctx = { part: partName(r, null), narrative: i, sectionOf: sectionLookup(r) };
    const { joined, cells } = read[i];
    const fromCells = cells.length > 0 ? extractStats(cells, false, { ...ctx, sectionOf: (p) => cellSection(cells, p) }) : [];
    return [...extractStats(r.body, joined, ctx), ...fromCells];
  });
  const attribution = attributeProjects(found, provisional, report.projects);
  const narratives: NarrativeReport[] = [];
  const statistics: NarrativeStat[] = [];
  const grades: GradeStatement[] = [];
  // the bands a report prints govern its grades; a document's other report may print them for all
  // (each paragraph read once: the document's bands and its report's are made of the same candidates)
  const bandsRead = found.map((r) => r.body.map((p) => bandsIn(p.text)));
  const documentBands = combinedBands(bandsRead.flat());
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
    const bands = combinedBands(bandsRead[i]) ?? documentBands;
    const ctx = { part, narrative: i, kind: r.kind, project: projectName, projectIndex: a.project, byOther: evaluatedByOther(r.title, r.body) };
    const { joined, cells } = read[i];
    grades.push(...extractGrades(r.body, joined, ctx, bands), ...(cells.length ? extractGrades(cells, false, ctx, bands) : []));
  });
  const links = linkStatistics(report, narratives, statistics);
  return { narratives, statistics, links, grades, openingYear: openingYear(found.map((r) => r.body)), documentYears: documentYears(doc) };
}

/** The report with its narrative reading: the pipeline's (and the tests' checkModel) one way of putting them together. */
export function withNarrativeOutput(recognized: Report, narrative: NarrativeOutput): Report {
  return {
    ...recognized,
    year: reportYear(recognized, narrative.narratives, narrative.openingYear ?? null, narrative.documentYears),
    narratives: narrative.narratives,
    statistics: narrative.statistics,
    links: narrative.links,
    ...(narrative.grades ? { grades: narrative.grades } : {}),
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
