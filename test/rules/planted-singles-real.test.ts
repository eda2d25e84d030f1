/**
 * Single plants in real layouts (bench/planted-real.ts): an execution rate changed on an OCR'd 重庆 form
 * whose 年度资金总额 label was garbled and whose indicator table is cut; a share written as a lower
 * bound past 100% ("达到105%以上"). The unchanged document has no finding of the rule.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const findings = (lines: string[], rule: string) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');

describe('single plants in real layouts', () => {
  it('cq-kexuecheng-rongmeiti-2021: 执行率 76% → 69% beside 权重 10 and 得分 7.6 (label cell garbled, indicator table cut)', async () => {
    const lines = source('cq-kexuecheng-rongmeiti-2021');
    expect(await findings(lines, 'execution-score')).toEqual([]);
    const fs = await findings(planted(lines, '| 10 | 7.6', '76%', '69%'), 'execution-score');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [7.6, 6.9]]]);
  }, 60_000);

  it('nm-alashan-wuliji-2023: 牧民满意度达到95%以上 → 105%以上 is an error (a lower bound past 100%)', async () => {
    const lines = source('nm-alashan-wuliji-2023');
    expect(await findings(lines, 'rate-above-whole')).toEqual([]);
    const fs = await findings(planted(lines, '牧民满意度', '95%以上', '105%以上'), 'rate-above-whole');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [105, 100]]]);
    expect(fs[0].message).toContain('满意度');
  }, 60_000);
  it('hn-nanxian-jiuye-2023: 参保总人数为21347人，完成市目标任务23482人的100% — the share is 90.91%; 培训2399人 of 2000人 is 120%', async () => {
    const lines = source('hn-nanxian-jiuye-2023');
    expect(await findings(lines, 'narrative-rate')).toEqual([]);
    const fs = await findings(planted(lines, '完成市目标任务21347人', '任务21347人', '任务23482人'), 'narrative-rate');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [100, 90.91, 21347, 23482]]]);
  }, 60_000);
  it('hi-shangwu-fuwumaoyi: 实际使用情况 395.86 → 435.45 passes 实际到位资金 398.88 (still under 计划投资额 570) with no reason', async () => {
    const lines = source('hi-shangwu-fuwumaoyi');
    expect(await findings(lines, 'overspend-reason')).toEqual([]);
    const fs = await findings(planted(lines, '实际使用情况', '| 395.86', '| 435.45'), 'overspend-reason');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [435.45, 398.88]]]);
    expect(fs[0].message).toContain('超过到位资金398.88');
  }, 60_000);
});
