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
