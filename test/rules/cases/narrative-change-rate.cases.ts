import { rule } from '../../../src/rules/narrative-change-rate.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { docOf, withNarrative } from '../../narrative/helpers.js';

// the layout of hn-nanxian-zhengxie-2021: the change in the next sentence, then a 其中 line with its own change in its clause
const one = (body: string) => {
  const l = ['#部门整体支出绩效自评报告', '#一、部门整体支出概况', body, '#二、绩效目标完成情况', '各项工作按计划完成。'];
  return { report: withNarrative(report({}), l), document: docOf(l) };
};
const NANXIAN = (total: string, part: string) => one(`1、收入:${total}万元。同比上年度增加189.25万元,增加31.39%。其中:财政拨款收入${part}万元,同比上年度增加209.28万元,增加35.9%。`);

export default ruleCases({
  rule,
  valid: [
    { name: 'hn-nanxian-zhengxie-2021 as published: 189.25 ÷ 602.97 = 31.39%, 209.28 ÷ 582.94 = 35.90%', ...NANXIAN('792.22', '792.22') },
    { name: 'bj-fengtai-shewu-juesuan-2022 as published: a decrease is over this year plus it (497.8 ÷ 2935.34 = 16.96%)', ...one('2022年度收入总计2437.54万元,比上年减少497.8万元,下降16.96%。') },
    { name: 'bj-chaoyang-czj-juesuan-2022 as published: thousands separators (1,446.43 ÷ 8,131.74 = 17.79%)', ...one('2022年度收入总计9,578.17万元,比上年增加1,446.43万元,增长17.79%。') },
    { name: 'a change in another unit than its amount: not read', ...one('收入792.22万元,同比增加2092800元,增加35.9%。') },
    { name: 'a change in percentage points: not a rate of the change', ...one('执行金额792.22万元,同比增加209.28万元,执行率提高3.5个百分点。') },
  ],
  invalid: [
    {
      name: 'hn-nanxian-zhengxie-2021 planted: 财政拨款收入729.22万元 (two digits swapped)',
      ...NANXIAN('792.22', '729.22'),
      findings: [{ severity: 'warning', values: [35.9, 40.25, 729.22, 209.28], messageIncludes: ['上年应为519.94万元（729.22−209.28）', '增长率应为40.25%'] }],
    },
    {
      name: 'bj-fengtai-shewu-juesuan-2022 planted: 下降16.69% (digits swapped)',
      ...one('2022年度收入总计2437.54万元,比上年减少497.8万元,下降16.69%。'),
      findings: [{ severity: 'warning', values: [16.69, 16.96, 2437.54, 497.8], messageIncludes: ['上年应为2935.34万元（2437.54+497.8）', '下降率应为16.96%'] }],
    },
  ],
});
