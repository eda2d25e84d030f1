import { tableParts } from './continuation.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { TextFact } from '../../schemas/fact.js';
import type { BasicData, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { Coverage, Report } from '../../schemas/report.js';
import { readBasicData } from './basic-data.js';
import { basicDataGaps, formGaps } from './coverage.js';
import { countFacts } from './facts.js';
import { detectFamily, formFamily } from './family.js';
import { unitFromPageHeader, yearFromPageHeader } from './page-header.js';
import { groupForms } from './parts.js';
import { rebuildFlattenedTables } from './flattened-table.js';
import { rowKeys } from './table-view.js';
import { compactKey } from '../text/normalize.js';
import { readDeptSelfEval, readProjectSelfEval } from './self-eval.js';
import { keepStatedUnitRestated } from './budget-block.js';

/**
 * DocumentModel → report records. Recognizers know report templates and nothing about file
 * formats: parts are found by their titles and contents, columns by header meaning.
 * A part that is recognized but does not fit leaves a coverage note, never a crash.
 */
export function recognizeReport(doc: DocumentModel): Report {
  // forms flattened into lines of text are read as virtual tables rebuilt from the lines
  const rebuilt = rebuildFlattenedTables(doc);
  const { forms, unrecognized } = groupForms(rebuilt.document);
  let basicData: BasicData | null = null;
  let deptSelfEval: DeptSelfEval | null = null;
  const projects: ProjectSelfEval[] = [];
  const notUnderstood: Coverage['notUnderstood'] = [...rebuilt.unread];
  const tablesByPart: Record<string, number> = {};
  for (const form of forms) {
    tablesByPart[form.kind] = (tablesByPart[form.kind] ?? 0) + form.tables.length;
    try {
      if (form.kind === 'basic-data' && !basicData) basicData = readBasicData(form);
      else if (form.kind === 'dept-self-eval' && !deptSelfEval) deptSelfEval = readDeptSelfEval(form);
      else if (form.kind === 'project-self-eval') projects.push(readProjectSelfEval(form, projects.length));
      else notUnderstood.push({ text: form.title?.text ?? '', where: `重复的${form.kind}（表 ${form.tables.map((t) => t.table + 1).join('、')}）` });
    } catch (e) {
      notUnderstood.push({ text: form.title?.text ?? '', where: `表 ${form.tables.map((t) => t.table + 1).join('、')} 无法识别：${(e as Error).message}` });
    }
  }
  // a form read in 元 by its amounts' size keeps its head's 万元 when the prose restates an amount so
  if ([deptSelfEval, ...projects].some((f) => f?.budget?.statedUnit === '万元')) {
    const prose = rebuilt.document.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');
    for (const form of [deptSelfEval, ...projects]) keepStatedUnitRestated(form?.budget, prose);
  }
  if (basicData) basicDataGaps(basicData, notUnderstood);
  for (const form of [deptSelfEval, ...projects]) if (form) formGaps(form, notUnderstood);
  const year = formsYear({ basicData, deptSelfEval, projects }) ?? yearFromParagraphs(doc) ?? yearFromPageHeader(doc) ?? yearFromWholeYearSpan(doc);
  const department: TextFact | null = deptSelfEval?.department ?? projects.find((p) => p.implementer)?.implementer ?? unitFromPageHeader(doc);
  const indicators = (deptSelfEval?.indicators.length ?? 0) + projects.reduce((n, p) => n + p.indicators.length, 0);
  const family = detectFamily(basicData, deptSelfEval, projects);
  for (const form of [deptSelfEval, ...projects]) if (form?.recognition) form.recognition.family = formFamily(form, family);
  return {
    year,
    department,
    family,
    basicData,
    deptSelfEval,
    projects,
    narratives: [],
    statistics: [],
    links: [],
    coverage: {
      paragraphs: doc.blocks.filter((b) => b.kind === 'paragraph').length,
      tables: doc.blocks.filter((b) => b.kind === 'table').length,
      tablesByPart,
      unrecognizedTables: unrecognized.flatMap(tableParts),
      facts: countFacts([basicData, deptSelfEval, projects]),
      indicators,
      narrativeStatistics: 0,
      notUnderstood,
    },
  };
}

/** The year the forms state: the 基础数据表's, the 部门整体 form's, else the one most project forms name. */
export function formsYear(report: Pick<Report, 'basicData' | 'deptSelfEval' | 'projects'>): number | null {
  return report.basicData?.year ?? report.deptSelfEval?.year ?? mostCommon(report.projects.map((p) => p.year));
}

function mostCommon(values: Array<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}

/**
 * A cover field naming the year evaluated: 评价年度:2022 (湖南's and 广东's 自评报告 covers), 所属年度：2023年. Not 填报日期, a date.
 * A third-party report's cover naming the project by its year does too: 项目名称: 2016年漕河泾街道社区道路整治项目 (a cover dated
 * 二 O 一七 年, the year after) — a year right after the field, followed by 年 and a word, not by a month, a span or a date.
 */
const YEAR_FIELD = /(?:评价|自评|所属|考核)年度[:：]((?:19|20)\d{2})(?!\d|年\d)|项目名称[:：]((?:19|20)\d{2})年(?![\d月日至到以起—\-~－])/;

function yearFromParagraphs(doc: DocumentModel): number | null {
  for (const b of doc.blocks.slice(0, 50)) {
    if (b.kind !== 'paragraph') continue;
    const m = /((?:19|20)\d{2})\s*年度/.exec(b.text) ?? YEAR_FIELD.exec(compactKey(b.text));
    if (m) return Number(m[1] ?? m[2]);
  }
  return null;
}

/**
 * A form's or cover's period covering one whole calendar year names the year evaluated: 项目起止时间 | 2016年1月起至2016年12月,
 * 评价时间:2017年1月1日至2017年12月31日 (湖南's and 海南's 自评报告 covers). Only under a label of the period, in the first blocks;
 * a span across years (评价期间2019年11月至2021年5月) names none.
 */
const WHOLE_YEAR = /(?:起止时间|评价时间|实施时间|实施期限?|执行期[间限]?|评价期间?|项目期[间限]?)[|:：]*((?:19|20)\d{2})年(?:0?1|元|一)月(?:0?1日)?起?(?:至|到|—|-|~)+\1年(?:12|十二)月/;

function yearFromWholeYearSpan(doc: DocumentModel): number | null {
  for (const b of doc.blocks.slice(0, 50)) {
    const texts = b.kind === 'paragraph' ? [b.text] : Array.from({ length: Math.min(b.nRows, 30) }, (_, r) => rowKeys(b, r).join('|'));
    for (const t of texts) {
      const m = WHOLE_YEAR.exec(compactKey(t));
      if (m) return Number(m[1]);
    }
  }
  return null;
}
