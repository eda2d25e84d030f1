/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted23) missed: one class each, on the corpus
 * document where the bench planted it. The unchanged document has no error or warning of the rule; the
 * planted one has one, naming the changed cell.
 */
import { describe, expect, it } from 'vitest';
import { plantedIn } from './planted-real-helpers.js';

describe('planted23: classes the real reports hid', () => {
  // 施甸: "预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)" over "650 | 94 | 0.1 | 2.9": no 分值 cell, a rate
  // of ±5 points; 20 × 94/650 = 2.89 (2.9 as written), 20 × 94/715 = 2.63
  it('yn-shidian-nongye-2019: 全年预算数 650 → 715 under a coarse rate (0.1) is an execution-score warning by 执行数/预算数', async () => {
    const fs = await plantedIn('yn-shidian-nongye-2019', 'execution-score', '年度财政资金总额', '| 650 |', '| 715 |');
    expect(fs).toHaveLength(1);
    expect(fs[0][0]).toBe('warning');
    expect(fs[0][1][0]).toBe(2.9);
    expect(fs[0][1][1]).toBeCloseTo(2.63, 2);
    expect(fs[0][2]).toContain('94/715');
  }, 60_000);

  it('yn-shidian-nongye-2019: a score multiplied from the printed rate (20 × 0.1 = 2) is accepted', async () => {
    expect(await plantedIn('yn-shidian-nongye-2019', 'execution-score', '年度财政资金总额', '| 0.1 | 2.9', '| 0.1 | 2')).toEqual([]);
  }, 60_000);

  it('hb-huangshi-haimian-2022: the 年度财政资金总额 全年执行数 left blank beside its printed rate is a warning (no funding rows to carry it)', async () => {
    const fs = await plantedIn('hb-huangshi-haimian-2022', 'zero-total-nonzero-parts', '年度财政资金总额', '| 195.5 |', '|  |');
    expect(fs).toEqual([['warning', [200], expect.stringContaining('未填')]]);
  }, 60_000);
});
