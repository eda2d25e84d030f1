import { rule } from '../../../src/rules/quantitative-score.js';
import { projectForm, report } from '../builders.js';
import { seedQualityProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '运行维护经费', indicators: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 质量安全: all targets met at full marks', report: report({ projects: [seedQualityProject()] }) },
    { name: 'missed ≥-target scored by the formula: 10 × 45/50 = 9', report: one(['产出指标(30分)', '数量指标', '维护设备台数', '≥50台', '45台', '10', '9', '部分设备报废']) },
    { name: 'missed ≤-target: 10 × 100/125 = 8', report: one(['成本指标(20分)', '经济成本指标', '单台维护成本', '≤100元', '125元', '10', '8', '配件涨价']) },
    { name: 'rounded to two decimals: 2 × 2/3 = 1.33', report: one(['产出指标(30分)', '数量指标', '培训场次', '3场', '2场', '2', '1.33', '疫情停办一场']) },
    { name: 'a complaint rate target without comparator: less is better (0.5% meets 1%)', report: one(['效益指标(30分)', '社会效益指标', '质量投诉发生率', '1%', '0.5%', '5', '5', '']) },
    { name: 'a complaint handling rate is still higher-is-better: 98% meets 95%', report: one(['产出指标(30分)', '质量指标', '质量投诉回复处理率', '95%', '98%', '5', '5', '']) },
    { name: 'a duration under 时效指标: 25天 meets 30天', report: one(['产出指标(30分)', '时效指标', '竣工备案办理时间', '30天', '25天', '5', '5', '']) },
    { name: '"95%以上" actual meets "95%以上" target', report: one(['效益指标(30分)', '可持续影响指标', '建筑市场平稳有序发展', '95%以上', '95%以上', '5', '5', '']) },
    // 鄂州市财政局 2019: a deadline year missed is scored by judgement, never 20 × 2019 ÷ 2020
    { name: 'real: 完成时限 2019年 done in 2020年, scored 10 of 20 with its reason', report: one(['产出指标', '时效指标', '完成时限', '2019年', '2020年', '20', '10', '部分项目延续至下年']) },
  ],
  invalid: [
    {
      name: 'seed: 60个 vs 27个 scored 0.5 of 1 — formula gives 0.45',
      report: one(['产出指标(30分)', '数量指标', '办理项目竣工验收率', '60个', '27个', '1', '0.5', '根据市场实际情况，全年只有27个项目，已全部办理竣工验收']),
      findings: [{ severity: 'info', values: [0.5, 0.45], expected: '0.45', observed: '0.5', messageIncludes: ['60个', '27个', '0.45', '得分', '1位小数'], params: ['scoreDecimals'] }],
    },
    {
      name: 'a complaint handling rate below target: 5 × 90/95 = 4.74, printed 5 — right at the integer precision written: a note',
      report: one(['产出指标(30分)', '质量指标', '质量投诉回复处理率', '95%', '90%', '5', '5', '投诉量增加']),
      findings: [{ severity: 'info', values: [5, 4.7368] }],
    },
    {
      name: 'rounded to one decimal where the template asks two: 2 × 97.30/100 = 1.946, printed 1.9 → a note',
      report: one(['产出指标(30分)', '质量指标', '验收合格率', '100%', '97.30%', '2', '1.9', '个别工程返工']),
      findings: [{ severity: 'info', values: [1.9, 1.946], messageIncludes: ['1位小数'] }],
    },
    {
      name: 'an integer score far from the formula is still a warning: 10 × 37.24/43.2 = 8.62, printed 7',
      report: one(['产出指标(30分)', '数量指标', '完成面积', '43.2亩', '37.24亩', '10', '7', '天气影响']),
      findings: [{ severity: 'warning', values: [7, 8.6204] }],
    },
    {
      name: 'seed: 16个 vs 15个 scored full 10 — formula gives 9.375',
      report: one(['产出指标(30分)', '数量指标', '做好公开招投标项目监管', '16个', '15个', '10', '10', '']),
      findings: [{ severity: 'warning', values: [10, 9.375] }],
    },
  ],
});
