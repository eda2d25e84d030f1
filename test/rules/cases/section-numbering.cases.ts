import { rule } from '../../../src/rules/section-numbering.js';
import { documentModel, narrative, report } from '../builders.js';
import { ruleCases } from '../tester.js';

const SEED_HEADINGS = [
  '2023年度汨罗市建筑工程服务中心部门整体支出绩效自评报告',
  '1、 部门基本情况',
  '1、职能职责：',
  '2、组织结构，人员编制：',
  '二、一般公共预算支出情况',
  '三、政府性基金预算支出情况',
  '4、 国有资本经营预算支出情况',
  '5、 社会保险基金预算支出情况',
  '六、部门整体支出绩效情况',
];
const CLEAN = ['项目支出绩效评价报告', '一、项目支出基本情况', '1、项目概况', '2、资金使用管理情况', '二、绩效评价工作情况', '三、主要绩效及评价结论'];

/** 热市镇 2024: a duty list whose first item is too long for a heading, its second short ("2. …负责并报告工作。"). */
const LONG_ITEMS = [
  '部门整体支出绩效自评报告',
  '一、部门概况',
  '(二)单位主要职责',
  '1. 贯彻执行党和国家的路线、方针、政策和国家法律法规，贯彻执行上级行政机关的决议、命令及同级党委的决定。',
  '2. 对镇人民代表大会及其主席团和上级行政机关负责并报告工作。',
  '二、部门财务情况',
];
/** 绥芬河 2022 衔接资金 自评 (黑龙江's 考核办法): 指标 numbered 1…N through the report under its 方面 一、二、. */
const RUN_THROUGH = [
  '绥芬河市2022年度财政衔接推进乡村振兴补助资金绩效评价工作自评报告',
  '一、资金保障方面',
  '1、县级履行支出责任情况',
  '2、到县街接资金安排使用的合理性、规范性情况',
  '二、项目管理方面',
  '3、资金落实到项目时间情况',
];
/** The same 3、 with no list of its own before it: it continues 二、's count. */
const NO_OWN_LIST = ['绩效评价工作自评报告', '一、资金保障方面', '二、项目管理方面', '3、资金落实到项目时间情况'];
const rep = (paragraphs: string[]) => report({ narratives: [narrative('部门整体支出绩效自评报告', paragraphs[0], 0, paragraphs.slice(1))] });

export default ruleCases({
  rule,
  valid: [
    { name: 'Chinese top level with Arabic sub-items', report: rep(CLEAN), document: documentModel(CLEAN) },
    { name: 'a short list item after a long one continues its list, not "一、"', report: rep(LONG_ITEMS), document: documentModel(LONG_ITEMS) },
    { name: 'a sub-level numbered through the report (一、 1、 2、 二、 3、) continues its own count', report: rep(RUN_THROUGH), document: documentModel(RUN_THROUGH) },
  ],
  invalid: [
    {
      name: '"二、" followed by "3、" with no Arabic list before it',
      report: rep(NO_OWN_LIST),
      document: documentModel(NO_OWN_LIST),
      findings: [{ severity: 'info', part: '部门整体支出绩效自评报告', messageIncludes: ['二、项目管理方面', '3、'] }],
    },
    {
      name: 'seed: "三、" followed by "4、", "5、" by "六、"',
      report: rep(SEED_HEADINGS),
      document: documentModel(SEED_HEADINGS),
      findings: [{ severity: 'info', part: '部门整体支出绩效自评报告', messageIncludes: ['三、政府性基金', '4、', '六、'] }],
    },
  ],
});
