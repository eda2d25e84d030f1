import { rule } from '../../../src/rules/narrative-allocation-sum.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const doc = (...lines: string[]) => withNarrative(report({}), deptReportLines([], lines));

/** 泾县 体育强省转移支付2023年度绩效自评报告 (ah-jingxian-tiyu-2023): the fund, then its arrangement a section later. */
const GRANT = '2023年,省下达我县安徽省体育强省(快乐健身)专项资金63.2万元。年度绩效目标为:继续深化全民健身。';
const HEADING = '(二)资金安排、分解下达预算和绩效目标情况。';
const ARRANGED =
  '2023年我县体育强省资金安排是:支持体育设施建设5万元,支持青少年竞技体育13万元,支持体育产业发展5万元,支持口袋公园5万元、百姓健身房5万元、健身步道10万元,支持体育项目培训1.2万元,支持体育赛事活动3万元,支持快乐健身点位器材维护12万元。';

export default ruleCases({
  rule,
  valid: [
    { name: 'an arrangement adding up to the fund (12 more for 器材维护 + 4 = 63.2)', report: doc(GRANT, HEADING, ARRANGED.replace('器材维护12万元', '器材维护16万元')) },
    { name: 'a lead naming another fund than the amount before', report: doc(GRANT, HEADING, ARRANGED.replace('体育强省资金', '全民健身资金')) },
    { name: 'a list with its own total (合计): checked in its sentence, not here', report: doc(GRANT, HEADING, ARRANGED.replace('。', ',合计59.2万元。')) },
    { name: 'two amounts only: too short a list to be sure it is the arrangement', report: doc(GRANT, '2023年我县体育强省资金安排是:支持体育设施建设5万元,支持青少年竞技体育13万元。') },
    { name: 'the fund stated three paragraphs before: too far', report: doc(GRANT, HEADING, '年度绩效目标完成。', '资金管理规范。', ARRANGED) },
    { name: 'two different amounts for the fund before: which is the whole is not sure', report: doc(GRANT, '2023年,省追加下达我县体育强省专项资金4万元。', ARRANGED) },
    { name: 'no fund amount before the list', report: doc(HEADING, ARRANGED) },
  ],
  invalid: [
    {
      name: 'nine allocations adding up to 59.2万元 under a fund of 63.2万元 (ah-jingxian-tiyu-2023)',
      report: doc(GRANT, HEADING, ARRANGED),
      findings: [{ severity: 'info', values: [63.2, 59.2], messageIncludes: ['59.2万元', '63.2万元', '少4万元'] }],
    },
    {
      name: 'an arrangement above the fund',
      report: doc(GRANT, HEADING, ARRANGED.replace('器材维护12万元', '器材维护22万元')),
      findings: [{ severity: 'info', values: [63.2, 69.2], messageIncludes: ['69.2万元', '多6万元'] }],
    },
  ],
});
