import { rule } from '../../../src/rules/grade-tally-sum.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { docOf, withNarrative } from '../../narrative/helpers.js';

// the layouts of sx-yanggao-zhongdian-2024 (the count in the tallies' sentence) and cq-jiangbei-zhongdian-2021 (the sentence before)
const one = (body: string) => {
  const l = ['#项目支出绩效评价报告', '#一、评价结果', body, '#二、存在的问题', '评价工作按计划完成。'];
  return { report: withNarrative(report({}), l), document: docOf(l) };
};
const YANGGAO = (n: number, tallies = '绩效评价等级为“优”的项目计6个,绩效评价等级为“良”的项目计18个') => one(`本次项目支出绩效评价共24个项目。${n}个项目支出绩效评价中,${tallies}。`);
const JIANGBEI = (n: number) => one(`本次重点绩效评价是针对2020年以来实施的政策和项目,共计${n}个,涉及资金33258.4万元。评价结果显示,绩效评价结果为“优”的项目有1项,涉及金额为460万元;绩效评价结果为“良”的项目有6项,涉及金额为21075.69万元;绩效评价结果为“中”的项目有4项,涉及金额为11722.71万元。`);

export default ruleCases({
  rule,
  valid: [
    { name: 'sx-yanggao-zhongdian-2024 as published: 优 6 + 良 18 = 24', ...YANGGAO(24) },
    { name: 'cq-jiangbei-zhongdian-2021 as published: 优 1 + 良 6 + 中 4 = 11 (个 and 项 alike)', ...JIANGBEI(11) },
    { name: 'zj-wencheng-pingjia-2024 as published: a grade with its second name in brackets (“中(一般)”)', ...one('抽取50个专项资金项目,委托中介机构对复核评价的50个项目,复核等次为“优秀”的5个,占比10%,“良好”的23个,占比46%,“中(一般)”的22个,占比44%。') },
    { name: 'the tallies after 其中 are a part of the grades', ...YANGGAO(26, '其中绩效评价等级为“优”的项目计6个,绩效评价等级为“良”的项目计18个') },
    { name: 'an open list (…等) does not tell every grade', ...YANGGAO(26, '绩效评价等级为“优”的项目计6个,绩效评价等级为“良”的项目计18个等') },
    { name: 'one grade only: no distribution', ...one('共评价24个项目,评价等级为“优”的项目计6个。') },
    { name: 'a count naming no evaluated items (涉及部门单位7个) is not the total', ...one('涉及部门单位7个,资金17815.56万元。评价结论为“良”的8个,“中”的1个。') },
    { name: '其中 counted in the count’s own sentence: a part, not the total', ...one('2022年共对9个重点项目进行了评价,其中5个项目为新增。评价结论为“良”的8个,“中”的1个。') },
  ],
  invalid: [
    {
      name: 'sx-yanggao-zhongdian-2024 planted: 26个项目 evaluated, 优 6 + 良 18 = 24',
      ...YANGGAO(26),
      findings: [{ severity: 'warning', values: [26, 24, 6, 18], messageIncludes: ['“优”6个、“良”18个', '合计24个', '评价总数26个', '配对依据'] }],
    },
    {
      name: 'cq-jiangbei-zhongdian-2021 planted: 政策和项目共计12个, the tallies in the next sentence',
      ...JIANGBEI(12),
      findings: [{ severity: 'warning', values: [12, 11, 1, 6, 4], messageIncludes: ['“优”1项、“良”6项、“中”4项', '合计11个', '评价总数12个'] }],
    },
    {
      name: 'gd-jianghai-shuoming-2018 planted: 为 + grade with its band, 优良 4 + 中 3 against 选取8个项目',
      ...one('区本级财政支出预算绩效管理项目中选取8个项目开展重点评价,涉及预算金额为2298万元。经过第三方机构评审,等级为优良(80分以上)的项目有4个,占57%,等级为中(70-80分)的项目有3个,占43%。'),
      findings: [{ severity: 'warning', values: [8, 7, 4, 3], messageIncludes: ['“优良”4个、“中”3个', '合计7个'] }],
    },
  ],
});
