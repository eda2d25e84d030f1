import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractStats } from '../../src/narrative/extract.js';
import { copiedLineByLine } from '../../src/narrative/line-copy.js';
import { reportsOnPerformance } from '../../src/narrative/performance-prose.js';
import { countedItemsDiffer } from '../../src/rules/lib/restated-label.js';
import { readFundingLine } from '../../src/recognize/flattened-table.js';
import { find, paragraphs, statsOf } from './helpers.js';

/**
 * Held-out 18b (pages found by fund name): the classes the first look missed, each on the published
 * text of its page (bench/results/corpus-2026-12-06-heldout18b-*).
 */

const lines = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('='));

const ctx = { part: '测试', narrative: 0, sectionOf: () => null };
const labels = (ls: string[]) =>
  extractStats(paragraphs(ls), false, ctx)
    .filter((s) => s.normalizedUnit === '万元')
    .map((s) => [s.figure.value, s.label]);

/** 广东 2005 自评报告书: the header line, a line between, the row line, the other two headers. */
const ZAIJIUYE = lines('gd-zaijiuye-zipingshu-2005');
const ROW_LINE = ZAIJIUYE.findIndex((l) => l.includes('合计 41375'));
const BLOCK = ZAIJIUYE.slice(ROW_LINE - 2, ROW_LINE + 2);

describe('held-out 18b: a form row flattened with its label once per column', () => {
  const expected = [
    ['41375', '项目投入总金额（合计）'],
    ['32258', '实际到位总金额（合计）'],
    ['29376.6', '项目实际支出总金额（合计）'],
    ['41375', '项目投入总金额（省财政投入）'],
    ['32258', '实际到位总金额（省财政投入）'],
    ['29376.6', '项目实际支出总金额（省财政投入）'],
  ];

  it('reads each value as its column\'s amount, in the headers\' 万元 (广东 再就业 2005, as the page spaces it)', () => {
    expect(labels(BLOCK)).toEqual(expected);
  });

  it('reads the same from the PDF\'s text, spaces between ideographs and digits gone', () => {
    expect(labels(BLOCK.map((l) => l.replace(/(?<=[\u4e00-\u9fa5])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fa5])/g, '')))).toEqual(expected);
  });

  it('reads nothing so when the lines near it do not name exactly as many columns', () => {
    // the row alone: no header, whole numbers stay unread
    expect(labels([BLOCK[2]])).toEqual([]);
    // two headers for three columns: which is which is not known
    expect(labels([BLOCK[2], BLOCK[3]]).map(([, label]) => label).filter((l) => /（合计）/.test(l))).toEqual([]);
  });

  it('a funding row of a flattened 自评表 printed so is its values, one per column', () => {
    expect(readFundingLine('合计 41375 合计 32258 合计 29376.6')?.run).toBe('41375 32258 29376.6');
    // a label repeated inside other words is left to the column splitter
    expect(readFundingLine('合计 41375 合计数 32258')?.run).toBe('41375 合计数 32258');
  });
});

describe('held-out 18b: a money unit split by a space', () => {
  it('2.5 亿 元 is 2.5亿元, not a bare 2.5 under the form\'s (万元) caption', () => {
    const s = find(statsOf(ZAIJIUYE.find((l) => l.includes('2.5 亿'))!), '2.5 亿 元');
    expect([s.normalizedUnit, s.normalizedValue]).toEqual(['万元', '25000']);
  });
});

describe('held-out 18b: an evaluation report whose page opens at its cover', () => {
  const daqi = lines('xj-daqi-wuran-2024');

  it('is a report: 项目名称 / 实施单位（公章）/ 主管部门（公章）/ 委托单位 / 评价机构 … then prose (新疆 大气污染防治资金)', () => {
    expect(reportsOnPerformance(daqi)).toBe(true);
  });

  it('the same prose without the cover is not enough', () => {
    expect(reportsOnPerformance(daqi.filter((l) => !/^[^:：]{2,12}[:：]/.test(l) || l.startsWith('根据')))).toBe(false);
  });

  it('a form\'s head (项目名称 / 主管部门 / 实施单位 without seal or evaluator) is no cover', () => {
    const head = ['项目名称:自治区大气污染防治资金', '实施单位:各地州生态环境局', '主管部门:自治区生态环境厅', '填报时间:2025年8月11日'];
    expect(reportsOnPerformance([...head, ...daqi.filter((l) => l.startsWith('根据') || l.startsWith('按照'))])).toBe(false);
  });
});

describe('held-out 18b batch B: a PDF copied into Word line by line', () => {
  const yibao = lines('gx-yibao-zhongxin-2024');

  it('is told by its lines (a 医保 center\'s 2024 自评结果 page, every printed line a paragraph)', () => {
    expect(copiedLineByLine(paragraphs(yibao))).toBe(true);
  });

  it('is read with its lines joined: a label broken over two lines is whole (本\\n级项目支出385.58万元)', () => {
    const stats = extractStats(paragraphs(yibao), copiedLineByLine(paragraphs(yibao)), ctx);
    expect(stats.find((s) => s.figure.value === '385.58')?.label).toContain('本级项目支出');
  });

  it('a Word report whose paragraphs end their sentences is not', () => {
    expect(copiedLineByLine(paragraphs(lines('sc-yanbian-gonggong-2021')))).toBe(false);
    expect(copiedLineByLine(paragraphs(lines('gx-yiliao-nengli-2018')))).toBe(false);
  });
});

describe('held-out 18b batch B: the money of each category counted before it', () => {
  const sentence =
    '所有项目均开展了绩效自评，其中非敏感涉密项目绩效自评结果为：21个项目评为一等，涉及资金656.93万元，占项目总数比例100%；0个项目评为二等，涉及资金0万元，占项目总数比例0%。';
  const [first, second] = statsOf(sentence).filter((s) => s.label.startsWith('涉及资金'));

  it('two grades\' 涉及资金 are two measures (一等 656.93, 二等 0)', () => {
    expect(countedItemsDiffer(first, second)).toBe(true);
  });

  it('the same category written twice with two amounts is one measure', () => {
    const again = statsOf('21个项目评为一等，涉及资金650万元。').find((s) => s.label.startsWith('涉及资金'))!;
    expect(countedItemsDiffer(first, again)).toBe(false);
  });
});
