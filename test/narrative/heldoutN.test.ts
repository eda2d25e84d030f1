import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out N (bench/results/corpus-2026-12-08-heldoutN-*), the texts as the pages print them:
 * 博乐市's 2020 抗疫特别国债 自评 (projects listed ㈠…㈧, each amount's clause only 安排资金), 许昌 河湖水系's
 * 2022 整体和项目支出 自评总结报告 (a unit's whole and its project in one report), a 范文 site's 六安 智慧学校
 * 自评 in traditional characters (the site's heading and introduction above the essay; points in brackets),
 * and 海南省规划展览馆's 项目绩效目标表 printed before its 2018 自评报告.
 */

const labelOf = (report: ReturnType<typeof check>['report'], text: string) => report.statistics.find((s) => s.figure.text === text)?.label;

describe('held-out N: an amount in a listed item is that item’s', () => {
  const bole = documentOf([
    '关于抗疫特别国债执行情况绩效自评报告',
    '2.绩效目标设定情况',
    '㈠博乐市南城区中水调节池工程项目。安排资金7000万元,主要用于新建调节池总容积766万m³及泵房管网等配套设施。',
    '㈥博乐市城市供热基础设施及配套项目(一期)项目。安排资金7860万元,主要用于建设换热站70座,建设DN200-500供热管网84000米及检查井等附属设施。',
  ]);

  it('labels 安排资金 with the project the item names', () => {
    const { report } = check(bole);
    expect(labelOf(report, '7000万元')).toBe('博乐市南城区中水调节池工程项目安排资金');
    expect(labelOf(report, '7860万元')).toBe('博乐市城市供热基础设施及配套项目(一期)项目安排资金');
    // a figure with words of its own keeps them
    expect(labelOf(report, '70座')).toBe('主要用于建设换热站');
  });

  it('leaves a numbered section heading run into its prose alone (it names no funded thing)', () => {
    const { report } = check(
      documentOf(['2023年西平县农产品交易市场仓储基地建设项目绩效自评报告', '1.项目资金到位情况分析。项目资金8010万元均已到位及时安排到相关项目。']),
    );
    expect(labelOf(report, '8010万元')).toBe('项目资金');
    // an item named by a fund: its name before the money word, not the word twice
    const funds = check(documentOf(['2023年西平县农产品交易市场仓储基地建设项目绩效自评报告', '(一)中央财政衔接资金。下达资金8010万元,已全部拨付。', '(二)县级配套资金。资金120万元已到位。']));
    expect(labelOf(funds.report, '8010万元')).toBe('中央财政衔接资金下达资金');
    expect(labelOf(funds.report, '120万元')).toBe('县级配套资金');
  });
});

describe('held-out N: a unit’s report on its whole and its projects', () => {
  const xuchang = documentOf([
    '许昌市河湖水系水源调度中心 2022 年整体和项目支出绩效自评总结报告',
    '一是单位整体绩效自评情况:完成年度水系科学调度,保持 水系清水长流。部门预算总金额 803.74 万元其中:基本支出 757.49 万元,项目支出 46.25 万元。 完成率均达到 100%;部门目标实现率 100%,整体绩效自评为优 秀; 二是项目绩效自评情况。我单位共有 1 个项目批复了绩效目 标,项目金额 46.00 万元。',
  ]);

  it('is the whole unit’s report, and its 整体 grade the unit’s', () => {
    const { report, findings } = check(xuchang);
    expect(report.narratives.map((n) => n.part)).toEqual(['部门整体支出绩效自评报告']);
    expect(report.grades?.map((g) => [g.grade, g.subject])).toEqual([['优秀', 'dept']]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('held-out N: a 范文 site’s page in traditional characters', () => {
  const liuan = documentOf([
    '報(bào)告',
    '工程項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告',
    '時(shí)間:2024-10-13 12:53:12 報(bào)告 我要投稿',
    '工程項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告精選(15篇)',
    '  我們眼下的社會(huì),接觸并使用報(bào)告的人越來(lái)越多,報(bào)告具有成文事后性的特點(diǎn)。我敢肯定,大部分人都對(duì)寫(xiě)報(bào)告很是頭疼的,下面是小編精心整理的工程項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告,僅供參考,希望能夠幫助到大家。',
    '工程項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告精選(15篇)',
    '工程項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告1',
    '  根據(jù)《安徽省教育廳安徽省財(cái)政廳關(guān)于印發(fā)安徽省義務(wù)教育小規(guī)模學(xué)校(教學(xué)點(diǎn))智慧學(xué)校建設(shè)項(xiàng)目績(jī)效評(píng)價(jià)辦法的通知》(皖教〔20xx〕10號(hào))文件精神,現(xiàn)將我縣20xx年義務(wù)教育小規(guī)模學(xué)校(教學(xué)點(diǎn))智慧學(xué)校建設(shè)項(xiàng)目績(jī)效評(píng)價(jià)自評(píng)情況匯報(bào)如下:',
    '  一、投入(20分)',
  ]);

  it('reads the site’s heading and its introduction (下面是小編…整理的) as the essay’s cover: one report', () => {
    const { report } = check(liuan);
    expect(report.narratives).toHaveLength(1);
    expect(report.narratives[0].title).toContain('報(bào)告1');
  });

  it('names a figure alone in brackets by the words before them (一、投入(20分) → 投入)', () => {
    const { report } = check(liuan);
    expect(labelOf(report, '20分')).toBe('投入');
    expect(labelOf(report, '15篇')).toBe('工程项目绩效评价报告精选');
  });
});

describe('held-out N: a 项目绩效目标表 before the report', () => {
  const TARGETS = [
    ['項(xiàng)目績(jī)效目標(biāo)表', '<', '<', '<', '<', '<', '<'],
    ['項(xiàng)目名稱:海南省規(guī)劃展覽館運(yùn)行維護(hù)項(xiàng)目', '<', '<', '<', '<', '<', '<'],
    ['指標(biāo)類型', '績(jī)效指標(biāo)', '績(jī)效目標(biāo)', '績(jī)效標(biāo)準(zhǔn)', '<', '<', '<'],
    ['^', '^', '^', '優(yōu)', '良', '中', '差'],
    ['產(chǎn)出指標(biāo)', '指標(biāo)1:物業(yè)管理面積', '6500平方米', '6500平方米以上', '5500平方米-6500平方米', '4500平方米-5500平方米', '4500平方米以下'],
    ['^', '指標(biāo)2:用電量', '60萬(wàn)度', '60萬(wàn)度以上', '50萬(wàn)度-60萬(wàn)度', '40萬(wàn)度-50萬(wàn)度', '40萬(wàn)度以下'],
    ['注:以預(yù)算批復(fù)的績(jī)效目標(biāo)為準(zhǔn)填列。', '<', '<', '<', '<', '<', '<'],
  ];

  it('is no self-evaluation form: not read as a 项目支出绩效自评表 whose head and budget were not found', () => {
    const { report, findings } = check(documentOf([TARGETS, '2018年財(cái)政支出項(xiàng)目績(jī)效自評(píng)報(bào)告', '一、項(xiàng)目概況']));
    expect(report.projects).toEqual([]);
    const notes = findings.filter((f) => f.rule === 'coverage').map((f) => f.message);
    expect(notes.some((m) => m.includes('表头未能完全识别'))).toBe(false);
    expect(notes.some((m) => m.includes('未归入任何部分'))).toBe(true);
    // the reviewer is told which table by its order in the document counted from 1, not by the internal 0-based index
    expect(notes.find((m) => m.includes('未归入任何部分'))).toContain('：第1张表格，');
  });

  it('a form with actual values and scores under the same head is still a project form', () => {
    const form = [
      ['项目支出绩效自评表', '<', '<', '<', '<', '<', '<'],
      ['项目名称', '海南省规划展览馆运行维护项目', '<', '<', '<', '<', '<'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '物业管理面积', '6500平方米', '6500平方米', '50', '50'],
      ['满意度指标', '服务对象满意度', '参观者满意度', '≥90%', '95%', '50', '50'],
    ];
    expect(check(documentOf([form])).report.projects).toHaveLength(1);
  });
});
