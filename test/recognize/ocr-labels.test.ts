import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../schemas/document.js';
import { readBudgetBlock } from '../../src/recognize/budget-block.js';
import { BUDGET_COLUMNS, INDICATOR_COLUMNS, isBudgetHeader, mapColumns } from '../../src/recognize/header-map.js';
import { isOcrTable, ocrDistance } from '../../src/recognize/ocr-label-match.js';
import { checkModel as check } from '../helpers/check.js';
import { documentOf, gridTable } from '../helpers/model.js';
import { fuzzyFormField } from '../../src/recognize/ocr-label-match.js';
import { FORM_FIELDS } from '../../src/recognize/lexicon.js';

/** A table whose text our OCR read (every cell marked as the OCR parser marks it). */
function ocr(table: TableBlock, source: 'ocr' | 'ocr-layer' = 'ocr'): TableBlock {
  for (const c of table.cells) c.textSource = source;
  return table;
}

// Header rows as OCR read them: 宁夏 银川 六中's scoring sheet (an OCR'd copy: 年初预匏数, 调整预算将,A、, 考值参分)
// and a phone photo of 四川 青神's form read by our OCR (预算执行T率, 调整后预算效).
const YINCHUAN_BUDGET = [
  ['项目资金(万元)', '', '年初预匏数', '调整预算将,A、', '全年执行数(B)', '执行率(B/A)'],
  ['年度资金总额', '', '64.8', '64.8', '64.8', '100%'],
];
const QINGSHEN_BUDGET = [
  ['预算执行情况（10分）', '年度预算数（万元）', '年初预算', '调整后预算效', '预算执行数', '预算执行T率', '权重', '得分'],
  ['^', '总额', '238.93', '251.89', '251.89', '100.00%', '10', ''],
];

describe('OCR-damaged header labels (ocr-label-match.ts)', () => {
  it('measures a misreading by what OCR does: look-alikes cost half, one edit or a scramble one', () => {
    expect(ocrDistance('年初预匏数', '年初预算数')).toBe(1);
    expect(ocrDistance('调整后预算效', '调整后预算数')).toBe(0.5);
    expect(ocrDistance('考值参分', '参考分值')).toBe(1);
    expect(ocrDistance('年初预算数', '全年预算数')).toBe(2);
  });

  it('reads the budget columns of an OCR\'d form whose labels were misread, keeping their OCR provenance', () => {
    const table = ocr(gridTable(YINCHUAN_BUDGET));
    const { block } = readBudgetBlock('项目支出绩效自评表', table, 0, () => false);
    const row = block.rows[0];
    expect(row.initialBudget?.text).toBe('64.8');
    expect(row.fullYearBudget?.text).toBe('64.8');
    expect(row.initialBudget?.loc.textSource).toBe('ocr');
    expect(row.fullYearBudget?.loc.textSource).toBe('ocr');
    expect(block.columns.map((c) => c.field)).toEqual(['initialBudget', 'fullYearBudget', 'executed', 'rate']);
  });

  it('drops letters OCR read inside a word (预算执行T率) and reads the rate under it', () => {
    const table = ocr(gridTable(QINGSHEN_BUDGET), 'ocr-layer');
    const { cols, fuzzy } = mapColumns(table, [0], BUDGET_COLUMNS);
    expect(cols.get('rate')).toBe(5);
    expect(fuzzy?.has('rate')).toBe(true);
    const { block } = readBudgetBlock('项目支出绩效自评表', table, 0, () => false);
    expect(block.rows[0].rate?.text).toBe('100.00%');
    expect(block.rows[0].rate?.loc.textSource).toBe('ocr-layer');
  });

  it('keeps exact matching where the text is not OCR', () => {
    const table = gridTable(YINCHUAN_BUDGET);
    expect(isOcrTable(table)).toBe(false);
    const { cols, fuzzy } = mapColumns(table, [0], BUDGET_COLUMNS);
    expect(cols.has('initialBudget')).toBe(false);
    expect(cols.has('fullYearBudget')).toBe(false);
    expect(fuzzy).toBeUndefined();
  });

  it('tells OCR text without marks by its damage (letters inside words, digits read as letters)', () => {
    const damaged = gridTable([
      ...YINCHUAN_BUDGET,
      ['项Fl实施', '绩效监控有效性', '2', '持续有效', '2', ''],
      ['年度总体r二', '保障学校正常工作运行', '<', '<', '<', '<'],
      ['指标L:', '', '', '', 'IO', ''],
    ]);
    expect(isOcrTable(damaged)).toBe(true);
    expect(mapColumns(damaged, [0], BUDGET_COLUMNS).cols.get('initialBudget')).toBe(2);
    // no parser marked this text: a value under a label read by likeness is marked as OCR text, one under an exact label is not
    const { block } = readBudgetBlock('项目支出绩效自评表', damaged, 0, () => false);
    expect(block.rows[0].initialBudget?.loc.textSource).toBe('ocr-layer');
    expect(block.rows[0].executed?.loc.textSource).toBeUndefined();
    // a grade letter in a word (达到A级) or a capitalised term (PM2.5, ISO) is not damage
    expect(isOcrTable(gridTable([['空气质量达到A级', 'PM2.5浓度', 'ISO9001认证', 'GDP增长']]))).toBe(false);
  });

  it('takes a misread label only when the column holds what the field holds', () => {
    const words = ocr(gridTable([YINCHUAN_BUDGET[0], ['年度资金总额', '', '见附件', '见附件', '64.8', '100%']]));
    expect(mapColumns(words, [0], BUDGET_COLUMNS).cols.has('initialBudget')).toBe(false);
    // a percentage is not an amount
    const rate = ocr(gridTable([YINCHUAN_BUDGET[0], ['年度资金总额', '', '98%', '64.8', '64.8', '100%']]));
    expect(mapColumns(rate, [0], BUDGET_COLUMNS).cols.has('initialBudget')).toBe(false);
  });

  it('takes a misread label only when one field is nearest', () => {
    // 年全预算数 is one edit from 年初预算数 (全 for 初) and one from 全年预算数 (two swapped): no field
    const table = ocr(gridTable([
      ['项目资金(万元)', '', '年全预算数', '全年执行数(B)', '执行率(B/A)'],
      ['年度资金总额', '', '64.8', '64.8', '100%'],
    ]));
    const { cols, fuzzy } = mapColumns(table, [0], BUDGET_COLUMNS);
    expect(cols.has('initialBudget')).toBe(false);
    expect(fuzzy).toBeUndefined();
  });

  it('does not guess a short label from one changed character (分值 / 得分 / 执行率)', () => {
    const table = ocr(gridTable([
      ['一级指标', '二级指标', '三级指标', '指标值', '完成值', '分植', '得汾'],
      ['产出指标', '数量指标', '保障人数', '2370人', '2370人', '10', '10'],
    ]));
    const { cols } = mapColumns(table, [0], INDICATOR_COLUMNS);
    // 值/植 look alike: the weight is read; 分/汾 do not (a changed character in a two-character word)
    expect(cols.get('weight')).toBe(5);
    expect(cols.has('score')).toBe(false);
  });

  it('reads a two-line label read column by column (考值参分 for 参考分值) as the weight', () => {
    const table = ocr(gridTable([
      ['一级指标', '二级指标', '三级指标', '考值参分', '指标值', '全年实际值', '得分'],
      ['项目决策', '项目目标', '完整性', '4', '—', '目标明确', '4'],
    ]));
    expect(mapColumns(table, [0], INDICATOR_COLUMNS).cols.get('weight')).toBe(3);
    expect(mapColumns(gridTable([['一级指标', '二级指标', '三级指标', '考值参分', '指标值', '全年实际值', '得分'], ['a', 'b', 'c', '4', '—', 'x', '4']]), [0], INDICATOR_COLUMNS).cols.has('weight')).toBe(false);
  });

  it('knows a budget header whose every label OCR damaged, by likeness and the amounts below', () => {
    const rows = [
      ['项目资金(万元)', '', '年初预匏数', '调整预算将,A、', '全年执f数', '执行卒(B/A)'],
      ['年度资金总额', '', '64.8', '64.8', '64.8', '100%'],
    ];
    const table = ocr(gridTable(rows));
    expect(isBudgetHeader(table, 0)).toBe(true);
    const { block } = readBudgetBlock('项目支出绩效自评表', table, 0, () => false);
    expect(block.columns.map((c) => c.field)).toEqual(['initialBudget', 'fullYearBudget', 'executed', 'rate']);
    expect([block.rows[0].executed?.text, block.rows[0].rate?.text]).toEqual(['64.8', '100%']);
    expect(block.rows[0].rate?.loc.textSource).toBe('ocr');
    // exact text with these labels is no budget header; nor OCR text with words, not amounts, below
    expect(isBudgetHeader(gridTable(rows), 0)).toBe(false);
    expect(isBudgetHeader(ocr(gridTable([rows[0], ['年度资金总额', '', '见附件', '见附件', '见附件', '见附件']])), 0)).toBe(false);
  });

  it('reads a form-head label OCR misread (实施第位 for 实施单位) when the value right of it is a body', () => {
    // 银川 六中's head as OCR'd, over the damaged budget header: the table shows its OCR damage (项Fl资金, 年度总体r二, 指标L:)
    const rows = [
      ['项目名称', '初中公用经费', '<', '<', '主管部门', '银川市教育局', '<', '<'],
      ['实施第位', '银川市第六中学', '<', '<', '自评得分', '98', '财政审1度评分', ''],
      ['项Fl资金(万兀)', '', '年初预匏数', '调整预算将,A、', '全年执行数(B)', '执行率(B/A)', '<', '<'],
      ['^', '年度资金总额', '64.8', '64.8', '64.8', '100%', '<', '<'],
      ['年度总体r二', '年初设定目标', '<', '<', '年度总体目标完成情况', '<', '<', '<'],
      ['^', '保障学校正常工作运行', '<', '<', '公,4', '<', '<', '<'],
      ['一级指标', '二级指标', '三级指标', '考值参分', '指标值(八)', '全年实际值(B)', '得分', '未完成原因分析及改进措施'],
      ['项目产出(30分)', '数量指标(10分)', '保障人数', '10', '2370人', '2370人', 'IO', ''],
      ['^', '^', '指标L:', '', '', '', '', ''],
    ];
    const form = check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', rows])).report.projects[0];
    expect(form.implementer?.text).toBe('银川市第六中学');
    expect(form.implementer?.loc.textSource).toBe('ocr-layer');
    expect(form.budget?.rows[0].initialBudget?.text).toBe('64.8');
    expect(form.indicators[0].weight.text).toBe('10');
    // exact text: the misread label names nothing
    const exact = check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', [rows[0], rows[1], ['项目资金(万元)', '', '年初预匏数', '调整预算数(A)', '全年执行数(B)', '执行率(B/A)', '<', '<'], rows[3]]])).report.projects[0];
    expect(exact.implementer).toBeNull();
    expect(exact.budget?.rows[0].initialBudget).toBeNull();
    // the value must fit the field: a person or a figure is not a body
    expect(fuzzyFormField('实施第位', '张三', FORM_FIELDS)).toBeNull();
    expect(fuzzyFormField('实施第位', '银川市第六中学', FORM_FIELDS)?.field).toBe('implementer');
  });
});
