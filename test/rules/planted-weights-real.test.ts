/**
 * Weights planted in real forms cut before their 总分 row (recognition.complete false: the corpus
 * excerpt or a continued table). A weight raised past its group's points is an error however many rows
 * were cut; a last group short of its points is not reported (its remaining rows may be cut).
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, show, source } from './planted-real-helpers.js';

/** The document with the cell `from` after `name` on its line changed to `to`. */
function planted(lines: string[], name: string, from: string, to: string): string[] {
  const i = lines.findIndex((l) => l.includes(name));
  if (i < 0) throw new Error(`no line with ${name}`);
  const at = lines[i].indexOf(` | ${from} |`, lines[i].indexOf(name));
  if (at < 0) throw new Error(`no cell ${from} after ${name}`);
  const out = [...lines];
  out[i] = `${lines[i].slice(0, at)} | ${to} |${lines[i].slice(at + from.length + 5)}`;
  return out;
}

const weightFindings = (lines: string[]) => findingsOf(lines, (d) => d.rule === 'group-weights' || d.rule === 'weight-totals');

describe('weights planted in real forms cut before 总分', () => {
  it('ah-shouxian-zhengti-2023 (53号文 指标表, five rows): 工作计划(6分) under 规划(15分) with a weight 3 → 6 adds to 9', async () => {
    const lines = source('ah-shouxian-zhengti-2023');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '计划明确性', '3', '6'));
    // the 二级指标 label declares its points: its group is reported, not 规划 (18 of 15) again
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [6, 9]]]);
    expect(fs[0].message).toContain('「规划—工作计划」标明6分');
  }, 60_000);

  it('hi-shangwu-fuwumaoyi (宁夏 参考分值): 项目决策 20 broken; 项目绩效 55 with only its 项目产出 rows listed is not a finding', async () => {
    const lines = source('hi-shangwu-fuwumaoyi');
    expect(await weightFindings(lines)).toEqual([]);
    // 决策程序 is under 项目决策 (20) and its 二级指标 决策过程 (8): one finding, the 二级指标's, not its 一级指标's again
    const fs = await weightFindings(planted(lines, '决策程序', '5', '8'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [8, 11]]]);
    // a raised 产出数量 leaves 项目绩效 at 18 of 55 (the cut rows may hold the rest), but its 二级指标
    // 项目产出 prints 15 in the column beside its name: 18 is past them
    const l2 = await weightFindings(planted(lines, '产出数量', '5', '8'));
    expect(l2.map((f) => [f.rule, f.severity, f.values]), show(l2)).toEqual([['group-weights', 'error', [15, 18]]]);
    expect(l2[0].message).toContain('项目产出');
    expect(fs[0].message).toContain('决策过程');
  }, 60_000);

  it('hn-jichu-53hao-2018: 投入 16 with 在职人员控制率 8 → 11 is an error', async () => {
    const lines = source('hn-jichu-53hao-2018');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '在职人员控制率', '8', '11'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [16, 19]]]);
    // 过程 58 is cut after two rows; its 二级指标 预算执行 prints 16 in its own 得分 column beside the name
    const l2 = await weightFindings(planted(lines, '预算完成率', '8', '11'));
    expect(l2.map((f) => [f.rule, f.severity, f.values]), show(l2)).toEqual([['group-weights', 'error', [16, 19]]]);
    expect(l2[0].message).toContain('预算执行');
  }, 60_000);

  it('he-langfang-shipin-2019: no printed points, rows follow 50/30/10; 效益 raised to 33 is a warning naming the template', async () => {
    const lines = source('he-langfang-shipin-2019');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '学校发展能力', '10', '13'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'warning', [30, 33]]]);
    expect(fs[0].message).toContain('按模板应为30分');
  }, 60_000);
  it('he-chengan-gaoling-2020 (云南, 效果指标 for 效益): 权重占比 follows 50/30/10; 补贴发放率 30 → 33 is a warning naming the template', async () => {
    const lines = source('he-chengan-gaoling-2020');
    expect(await weightFindings(lines)).toEqual([]);
    const changed = lines.map((l) => (l.includes('补贴发放率') ? l.replace('| 30.00 | 30.00 | 9.00', '| 30.00 | 33.00 | 9.00') : l));
    expect(changed).not.toEqual(lines);
    const fs = await weightFindings(changed);
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'warning', [30, 33]]]);
    expect(fs[0].message).toContain('效果指标');
  }, 60_000);

  it('cq-kexuecheng-rongmeiti-2021 (重庆 得分系数(%)): a weight raised under 100% with its score left is an error; the form as printed is not', async () => {
    const lines = source('cq-kexuecheng-rongmeiti-2021');
    const ratioFindings = (ls: string[]) => findingsOf(ls, (d) => d.rule === 'score-range');
    expect(await ratioFindings(lines)).toEqual([]);
    const fs = await ratioFindings(planted(lines, '播发稿件数量', '10', '13'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['score-range', 'error', [10, 13]]]);
    expect(fs[0].message).toContain('得分系数100%');
    expect(fs[0].message).toContain('应得13分');
  }, 60_000);
  it('yn-linxiang-shourongsuo-2023 (MOF 2020 form cut before 满意度指标, no printed points): 野生动物收容所 10 → 13 puts 产出指标 at 53 of the template’s 50', async () => {
    const lines = source('yn-linxiang-shourongsuo-2023');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '| 野生动物收容所 |', '10', '13'));
    // the template split of the groups it lists (产出 50, 效益 30): a warning, as no points are printed
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'warning', [50, 53]]]);
    // 效益指标, the last group listed, short of nothing here; raised past 30 it is reported too
    const more = await weightFindings(planted(lines, '务工人员年人均增收', '10', '13'));
    expect(more.map((f) => [f.rule, f.severity, f.values]), show(more)).toEqual([['group-weights', 'warning', [30, 33]]]);
  }, 60_000);

  it('jx-nanchangxian-cancha-2021 (江西 整体支出: 分解目标 | 自评权重 | 二级指标 | 三级指标 …): 自评权重 is the 分解目标’s points — 医疗文书及时率 4 → 7 puts 产出指标 at 28 of 25', async () => {
    const lines = source('jx-nanchangxian-cancha-2021');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '医疗文书及时率', '4', '7'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [25, 28]]]);
    expect(fs[0].message).toContain('「产出指标」标明25分');
  }, 60_000);
});
