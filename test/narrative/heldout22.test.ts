import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemOf } from '../../src/rules/lib/restated-label.js';
import { checkModel } from '../helpers/check.js';
import { docOf, statsOf } from './helpers.js';

/**
 * Held-out 22 (pages of families we had not read, bench/results/corpus-2026-12-07-heldout22-*): the narrative classes the
 * first look failed on, on the published text of their pages.
 */

const paragraphsOf = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('=') && !l.startsWith('%'));

describe('held-out 22: a total said after its parts (成安 交通运输局 2020 绩效自评工作报告)', () => {
  const text = paragraphsOf('he-chengan-jiaotong-2020');
  const spending = text.find((p) => p.includes('总支出2939.83'))!;

  it('专项资金支出 and 财政资金支出 are parts of the 总支出 after them', () => {
    const stats = statsOf(spending);
    const total = stats.find((s) => s.figure.value === '2939.83')!;
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['316.38', '2419.45']);
  });

  it('finds the 204万元 the two sources leave unexplained, once', () => {
    const { findings } = checkModel(docOf(text));
    const hits = findings.filter((f) => f.severity !== 'info');
    expect(hits.map((f) => f.rule)).toEqual(['narrative-total-parts']);
    expect(hits[0].message).toContain('2939.83');
  });

  it('parts that add up give no finding; amounts named otherwise are no parts', () => {
    const { findings } = checkModel(docOf(['专项资金支出316.38万元，预算执行率61%，财政资金支出2419.45万元，预算执行率58%，总支出2735.83万元，执行率59%。']));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const stats = statsOf('年初预算4660.9万元，上年结转200万元，总支出2939.83万元。');
    expect(stats.some((s) => s.partOf)).toBe(false);
  });

  it('a half-bracket item number (4) / 5)) opens a numbered item: two funds, not one restated', () => {
    const line = '5)冀财建[2019]296号提前下达2020年农村公路建设养护发展专项资金200万。';
    expect(itemOf(line, line.indexOf('200'))?.marker).toBe('5)');
    const { findings } = checkModel(docOf(text));
    expect(findings.filter((f) => f.rule === 'narrative-restated-differs')).toEqual([]);
  });
});

describe('held-out 22: an item restating one part of a stated whole (民乐 彩票公益金 2023 自评)', () => {
  it('下达113万元 with its three projects, then each project\'s 下达 amount: no restatement differs', () => {
    const { findings } = checkModel(docOf(paragraphsOf('gs-minle-caipiao-2023')));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the whole said again with another value is still compared', () => {
    const lines = [
      '一、绩效目标分解下达情况',
      '2023年下达省级福彩公益金113万元,其中养老机构运营补贴项目48万元、社会工作服务站项目建设资金15万元、村级互助幸福院项目建设资金50万元。',
      '二、绩效目标完成情况分析',
      '2023年下达省级福彩公益金118万元,资金到位率100%。',
    ];
    const { findings } = checkModel(docOf(lines));
    expect(findings.some((f) => f.severity !== 'info' && f.message.includes('118'))).toBe(true);
  });
});
