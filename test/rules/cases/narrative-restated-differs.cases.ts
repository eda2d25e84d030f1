import { rule } from '../../../src/rules/narrative-restated-differs.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { docOf, withNarrative } from '../../narrative/helpers.js';

// the layout of sc-mianyang-kejiju-2021: a measure in 绩效目标情况, restated in 资金安排情况
const doc = (first: string, second: string, more: string[] = []) => {
  const l = ['#项目支出绩效评价报告', '#(一)绩效目标情况', first, '#(二)资金安排情况', second, ...more];
  return { report: withNarrative(report({}), l), document: docOf(l) };
};
const FIRST = '绵阳市科学技术局项目资金总预算为2455.5万元,其中部门预算项目支出87.5万元,专项预算支出2350万元。';

export default ruleCases({
  rule,
  valid: [
    // 西平县 2023 (planted30): a plan and a result may differ unless the report says every output was done in full
    {
      name: 'planned 冷藏库10个, 已新建成11个 with no 全部完成 said',
      ...doc('2023年下达资金8010万元,用于新建农产品储存冷藏库10个,约50000立方米。', '已新建成农产品储存冷藏库11个,约50000立方米。'),
    },
    { name: 'sc-mianyang-kejiju-2021 as published: 87.5 twice', ...doc(FIRST, '2021年部门预算项目支出87.5万元,分别是科技活动交流经费5万元。') },
    { name: 'two years: two measures', ...doc('2020年部门预算项目支出80万元。', '2021年部门预算项目支出87.5万元。') },
    { name: 'a change is no restatement', ...doc(FIRST, '部门预算项目支出同比增加12万元。') },
    {
      name: 'one name for each numbered project (xj-yumin-zhongdian-2021)',
      ...doc('1、南哈拉布拉村农田道路建设项目,2021年下达财政专项扶贫资金197万元。', '2、北哈拉布拉村旅游扶贫交易市场建设项目,2021年度下达财政专项扶贫资金108万元。'),
    },
    { name: 'generic words only ("项目资金") in a department report', report: withNarrative(report({}), ['#2023年度某局部门整体支出绩效自评报告', '#一、基本情况', '项目资金100万元。', '#二、绩效情况', '项目资金50万元。']) },
  ],
  invalid: [
    {
      // 西平县 2023 (planted30): "…均已按时按量完成。已新建成…冷藏库11个" against the plan's 10个
      name: 'planned 冷藏库10个, 已新建成11个 where all outputs 均已按时按量完成',
      ...doc('2023年下达资金8010万元,用于新建农产品储存冷藏库10个,约50000立方米。', '年内产出数量、质量、时效等指标均已按时按量完成。已新建成农产品储存冷藏库11个,约50000立方米。'),
      findings: [{ severity: 'warning', values: [10, 11], messageIncludes: ['所列计划为用于新建农产品储存冷藏库10个', '称已完成新建成农产品储存冷藏库11个', '均已按时按量完成'] }],
    },
    {
      name: 'restated with another value (87.5 → 96.3)',
      ...doc(FIRST, '2021年部门预算项目支出96.3万元,分别是科技活动交流经费5万元。'),
      findings: [{ severity: 'warning', values: [87.5, 96.3], messageIncludes: ['部门预算项目支出87.5万元', '96.3万元', '配对依据', '名称相同（“部门预算项目支出”）'] }],
    },
    {
      name: 'the owner said in one statement only (yn-honghe-eryuan-2023)',
      ...doc('下达红河州第二人民医院国家基本公共卫生服务项目州级补助资金2.00万元。', '国家基本公共卫生服务项目州级补助资金2.20万元,截至2023年12月31日已使用。'),
      findings: [{ severity: 'warning', values: [2, 2.2], messageIncludes: ['一处另写明主体'] }],
    },
  ],
});
