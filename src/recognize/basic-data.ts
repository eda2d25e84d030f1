import { tableParts } from './continuation.js';
import type { TableBlock } from '../../schemas/document.js';
import type { Fact } from '../../schemas/fact.js';
import type { BasicData, SpendingRow } from '../../schemas/records.js';
import { cellFact, cellLocation, cellText } from './facts.js';
import { columnRules, mapColumns, type ColumnRule } from './header-map.js';
import { namesField, STAFFING_FIELDS } from './lexicon.js';
import { parseSignature } from './signature.js';
import { formYear, yearOf, type FormGroup } from './parts.js';
import { cellAt, cellRightOf, key, ownCells, rowCells, rowKeys } from './table-view.js';

const PART = '部门整体支出绩效评价基础数据表';

const STAFFING_COLUMNS: ColumnRule[] = columnRules(STAFFING_FIELDS);

const BUILDING_COLUMNS: ColumnRule[] = [
  { field: 'scaleControlRate', match: /规模控制率/ },
  { field: 'investmentControlRate', match: /投资.*控制率|概算控制率/ },
  { field: 'approvedScale', match: /批复规模/ },
  { field: 'actualScale', match: /实际规模/ },
  { field: 'budgetInvestment', match: /预算投资|概算投资/ },
  { field: 'actualInvestment', match: /实际投资/ },
];

/** Row keys of 经费控制情况 (the Hunan 基础数据表), by label meaning. */
function spendingKey(label: string): string {
  const k = key(label).replace(/^(\d+|[一二三四五六七八九十]+)[、.．]/, '').replace(/^其中[:：]?/, '');
  if (/三公/.test(k)) return 'three-public';
  if (/公务用车购置和(运行)?维护|公务用车/.test(k)) return 'vehicle';
  if (/公车购置|车辆购置/.test(k)) return 'vehicle-purchase';
  if (/公车运行|运行维护费$|车辆运行/.test(k) && !/运行维护经费/.test(k)) return 'vehicle-running';
  if (/出国|因公出国/.test(k)) return 'overseas';
  if (/公务接待/.test(k)) return 'reception';
  if (/^项目支出/.test(k)) return 'project';
  if (/业务工作经费/.test(k)) return 'project-business';
  if (/运行维护经费/.test(k)) return 'project-operation';
  if (/专项资金|专项经费/.test(k)) return 'special-funds';
  if (/^公用经费/.test(k)) return 'public';
  if (/办公经费|办公费/.test(k)) return 'office';
  if (/水费|电费|差旅/.test(k)) return 'utilities-travel';
  if (/会议费|培训费/.test(k)) return 'meeting-training';
  if (/政府采购/.test(k)) return 'procurement';
  if (/预算调整/.test(k)) return 'adjustment';
  return 'other';
}

const SECTION_KEYS = new Set(['three-public', 'project', 'public']);
const STANDALONE_KEYS = new Set(['procurement', 'adjustment']);

/** Whether a row key matches (module level: per-report closures were compiled again after every full GC). */
function anyKey(keys: readonly string[], re: RegExp): boolean {
  return keys.some((k) => re.test(k));
}

/**
 * 部门整体支出绩效评价基础数据表: staffing (编制数/实际在职人数/控制率), 经费控制情况 rows with the
 * 上年决算/本年预算/本年决算 columns and their parent rows, 楼堂馆所, 厉行节约保障措施.
 */
export function readBasicData(form: FormGroup): BasicData {
  const data: BasicData = {
    kind: 'basic-data',
    part: PART,
    tables: form.tables.flatMap(tableParts),
    title: form.title ? { text: form.title.text, loc: { part: PART, table: null, row: null, col: null, page: form.title.page, paragraph: form.title.paragraph, block: form.title.block } } : null,
    year: formYear(form),
    staffing: null,
    spendingColumns: [],
    spending: [],
    buildings: null,
    savingMeasures: null,
    signature: parseSignature(form.after, PART),
  };
  for (const table of form.tables) {
    let spendingCols: Map<string, number> | null = null;
    let section: { key: string; label: string } | null = null;
    let group: { key: string; label: string } | null = null;
    for (let r = 0; r < table.nRows; r++) {
      const keys = rowKeys(table, r);
      if (!data.staffing) {
        // label | value pairs: "人员编制 | 21 | 实有人数 | 21"
        const pairs = keyValueStaffing(table, r);
        if (pairs) {
          data.staffing = pairs;
          continue;
        }
      }
      if (anyKey(keys, /编制数/) && anyKey(keys, /控制率|在职/)) {
        const { cols } = mapColumns(table, [r], STAFFING_COLUMNS);
        const row = r + 1;
        const at = (f: string): Fact | null => {
          const col = cols.get(f);
          const cell = col === undefined ? null : cellAt(table, row, col);
          return cell && cell.row === row ? cellFact(PART, table, cell) : null;
        };
        data.staffing = { authorized: at('authorized'), actual: at('actual'), controlRate: at('controlRate') };
        r = row;
        continue;
      }
      if (anyKey(keys, /决算/) && anyKey(keys, /预算/) && !anyKey(keys, /批复规模/)) {
        spendingCols = yearColumns(table, r, data);
        section = null;
        group = null;
        continue;
      }
      if (anyKey(keys, /批复规模|实际规模/)) {
        const { cols } = mapColumns(table, [r], BUILDING_COLUMNS);
        const row = r + 1;
        const at = (f: string): Fact | null => {
          const col = cols.get(f);
          const cell = col === undefined ? null : cellAt(table, row, col);
          return cell && cell.row === row ? cellFact(PART, table, cell) : null;
        };
        data.buildings = {
          approvedScale: at('approvedScale'),
          actualScale: at('actualScale'),
          scaleControlRate: at('scaleControlRate'),
          budgetInvestment: at('budgetInvestment'),
          actualInvestment: at('actualInvestment'),
          investmentControlRate: at('investmentControlRate'),
        };
        spendingCols = null;
        r = row;
        continue;
      }
      if (anyKey(keys, /厉行节约|保障措施/)) {
        const labelCell = ownCells(table, r).find((c) => /厉行节约|保障措施/.test(key(c.text)));
        const value = labelCell ? cellRightOf(table, r, labelCell) : null;
        if (value) data.savingMeasures = cellText(PART, table, value);
        spendingCols = null;
        continue;
      }
      if (!spendingCols) continue;
      const labelCell = rowCells(table, r)[0];
      if (!labelCell || labelCell.row !== r || !labelCell.text.trim()) continue;
      const label = labelCell.text.trim();
      const rowKey = spendingKey(label);
      const numbered = /^\s*(\d+|[一二三四五六七八九十]+)[、.．]/.test(label);
      let parent: string | null = null;
      if (SECTION_KEYS.has(rowKey)) {
        section = { key: rowKey, label };
        group = null;
      } else if (STANDALONE_KEYS.has(rowKey)) {
        section = null;
        group = null;
      } else if (section) {
        if (numbered) {
          parent = section.label;
          group = { key: rowKey, label };
        } else {
          parent = group?.label ?? section.label;
        }
      }
      const at = (f: string): Fact | null => {
        const col = spendingCols!.get(f);
        const cell = col === undefined ? null : cellAt(table, r, col);
        return cell && cell !== labelCell ? cellFact(PART, table, cell) : null;
      };
      const row: SpendingRow = {
        label,
        key: parent && section?.key === 'project' && rowKey === 'other' ? 'project-item' : rowKey,
        parent,
        previousFinal: at('previousFinal'),
        budget: at('budget'),
        final: at('final'),
        loc: { ...cellLocation(PART, table, labelCell), col: null },
      };
      data.spending.push(row);
    }
  }
  return data;
}

/** Staffing written as label | value pairs on one row, when both 编制 and 在职/实有 are there. */
function keyValueStaffing(table: TableBlock, row: number): BasicData['staffing'] {
  const cells = ownCells(table, row);
  const found: Record<string, Fact> = {};
  for (const c of cells) {
    const entry = STAFFING_FIELDS.find((e) => namesField(e, key(c.text)));
    const value = entry ? cellRightOf(table, row, c) : null;
    if (!entry || !value || value.row !== row || !/^\d+(\.\d+)?%?$/.test(key(value.text))) continue;
    found[entry.field] ??= cellFact(PART, table, value);
  }
  if (!found.authorized || !found.actual) return null;
  return { authorized: found.authorized, actual: found.actual, controlRate: found.controlRate ?? null };
}

/** 2022年决算数 / 2023年预算数 / 2023年决算数 (or 上年决算 / 本年预算 / 本年决算) → fields. */
function yearColumns(table: TableBlock, row: number, data: BasicData): Map<string, number> {
  const cols = new Map<string, number>();
  const headers = rowCells(table, row).filter((c) => /决算|预算/.test(key(c.text)));
  const years = headers.map((c) => yearOf(c.text));
  const maxYear = Math.max(...years.filter((y): y is number => y !== null), 0);
  // a form titled without its year (部门整体支出绩效评价基础数据表): the year both its 预算 and 决算 columns name is the report's
  if (data.year === null && maxYear > 0 && years.filter((y) => y === maxYear).length >= 2) data.year = maxYear;
  for (const c of headers) {
    const k = key(c.text);
    const y = yearOf(c.text);
    let field: string;
    if (/预算/.test(k) && !/决算/.test(k)) field = 'budget';
    else if (/上年|前年/.test(k) || (y !== null && y < maxYear)) field = 'previousFinal';
    else field = cols.has('previousFinal') || /本年|当年/.test(k) || y === maxYear ? 'final' : 'previousFinal';
    if (!cols.has(field)) cols.set(field, c.col);
    data.spendingColumns.push({ field, label: c.text });
  }
  return cols;
}

