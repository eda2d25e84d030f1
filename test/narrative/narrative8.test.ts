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
