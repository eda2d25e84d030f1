import { rule } from '../../../src/rules/deviation-reason.js';
import { projectForm, report } from '../builders.js';
import { seedQualityProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '招投标监督管理专项', indicators: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 质量安全: no missed target', report: report({ projects: [seedQualityProject()] }) },
    { name: 'seed: 60个 vs 27个 carries its reason', report: one(['产出指标(30分)', '数量指标', '办理项目竣工验收率', '60个', '27个', '1', '0.5', '根据市场实际情况，全年只有27个项目，已全部办理竣工验收']) },
    { name: 'a 不适用 row needs nothing', report: one(['成本指标（20分）', '社会成本指标', '不适用', '', '', '', '', '']) },
    // "<" typed (or OCR'd, the bar lost) for "≤": met exactly, the target is not called missed.
    { name: 'a strict target met exactly: <218万元 vs 218.00万元', report: one(['成本指标（20分）', '经济成本指标', '项目成本控制', '<218万元', '218.00万元', '20', '20', '']) },
  ],
  invalid: [
    {
      name: 'a strict target passed: <218万元 vs 218.50万元 at full marks with no reason',
      report: one(['成本指标（20分）', '经济成本指标', '项目成本控制', '<218万元', '218.50万元', '20', '20', '']),
      findings: [{ severity: 'error', values: [218, 218.5], messageIncludes: ['偏差原因'] }],
    },
    {
      name: 'seed: 16个 vs 15个 at full marks with no reason',
      report: one(['产出指标(30分)', '数量指标', '做好公开招投标项目监管', '16个', '15个', '10', '10', '']),
      findings: [{ severity: 'error', values: [16, 15], part: '项目支出绩效自评表（招投标监督管理专项）', messageIncludes: ['15个', '16个', '偏差原因'] }],
    },
    {
      name: 'a qualitative indicator scored below its weight with no reason',
      report: one(['效益指标(30分)', '社会效益指标', '服务工程建设领域', '促进建筑行业规范运行', '基本实现', '10', '8', '']),
      findings: [{ severity: 'error', values: [10, 8], messageIncludes: ['得分8低于分值10'] }],
    },
    {
      // yn-yongde-mingliang-2022 资金到位及时率: ≧100% met, scored 7 of 10, reason blank — one finding, here
      name: 'a met target scored below its weight with no reason: this rule, naming the met target',
      report: one(['产出指标(30分)', '时效指标', '资金到位及时率', '≥100%', '100%', '10', '7', '']),
      findings: [{ severity: 'error', values: [10, 7], messageIncludes: ['得分7低于分值10', '已达到'] }],
    },
  ],
});
