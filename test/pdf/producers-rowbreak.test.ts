import { describe, expect, it } from 'vitest';
import type { Report } from '../../schemas/report.js';
import { compare } from './corpus-prints.js';
import { squeeze } from './helpers.js';

/**
 * Rows of a ruled form cut by a page break (issue 13 §4) in real prints of corpus reports: the rest
 * of a row at the top of the next page is folded back into it — also where the browser wrapped the
 * text short of the cell's border (no line reaches it: endsWrapped proves nothing) — and a real row
 * at the top of a page stays a row of its own.
 */
/** The indicators of a report's forms: name → 年度指标值 (whitespace removed). */
function targets(report: Report): Array<[string, string]> {
  const forms = [report.deptSelfEval, ...report.projects].filter((f) => f !== null && f !== undefined);
  return forms.flatMap((f) => f.indicators.map((i): [string, string] => [squeeze(i.level3), squeeze(i.target.text)]));
}

describe('Chromium in a TrueType CJK font: a row cut by the page break, its text wrapped short of the border (行首禁则)', () => {
  it('指标1\'s 年度指标值 "…矢量数据测" at the foot of page 1 and "绘、龙盘石刻护栏制装" at the top of page 2 are one row: no indicator named after its group, no false 得分未填写', async () => {
    const { reference, run, missed, extra } = await compare('ah-yuan-wenwu-2022', 'chromium-truetype');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const got = targets(run.report);
    // The same indicators, in the same order, as the .docx.
    expect(got.map(([name]) => name)).toEqual(targets(reference.report).map(([name]) => name));
    expect(got.some(([name]) => name === '数量指标')).toBe(false);
    // The text runs on over the break as one 年度指标值, joined as wrapped (no line break inside "测绘").
    const first = got.find(([name]) => name.endsWith('修缮建筑数量'));
    expect(first?.[1]).toMatch(/矢量数据测绘、龙盘石刻护栏制装$/u);
    expect(run.findings.some((f) => f.rule === 'required-cells')).toBe(false);
  }, 240_000);
});

describe('Chromium, tables ruled: a real row at the top of a page, its group labels left blank there', () => {
  it('"7岁以下儿童健康管理率" under "…童国家免疫规划疫苗接种率" (two lines, no closing punctuation) is an indicator of its own: it has its name and its own 年度指标值', async () => {
    const { reference, run, missed, extra } = await compare('ah-mengcheng-gongwei-2024', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const names = targets(run.report).map(([name]) => name);
    expect(names).toEqual(targets(reference.report).map(([name]) => name));
    expect(names).toContain('7岁以下儿童健康管理率');
  }, 240_000);
});
