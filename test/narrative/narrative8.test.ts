import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf } from './helpers.js';

/**
 * An indicator stated with its value after an enumeration marker ("②时效指标:…到位率为100%") is prose,
 * though its words name a section (资金到位): real text of 昌宁县第一示范小学 2023 项目支出绩效自评报告
 * (test/corpus/real/yn-changning-yixiao-2023).
 */
const CHANGNING = [
  '昌宁县第一示范小学2023年度项目支出绩效自评报告',
  '一、自评结论',
  '(一)自评得分',
  '通过项目绩效自评小组的全方位评价,我校教育专项工作经费项目自评得分100分,自评结果为“优秀”。',
  '(二)绩效目标完成情况',
  '1. 执行率情况。',
  '2023年度我校教育专项工作经费项目财政资金总额16.20万元,全部为县级配套资金,拨付使用16.20万元,预算执行率100%。',
  '2. 完成的绩效目标。',
  '(1)产出指标',
  '①数量指标:2023年,我校收到教育专项工作经费资金16.20万元。',
  '②时效指标:教育专项工作经费资金到位率为100%。',
  '(2)效益指标',
  '①经济效益指标:教育专项工作经费资金保障了学校的正常运转。',
];

describe('narrative8: an indicator with its value after a marker is a statistic, not a heading', () => {
  it('"②时效指标:教育专项工作经费资金到位率为100%。" is read as 到位率 100%', () => {
    const doc = docOf(CHANGNING);
    const stats = check(doc).report.statistics;
    const rate = stats.find((s) => s.loc.paragraph === 10);
    expect(rate?.figure.text).toBe('100%');
    expect(rate?.label).toContain('教育专项工作经费资金到位率');
    const [report] = findReports(doc);
    expect(report.sections.map((s) => s.heading)).not.toContain('②时效指标:教育专项工作经费资金到位率为100%。');
  });

  it('a section title naming 资金到位 without a figure stays a heading', () => {
    const [report] = findReports(docOf([...CHANGNING.slice(0, 4), '(三)资金到位情况', '项目资金16.20万元已全部到位。']));
    expect(report.sections.map((s) => s.key)).toContain('funds-use');
  });
});

/** 会宁县 2021 中央彩票公益金 自评报告 (test/corpus/real/gs-huining-caipiao-2021): a figure named by the words after it. */
const HUINING = [
  '会宁县2021年度中央彩票公益金支持地方社会公益事业发展资金绩效自评报告',
  '一、绩效目标分解下达情况',
  '2021年度,下达我县中央专项彩票公益金支持社会公益事业项目补助资金200万元,用于会宁县残疾人托养中心建设项目,项目的建设填补了残疾人托养机构的空白。',
  '二、绩效目标完成情况分析',
  '(一)资金投入情况分析。200万元中央专项彩票公益金支持社会公益事业项目补助资金严格按照规定全部用于了会宁县残疾人托养中心建设,不存在截留、挪用、变更用途等情况。',
];

describe('narrative8: a figure named by the words after it is named from their start', () => {
  it('"200万元中央专项彩票公益金…补助资金严格按照…" names the 补助资金, and a changed restatement is found', () => {
    const { report, findings } = check(docOf(HUINING));
    const after = report.statistics.find((s) => s.loc.paragraph === 4 && s.figure.text === '200万元');
    expect(after?.label).toBe('中央专项彩票公益金支持社会公益事业项目补助资金');
    expect(findings.filter((f) => f.rule === 'narrative-restated-differs')).toEqual([]);
    const changed = [...HUINING];
    changed[4] = changed[4].replace('200万元', '220万元');
    const found = check(docOf(changed)).findings.filter((f) => f.rule === 'narrative-restated-differs');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
    expect(found[0].values).toEqual([200, 220]);
  });
});
