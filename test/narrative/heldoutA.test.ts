import { describe, expect, it } from 'vitest';
import { corpusLines, find, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out A (北京 部门决算 pages, whose 第四部分 is the 部门绩效评价情况; bench/results/corpus-2026-12-07-heldoutA-*):
 * the two classes that raised warnings at first look, each on the published text of its page.
 */

describe('held-out A: a list cut by the page (北京市统计局 2021 部门决算)', () => {
  const id = 'bj-tongjiju-juesuan-2021';

  it('a list whose last 、 is followed by nothing is not counted against its announced count', () => {
    expect(serious(corpusLines(id), 'narrative-list-count')).toEqual([]);
    const line = corpusLines(id).find((l) => l.includes('全额拨款事业单位12个'))!;
    const stats = statsOf(line);
    expect(find(stats, '12个').listLength).toBeNull();
    // the complete list before it is still counted: 内设机构23个, 分别为 23 names
    expect(find(stats, '23个').listLength).toBe(23);
  });

  it('a complete list that misses its count is still found', () => {
    const lines = corpusLines(id).map((l) => l.replace('内设机构23个', '内设机构24个'));
    const findings = serious(lines, 'narrative-list-count');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('24个');
    expect(findings[0].message).toContain('所列为23项');
  });
});

describe('held-out A: growth rates of two wholes (北京市朝阳区财政局 2022 部门决算)', () => {
  const id = 'bj-chaoyang-czj-juesuan-2022';

  it('增长11.87% of 收、支总计 and 增长17.79% of 本年收入合计 are not one rate said twice', () => {
    expect(serious(corpusLines(id), 'figure-mismatch')).toEqual([]);
  });

  it('the same rate restated with the same amounts and another value is still found', () => {
    const lines = corpusLines(id).map((l) =>
      l.startsWith('2022年度本年收入合计') ? '2022年度收、支总计9,685.55万元,比上年增加1,027.91万元,增长11.78%。' : l,
    );
    const findings = serious(lines, 'figure-mismatch');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('11.87%');
    expect(findings[0].message).toContain('11.78%');
  });

  it('a rate stated without its amounts is still compared (no base to tell them apart)', () => {
    const lines = corpusLines(id).map((l) => (l.startsWith('2022年度本年收入合计') ? '2022年度收、支总计比上年有所增加,增长11.78%。' : l));
    expect(serious(lines, 'figure-mismatch').length).toBeGreaterThan(0);
  });
});
