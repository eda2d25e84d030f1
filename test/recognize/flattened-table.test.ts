import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';
import { splitGluedValues } from '../../src/recognize/flattened-split.js';
import { readFlattenedHeader, rebuildFlattenedTables } from '../../src/recognize/flattened-table.js';
import { readInlineForm } from '../../src/recognize/flattened-inline.js';
import { makeFinding } from '../../src/rules/finding.js';
import { RULES } from '../../src/rules/registry.js';

/**
 * Forms flattened into lines of text. The lines are those of 宁夏福利彩票发行中心's 2023 绩效项目支出自评表 as a
 * bid site published it (an OCR of the attached picture: every row of the form run into one line,
 * "年度资金总额50万元47.6895.00%" = 50万元 | 47.68 | 95.00%), and of 池州市贵池区棠溪镇's 2022 项目支出绩效自评表
 * as a site's text export printed its rows (values apart, "年度资金总额: 0 0 0 10 0 0").
 */
const FUCAI = [
  '2023年福彩中心绩效项目支出自评表',
  '详情见附件',
  '(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)',
  '专项(项目)名称彩票市场调控资金﹣宁夏福彩AP系统改版升级',
  '中央主管部门中国福利彩票发行管理中心',
  '自治区主管部门宁夏回族自治区民政厅资金使用单位宁夏福利彩票发行中心',
  '项目资金 (万元)全年预算数全年执行数执行率',
  '年度资金总额50万元47.6895.00%',
  '其中:中央财政补助50万元47.6895.00%',
  '地方资金',
  '其他资金',
  '总体目标完成情况总体目标全年实际完成情况',
];

const RATE_COLUMNS = { kinds: ['budget', 'executed', 'rate'] as Array<'budget' | 'executed' | 'rate' | 'points'> };

describe('a budget block run into lines is read as a table rebuilt from them', () => {
  const doc = documentOf(FUCAI);
  const { report } = check(doc);
  const form = report.projects[0];

  it('recognizes the form, its name and its funding rows, split at the units and decimals', () => {
    expect(report.projects).toHaveLength(1);
    expect(form.name?.text).toBe('彩票市场调控资金﹣宁夏福彩AP系统改版升级');
    const rows = form.budget!.rows.filter((r) => r.fullYearBudget?.text);
    expect(rows.map((r) => [r.label, r.fullYearBudget?.text, r.executed?.text, r.rate?.text])).toEqual([
      ['年度资金总额', '50', '47.68', '95.00%'],
      ['其中:中央财政补助', '50', '47.68', '95.00%'],
    ]);
  });

  it('cites the line and the characters each value was cut from, marked rebuilt', () => {
    const executed = form.budget!.rows[0].executed!;
    const line = FUCAI[7];
    expect(executed.loc.paragraph).toBe(7);
    expect(line.slice(...executed.loc.span!)).toBe('47.68');
    expect(executed.loc.rebuilt).toBe(true);
  });

  it('a finding resting on a rebuilt value is at most a warning and says why', () => {
    const meta = { ...RULES.find((r) => r.meta.id === 'execution-rate')!.meta };
    const rate = form.budget!.rows[0].rate!;
    const f = makeFinding(meta, { message: { zh: '执行率不符', en: '-' }, values: [95], evidence: [{ text: rate.text, value: 95, location: rate.loc }] }, 'zh');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('连排文字');
  });

  it('leaves a row unread, with a note, when its figures split more than one way', () => {
    // the same line without the 万元 that ends the budget: 50 | 47.68 | 95.00% or 504 | 7.68 | 95.00% …, and no part below it with figures
    const lines = FUCAI.map((l) => l.replace('年度资金总额50万元', '年度资金总额50').replace('其中:中央财政补助50万元47.6895.00%', '其中:中央财政补助'));
    const { report: r } = check(documentOf(lines));
    const total = r.projects[0].budget!.rows.find((row) => row.label === '年度资金总额')!;
    expect([total.fullYearBudget?.text ?? '', total.executed?.text ?? '', total.rate?.text ?? '']).toEqual(['', '', '']);
    expect(r.coverage.notUnderstood.some((n) => n.where.includes('年度资金总额') && n.where.includes('无法确定'))).toBe(true);
  });

  it('reads such a total by its parts when they are read: the one split equal to their sums', () => {
    const lines = FUCAI.map((l) => l.replace('年度资金总额50万元', '年度资金总额50'));
    const { report: r } = check(documentOf(lines));
    const total = r.projects[0].budget!.rows.find((row) => row.label === '年度资金总额')!;
    expect([total.fullYearBudget?.text, total.executed?.text, total.rate?.text]).toEqual(['50', '47.68', '95.00%']);
    expect(total.executed!.loc.rebuilt).toBe(true);
    expect(r.coverage.notUnderstood.some((n) => n.where.includes('年度资金总额'))).toBe(false);
  });

  it('leaves the document alone when no line is a flattened budget header', () => {
    const plain = documentOf(['一、项目基本情况', '项目资金全年预算数为50万元，执行47.68万元，执行率95.36%。']);
    expect(rebuildFlattenedTables(plain).document).toBe(plain);
  });
});

/** 池州市贵池区棠溪镇's 2022 项目支出绩效自评表 as a site's text export printed it: the whole form in one paragraph. */
const TANGXI =
  '附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 实施单位 219001-池州市贵池区棠溪镇人民政府 ' +
  '项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 ' +
  '年度总体目标 预期目标 实际完成情况 本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;30万元用于基建工程项目设计、规划、测绘。';

describe('a whole form run into one paragraph', () => {
  const { report } = check(documentOf([TANGXI]));
  const form = report.projects[0];

  it('reads its fields and the funding rows whose figures fill the columns, in their order', () => {
    expect(form.name?.text).toBe('委托业务项目');
    const total = form.budget!.rows.find((r) => r.kind === 'total')!;
    expect([total.initialBudget?.text, total.fullYearBudget?.text, total.executed?.text, total.rate?.text]).toEqual(['0', '0', '0', '0']);
    expect(total.executed!.loc.paragraph).toBe(0);
    expect(TANGXI.slice(...total.executed!.loc.span!)).toBe('0');
  });

  it('leaves a row with fewer figures than columns unread (which columns are blank is not written)', () => {
    const current = form.budget!.rows.find((r) => r.label.includes('本年财政拨款'))!;
    expect([current.fullYearBudget?.text ?? '', current.executed?.text ?? '']).toEqual(['', '']);
    expect(report.coverage.notUnderstood.some((n) => n.where.includes('本年财政拨款'))).toBe(true);
  });
});

describe('splitting glued figures', () => {
  it('takes the only split whose decimals agree (47.68 | 95.00%, not 47.6 | 895.00% or 47.689 | 5.00%)', () => {
    const out = splitGluedValues('50万元47.6895.00%', RATE_COLUMNS);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['50', '47.68', '95.00']);
  });

  it('uses 执行数 ÷ 预算数 = 执行率 only to choose between splits the form allows', () => {
    // 50 | 50 | 100% and 50 | 5010 | 0%: both well formed, only the first agrees
    const out = splitGluedValues('50万元50100%', RATE_COLUMNS);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['50', '50', '100']);
  });

  it('reads a MOF row with 分值 and 得分 glued in when one split keeps the row\'s format', () => {
    const header = readFlattenedHeader('项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分')!;
    const out = splitGluedValues('30.0030.0029.501098.33%9.83', header.columns);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['30.00', '30.00', '29.50', '10', '98.33', '9.83']);
  });

  it('leaves a run unread when more than one split remains', () => {
    // 12 | 3 | … or 1 | 23 | …: nothing in the run decides
    expect(splitGluedValues('12345', { kinds: ['budget', 'executed', 'points'] }).kind).toBe('ambiguous');
  });

  it('reads figures printed apart in their order (a text export of the row)', () => {
    const header = readFlattenedHeader('项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分')!;
    expect(header.columns.kinds).toEqual(['budget', 'budget', 'executed', 'points', 'rate', 'points']);
    const out = splitGluedValues('0 0 0 10 0 0', header.columns);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['0', '0', '0', '10', '0', '0']);
    // three figures for six columns: which columns are empty is not written, nothing is read
    expect(splitGluedValues('90 89.974 89.974', header.columns).kind).toBe('unreadable');
  });
});

describe('a whole form run into one paragraph (readInlineForm)', () => {
  it('finds the budget header after prose that names 预算 and 支出数 in passing, white space before its words, and keeps the prose before it', () => {
    const text = '本项目按预算执行，支出数与计划一致。2021年度项目自评表转移支付(项目)名称农村道路养护主管部门县交通局资金情况(万元)  全年预算数(A) 全年执行数(B) 预算执行率(B/A)年度资金总额:21182118100%其中:中央财政资金21182118100%地方资金其他资金总体目标按期完成';
    const form = readInlineForm(text);
    expect(form?.before).toBe('本项目按预算执行,支出数与计划一致。2021年度项目自评表');
    expect(form?.fields).toEqual([
      { label: '转移支付(项目)名称', value: '农村道路养护' },
      { label: '主管部门', value: '县交通局' },
    ]);
    expect(form?.header).toEqual({ prefix: '资金情况(万元)', words: ['全年预算数(A)', '全年执行数(B)', '预算执行率(B/A)'], columns: { kinds: ['budget', 'executed', 'rate'] } });
    expect(form?.rows.map((r) => [r.label, r.run])).toEqual([
      ['年度资金总额:', '21182118100%'],
      ['其中:中央财政资金', '21182118100%'],
      ['地方资金', ''],
      ['其他资金', ''],
    ]);
    expect(form?.after).toBe('总体目标按期完成');
    expect(readInlineForm('本项目按预算执行，支出数与计划一致，全年执行率100%。')).toBeNull();
  });
});

/**
 * 宣城市农业农村局's 2023 转移支付区域(项目)绩效目标自评表 as an 信息公开 record published it (a mirror with pinyin glosses):
 * the whole form run together inside the record's 内容概述 cell, the PDF's line breaking a row label (中央财 政资金).
 * 年度资金总额:1484631.00% splits no single way that agrees with its rate (46 / 148 = 31.08%, printed 31.00%);
 * its parts (102 | 0 | 0%, 46 | 46 | 100%) decide it.
 */
const XUANCHENG_CELL =
  '宣城市轉移支付區域(項目)績效目標自評表(2023年度)轉移支付(項目)名稱中央農業防災減災(動物防疫補助)中央主管部門農業農村部地方主管部門省農業農村廳資金使用單位宣城市農業農村局' +
  '資金投入情況(萬元)全年預算數(A)全年執(zhí)行數(B)預算執行率(B/A×100%)年度資金總額:1484631.00%其中:中央財 政資金10200% 地方資金4646100%其他資金資金管理情況情況說明存在問題和改進措施分配科學性分配科學無' +
  '下達及時性下達及時無撥付合規性撥付合規無使用規範性使用規範無執行準確性執行準確因使用了往年結余資金采';

describe('a form run together inside one table cell (an 信息公开 record\'s 内容概述)', () => {
  const record = [
    ['索引號', '11341700003244895T/202404-00022', '組配分類', '部門項目'],
    ['信息名稱', '2023年《宣城市中央財政轉移支付區域(動物防疫補助)績效目標自評表》', '內容概述', XUANCHENG_CELL],
  ];
  const { report, findings } = check(documentOf([record]));
  const form = report.projects[0];

  it('is rebuilt after its table and read: the total by its parts, a nil rate losing to 100%', () => {
    expect(report.projects).toHaveLength(1);
    const rows = form.budget!.rows.filter((r) => r.fullYearBudget?.text);
    expect(rows.map((r) => [r.label.replace(/\s/g, ''), r.fullYearBudget?.text, r.executed?.text, r.rate?.text])).toEqual([
      ['年度资金总额:', '148', '46', '31.00%'],
      ['其中:中央财政资金', '102', '0', '0%'],
      ['地方资金', '46', '46', '100%'],
    ]);
  });

  it('cites the table cell and the characters each value was cut from, marked rebuilt', () => {
    const executed = form.budget!.rows[0].executed!;
    expect([executed.loc.table, executed.loc.row, executed.loc.col, executed.loc.paragraph]).toEqual([0, 1, 3, null]);
    expect(XUANCHENG_CELL.slice(...executed.loc.span!)).toBe('46');
    expect(executed.loc.rebuilt).toBe(true);
  });

  it('reads the 资金管理情况 rows after the funding rows as words, its 执行准确性 explaining the low rate (info, not a warning)', () => {
    expect(form.budget!.rows.map((r) => r.label)).not.toContain('执行准确性');
    expect(form.executionNote?.text).toBe('执行准确因使用了往年结余资金采');
    const low = findings.filter((f) => f.rule === 'budget-change-reason');
    expect(low.map((f) => [f.severity, f.message.includes('31.00%')])).toEqual([['info', true]]);
  });

  it('reads a rate header written with its formula, and no header with a figure in it', () => {
    expect(readFlattenedHeader('资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)')?.columns.kinds).toEqual(['budget', 'executed', 'rate']);
    expect(readFlattenedHeader('全年预算数(A)全年执行数(B)预算执行率 100%')).toBeNull();
  });

  it('leaves a total unread when its parts do not decide it', () => {
    // without the 地方资金 row the parts (102) match no split of 1484631.00%
    const alone = XUANCHENG_CELL.replace(' 地方資金4646100%', '');
    const { report: r } = check(documentOf([[record[0], [record[1][0], record[1][1], record[1][2], alone]]]));
    const total = r.projects[0].budget!.rows.find((row) => row.kind === 'total')!;
    expect(total.fullYearBudget?.text ?? '').toBe('');
  });
});

describe('splitting glued figures: a nil rate cut from the zeros of 100%', () => {
  it('takes 390 | 390 | 100% over 3903901 | 0 | 0% (both agree; the nil one is the weaker reading)', () => {
    const out = splitGluedValues('390390100%', RATE_COLUMNS);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['390', '390', '100']);
  });

  it('still reads a row whose only agreeing split is a nil rate (102 | 0 | 0%)', () => {
    const out = splitGluedValues('10200%', RATE_COLUMNS);
    expect(out.kind === 'split' && out.values.map((v) => v.text)).toEqual(['102', '0', '0']);
  });
});
