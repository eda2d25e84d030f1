import { headScoreAbove, headScoreInCells } from './head-score-line.js';
import { tableParts } from './continuation.js';
import type { TableBlock, TableCell } from '../../schemas/document.js';
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { BudgetBlock, DeptSelfEval, Indicator, ProjectSelfEval, Recognition, TotalRow } from '../../schemas/records.js';
import { cellFact, cellText } from './facts.js';
import { isBudgetHeader, isGenericIndicatorHeader, isIndicatorHeader, rowTest } from './header-map.js';
import { readBudgetBlock } from './budget-block.js';
import { readBudgetPairs } from './budget-pairs.js';
import { headlessIndicatorColumns } from './headless-indicators.js';
import { readIndicators } from './indicators.js';
import { parseSignature } from './signature.js';
import { fieldPattern, FORM_FIELDS, withoutMarks, GOAL_ACHIEVED_HEAD, GOAL_SET_HEAD } from './lexicon.js';
import { fuzzyFormField, isOcrTable, underOcrLabel } from './ocr-label-match.js';
import { formYear, type FormGroup } from './parts.js';
import { cellRightOf, key, ownCells, rowCells, rowKeys } from './table-view.js';
import { COVER_NEAR, labelLineProject } from './name-line.js';

/** Header fields of a form: "项目支出名称 | 工作经费", "主管部门 | … | 实施单位 | …" (lexicon FORM_FIELDS). */
const HEADER_FIELDS: Array<[string, RegExp]> = FORM_FIELDS.map((e) => [e.field, fieldPattern(e)]);

interface FormBody {
  fields: Map<string, TextFact>;
  budget: BudgetBlock | null;
  goals: { expected: TextFact | null; achieved: TextFact | null };
  indicators: Indicator[];
  placeholders: TextFact[];
  total: TotalRow | null;
  indicatorColumns: Array<{ field: string; label: string }>;
  /** Header labels naming a field that were not mapped (budget block and indicator table). */
  unmapped: string[];
}

/** Read the sections of a self-evaluation form, in whatever order its tables hold them. */
function readFormBody(part: string, tables: TableBlock[]): FormBody {
  const body: FormBody = { fields: new Map(), budget: null, goals: { expected: null, achieved: null }, indicators: [], placeholders: [], total: null, indicatorColumns: [], unmapped: [] };
  let t = 0;
  let r = 0;
  let properHeader: boolean | undefined; // hasIndicatorHeader(tables), asked once
  while (t < tables.length) {
    const table = tables[t];
    if (r >= table.nRows) {
      t++;
      r = 0;
      continue;
    }
    if (!body.budget && isBudgetHeader(table, r)) {
      const parsed = readBudgetBlock(part, table, r, (row) => isGoalsHeader(table, row) || isIndicatorHeader(table, row));
      body.budget = parsed.block;
      body.unmapped.push(...parsed.unmapped);
      r = parsed.nextRow;
      continue;
    }
    if (isGoalsHeader(table, r)) {
      r = readGoals(part, table, r, body);
      continue;
    }
    if (!body.indicators.length && (isIndicatorHeader(table, r) || (!(properHeader ??= hasIndicatorHeader(tables)) && isGenericIndicatorHeader(table, r)))) {
      const parsed = readIndicators(part, tables, { table: t, row: r });
      body.indicators = parsed.indicators;
      body.placeholders = parsed.placeholders;
      body.unmapped.push(...parsed.unmapped);
      body.total = parsed.total;
      body.indicatorColumns = parsed.columns;
      t = parsed.end.table;
      r = parsed.end.row;
      continue;
    }
    readHeaderFields(part, table, r, body.fields);
    r++;
  }
  // no indicator header anywhere: a block that opens below it (a page starting inside the form)
  for (let i = 0; !body.indicators.length && i < tables.length; i++) {
    const preset = headlessIndicatorColumns(tables[i]);
    if (!preset) continue;
    const parsed = readIndicators(part, tables, { table: i, row: 0 }, preset);
    body.indicators = parsed.indicators;
    body.placeholders = parsed.placeholders;
    body.total = parsed.total;
    body.indicatorColumns = parsed.columns;
  }
  // no budget grid: the budget may be given as label/value pairs (计划投资额 | 570 | 实际到位资金 | …)
  body.budget ??= readBudgetPairs(part, tables);
  return body;
}

/** Whether any table of the form has a proper indicator header (then the generic one is not used). */
function hasIndicatorHeader(tables: TableBlock[]): boolean {
  for (const t of tables) for (let r = 0; r < t.nRows; r++) if (isIndicatorHeader(t, r)) return true;
  return false;
}

function readHeaderFields(part: string, table: TableBlock, row: number, fields: Map<string, TextFact>, only?: string): void {
  for (const cell of ownCells(table, row)) {
    const k = withoutMarks(key(cell.text));
    for (const [field, re] of HEADER_FIELDS) {
      if ((only && field !== only) || !re.test(k) || fields.has(field)) continue;
      const value = fieldValueRightOf(table, row, cell);
      // a stated score keeps its figure (a Fact is a TextFact with one)
      if (value) fields.set(field, field === 'headScore' ? cellFact(part, table, value) : cellText(part, table, value));
    }
    // OCR'd text: a label misread (实施第位) names the field it is like, when the value right of it fits (ocr-label-match.ts)
    if (!isOcrTable(table) || HEADER_FIELDS.some(([, re]) => re.test(k))) continue;
    const value = fieldValueRightOf(table, row, cell);
    const hit = value && fuzzyFormField(cell.text, value.text, FORM_FIELDS);
    if (!value || !hit || fields.has(hit.field) || (only && hit.field !== only)) continue;
    const fact = hit.field === 'headScore' ? cellFact(part, table, value) : cellText(part, table, value);
    fields.set(hit.field, { ...fact, loc: underOcrLabel(fact.loc) });
  }
}

/**
 * The value of a header field: the cell right of its label. In a grid inferred from text positions
 * (a print without rules) a column that has no text in this row may lie between the label and its
 * value ("项目名称 | | 工作经费"): the next cell with text is the value, unless it is another label.
 */
function fieldValueRightOf(table: TableBlock, row: number, label: TableCell): TableCell | null {
  const next = cellRightOf(table, row, label);
  if (!next || next.text.trim() || table.source !== 'borderless') return next;
  let blank = next;
  for (let step = 0; step < 2; step++) {
    const further = cellRightOf(table, row, blank);
    if (!further) break;
    if (further.text.trim()) return HEADER_FIELDS.some(([, re]) => re.test(withoutMarks(key(further.text)))) ? next : further;
    blank = further;
  }
  return next;
}

/** The project's name (项目支出名称), looked up before the form is read so locations can carry it. */
function projectName(tables: TableBlock[]): string | null {
  const fields = new Map<string, TextFact>();
  for (const table of tables) {
    for (let r = 0; r < Math.min(table.nRows, 6); r++) {
      readHeaderFields('', table, r, fields, 'name');
      const name = fields.get('name');
      if (name) return name.text.trim() || null;
    }
  }
  return null;
}

// a form's header row read as a line (a rule-less print): 项目名称 … 项目负责人及电话 … ends the name too
const COVER_LABELS = '项目单位|主管部门|实施单位|评价方式|评价机构|报告日期|项目负责人|联系电话';
const COVER_NAME = new RegExp(`项目名称[:：]([^:：]{2,40}?)(?=${COVER_LABELS}|$)`);
/** The label set off by spaces instead of a colon: the name is short and plain, up to the next cover label or the line's end. */
const COVER_NAME_BARE = new RegExp(`项目名称([^:：，。；,;、()（）]{2,20}?)(?=${COVER_LABELS}|$)`);
const COVER_LABEL_FIRST = new RegExp(`^(?:${COVER_LABELS})`);

/**
 * The project a cover line before the form names ("项目名称:岳阳县农村公路养护"), the last one if several.
 * The label may be set off by spaces instead of a colon ("项目名称        优 抚", 南湖新区 优抚 2016 — a PDF
 * then runs it onto the cover line before it: "…项目完成结果评价■项目名称优抚").
 */
export function coverProject(before: Array<{ text: string }> | undefined): string | null {
  for (const p of [...(before ?? [])].reverse()) {
    // a PDF may run the cover lines into one paragraph: the name ends at the next cover label
    const k = key(p.text);
    const m = COVER_NAME.exec(k) ?? COVER_NAME_BARE.exec(k);
    if (m && !COVER_LABEL_FIRST.test(m[1])) return m[1];
  }
  return null;
}

/**
 * The project a form's title names when its table has no 项目名称 row ("2019年度宁晋县高中助学金项目绩效评价指标表"
 * → 宁晋县高中助学金项目); a title naming no project ("2023年度项目支出绩效自评表") gives none.
 */
export function titleProject(title: string | undefined): string | null {
  const k = key(title ?? '');
  const m = /^(?:\d{4}年度?)?(.+?项目)(?:支出)?绩效\S*表$/.exec(k);
  // "2023年度项目支出绩效自评表": the year's 度 left before 项目 names no project
  if (m && !/^(?:年|度|年度)?项目$/.test(m[1])) return m[1];
  // a fund's own form (雅安市名山区林业局2024年度林业草原改革发展资金绩效评价表 → 林业草原改革发展资金): the fund after the year
  const fund = /^[*＊]*(?:[^\d]{0,30}?\d{4}年度?)?([^\d*＊]{2,30}?资金)绩效\S*表$/.exec(k);
  return fund ? fund[1] : null;
}

/** The 年度总体目标 block's head row (lexicon.ts GOAL_SET_HEAD / GOAL_ACHIEVED_HEAD): its heads are the last cells that match. */
const isGoalsHeader = rowTest((keys) => keys.some((k) => GOAL_SET_HEAD.test(k)) && keys.some((k) => GOAL_ACHIEVED_HEAD.test(k)) && !keys.some((k) => /三级指标/.test(k)));

function readGoals(part: string, table: TableBlock, headerRow: number, body: FormBody): number {
  const header = rowCells(table, headerRow);
  const heads = header.filter((c) => c.row === headerRow).reverse();
  const expectedHeader = heads.find((c) => GOAL_SET_HEAD.test(key(c.text)));
  const achievedHeader = heads.find((c) => GOAL_ACHIEVED_HEAD.test(key(c.text)) && c !== expectedHeader);
  let r = headerRow + 1;
  for (; r < table.nRows; r++) {
    // an indicator header without points (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值) ends the goals too
    if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r) || isBudgetHeader(table, r)) break;
    const cells = rowCells(table, r);
    const at = (col: number | undefined) => (col === undefined ? undefined : cells.find((c) => c.col <= col && col < c.col + c.colSpan && c.row === r));
    const expected = at(expectedHeader?.col);
    const achieved = at(achievedHeader?.col);
    if (!expected && !achieved) break;
    if (expected && !body.goals.expected) body.goals.expected = cellText(part, table, expected);
    if (achieved && achieved !== expected && !body.goals.achieved) body.goals.achieved = cellText(part, table, achieved);
  }
  return r;
}

function titleFact(form: FormGroup, part: string): TextFact | null {
  if (!form.title) return null;
  return { text: form.title.text, loc: { part, table: null, row: null, col: null, page: form.title.page, paragraph: form.title.paragraph, block: form.title.block } };
}

/** The fields every self-evaluation form shares, read from its body. */
function formFields(form: FormGroup, part: string, body: FormBody) {
  return {
    part,
    tables: form.tables.flatMap(tableParts),
    title: titleFact(form, part),
    year: formYear(form),
    budget: body.budget,
    goals: body.goals,
    indicators: body.indicators,
    total: body.total,
    signature: parseSignature(form.after, part),
    indicatorColumns: body.indicatorColumns,
    ...(body.placeholders.length ? { placeholderRows: body.placeholders } : {}),
    ...(body.fields.get('deviationNote')?.text.trim() ? { deviationNote: body.fields.get('deviationNote')! } : {}),
    ...(body.fields.get('executionNote')?.text.trim() ? { executionNote: body.fields.get('executionNote')! } : {}),
    // a head score in a cell pair (自评总分 | 95), else written as text with its label in a cell or on a line above
    ...headScoreOf(body.fields.get('headScore') ?? headScoreInCells(part, form.tables[0]) ?? headScoreAbove(part, (form.before ?? []).slice(-HEAD_LINES)) ?? undefined),
    recognition: recognitionOf(body),
  };
}

/** Lines above a form looked at for its head score (title, 填报日期 line, the head's own lines). */
const HEAD_LINES = 4;

function headScoreOf(field: TextFact | undefined): { headScore?: Fact } {
  const fact = field as Fact | undefined;
  return fact?.figure && fact.figure.comparator === '=' && !fact.figure.approximate ? { headScore: fact } : {};
}

const NOT_A_NUMBER = /^(不适用|无|\/|—|-|——|\\)$/;

/**
 * How sure the reading of a form is: header labels that name a field but were left unmapped mean
 * columns were misread; numeric cells (分值, 得分) that hold no readable number mean the same. The
 * family is filled in by recognizeReport once the report's family is known.
 */
function recognitionOf(body: FormBody): Recognition {
  const mapped = (body.budget?.columns.length ?? 0) + body.indicatorColumns.length;
  const headerShare = mapped + body.unmapped.length ? mapped / (mapped + body.unmapped.length) : 0;
  let numeric = 0;
  let unreadable = 0;
  for (const ind of body.indicators) {
    if (ind.notApplicable) continue;
    for (const f of [ind.weight, ind.score]) {
      const t = f.text.trim();
      if (!t || NOT_A_NUMBER.test(t)) continue;
      numeric++;
      if (!f.figure) unreadable++;
    }
  }
  const readable = numeric ? 1 - unreadable / numeric : 1;
  const found = body.budget || body.indicators.length ? 1 : 0;
  return {
    family: 'unknown',
    confidence: Math.round(found * headerShare * readable * 100) / 100,
    complete: body.indicators.length === 0 || body.total !== null,
    unmapped: body.unmapped,
  };
}

export function readDeptSelfEval(form: FormGroup): DeptSelfEval {
  const part = '部门整体支出绩效自评表';
  const body = readFormBody(part, form.tables);
  return { kind: 'dept-self-eval', department: body.fields.get('department') ?? null, ...formFields(form, part, body) };
}

export function readProjectSelfEval(form: FormGroup, ordinal: number): ProjectSelfEval {
  // The part name carries the project name so locations read "项目支出绩效自评表（工作经费）".
  const part = `项目支出绩效自评表（${projectName(form.tables) ?? coverProject(form.before?.slice(-COVER_NEAR)) ?? labelLineProject(form.before) ?? titleProject(form.title?.text) ?? `第${ordinal + 1}个项目`}）`;
  const body = readFormBody(part, form.tables);
  return {
    kind: 'project-self-eval',
    name: body.fields.get('name') ?? null,
    supervisor: body.fields.get('supervisor') ?? null,
    implementer: body.fields.get('implementer') ?? null,
    ...formFields(form, part, body),
  };
}
