import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { checkModel } from '../helpers/check.js';
import { corpusLines, seriousFindings, statsOf } from './helpers.js';

/**
 * Held-out 24a (kinds of unit and funds the corpus lacked: 红十字会, 科协, 退役军人, 供销社, 地震局, 粮食储备, 殡葬;
 * bench/results/corpus-2026-12-07-heldout24a-*): four classes found at first look, on their published text.
 */

const bytesOf = (id: string) => readFileSync(new URL(`../corpus/real/${id}/${id}.docx`, import.meta.url));
const resultOf = async (id: string) => (await runPipeline({ bytes: bytesOf(id), file: `${id}.docx` })).result;

describe('held-out 24a: a page filed as 自评报告 that lost its title (保山市地震局 2021)', () => {
  it('is read as a department report from its record head (公开目录 | 自评报告) and its outline (一、部门基本情况)', async () => {
    const result = await resultOf('yn-baoshan-dizhen-2021');
    expect(result.report?.narratives.map((n) => n.reportKind)).toEqual(['dept']);
    expect(result.discrepancies.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a record filing the same prose under another catalogue (部门决算) starts no report', async () => {
    const doc = await parseDocument(bytesOf('yn-baoshan-dizhen-2021'));
    const record = doc.blocks.find((b) => b.kind === 'table');
    if (record?.kind !== 'table') throw new Error('no record head');
    const refiled = { ...record, cells: record.cells.map((c) => (c.text === '自评报告' ? { ...c, text: '部门决算' } : c)) };
    const { report } = checkModel({ ...doc, blocks: doc.blocks.map((b) => (b === record ? refiled : b)) });
    expect(report.narratives).toEqual([]);
  });
});

describe('held-out 24a: leadership posts under a staff count (保山市地震局 2021)', () => {
  const staffing = '核定事业编制14 名。其中,正处级领导职数1 名、副处级领导职数2 名;科级领导职数8 名(其中正科级领导职数5 名,副科级领导职数3 名)。';

  it('are not parts of the 编制; posts still divide a count of posts', () => {
    const stats = statsOf(staffing);
    const byValue = (v: string) => stats.find((s) => s.figure.value === v)!;
    expect(stats.filter((s) => s.partOf === byValue('14').id)).toEqual([]);
    expect(stats.filter((s) => s.partOf === byValue('8').id).map((s) => s.figure.value)).toEqual(['5', '3']);
  });

  it('so 1 + 2 is not reported against 14; people under 编制 are still summed', () => {
    const lines = (staff: string) => ['某市地震局2021年度部门整体支出绩效自评报告', '一、部门基本情况', staff];
    expect(seriousFindings(lines(staffing), 'narrative-total-parts')).toEqual([]);
    expect(seriousFindings(lines('核定事业编制14名，其中：公务员9人，工勤人员4人。'), 'narrative-total-parts')).toHaveLength(1);
  });
});

describe('held-out 24a: one class of spending under 基本支出 and under 项目支出 (郴州市殡葬管理处 2016)', () => {
  it('names two measures, not one restated', () => {
    expect(seriousFindings(corpusLines('hn-chenzhou-binzang-2016'), 'narrative-restated-differs')).toEqual([]);
  });

  it('the same sentences under two sections of no budget scope are still compared', () => {
    const lines = corpusLines('hn-chenzhou-binzang-2016').map((l) => l.replace(/^\(二\)项目支出$/, '(二)执法工作情况'));
    expect(seriousFindings(lines, 'narrative-restated-differs').length).toBeGreaterThan(0);
  });
});

describe('held-out 24a: bodies counted in 具 (昌宁县殡葬服务中心 2019)', () => {
  it('a count of 2000具 is a count, not the year 2000', () => {
    const stats = statsOf('超额完成《昌宁县殡葬服务中心2019年工作计划》中的火化任务2000具,2019年共火化遗体2317具。');
    expect(stats.map((s) => s.figure.text)).toEqual(['2000具', '2317具']);
    expect(statsOf('该设备具有2具体功能。').map((s) => s.figure.text)).not.toContain('2具');
  });
});

describe('held-out 24a: the execution score formula in traditional characters (鄂州市科协 2022, 得分(20分*執(zhí)行率))', () => {
  it('gives the points: 20 × 99.97% = 19.99, not the 19 printed', async () => {
    const hits = (await resultOf('hb-ezhou-kexie-2022')).discrepancies.filter((f) => f.rule === 'execution-score');
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toContain('19.99');
  });
});

describe('held-out 24a: an attachment label above a broken title (保山市退役军人事务局 2020: 附件1 / 2020年度项目绩效自评报告 / (…项目))', () => {
  it('labels the report and is no word of its title', async () => {
    const titles = (await resultOf('yn-baoshan-tuiyijunren-2020')).report?.narratives.map((n) => n.title);
    expect(titles).toEqual(['2020年度项目绩效自评报告(退役军人事务工作领导小组会议经费项目)']);
  });
});

describe('held-out 24a batch C: a 其中 in the first item of a numbered list run into one sentence (沅陵县档案局 2016)', () => {
  const funds = '(一)项目资金安排落实情况:1、档案管理项目资金:2016年县财政安排30万元在当年都按时到位,其中国重档案10万元;2、县档案馆建设项目资金:2016年县财政拨款427.36万元,于2016年当年全部到位。';

  it('ends at the next item (；2、): 427.36 is not a part of the 30', () => {
    const stats = statsOf(funds);
    const total = stats.find((s) => s.figure.value === '30')!;
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['10']);
  });

  it('a 其中 that opens the numbered list still takes its items as parts', () => {
    const stats = statsOf('项目共14个，预算资金为2836.14万元，其中：1.本年项目11个，预算资金为2827.23万元；2.上年结转结余项目3个，预算资金为8.91万元。');
    const total = stats.find((s) => s.figure.value === '2836.14')!;
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['2827.23', '8.91']);
  });
});

describe('held-out 24a batch C: 湖北\'s form run into one paragraph on a document site (黄冈市档案馆 2020, 預算數(A)執行數(B)…年度財政資金總額10萬10萬100%20)', () => {
  it('is read: 预算数(A) glued to 执行数(B), the score column\'s formula, 年度财政资金总额 whole, 10万 as 10 万元', async () => {
    const result = await resultOf('hb-huanggang-danganguan-2020');
    const row = result.report?.projects[0]?.budget?.rows.find((r) => r.kind === 'total');
    expect([row?.fullYearBudget?.figure?.value, row?.executed?.figure?.value, row?.rate?.text, row?.score?.figure?.value]).toEqual(['10', '10', '100%', '20']);
  });

  it('its report\'s 自评得分100分 is not held against the one score of a form cut before its indicators', async () => {
    const result = await resultOf('hb-huanggang-danganguan-2020');
    expect(result.discrepancies.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
