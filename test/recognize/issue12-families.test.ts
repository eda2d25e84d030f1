import { describe, expect, it } from 'vitest';
import { recognizeReport } from '../../src/recognize/index.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { runRules } from '../../src/rules/index.js';
import { lexiconSize } from '../../src/recognize/lexicon.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Report } from '../../schemas/report.js';
import { ReportSchema } from '../../schemas/report.js';
import { documentOf } from '../helpers/model.js';

/** The whole reading and checking of a model, as the pipeline runs it. */
function check(doc: DocumentModel): { report: Report; findings: ReturnType<typeof runRules> } {
  const recognized = recognizeReport(doc);
  const narrative = analyzeNarrative(doc, recognized);
  const report: Report = { ...recognized, ...narrative, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } };
  expect(ReportSchema.safeParse(report).success).toBe(true);
  return { report, findings: runRules(report, { document: doc, lang: 'zh' }) };
}

/** 宁夏 部门项目支出绩效自评表 (as published by 银川市, 2021): 参考分值, 项目决策/管理/产出/效益, 指标N: rows. */
const NINGXIA = documentOf([
  '银川市本级部门项目支出绩效自评表（2021年）',
  [
    ['项目名称', '<', '初中公用经费', '<', '<', '<', '<', '<'],
    ['主管部门', '<', '银川市教育局', '<', '实施单位', '银川市第六中学', '<', '<'],
    ['项目资金（万元）', '<', '年度资金总额', '年初预算数', '调整预算数（A）', '全年执行数（B）', '执行率（B/A）', '<'],
    ['^', '<', '', '64.8', '64.8', '64.8', '100%', '<'],
    ['一级指标', '二级指标', '三级指标', '参考分值', '指标值（A）', '全年实际值（B）', '得分', '未完成原因分析及改进措施'],
    ['项目决策（10分）', '项目目标', '目标完整性', '4', '目标明确', '目标明确', '4', ''],
    ['^', '项目立项', '立项相关性', '6', '按标准管理', '按标准管理', '6', ''],
    ['项目管理（25分）', '投入管理', '预算执行率', '10', '100%', '100%', '9', '年末支付进度'],
    ['^', '财务管理', '财务制度有效性', '15', '制度健全', '制度健全', '15', ''],
    ['项目产出（30分）', '数量指标', '保障人数', '10', '2370人', '2370人', '10', ''],
    ['^', '^', '指标2:', '', '', '', '', ''],
    ['^', '成本指标', '办公所需成本', '20', '15万元', '15万元', '20', ''],
    ['项目效益（35分）', '社会效益指标', '改善办学条件', '25', '改善', '改善', '25', ''],
    ['^', '经济效益指标', '指标1:', '', '', '', '', ''],
    ['^', '满意度指标', '学生满意度', '10', '≥95%', '98%', '10', ''],
    ['总分', '<', '<', '100', '', '', '99', ''],
  ],
]);

describe('issue 12: new families as parameters', () => {
  it('宁夏: 参考分值 read as the weight, family ningxia (100 points, no execution row), placeholder rows are one leftover', () => {
    const { report, findings } = check(NINGXIA);
    expect(report.family).toBe('ningxia');
    const p = report.projects[0];
    expect(p.recognition).toMatchObject({ family: 'ningxia', complete: true });
    expect(p.recognition!.confidence).toBeGreaterThanOrEqual(0.75);
    expect(p.indicators.map((i) => i.level3)).not.toContain('指标2:');
    expect(p.indicators.find((i) => i.level3 === '保障人数')).toMatchObject({ weight: { text: '10' }, score: { text: '10' }, target: { text: '2370人' } });
    expect(p.placeholderRows?.map((r) => r.text)).toEqual(['指标2:', '指标1:']);
    // no "分值合计0分", no weight total checked against the 90 of another family, no 未填写 per placeholder cell
    expect(findings.filter((f) => f.rule === 'group-weights' || f.rule === 'weight-totals')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'required-cells' && f.severity === 'error')).toEqual([]);
    const leftovers = findings.filter((f) => f.rule === 'template-leftovers');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0].message).toContain('2行模板占位行');
  });

  it('宁夏: a weight that does not add up is still an error, against the printed points', () => {
    const doc = structuredClone(NINGXIA);
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    table.cells.find((c) => c.text === '15' && c.row === 8)!.text = '12';
    const { findings } = check(doc);
    const g = findings.filter((f) => f.rule === 'group-weights');
    expect(g).toHaveLength(1);
    expect(g[0].message).toContain('项目管理');
  });

  it('53号 部门整体支出绩效评价指标表 after a 基础数据表 is its own form (not a second 基础数据表), level points beside the levels', () => {
    const doc = documentOf([
      '部门整体支出绩效评价基础数据表',
      [
        ['财政供养人员情况', '编制数', '实际在职人数', '控制率'],
        ['^', '143', '136', '95.10%'],
        ['经费控制情况', '2017年决算数', '2018年预算数', '2018年决算数'],
        ['三公经费', '29.08', '63.46', '44.29'],
      ],
      '部门整体支出绩效评价指标表',
      [
        ['一级指标', '得分', '二级指标', '得分', '三级指标', '得分', '评价标准', '指标说明', '得分'],
        ['投入', '16', '预算配置', '16', '在职人员控制率', '8', '以100%为标准，每超过一个百分点扣0.5分', '实际在职136人，编制143人，95.10%', '8'],
        ['^', '^', '^', '^', '三公经费变动率', '8', '变动率≤0计8分', '变动率98.31%', '0'],
        ['过程', '16', '预算执行', '16', '预算完成率', '8', '100%计满分', '完成率99.27%', '8'],
        ['^', '^', '^', '^', '预算控制率', '8', '控制率=0计8分', '追加767.86万元', '8'],
        ['合计', '<', '<', '<', '<', '32', '', '', '24'],
      ],
    ]);
    const { report, findings } = check(doc);
    expect(report.basicData?.tables).toEqual([0]);
    const form = report.deptSelfEval!;
    expect(form.tables).toEqual([1]);
    expect(form.recognition?.family).toBe('eval-53');
    const rate = form.indicators.find((i) => i.level3 === '在职人员控制率')!;
    expect(rate).toMatchObject({ level1: '投入', weight: { text: '8' }, score: { text: '8' } });
    expect(rate.level1Points?.value).toBe('16');
    expect(rate.standard?.text).toContain('以100%为标准');
    expect(rate.description?.text).toContain('95.10%');
    // no 实际完成值 or 偏差原因 column on this form: nothing is "未填写" or "未说明原因"
    expect(findings.filter((f) => f.rule === 'required-cells' && f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'deviation-reason')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'group-weights')).toEqual([]);
  });

  it('四川 转移支付: lettered formula columns, (八) read as (A) only in a lettered header, 行次/列次 are not data', () => {
    const doc = documentOf([
      '2022年度中央转移支付资金绩效评价表',
      [
        ['项目名称', '<', '农村公路养护', '<', '<', '<', '<', '<'],
        ['资金（万元）', '行次', '全年预算数(八)', '扣除统筹整合资金后预算金额(C)', '全年到位资金(D)', '全年执行数(E)', '执行率(E/D×100%)', '预算到位(D/C×100%)'],
        ['列次', '', 'A', 'C', 'D', 'E', 'F', 'G'],
        ['年度资金总额', '1', '200.00', '180.00', '180.00', '171.00', '95.00%', '100.00%'],
        ['其中：中央资金', '2', '200.00', '180.00', '180.00', '171.00', '', ''],
        ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '<'],
        ['产出指标', '数量指标', '养护里程', '50', '≥100公里', '102公里', '50', '<'],
        ['效益指标', '社会效益指标', '通行条件改善', '40', '改善', '改善', '40', '<'],
        ['总分', '<', '<', '90', '', '', '90', '<'],
      ],
    ]);
    const { report } = check(doc);
    const p = report.projects[0];
    expect(p.recognition?.family).toBe('sichuan-transfer');
    const labels = Object.fromEntries(p.budget!.columns.map((c) => [c.field, c.label]));
    expect(labels.fullYearBudget).toBe('全年预算数(八)');
    expect(labels.rate).toBe('执行率(E/D×100%)');
    expect(p.budget!.rows.map((r) => r.label)).toEqual(['年度资金总额', '其中：中央资金']);
    expect(p.budget!.rows[0]).toMatchObject({ fullYearBudget: { text: '200.00' }, executed: { text: '171.00' }, rate: { text: '95.00%' }, netBudget: { text: '180.00' }, arrived: { text: '180.00' }, arrivalRate: { text: '100.00%' } });
  });

  it('amounts in 元: the block unit comes from the header, facts keep the text as written', () => {
    const doc = documentOf([
      '财政项目支出绩效自评表',
      [
        ['项目名称', '<', '体育中心运营', '<', '<', '<', '<', '<'],
        ['项目资金（元）', '<', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['^', '年度资金总额', '1,200,000.00', '1,200,000.00', '1,034,280.00', '10', '86.19%', '8.62'],
      ],
    ]);
    const { report } = check(doc);
    expect(report.projects[0].budget?.unit).toBe('元');
    expect(report.projects[0].budget?.rows[0].executed?.text).toBe('1,034,280.00');
  });
});

describe('issue 12: gating by recognition, no cascades', () => {
  it('a form of no known family is read (generic fallback) and flagged once, never as "not a report"', () => {
    const doc = documentOf([
      [
        ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '实施进度'],
        ['^', '产出指标', '数量指标', '宣传次数', '至少全年完成2次宣传', '已完成100%'],
        ['^', '满意度指标', '满意度指标', '群众满意度', '90%', '已完成100%'],
      ],
    ]);
    const { report, findings } = check(doc);
    expect(report.family).toBe('unknown');
    expect(report.projects[0].indicators.map((i) => i.level3)).toEqual(['宣传次数', '群众满意度']);
    expect(findings.some((f) => /未识别出任何/.test(f.message))).toBe(false);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a half-recognized form gives a note, not arithmetic errors', () => {
    const { report } = check(NINGXIA);
    const broken: Report = structuredClone(report);
    broken.projects[0].recognition = { ...broken.projects[0].recognition!, confidence: 0.4, unmapped: ['分值', '得分'] };
    for (const i of broken.projects[0].indicators) i.score = { ...i.score, text: '', figure: null };
    const findings = runRules(broken, { document: null, lang: 'zh' });
    // only what is about the document as written (the template's spare rows) remains
    expect(findings.filter((f) => f.severity !== 'info' && f.rule !== 'template-leftovers')).toEqual([]);
    const note = findings.filter((f) => f.rule === 'coverage' && /表头未能完全识别/.test(f.message));
    expect(note).toHaveLength(1);
    expect(note[0].message).toContain('分值');
  });

  it('a narrative-only department report is complete without tables', () => {
    const doc = documentOf([
      '重庆市大足区发展和改革委员会2020年度部门整体支出绩效自评报告',
      '一、基本情况',
      '区发展改革委内设12个科室，下设2个管理机构，2020年部门预算支出总额1523.26万元，执行率98.6%。',
      '二、绩效目标完成情况',
      '全年完成重点项目投资120.5亿元，项目资金到位率100%，绩效目标全部完成。',
    ]);
    const { report, findings } = check(doc);
    expect(report.narratives).toHaveLength(1);
    expect(report.narratives[0].reportKind).toBe('dept');
    expect(findings.filter((f) => f.rule === 'coverage' && f.severity !== 'info')).toEqual([]);
  });

  it('the lexicon names every synonym with its source', () => {
    const size = lexiconSize();
    expect(size.synonyms).toBeGreaterThan(50);
    expect(size.sources.length).toBeGreaterThanOrEqual(8);
  });
});
