import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';
import { headScoreIn, titledHeadScoreIn } from '../../src/recognize/head-score-line.js';

/**
 * 广水市交通运输局's 2021 乡村道路项目自评表 (湖北 广水 财政预算支出项目绩效目标自评表, a PDF on a document site):
 * the form states its own total above its grid — "自评总分: 95" beside the 填报日期 — and prints no 总分 row.
 * The grid is rebuilt from the page's cell sequence as the corpus documents are (its columns 年初指标值 /
 * 年终完成值 / 自评分 / 复核分; the stored text ends inside the 质量指标 rows).
 */
const HEAD = ['广水市财政预算支出项目绩效目标自评表', '填报日期:2022 年 8 月 10 日 自评总分: 95'];
const GRID = [
  ['项目名称', '乡村道路建设养护项目', '<', '项目主管单位', '广水市交通运输局', '<'],
  ['项目实施单位', '广水市交通运输局', '<', '项目负责人', '孙章勇', '<'],
  ['一级指标', '二级指标', '指标名称(三级指标)', '年初指标值', '年终完成值', '自评分'],
  ['产出指标', '数量指标', '乡村道路建设养护里程', '300公里', '300公里', '15'],
];

describe('a head score written as text above the form (广水)', () => {
  it('is read as the score the form states for itself, citing the line and the figure', () => {
    const { report } = check(documentOf([...HEAD, GRID]));
    const form = report.projects[0];
    expect(form.headScore?.text).toBe('95');
    expect(form.headScore?.loc.paragraph).toBe(1);
    expect(HEAD[1].slice(...form.headScore!.loc.span!)).toBe('95');
    expect(form.total).toBeNull();
  });

  it('is read from one cell holding its label and value', () => {
    const grid = GRID.map((r) => [...r]);
    grid[0][5] = '自评得分：95分';
    const { report } = check(documentOf([HEAD[0], grid]));
    expect(report.projects[0].headScore?.text).toBe('95');
  });

  it('needs its colon and a plain number of points: a 自评分 column header or a rate is not one', () => {
    expect(headScoreIn('自评分')).toBeNull();
    expect(headScoreIn('自评得分: 95%')).toBeNull();
    expect(headScoreIn('自评总分: 195')).toBeNull();
    expect(headScoreIn('自评总分: 97.5分')?.value).toBe('97.5');
  });
});

describe('a head score run onto the form title (宁夏 原州区, a form flattened into a paragraph)', () => {
  it('is read after the title …表(年度), with or without a colon, however long the line', () => {
    const line = '马铃薯冲薯繁育示范推广项目绩效目标自评表(2022年度)项目总得分99分项目名称碟令薯樽轴示施项目实施单位/项目负责人原州区农技中心';
    expect(titledHeadScoreIn(line)).toEqual({ value: '99', span: [33, 35] });
    expect(titledHeadScoreIn('2023年度项目支出绩效自评表 自评总分：97.5')?.value).toBe('97.5');
  });

  it('needs the title before it and 分 after a bare number: a sentence of prose or a column header is not one', () => {
    expect(titledHeadScoreIn('经自评，项目总得分99分，评价等级为优。')).toBeNull();
    expect(titledHeadScoreIn('项目支出绩效自评表 总得分 100 95')).toBeNull();
    expect(titledHeadScoreIn('项目支出绩效自评表(2022年度)项目总得分99%')).toBeNull();
  });
});
