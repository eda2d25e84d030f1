import { rule } from '../../../src/rules/narrative-share-amount.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

/** 永兴县农业保险保费补贴2020年度绩效自评报告 (hn-yongxing-nongxian-2020), one line of insurance. */
const RICE = '1、水稻大灾保险:全县2020年水稻种植57.54万亩,受省财政规模控制,计划和实际承保面积为42.59万元亩,承保率为74.02%,总保费1293.45万元,中央财政补贴47.5%为614.39万元,省级财政补贴32.5%为420.37元。';

export default ruleCases({
  rule,
  valid: [
    { name: 'shares that hold at their precision (47.5% of 1293.45 is 614.38875 → 614.39)', report: dept(RICE.replace('420.37元', '420.37万元')) },
    { name: 'a share rounded to one decimal (50% of 100.21 = 50.105 → 50.1)', report: dept('5、公益林保险:总保费100.21万元,中央财政补贴50%为50.1万元,省级财政补贴30%为30.06万元,县级财政补贴20%为20.04万元。') },
    { name: 'a share alone in its sentence is not read (its base is not sure)', report: dept('总保费74万元。县级财政补贴10%为9万元。') },
    { name: 'no share holds: the reading is not confirmed, nothing said', report: dept('总投资500万元,中央补助60%为200万元,省级补助20%为50万元。') },
  ],
  invalid: [
    {
      name: '420.37元 for 420.37万元 (hn-yongxing-nongxian-2020): a unit slip',
      report: dept(RICE),
      findings: [{ severity: 'warning', values: [420.37, 1293.45, 32.5], messageIncludes: ['420.37元', '单位笔误', '万元'] }],
    },
    {
      name: 'a share whose figure is off while another holds',
      report: dept('总保费1586.63万元,中央财政补贴50%为793.32万元,省级财政补贴15%为273.99万元。'),
      findings: [{ severity: 'warning', values: [273.99, 1586.63, 15], messageIncludes: ['273.99万元'] }],
    },
  ],
});
