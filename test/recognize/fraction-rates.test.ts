import { describe, expect, it } from 'vitest';
import { recognizeReport } from '../../src/recognize/index.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { runRules } from '../../src/rules/index.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Report } from '../../schemas/report.js';
import { documentOf } from '../helpers/model.js';

/** A MOF-2020 project form (安徽 layout) whose 执行率 cells were filled from a spreadsheet as fractions. */
function form(rate: string, rateHeader = '执行率'): { report: Report; doc: DocumentModel } {
  const doc = documentOf([
    '项目支出绩效自评表',
    [
      ['项目名称', '<', '文物保护专项', '<', '<', '<', '<', '<'],
      ['项目资金（万元）', '<', '', '年初预算数', '全年预算数', '全年执行数', '分值', rateHeader, '得分'],
      ['^', '<', '年度资金总额', '29', '29', '27.8', '10', rate, '9.59'],
      ['^', '<', '其中：当年财政拨款', '29', '29', '27.8', '—', '—', '—'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['产出指标（50分）', '数量指标', '修缮文物点', '≥3处', '3处', '50', '50', ''],
      ['效益指标（30分）', '社会效益指标', '文物安全', '无事故', '无事故', '30', '30', ''],
      ['满意度指标（10分）', '服务对象满意度指标', '群众满意度', '≥90%', '95%', '10', '10', ''],
      ['总分', '<', '<', '<', '<', '100', '99.59', ''],
    ],
  ]);
  const recognized = recognizeReport(doc);
  const narrative = analyzeNarrative(doc, recognized);
  return { doc, report: { ...recognized, ...narrative, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } } };
}

const totalRate = ({ report: r }: { report: Report }) => r.projects[0].budget!.rows.find((row) => row.kind === 'total')!.rate!;

describe('执行率 written as a fraction (0.958 for 95.8%)', () => {
  it('is read as percent, the cell text kept as written', () => {
    const rate = totalRate(form('0.9586'));
    expect(rate.text).toBe('0.9586');
    expect(rate.figure).toMatchObject({ value: '95.86', decimals: 2, unit: '%' });
  });

  it('a right fraction raises nothing; a wrong one is the execution-rate finding in percent', () => {
    const rules = ({ report, doc }: { report: Report; doc: DocumentModel }) => runRules(report, { document: doc, lang: 'zh' }).filter((f) => f.rule === 'execution-rate' || f.rule === 'budget-change-reason');
    expect(rules(form('0.9586'))).toEqual([]);
    const wrong = rules(form('0.9'));
    expect(wrong.map((f) => [f.rule, f.values])).toEqual([['execution-rate', [90, 95.86]]]);
    expect(wrong[0].message).toContain('0.9');
  });

  it('a column headed (%) keeps its numbers: 0.5 there is 0.5%', () => {
    expect(totalRate(form('0.5', '执行率（%）')).figure).toMatchObject({ value: '0.5', unit: null });
  });
});

/** The 长江禁捕 项目自评表 (2020, Hubei-style 预算数(A)/执行数(B)/执行率(B/A)/得分(20分*执行率)): 执行率 printed "1". */
function wholeFraction(rate: string, executed = '1.56'): { report: Report; doc: DocumentModel } {
  const doc = documentOf([
    '2020年度长江禁捕项目自评表',
    [
      ['项目名称', '<', '渔业成品油价格改革补贴', '<', '<', '<', '<'],
      ['预算执行情况(万元)(20分)', '<', '', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分(20分*执行率)'],
      ['^', '<', '年度财政资金总额', '1.56', executed, rate, '20'],
      ['二级指标', '三级指标', '<', '年初目标值(A)', '实际完成值(B)', '得分', '<'],
      ['数量指标', '补贴渔船数', '<', '6', '6', '20', '<'],
      ['质量指标', '渔船补贴发放率', '<', '100%', '100%', '10', '<'],
      ['总分', '<', '<', '<', '<', '100', '<'],
    ],
  ]);
  const recognized = recognizeReport(doc);
  const narrative = analyzeNarrative(doc, recognized);
  return { doc, report: { ...recognized, ...narrative, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } } };
}

describe('执行率 "1" (a whole fraction, no decimals) where 执行数 ÷ 预算数 is 1', () => {
  const rules = ({ report, doc }: { report: Report; doc: DocumentModel }) => runRules(report, { document: doc, lang: 'zh' }).filter((f) => f.rule === 'execution-rate' || f.rule === 'budget-change-reason');

  it('is read as 100%, and neither a wrong rate nor a rate below 90%', () => {
    const f = wholeFraction('1');
    expect(totalRate(f).text).toBe('1');
    expect(totalRate(f).figure).toMatchObject({ value: '100', unit: '%' });
    expect(rules(f)).toEqual([]);
  });

  it('stays 1% when the amounts do not say 100% (1.2 of 1.56): the execution-rate finding stands', () => {
    const f = wholeFraction('1', '1.2');
    expect(totalRate(f).figure).toMatchObject({ value: '1', unit: null });
    expect(rules(f).map((x) => x.rule)).toContain('execution-rate');
  });
});
