import { rule } from '../../../src/rules/rate-above-whole.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

export default ruleCases({
  rule,
  valid: [
    { name: 'shares at 100%', report: dept('配套243个垃圾分类垃圾桶,验收合格率100%。资金预算100万元,支付率100%。') },
    { name: 'a 完成率 may exceed 100% (target beaten)', report: dept('培训2399人,完成市目标任务数2000人的120%,完成率120%。') },
    { name: 'a growth rate is no share', report: dept('群众满意度较上年提高105%。') },
    { name: 'a share named before another percentage is not this one', report: dept('验收合格率100%,资金使用效益提升120%。') },
  ],
  invalid: [
    {
      name: 'a mistyped rate of five digits is still one (执行率10000%)',
      report: dept('项目资金100万元,资金执行率10000%。'),
      findings: [{ severity: 'warning', values: [10000, 100], messageIncludes: ['执行率'] }],
    },
    {
      name: '合格率290%: a "≥90%" with its sign read as a 2 (nx-yuanzhou-malingshu-2022 flattened form) is info, not an error',
      report: dept('采购的原原种合格率290$290%,种薯采购价格不高于市场价。'),
      findings: [{ severity: 'info', values: [290, 100], messageIncludes: ['合格率', '≥'] }],
    },
    {
      name: '验收合格率110% (nx-xingqing-zhuanyunzhan-2022, planted)',
      report: dept('配套243个垃圾分类垃圾桶,验收合格率110%。'),
      findings: [{ severity: 'error', values: [110, 100], messageIncludes: ['验收合格率', '110%'] }],
    },
    {
      name: '资金到位率110%: a warning (more may have arrived than budgeted)',
      report: dept('下达第一批乡村振兴衔接资金100万元,全部列入滨河家园垃圾转运站提升改造项目,资金到位率110%。'),
      findings: [{ severity: 'warning', values: [110, 100], messageIncludes: ['到位率', '须说明金额'] }],
    },
  ],
});
