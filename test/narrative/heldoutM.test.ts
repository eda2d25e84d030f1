import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { docOf } from './helpers.js';

/**
 * Held-out M: 昌宁县乡村振兴局's 2021 衔接资金 绩效评价 page, whose body opens with 现将自评情况公告如下 and has no title; 南川区农业农村委's
 * 2019 重点绩效评价结果, a third party's evaluation published by the unit, whose grade sentence does not name the evaluator.
 */

const doc = (...lines: string[]) => docOf(lines);

const changning = (announce: string) => [
  `根据《云南省乡村振兴局云南省财政厅关于开展2021年度衔接推进乡村振兴补助资金绩效评价工作的通知》(云乡振发﹝2021﹞47号)和《保山市乡村振兴局保山市财政局关于转发<云南省乡村振兴局云南省财政厅关于开展2021年度衔接推进乡村振兴补助资金绩效评价工作的通知>的通知》(保乡振发〔2021〕14号)要求,昌宁县高度重视2021年度财政衔接推进乡村振兴补助资金绩效评价工作,及时组织相关单位认真开展绩效评价工作,${announce}`,
  '一、绩效考评工作开展情况',
  '对照《2021年衔接资金绩效评价及考核指标评分表》,对我县2021年财政衔接推进乡村振兴补助资金投入、拨付、项目管理、使用成效等情况进行科学、客观评价。',
  '(一)主要做法',
  '1.建立组织机构。按照省、市绩效评价通知要求,县巩固脱贫攻坚推进乡村振兴领导小组统筹绩效评价工作,县财政局、县乡村振兴局、县发改局、县民宗局、县林草局、县农业农村局等财政衔接资金、财政涉农整合资金行业主管部门明确专人,负责开展昌宁县2021年财政衔接推进乡村振兴补助资金绩效评价工作,具体工作由县乡村振兴局和县财政局牵头组织,其他部门协同配合,为顺利开展绩效评价提供了坚强的组织保障。',
  '2.梳理资金用途。依据项目资金计划下达文件准确划分出财政衔接推进乡村振兴补助资金各级投入情况。积极与发改局、民宗局、林草局、农业农村局等部门协调对接、核对数据。同时,对2021年末各类项目资金的拨付、结转结余等数据进行核对,确保各级各部门财政衔接推进乡村振兴补助资金投入情况清楚准确。',
];

describe('held-out M: a page without a title that announces its self-evaluation\'s outcome', () => {
  it('现将自评情况公告如下 opens a report (昌宁 2021, no amount before the cut)', () => {
    const { report, findings } = check(doc(...changning('现将自评情况公告如下:')));
    expect(report.narratives).toHaveLength(1);
    expect(findings.filter((f) => f.rule === 'coverage')).toEqual([]);
  });

  it('the same prose announcing a notice\'s terms (有关事项通知如下) or a summary of work (工作情况汇报如下) is none', () => {
    for (const announce of ['现将有关事项通知如下:', '现将绩效评价工作情况汇报如下:']) {
      const { report } = check(doc(...changning(announce)));
      expect(report.narratives).toHaveLength(0);
    }
  });
});

const NANCHUAN_TITLE = '重庆市南川区农业农村委员会2019年度项目资金重点绩效评价结果';
const NANCHUAN_OPENING =
  '为全面实施预算绩效管理,推动财政资金聚力增效,按照有关要求,重庆市南川区财政局委托第三方机构对我单位负责的南川区2019年市级农业综合开发补助资金项目开展了重点绩效评价,绩效评价报告(摘要)如下:';
const NANCHUAN_GRADE = '2019年市级农业综合开发补助资金项目绩效评价得分90.5分,评价等级为优。';
const nanchuanBody = (opening: string) => [
  opening,
  '一、基本情况',
  '河图镇高标准农田建设项目资金来源为重庆市财政局下达的2019年市级农业综合开发补助资金,项目资金分两批次下达。截至20191231日,项目实际支出1388.3万元。',
  '二、评价结论',
  NANCHUAN_GRADE,
];

describe('held-out M: a grade in another evaluator\'s report', () => {
  it('is the third party\'s when the title names a 重点绩效评价 (南川 2019, 优 90.5)', () => {
    const { report } = check(doc(NANCHUAN_TITLE, ...nanchuanBody(NANCHUAN_OPENING)));
    expect(report.grades?.map((g) => [g.grade, g.score?.value, g.evaluator])).toEqual([['优', '90.5', 'other']]);
  });

  it('is the third party\'s when only the opening tells the commission (委托第三方机构…开展了…评价)', () => {
    const { report } = check(doc('南川区农业综合开发补助资金项目绩效评价报告', ...nanchuanBody(NANCHUAN_OPENING)));
    expect(report.grades?.map((g) => g.evaluator)).toEqual(['other']);
  });

  it('stays the unit\'s own in its self-evaluation, also when it had a firm help or evaluate for it (宁夏 葡萄酒产业园区 2021)', () => {
    const own = '为全面实施预算绩效管理,按照有关要求,我单位对南川区2019年市级农业综合开发补助资金项目开展了绩效自评,报告如下:';
    const helped = '为全面实施预算绩效管理,我单位委托第三方机构协助对南川区2019年市级农业综合开发补助资金项目开展了绩效自评,报告如下:';
    const commissioned = '根据有关要求,区农业农村委高度重视,成立组织机构,制定工作方案,委托第三方机构认真有序开展2019年市级农业综合开发补助资金项目支出绩效评价工作。';
    for (const opening of [own, helped, commissioned]) {
      const { report } = check(doc('南川区农业综合开发补助资金项目绩效自评报告', ...nanchuanBody(opening)));
      expect(report.grades?.map((g) => g.evaluator)).toEqual(['self']);
    }
  });
});
