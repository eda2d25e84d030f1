import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';

/**
 * Shapes of the 14th held-out set (test/corpus/README.md), read on the published documents as the
 * corpus rebuilt them: a form head a PDF draws as a table of its own, and a total written as one cell.
 */
const run = (id: string, ext: 'docx' | 'pdf') =>
  runPipeline({ bytes: new Uint8Array(readFileSync(`test/corpus/real/${id}/${id}.${ext}`)), file: `${id}.${ext}` });

describe('held-out shapes of the 14th set', () => {
  it('衡山 贯塘乡 PDF: the 预算部门、单位名称 strip drawn as its own table still heads the 部门整体 form', async () => {
    const { result } = await run('hn-hengshan-guantang-2023', 'pdf');
    const dept = result.report!.deptSelfEval!;
    expect(dept.tables.length).toBe(2);
    expect(dept.budget?.rows.find((r) => r.kind === 'total')?.executed?.figure?.value).toBe('2030.12');
    // the form's spending side (900.47 + 1025.20 = 1925.67) against its 全年执行数 2030.12 is now checked
    const split = result.discrepancies.find((f) => f.rule === 'spending-breakdown-sum');
    expect(split?.message).toContain('1925.67');
  });

  it('上海 九亭镇: 总分:83 written as one cell across the row is the form\'s score', async () => {
    const { result } = await run('sh-songjiang-jiuting-2020', 'docx');
    const form = result.report!.projects.find((p) => p.name?.text.includes('城镇建设管理'))!;
    expect(form.total?.score?.figure?.value).toBe('83');
    expect(form.total?.weight).toBeNull();
    // 83 = execution 10 + the indicators' 73: no total-score finding
    expect(result.discrepancies.filter((f) => f.rule === 'total-score')).toEqual([]);
  });
});
