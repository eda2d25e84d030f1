import { rule } from '../../../src/rules/list-table-rate.js';
import { documentOf } from '../../helpers/model.js';
import { checkModel } from '../../helpers/check.js';
import { ruleCases } from '../tester.js';

/** A 专项资金绩效自评报告 with its 自评结果汇总表, as published (one row per fund). */
const HEADER = ['项目名称', '预算金额(万元)', '实际支出(万元)', '资金使用率', '项目完成率', '成效评价', '存在问题'];
const ROWS = [
  ['教育专项', '850', '830', '97.6%', '100%', '优秀', '资金拨付周期较长'],
  ['医疗保障专项', '620', '600', '96.8%', '95%', '良好', '项目覆盖范围不足'],
  ['基础设施建设项目', '1200', '1180', '98.3%', '100%', '优秀', '施工进度不均衡'],
  ['乡村振兴专项', '950', '920', '96.8%', '98%', '良好', '后续管护机制不健全'],
  ['环境保护专项', '580', '560', '96.6%', '97%', '一般', '监测数据更新滞后'],
];
const withTable = (rows: string[][], header = HEADER) => {
  const document = documentOf([
    '2019年度专项资金绩效自评报告',
    '2019年,我单位共涉及五项专项资金,涵盖教育、医疗、基础设施建设、乡村振兴及环境保护等领域。各专项资金在预算安排、执行进度、资金拨付及项目完成方面基本达到预期目标,整体绩效良好。',
    '二、专项资金绩效自评结果汇总表',
    [header, ...rows],
  ]);
  return { document, report: checkModel(document).report };
};

export default ruleCases({
  rule,
  valid: [
    { name: 'real: every row’s 资金使用率 is its 实际支出 ÷ 预算金额 (830/850 = 97.65% → 97.6% …)', ...withTable(ROWS) },
    // two budget-like columns: which one the rate divides by is not said
    { name: 'a list with two budget columns is not read', ...withTable(ROWS.map((r) => [...r.slice(0, 3), '900', ...r.slice(3, 6)]), ['项目名称', '预算金额(万元)', '实际支出(万元)', '下达资金(万元)', '资金使用率', '项目完成率', '成效评价']) },
  ],
  invalid: [
    {
      name: 'planted: 教育专项 830 ÷ 850 = 97.65%, printed 96.6%',
      ...withTable([['教育专项', '850', '830', '96.6%', '100%', '优秀', '资金拨付周期较长'], ...ROWS.slice(1)]),
      findings: [{ severity: 'warning', values: [96.6, 97.65], part: '项目汇总表（第1张表）', messageIncludes: ['「教育专项」', '资金使用率', '96.6%', '97.65%'] }],
    },
  ],
});
