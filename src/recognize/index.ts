import { tableParts } from './continuation.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { TextFact } from '../../schemas/fact.js';
import type { BasicData, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { Coverage, Report } from '../../schemas/report.js';
import { readBasicData } from './basic-data.js';
import { basicDataGaps, formGaps } from './coverage.js';
import { countFacts } from './facts.js';
import { detectFamily, formFamily } from './family.js';
import { unitFromPageHeader } from './page-header.js';
import { groupForms } from './parts.js';
import { rebuildFlattenedTables } from './flattened-table.js';
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
  // the forms' year; what the rest of the document says of it is read once, with the narrative (src/narrative/report-year.ts)
  const year = formsYear({ basicData, deptSelfEval, projects });
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
function formsYear(report: Pick<Report, 'basicData' | 'deptSelfEval' | 'projects'>): number | null {
  return report.basicData?.year ?? report.deptSelfEval?.year ?? mostCommon(report.projects.map((p) => p.year));
}

function mostCommon(values: Array<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}
