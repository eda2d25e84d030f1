import { rule } from '../../../src/rules/narrative-total-parts.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 284 = 239 + 11 + 26 + 8', report: dept('全年共办理建筑领域投诉、信访、交办284件（12345信箱239件、舆情11件、信访26件、市长信箱8件）。') },
    { name: 'seed: 74 = 68 + 6 = 44 + 16 + 14', report: dept('目前在建房屋和市政项目共74个（房屋工程68个，市政工程6个），其中在建项目44个，停工项目16个，未开工项目14个。') },
    { name: 'seed: 82 = 81 + 1 and 350773.89 = 350391.39 + 382.5', report: dept('共办理建设工程项目竣工验收备案82个,工程总造价350773.89万元。其中房建类81个，工程总造价350391.39万元，建筑面积1913714.87平方米；市政工程1个，工程总造价382.5万元。') },
    { name: 'seed: 592.17 = 572.61 + 19.56', report: dept('2023年基本支出数为592.17万元，是指各项支出。其中人员经费572.61万元，公用经费19.56万元。') },
    { name: 'seed: 79 = 59 + 20', report: dept('下设10个站室，现有干职工79人，其中在编59人，退休干职工20人。') },
    { name: 'seed: 359.74 = 5 + 20 + 334.74 (integers among two-decimal amounts)', report: dept('2023年项目支出数为359.74万元。其中：招投标监督管理专项项目5万元，质量安全监管专项项目20万元，工作经费334.74万元。') },
    { name: 'rounding explains a one-cent gap: 10.00 vs 3.33 + 3.33 + 3.33', report: dept('共支出10.00万元（培训费3.33万元、会议费3.33万元、差旅费3.33万元）。') },
    { name: 'a rounding gap another statement would close, but of another level (省级 / 中央): rounding still explains it', report: dept('收到省级补助资金1372.7万元。', '收到财政资金共2330.9万元，其中：中央资金1372.8万元，地方资金98.6万元，其他资金859.6万元。') },
    { name: 'nm-linhe: 118 = 10 + 2 + 20 + 12 + 35 + 1 + 25 + 13 (whole 万元 allocations)', report: dept('上级下达的补助资金总额118万元,对临河区设施农业发生灾害的情况进行补助,其中:白脑包镇补助资金10万元、城关镇补助资金2万元、八一乡补助资金20万元、狼山镇补助资金12万元、临河农场补助资金35万元、双河镇补助资金1万元、乌兰图克镇补助资金25万元、干召庙镇补助资金13万元。') },
  ],
  invalid: [
    {
      name: 'one part in 元 among 万元 (xx-zhongxiao-qiye-2011): the sum as written, and the likely unit slip with the sum in 万元',
      report: dept('年初预算为5430万元,实际支出共计5353.48万元。其中支持专精特新小企业资金项目1650万元、支持融资服务专项资金项目1996.5万元、支持中小企业服务体系建设资金项目1709.98元。'),
      findings: [{ severity: 'warning', values: [5353.48, 3646.670998], messageIncludes: ['1709.98元', '疑为单位笔误', '按万元计分项合计5356.48万元', '相差3万元'] }],
    },
    {
      name: 'a unit slip that explains the whole gap: the sum in 万元 is the total',
      report: dept('实际支出共计5356.48万元。其中支持专精特新小企业资金项目1650万元、支持融资服务专项资金项目1996.5万元、支持中小企业服务体系建设资金项目1709.98元。'),
      findings: [{ severity: 'warning', values: [5356.48, 3646.670998], messageIncludes: ['疑为单位笔误', '按万元计分项合计5356.48万元，与总数相符'] }],
    },
    {
      name: 'a rounding gap closed exactly by the part stated elsewhere (nm-linhe 中央资金 1372.7 / 1372.8): warning',
      report: dept('收到中央下达优抚对象生活补助资金1372.7万元。', '收到财政资金共2330.9万元，其中：中央资金1372.8万元，地方资金98.6万元，其他资金859.6万元。'),
      findings: [{ severity: 'warning', values: [1372.8, 1372.7, 2330.9], messageIncludes: ['合计2331.0万元', '中央下达优抚对象生活补助资金1372.7万元', '按此数分项合计恰为总数'] }],
    },
    {
      name: 'a bracketed list that does not add up: 74 vs 68 + 7',
      report: dept('目前在建房屋和市政项目共74个（房屋工程68个，市政工程7个）。'),
      findings: [{ severity: 'error', values: [74, 75], part: '部门整体支出绩效自评报告', messageIncludes: ['在建房屋和市政项目74个', '房屋工程68个', '市政工程7个', '合计75个'], expected: '74个', observed: '75个' }],
    },
    {
      name: '其中 parts falling short may be a partial list: warning',
      report: dept('现有干职工79人，其中在编59人，退休干职工19人。'),
      findings: [{ severity: 'warning', values: [79, 78], messageIncludes: ['干职工79人', '可能不完整'] }],
    },
    {
      name: '其中 amounts above their total beyond rounding: error',
      report: dept('2023年基本支出数为592.17万元。其中人员经费572.61万元，公用经费19.66万元。'),
      findings: [{ severity: 'error', values: [592.17, 592.27], messageIncludes: ['基本支出592.17万元', '合计592.27万元'] }],
    },
    {
      name: 'whole 万元 allocations one above their total, inside the summed rounding intervals: warning (nm-linhe with 26 for 25)',
      report: dept('上级下达的补助资金总额118万元,对临河区设施农业发生灾害的情况进行补助,其中:白脑包镇补助资金10万元、城关镇补助资金2万元、八一乡补助资金20万元、狼山镇补助资金12万元、临河农场补助资金35万元、双河镇补助资金1万元、乌兰图克镇补助资金26万元、干召庙镇补助资金13万元。'),
      findings: [{ severity: 'warning', values: [118, 119], messageIncludes: ['补助资金总额118万元', '乌兰图克镇补助资金26万元', '合计119万元', '各数均为整数'], expected: '118万元', observed: '119万元' }],
    },
  ],
});
