/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted20) missed because the planted figure
 * was itself the evidence that tied its sentence to what it should agree with: an amount of a
 * funding notice bound with its project form that paired the two (tj-baodi), a list whose end was
 * found by its parts adding up (nm-linhe), a base of a rate named 落实 (gs-gangu); and a share the
 * rule did not know as one (机械化率, hb-longganhu). The unchanged
 * document has no finding of the rule; the planted one has one, naming the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const findings = (lines: string[], rule: string) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');

describe('plants once hidden by the figure planted', () => {
  it('tj-baodi-gongre-2020: the notice bound with the form gives 剩余指标1760万元 to the project; 1936 against 全年预算数 1760 is a warning naming both places', async () => {
    const lines = source('tj-baodi-gongre-2020');
    expect(await findings(lines, 'figure-mismatch')).toEqual([]);
    const fs = await findings(planted(lines, '剩余指标', '剩余指标1760万元', '剩余指标1936万元'), 'figure-mismatch');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [1936, 1760]]]);
    // both places: the notice's paragraph and the form's 全年预算数 cell
    expect(fs[0].evidence.map((e) => (e.location.table === null ? 'prose' : `cell ${e.location.row}/${e.location.col}`))).toEqual(['prose', 'cell 4/2']);
    expect(fs[0].message).toContain('唯一的项目报告与唯一的项目自评表');
  }, 60_000);

  it('nm-linhe-youfu-2023: 收到财政资金共2330.9万元，其中中央资金1372.7 → 1510.0 … the spending after the list (with its own 其中) no longer hides it', async () => {
    const lines = source('nm-linhe-youfu-2023');
    expect(await findings(lines, 'narrative-total-parts')).toEqual([]);
    const fs = await findings(planted(lines, '收到财政资金共2330.9万元', '中央资金1372.7万元', '中央资金1510.0万元'), 'narrative-total-parts');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [2330.9, 2468.2]]]);
  }, 60_000);

  it('gs-gangu-anju-2023: 共落实258.8556万元，目前已支出 258.8556 → 284.7412万元，资金使用率为100% — 落实 is the base of the rate', async () => {
    const lines = source('gs-gangu-anju-2023');
    expect(await findings(lines, 'narrative-rate')).toEqual([]);
    const fs = await findings(planted(lines, '已支出258.8556万元', '已支出258.8556万元', '已支出284.7412万元'), 'narrative-rate');
    expect(fs.map((f) => f.severity), show(fs)).toEqual(['warning']);
    expect(fs[0].values).toContain(284.7412);
  }, 60_000);

  it('hb-longganhu-nongji-2023: 耕种收机械化率达到94.8% → 105.0% is a share above 100% (an error)', async () => {
    const lines = source('hb-longganhu-nongji-2023');
    expect(await findings(lines, 'rate-above-whole')).toEqual([]);
    const fs = await findings(planted(lines, '机械化率', '94.8%', '105.0%'), 'rate-above-whole');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [105, 100]]]);
    expect(fs[0].message).toContain('机械化率');
  }, 60_000);
});
