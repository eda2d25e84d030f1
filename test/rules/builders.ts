/**
 * Builders for realistic records, so rule cases read like the printed tables:
 *
 *   projectForm({
 *     name: '工作经费',
 *     budget: [
 *       ['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10'],
 *       ['其中：当年财政拨款', '325', '334.74', '334.74'],
 *     ],
 *     indicators: [
 *       ['产出指标(30分)', '数量指标', '办理项目竣工验收率', '60个', '27个', '1', '0.5', '根据市场实际情况…'],
 *       ['', '', '监督工程竣工验收率', '100%', '100%', '1', '1', ''],   // '' = merged from the row above
 *     ],
 *     total: ['100', '99.5'],
 *   })
 *
 * Every value is a Fact built from its written string (parseFigure / parseMeasureFigure) with a
 * location (part, table, row, col) as a recognizer would give it.
 */
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Figure } from '../../schemas/figure.js';
import { location, type Location } from '../../schemas/location.js';
import type {
  BasicData,
  BreakdownItem,
  BudgetBlock,
  BudgetRow,
  DeptSelfEval,
  Indicator,
  ProjectSelfEval,
  Signature,
  SpendingRow,
} from '../../schemas/records.js';
import type { NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Report, TemplateFamily } from '../../schemas/report.js';
import type { DocumentModel, ParseIssue } from '../../schemas/document.js';
import { parseFigure, parseMeasureFigure } from '../../src/numbers/figure.js';

/** A table cell with a written value: figure parsed as the recognizers do. */
export function fact(text: string, loc: Partial<Location> = {}): Fact {
  return { text, figure: text.trim() ? parseFigure(text) : null, loc: location(loc) };
}

/** A target/actual cell ("≥50个", "群众满意度100%"): parsed as a measure. */
export function measureFact(text: string, loc: Partial<Location> = {}): Fact {
  return { text, figure: text.trim() ? parseMeasureFigure(text) : null, loc: location(loc) };
}

export function textFact(text: string, loc: Partial<Location> = {}): TextFact {
  return { text, loc: location(loc) };
}

export function figure(text: string): Figure {
  const f = parseFigure(text);
  if (!f) throw new Error(`builders: not a figure: ${text}`);
  return f;
}

// ---------- budget block ----------

/** [label, 年初预算数, 全年预算数, 全年执行数, 分值?, 执行率?, 得分?] as printed. */
export type BudgetRowSpec = [string, string, string, string, string?, string?, string?];

function budgetKind(label: string): BudgetRow['kind'] {
  if (/总额|合计|总计/.test(label)) return 'total';
  if (/当年|本年/.test(label) && /拨款|财政/.test(label)) return 'current-year';
  if (/财政资金/.test(label)) return 'current-year';
  if (/结转/.test(label)) return 'carry-over';
  if (/专户/.test(label)) return 'special-account';
  if (/单位资金/.test(label)) return 'unit';
  if (/其他/.test(label)) return 'other';
  return 'unknown';
}

const BUDGET_COLUMNS = [
  { field: 'initialBudget', label: '年初预算数' },
  { field: 'fullYearBudget', label: '全年预算数' },
  { field: 'executed', label: '全年执行数' },
  { field: 'weight', label: '分值' },
  { field: 'rate', label: '执行率' },
  { field: 'score', label: '得分' },
];

export function budgetBlock(
  part: string,
  table: number,
  rows: BudgetRowSpec[],
  breakdowns: { byIncome?: Array<[string, string]>; bySpending?: Array<[string, string]> } = {},
  columns = BUDGET_COLUMNS,
): BudgetBlock {
  const firstRow = 2;
  const built: BudgetRow[] = rows.map((spec, i) => {
    const row = firstRow + i;
    const cell = (k: number): Fact | null => {
      const t = spec[k];
      return t === undefined ? null : fact(t, { part, table, row, col: k + 1 });
    };
    return {
      label: spec[0],
      kind: budgetKind(spec[0]),
      initialBudget: cell(1),
      fullYearBudget: cell(2),
      executed: cell(3),
      weight: cell(4),
      rate: cell(5),
      score: cell(6),
      loc: location({ part, table, row, col: 1 }),
    };
  });
  const item = (spec: [string, string], i: number, col: number): BreakdownItem => ({
    label: spec[0],
    key: breakdownKey(spec[0]),
    amount: fact(spec[1], { part, table, row: firstRow + rows.length + 1 + i, col }),
  });
  return {
    unit: '万元',
    rows: built,
    byIncome: (breakdowns.byIncome ?? []).map((s, i) => item(s, i, 1)),
    bySpending: (breakdowns.bySpending ?? []).map((s, i) => item(s, i, 4)),
    columns,
  };
}

function breakdownKey(label: string): string {
  if (/一般公共预算/.test(label)) return 'general-budget';
  if (/政府性基金/.test(label)) return 'government-fund';
  if (/专户|非税/.test(label)) return 'special-account';
  if (/其他/.test(label)) return 'other';
  if (/基本支出/.test(label)) return 'basic';
  if (/项目支出/.test(label)) return 'project';
  return 'unknown';
}

// ---------- indicators ----------

/** [一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因]; '' in the first two = merged from above. */
export type IndicatorSpec = [string, string, string, string, string, string, string, string?];

const INDICATOR_COLUMNS = [
  { field: 'level1', label: '一级指标' },
  { field: 'level2', label: '二级指标' },
  { field: 'level3', label: '三级指标' },
  { field: 'target', label: '年度指标值' },
  { field: 'actual', label: '实际完成值' },
  { field: 'weight', label: '分值' },
  { field: 'score', label: '得分' },
  { field: 'reason', label: '偏差原因分析及改进措施' },
];

export function indicators(part: string, table: number, specs: IndicatorSpec[], firstRow = 12): Indicator[] {
  let level1 = '';
  let level2 = '';
  return specs.map((s, i) => {
    const row = firstRow + i;
    if (s[0]) level1 = s[0];
    if (s[1]) level2 = s[1];
    const at = (col: number): Partial<Location> => ({ part, table, row, col });
    const points = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]/.exec(level1);
    const target = measureFact(s[3], at(4));
    const actual = measureFact(s[4], at(5));
    const notApplicable = /不适用/.test(s[2]) || /不适用/.test(s[3]);
    return {
      level1,
      level1Points: points ? figure(points[1]) : null,
      level2,
      level3: s[2],
      nature: null,
      target,
      actual,
      unit: null,
      weight: fact(s[5], at(6)),
      score: fact(s[6], at(7)),
      reason: textFact(s[7] ?? '', at(8)),
      targetMeasure: { text: s[3], figure: target.figure, qualitative: !target.figure && s[3].trim() !== '' },
      actualMeasure: { text: s[4], figure: actual.figure, qualitative: !actual.figure && s[4].trim() !== '' },
      notApplicable,
      loc: location({ part, table, row, col: 3 }),
    };
  });
}

// ---------- forms ----------

export interface FormSpec {
  part?: string;
  table?: number;
  year?: number;
  title?: string;
  budget?: BudgetRowSpec[];
  byIncome?: Array<[string, string]>;
  bySpending?: Array<[string, string]>;
  budgetColumns?: Array<{ field: string; label: string }>;
  indicators?: IndicatorSpec[];
  /** [总分 分值, 总分 得分]. */
  total?: [string, string] | null;
  /** [填表人, 填报日期, 联系电话, 单位负责人]; default all filled. */
  signature?: [string, string, string, string] | null;
  goals?: [string, string];
}

function signature(part: string, table: number, s: [string, string, string, string] | null | undefined): Signature | null {
  if (s === null) return null;
  const [preparer, date, phone, head] = s ?? ['柳灿', '2024年3月1日', '15292005668', '葛思卉'];
  const v = (x: string): string | null => (x.trim() ? x : null);
  return { preparer: v(preparer), date: v(date), phone: v(phone), head: v(head), loc: location({ part, table, paragraph: null }) };
}

function common(part: string, table: number, spec: FormSpec, defaultTitle: string) {
  const year = spec.year ?? 2023;
  const nIndicators = spec.indicators?.length ?? 0;
  const totalRow = 12 + nIndicators;
  return {
    part,
    tables: [table],
    title: textFact(spec.title ?? `${year}年度${defaultTitle}`, { part, paragraph: table * 10 }),
    year: spec.title ? yearOf(spec.title) : year,
    budget: spec.budget
      ? budgetBlock(part, table, spec.budget, { byIncome: spec.byIncome, bySpending: spec.bySpending }, spec.budgetColumns)
      : null,
    goals: {
      expected: textFact(spec.goals?.[0] ?? '严格把控在建项目质量安全', { part, table, row: 8, col: 1 }),
      achieved: textFact(spec.goals?.[1] ?? '任务已经完成', { part, table, row: 8, col: 5 }),
    },
    indicators: indicators(part, table, spec.indicators ?? []),
    total:
      spec.total === null
        ? null
        : {
            weight: fact(spec.total?.[0] ?? '100', { part, table, row: totalRow, col: 6 }),
            score: fact(spec.total?.[1] ?? '100', { part, table, row: totalRow, col: 7 }),
            loc: location({ part, table, row: totalRow, col: 0 }),
          },
    signature: signature(part, table, spec.signature),
    indicatorColumns: INDICATOR_COLUMNS,
  };
}

function yearOf(title: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(title);
  return m ? Number(m[1]) : null;
}

export function projectForm(spec: FormSpec & { name: string }): ProjectSelfEval {
  const part = spec.part ?? `项目支出绩效自评表（${spec.name}）`;
  const table = spec.table ?? 2;
  return {
    kind: 'project-self-eval',
    name: textFact(spec.name, { part, table, row: 0, col: 1 }),
    supervisor: textFact('汨罗市住房和城乡建设局', { part, table, row: 1, col: 1 }),
    implementer: textFact('汨罗市建筑工程服务中心', { part, table, row: 1, col: 3 }),
    ...common(part, table, spec, '项目支出绩效自评表'),
  };
}

export function deptForm(spec: FormSpec & { department?: string }): DeptSelfEval {
  const part = spec.part ?? '部门整体支出绩效自评表';
  const table = spec.table ?? 1;
  return {
    kind: 'dept-self-eval',
    department: textFact(spec.department ?? '汨罗市建筑工程服务中心', { part, table, row: 0, col: 1 }),
    ...common(part, table, spec, '部门整体支出绩效自评表'),
  };
}

// ---------- 基础数据表 ----------

/** [label, 上年决算数, 本年预算数, 本年决算数, key?, parent?]. */
export type SpendingSpec = [string, string, string, string, string?, string?];

function spendingKey(label: string): string {
  if (/三公/.test(label)) return 'three-public';
  if (/公车购置|车辆购置/.test(label)) return 'vehicle-purchase';
  if (/运行维护/.test(label) && /车/.test(label)) return 'vehicle-running';
  if (/公务用车/.test(label)) return 'vehicle';
  if (/出国/.test(label)) return 'overseas';
  if (/接待/.test(label)) return 'reception';
  if (/^项目支出/.test(label)) return 'project';
  if (/公用经费/.test(label)) return 'public';
  if (/办公经费/.test(label)) return 'office';
  if (/政府采购/.test(label)) return 'procurement';
  if (/预算调整/.test(label)) return 'adjustment';
  return 'other';
}

export function basicData(spec: {
  part?: string;
  table?: number;
  year?: number;
  title?: string;
  staffing?: [string, string, string] | null;
  spending?: SpendingSpec[];
  buildings?: [string, string, string, string, string, string] | null;
  signature?: [string, string, string, string] | null;
}): BasicData {
  const part = spec.part ?? '部门整体支出绩效评价基础数据表';
  const table = spec.table ?? 0;
  const year = spec.year ?? 2023;
  const at = (row: number, col: number): Partial<Location> => ({ part, table, row, col });
  const spending: SpendingRow[] = (spec.spending ?? []).map((s, i) => {
    const row = 4 + i;
    return {
      label: s[0],
      key: s[4] ?? spendingKey(s[0]),
      parent: s[5] ?? null,
      previousFinal: fact(s[1], at(row, 1)),
      budget: fact(s[2], at(row, 2)),
      final: fact(s[3], at(row, 3)),
      loc: location(at(row, 0)),
    };
  });
  const bRow = 4 + spending.length + 1;
  const b = spec.buildings;
  return {
    kind: 'basic-data',
    part,
    tables: [table],
    title: textFact(spec.title ?? `${year}年度部门整体支出绩效评价基础数据表`, { part, paragraph: 0 }),
    year: spec.title ? yearOf(spec.title) : year,
    staffing:
      spec.staffing === null
        ? null
        : {
            authorized: fact(spec.staffing?.[0] ?? '61', at(1, 1)),
            actual: fact(spec.staffing?.[1] ?? '59', at(1, 2)),
            controlRate: fact(spec.staffing?.[2] ?? '96.72%', at(1, 3)),
          },
    spendingColumns: [
      { field: 'previousFinal', label: `${year - 1}年决算数` },
      { field: 'budget', label: `${year}年预算数` },
      { field: 'final', label: `${year}年决算数` },
    ],
    spending,
    buildings: b
      ? {
          approvedScale: fact(b[0], at(bRow, 1)),
          actualScale: fact(b[1], at(bRow, 2)),
          scaleControlRate: fact(b[2], at(bRow, 3)),
          budgetInvestment: fact(b[3], at(bRow, 4)),
          actualInvestment: fact(b[4], at(bRow, 5)),
          investmentControlRate: fact(b[5], at(bRow, 6)),
        }
      : null,
    savingMeasures: null,
    signature: signature(part, table, spec.signature),
  };
}

// ---------- narrative ----------

export function narrative(part: string, title: string, firstParagraph: number, headings: string[] = [], project: string | null = null): NarrativeReport {
  return {
    kind: 'narrative',
    part,
    title,
    project,
    firstParagraph,
    lastParagraph: firstParagraph + headings.length + 1,
    sections: headings.map((heading, i) => ({ heading, paragraphs: [firstParagraph + 1 + i] })),
  };
}

/** A figure stated in prose ("其中人员经费572.61万元"), as the narrative analyzer would give it. */
export function stat(id: string, label: string, written: string, sentence: string, paragraph: number, part = '部门整体支出绩效自评报告'): NarrativeStat {
  const f = figure(written);
  const money = f.unit === '万元' || f.unit === '元' || f.unit === '亿元';
  return {
    id,
    figure: f,
    normalizedUnit: f.unit,
    normalizedValue: f.value,
    label,
    dimension: money ? 'money' : f.unit === '%' ? 'percent' : 'count',
    sentence,
    loc: location({ part, paragraph }),
    partOf: null,
    relation: null,
    openList: false,
  };
}

// ---------- report ----------

export interface ReportSpec {
  family?: TemplateFamily;
  year?: number | null;
  basicData?: BasicData | null;
  dept?: DeptSelfEval | null;
  projects?: ProjectSelfEval[];
  narratives?: NarrativeReport[];
  statistics?: NarrativeStat[];
  paragraphs?: number;
  tables?: number;
}

export function report(spec: ReportSpec = {}): Report {
  const projects = spec.projects ?? [];
  const forms = [...(spec.dept ? [spec.dept] : []), ...projects];
  const tablesByPart: Record<string, number> = {};
  if (spec.basicData) tablesByPart['basic-data'] = spec.basicData.tables.length;
  if (spec.dept) tablesByPart['dept-self-eval'] = spec.dept.tables.length;
  if (projects.length) tablesByPart['project-self-eval'] = projects.reduce((n, p) => n + p.tables.length, 0);
  const nIndicators = forms.reduce((n, f) => n + f.indicators.length, 0);
  return {
    year: spec.year === undefined ? 2023 : spec.year,
    department: spec.dept?.department ?? null,
    family: spec.family ?? (spec.dept || spec.basicData ? 'hunan-dept' : 'mof-2020'),
    basicData: spec.basicData ?? null,
    deptSelfEval: spec.dept ?? null,
    projects,
    narratives: spec.narratives ?? [],
    statistics: spec.statistics ?? [],
    links: [],
    coverage: {
      paragraphs: spec.paragraphs ?? 100,
      tables: spec.tables ?? Object.values(tablesByPart).reduce((a, b) => a + b, 0),
      tablesByPart,
      unrecognizedTables: [],
      facts: nIndicators * 5 + 20,
      indicators: nIndicators,
      narrativeStatistics: spec.statistics?.length ?? 0,
      notUnderstood: [],
    },
  };
}

/** A DocumentModel with the given paragraphs (for rules that read the document: headings, parse issues). */
export function documentModel(paragraphs: string[], issues: ParseIssue[] = [], format: DocumentModel['format'] = 'docx'): DocumentModel {
  return {
    format,
    pages: format === 'pdf' ? Math.max(1, ...issues.map((i) => i.page ?? 1)) : null,
    blocks: paragraphs.map((text, i) => ({ kind: 'paragraph', block: i, paragraph: i, text, style: null, page: null, bbox: null })),
    issues,
  };
}
