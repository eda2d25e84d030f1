import { rule } from '../../../src/rules/numbered-breakdown.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { docOf, withNarrative } from '../../narrative/helpers.js';

// the layout of hn-nanxian-jiuye-2023: a total announced, 具体如下, then numbered paragraphs
const ITEMS = ['1、档案整理费5万元,主要用于档案整理。', '2、失业保险政策宣传5万元,主要用于宣传。', '3、城乡就业工作经费5万元,主要用于日常工作。', '4、就业专项资金594.74万元,主要用于专项培训。'];
// the items in consecutive paragraphs: the first after the announcing one, the rest after it
const consecutive = (items: string[], head?: string) => {
  const l = ['#项目支出绩效评价报告', '#一、项目基本情况', head ?? '南县就业服务中心2023年参与绩效评价的项目共4个,项目支出609.74万元。其中:财政拨款项目支出15万元,其他项目支出594.74万元。具体如下:', ...items, '#二、绩效评价工作情况', '评价工作按计划完成。'];
  return { report: withNarrative(report({}), l), document: docOf(l) };
};

export default ruleCases({
  rule,
  valid: [
    { name: 'hn-nanxian-jiuye-2023 as published: 5 + 5 + 5 + 594.74 = 609.74, four items', ...consecutive(ITEMS) },
    { name: 'the items add up to a 其中 part (594.74), not the whole', ...consecutive(['1、就业专项资金500万元。', '2、培训补贴94.74万元。'], '项目支出609.74万元。其中:财政拨款项目支出15万元,其他项目支出594.74万元,具体如下:') },
    { name: 'cq-dazu-fgw-2020 as published: 下设2个管理机构,一是…;二是…', ...consecutive([], '发改委另有临时机构设在发改委;下设2个管理机构,一是正处级事业单位区经济信息中心;二是正科级事业单位区价格认证中心。') },
    { name: 'numbered paragraphs without amounts: not a breakdown of money', ...consecutive(['1、档案整理。', '2、政策宣传。'], '项目支出609.74万元,主要包括:') },
  ],
  invalid: [
    {
      name: 'item 4 changed (594.74 → 654.21): the list adds up to none of the amounts',
      ...consecutive([...ITEMS.slice(0, 3), '4、就业专项资金654.21万元,主要用于专项培训。']),
      findings: [{ severity: 'warning', values: [609.74, 15, 594.74, 669.21, 5, 5, 5, 654.21], messageIncludes: ['669.21万元', '配对依据', '具体如下'] }],
    },
    {
      name: 'five items listed, four announced',
      ...consecutive([...ITEMS, '5、其他经费0万元。']),
      findings: [{ severity: 'warning', values: [4, 5], messageIncludes: ['项目4个', '5项'] }],
    },
    {
      name: 'cq-dazu-fgw-2020 planted: 3个管理机构 announced, 一是/二是 listed',
      ...consecutive([], '发改委另有临时机构设在发改委;下设3个管理机构,一是正处级事业单位区经济信息中心;二是正科级事业单位区价格认证中心。'),
      findings: [{ severity: 'warning', values: [3, 2], messageIncludes: ['管理机构3个', '2项', '一是'] }],
    },
  ],
});
