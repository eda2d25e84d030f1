/**
 * Weights planted in real forms cut before their 总分 row (recognition.complete false: the corpus
 * excerpt or a continued table). A weight raised past its group's points is an error however many rows
 * were cut; a last group short of its points is not reported (its remaining rows may be cut).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';

function source(id: string): string[] {
  return readFileSync(`test/corpus/real/${id}/source.txt`, 'utf8').replace(/\r\n?/g, '\n').split('\n');
}

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

async function weightFindings(lines: string[]): Promise<Finding[]> {
  const docx = writeBlocksDocx(parseSource(lines.join('\n')), { title: 'planted', creator: 'planted' }, { producer: 'word' });
  const { result } = await runPipeline({ bytes: docx, file: 'planted.docx' });
  expect(result.status).toBe('ok');
  return result.discrepancies.filter((d) => d.rule === 'group-weights' || d.rule === 'weight-totals');
}

const show = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.severity}: ${f.message}`).join('\n');

describe('weights planted in real forms cut before 总分', () => {
  it('ah-shouxian-zhengti-2023 (53号文 指标表, five rows): 规划(15分) with a weight 3 → 6 adds to 18', async () => {
    const lines = source('ah-shouxian-zhengti-2023');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '计划明确性', '3', '6'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [15, 18]]]);
    expect(fs[0].message).toContain('规划');
    expect(fs[0].message).toContain('表格未列至总分行');
  }, 60_000);

  it('hi-shangwu-fuwumaoyi (宁夏 参考分值): 项目决策 20 broken; 项目绩效 55 with only its 项目产出 rows listed is not a finding', async () => {
    const lines = source('hi-shangwu-fuwumaoyi');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '决策程序', '5', '8'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [20, 23]]]);
    // a raised 产出数量 leaves 项目绩效 at 18 of 55: the cut rows may hold the rest
    expect(await weightFindings(planted(lines, '产出数量', '5', '8'))).toEqual([]);
  }, 60_000);

  it('hn-jichu-53hao-2018: 投入 16 with 在职人员控制率 8 → 11 is an error', async () => {
    const lines = source('hn-jichu-53hao-2018');
    expect(await weightFindings(lines)).toEqual([]);
    const fs = await weightFindings(planted(lines, '在职人员控制率', '8', '11'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['group-weights', 'error', [16, 19]]]);
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
});
