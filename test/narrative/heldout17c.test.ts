import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { documentOf } from '../helpers/model.js';
import { extractStats } from '../../src/narrative/extract.js';
import { find, paragraphs, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out 17c (河南, 安徽, 四川, 重庆, 云南, 内蒙古 pages nobody had read): the classes that failed at first look,
 * each on the published text of its page (bench/results/corpus-2026-12-06-heldout17c-*).
 */


/** 昆明 呈贡 云大附中呈贡中学 2023: money received, its two sources, then the year's spending in the same 其中. */
const CHENGGONG =
  '2023年学校共收到财政资金57511795.36元。其中,收到2022年底结转2023年的自有资金759897.87元,2023年当期取得收入56751897.49元,2023年当期发生支出56916443.49元。其中,基本支出为50167398.51元,基本支出用于保障教师待遇和维持学校的正常运转;项目支出为6749044.98元。2023年年末结余自有资金595351.87元。';
const CHENGGONG_LINES = ['昆明市呈贡区云大附中呈贡中学', '2023部门整体支出绩效评价报告', '一、基本情况', '(一)部门整体支出概况', CHENGGONG];

describe('held-out 17c: spending after the parts of money received (呈贡中学 2023)', () => {
  it('the year spending is not a third source of the money received', () => {
    const stats = statsOf(CHENGGONG);
    const received = find(stats, '57511795.36元').id;
    expect(find(stats, '759897.87元').partOf).toBe(received);
    expect(find(stats, '56751897.49元').partOf).toBe(received);
    expect(find(stats, '56916443.49元').partOf).not.toBe(received);
    expect(find(stats, '50167398.51元').partOf).toBe(find(stats, '56916443.49元').id);
    expect(serious(CHENGGONG_LINES, 'narrative-total-parts')).toEqual([]);
  });

  it('sources that do not add up are still found', () => {
    const wrong = CHENGGONG.replace('759897.87元', '750897.87元');
    const findings = serious(CHENGGONG_LINES.slice(0, 4).concat(wrong), 'narrative-total-parts');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('750897.87');
  });
});

/** 海南 森林生态效益补偿基金: a 项目基本信息 form flattened by a document site, three columns' 其中 rows run together. */
const SENLIN_LINES = [
  '财政支出项目绩效评价报告',
  '一、项目基本情况',
  '计划投资额(万元)18821.06实际到位资金(万元)18821.06实际使用情况(万元)18821.06',
  '其中:中央财政4676 其中:中央财政4676 其中:中央财政4676 省财政14145.06 省财政14145.06省财政14145.06市县财政0 市县财政0 市县财政0 其他0 其他0 其他0 二、绩效评价指标评分',
];

describe('held-out 17c: a 其中 row repeated once per flattened column (海南 森林生态 2014)', () => {
  it('repeats of one part are not further parts', () => {
    const joined = `${SENLIN_LINES[2]}${SENLIN_LINES[3]}`;
    expect(serious([SENLIN_LINES[0], SENLIN_LINES[1], joined], 'narrative-total-parts')).toEqual([]);
  });

  it('a flattened field keeps its name: 计划投资额 / (万元)18821.06', () => {
    const stats = extractStats(paragraphs(['计划投资额', '(万元)18821.06']), false, { part: '测试', narrative: 0, sectionOf: () => null });
    expect(find(stats, '18821.06').label).toContain('计划投资额');
  });

  it('two different parts of one value stay parts (临河 防灾减灾: 城關鎮 and 雙河鎮 both 2萬元)', () => {
    const text =
      '上級下達的補助資金總額118萬元,其中:白腦包鎮補助資金10萬元、城關鎮補助資金2萬元、八一鄉補助資金20萬元、狼山鎮補助資金12萬元、臨河農場補助資金35萬元、雙河鎮補助資金2萬元、烏蘭圖克鎮補助資金25萬元、干召廟鎮補助資金13萬元。';
    const stats = statsOf(text);
    const total = find(stats, '118萬元').id;
    expect(stats.filter((s) => s.partOf === total)).toHaveLength(8);
  });
});

/** 西区 动物疫病预防控制中心 2021: one sentence pattern per fund, each with its own allocation and spending. */
const XIQU_LINES = [
  '西区动物疫病预防控制中心2021年度部门整体支出绩效自评报告',
  '二、部门资金基本情况',
  '(二)追加预算安排及支出情况',
  '2021年西区动物疫病预防控制中心追加预算82.25万元,支出7.48万元。',
  '(三)专项资金安排及支出情况',
  '2021年西区动物疫病预防控制中心安排专项资金5.6万元,支出 1.51万元',
  '(四)其他资金收支及结转结余使用情况',
  '2021年西区动物疫病预防控制中心上年结转结余项目资金24.05万元,支出9.28万元。',
];

describe('held-out 17c: a sentence pattern reused for other subjects (西区 动防中心 2021)', () => {
  it('what each fund spent is not a restatement of another fund', () => {
    expect(serious(XIQU_LINES, 'figure-mismatch')).toEqual([]);
  });

  it('a restatement that keeps its subject is still compared', () => {
    const lines = [...XIQU_LINES, '三、绩效目标完成情况分析', '2021年西区动物疫病预防控制中心追加预算82.25万元,支出7.84万元。'];
    const findings = serious(lines, 'figure-mismatch');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.message.includes('7.84') && f.message.includes('7.48'))).toBe(true);
  });
});

describe('held-out 17c: a title only in the record head (重庆 梁平 全域旅游 2023, traditional with glosses)', () => {
  const head = [
    ['索引號(hào)', '11500228008652361T/2023-00209', '發(fā)文字號(hào)', ''],
    ['發(fā)布機(jī)構(gòu)', '梁平區(qū)財(cái)政局', '有效性', ''],
    ['標(biāo)題', '重慶市梁平區(qū)鄉(xiāng)村振興及全域旅遊項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告', '', ''],
    ['成文日期', '2023-12-21', '發(fā)布日期', '2023-12-21'],
  ];
  const contents = ['(二)績(jī)效評(píng)價(jià)主要依據(jù)', '(三)績(jī)效評(píng)價(jià)原則標(biāo)準(zhǔn)', '(一)缺乏績(jī)效目標(biāo)申報(bào)表,績(jī)效管理工作重視程度不夠'];

  it('the record 标题 names the report when no paragraph does', () => {
    const reports = findReports(documentOf([head, ...contents]));
    expect(reports).toHaveLength(1);
    expect(reports[0].title).toContain('全域旅遊');
  });

  it('a record whose title names no report, or a table without record fields, makes none', () => {
    const notice = head.map((r) => (r[0].startsWith('標') ? [r[0], '梁平區(qū)2023年財(cái)政預(yù)算執(zhí)行情況', '', ''] : r));
    expect(findReports(documentOf([notice, ...contents]))).toHaveLength(0);
    const plain = [['標(biāo)題', '重慶市梁平區(qū)鄉(xiāng)村振興及全域旅遊項(xiàng)目績(jī)效評(píng)價(jià)報(bào)告'], ['金额', '100']];
    expect(findReports(documentOf([plain, ...contents]))).toHaveLength(0);
  });
});
