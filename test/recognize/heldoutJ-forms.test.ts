import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out J: 海南省农垦实验中学's 2023 项目支出绩效自评表 as the school published it — a system export whose head
 * labels end in a colon (项目名称: | 46000021T…-学生事务补助, 主管部门: | 203-省教育厅), amounts in 元, 完成率 and
 * 指标性质 / 度量单位 columns; two forms one under the other (bench/results/corpus-2026-12-07-heldoutJ-*).
 */

const FORM = (code: string, name: string, money: string[], indicators: string[][]): string[][] => [
  ['项目支出绩效自评表', '<', '<', '<', '<', '<', '<', '<', '<', '<', '<'],
  ['项目名称:', `${code}-${name}`, '<', '<', '<', '填报人:', '李姣', '联系方式:', '<', '13178966329', '<'],
  ['主管部门:', '203-省教育厅', '<', '<', '<', '实施单位:', '<', '203045-省农垦实验中学', '<', '<', '<'],
  ['资金构成(元)', '<', '年初预算数', '<', '全年预算数', '<', '执行数', '<', '分值', '执行率(%)', '得分'],
  ['资金总额:', '<', money[0], '<', money[1], '<', money[2], '<', '10.00', money[3], money[4]],
  ...indicators,
];

const HEADER = ['一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '度量单位', '实际完成值', '完成率', '分值', '得分', '未完成原因分析'];

const AID = FORM('46000021T000000002749', '学生事务补助', ['120,000.00', '120,000.00', '30,000.00', '25', '2.5'], [
  HEADER,
  ['产出指标', '数量指标', '资助困难教师及学生', '', '52', '', '10', '19.23%', '20.00', '3.85', '滋慧计划由中央直接拨付到个人银行账户。'],
  ['产出指标', '质量指标', '困难教师', '', '2', '', '0', '0.00%', '30.00', '0', '砺耕计划由省厅直接拨付到个人银行账户。'],
  ['效益指标', '社会效益指标', '帮助困难教师和学生提高生活水平', '', '95', '%', '100', '100.00%', '30.00', '30', ''],
  ['满意度指标', '服务对象满意度', '资助困难教师及学生', '', '52', '', '100', '100.00%', '10.00', '10', ''],
  ['合计', '<', '<', '<', '<', '<', '<', '<', '100.00', '46.35', ''],
]);
const TEACHING = FORM('46000021T000000002873', '教育教学管理与监督', ['915,000.00', '915,000.00', '915,000.00', '100', '10'], []);

describe('held-out J: head labels ending in a colon (项目名称:)', () => {
  it('name each form and start a new form at the second 项目名称: row', () => {
    const { report } = check(documentOf(['海南省农垦实验中学2023年项目绩效自评表公开', [...AID, ...TEACHING]]));
    expect(report.projects.map((p) => p.name?.text)).toEqual(['46000021T000000002749-学生事务补助', '46000021T000000002873-教育教学管理与监督']);
    expect(report.projects[0].supervisor?.text).toBe('203-省教育厅');
    expect(report.projects[0].indicators.map((i) => i.score?.text)).toEqual(['3.85', '0', '30', '10']);
  });

  it('a low execution rate explained by money paid directly to people is a note quoting it, not a warning', () => {
    const { findings } = check(documentOf(['海南省农垦实验中学2023年项目绩效自评表公开', [...AID, ...TEACHING]]));
    const low = findings.filter((f) => f.rule === 'budget-change-reason');
    expect(low.map((f) => f.severity)).toEqual(['info']);
    expect(low[0].message).toContain('直接拨付');
  });
});
