import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportTitle } from '../../src/narrative/report-title.js';
import { runPipeline } from '../../src/pipeline.js';

/**
 * Held-out 23a (浙江 and 江苏 专项债券 results pages nobody had read; bench/results/corpus-2026-12-07-heldout23a-*):
 * a township's or bureau's publication of its 专项债券 evaluation results — a sentence citing 浙财债〔2022〕24号 and
 * a table 序号 | 项目单位 | 项目名称 | 发行金额(亿元) | 评价结果 — was read as a project's self-evaluation form when
 * the table held one project, and as nothing when the page had no title.
 */

const run = async (id: string) => (await runPipeline({ bytes: new Uint8Array(readFileSync(`test/corpus/real/${id}/${id}.docx`)), file: `${id}.docx` })).result;

describe('held-out 23a: a results list of one project is no form', () => {
  it('温州 教育基建中心 2022 (发行金额 1.9 | 评价结果 优): no project form, the page a report', async () => {
    const r = await run('zj-wenzhou-jiaoyu-2022');
    expect(r.report?.projects).toHaveLength(0);
    expect(r.report?.narratives).toHaveLength(1);
    expect(r.discrepancies.filter((f) => f.severity !== 'info')).toHaveLength(0);
  });

  it('永嘉 巽宅镇 2023 (one row, 评价结果 优 with no score): the same', async () => {
    const r = await run('zj-yongjia-xunzhai-2023');
    expect(r.report?.projects).toHaveLength(0);
    expect(r.report?.narratives.map((n) => n.title)).toEqual(['2023年巽宅专项债券项目资金绩效评价公开']);
  });
});

describe('held-out 23a: a results page without a title', () => {
  it('三门 住建局 2024 is a report, its table caption standing for the title', async () => {
    const r = await run('zj-sanmen-zhujian-2024');
    expect(r.report?.narratives.map((n) => n.title)).toEqual(['三门县住房和城乡建设局2024年度专项债券项目资金绩效评价情况表']);
    expect(r.discrepancies.filter((f) => f.severity === 'error')).toHaveLength(0);
  });

  it('a results caption with a year is a title; a form caption, a numbered caption or one without a year is not', () => {
    expect(reportTitle('2022年度地方政府专项债券项目资金绩效评价情况表')).not.toBeNull();
    expect(reportTitle('2023年巽宅专项债券项目资金绩效评价公开')).not.toBeNull();
    expect(reportTitle('2023年度项目支出绩效自评表')).toBeNull();
    expect(reportTitle('表1:2025年财政重点项目绩效评价结果表')).toBeNull();
    expect(reportTitle('二、专项资金绩效自评结果汇总表')).toBeNull();
    expect(reportTitle('专项债券项目资金绩效评价情况表')).toBeNull();
  });
});

describe('held-out 23a: a year written with spaces inside (2018 年 度) votes as 年度', () => {
  it('塘桥 2018 评价报告 (cover run into one paragraph, its report date 2019 年 6 月 14 日): no year warning', async () => {
    const r = await run('sh-tangqiao-zhengxin-2018');
    expect(r.discrepancies.filter((f) => f.rule === 'year-consistency')).toHaveLength(0);
  });
});
