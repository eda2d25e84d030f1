import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { checkModel } from '../helpers/check.js';

/**
 * Held-out D (townships, schools, hospitals): 通城 塘湖镇's 2020 部门整体支出自评表, published alone in the 项目自评表 layout
 * with 备注 scoring notes under it. At first look it was a nameless project form whose 总分100 was "≠ 80" and whose notes
 * were an untitled 项目支出绩效评价报告.
 */

const id = 'hb-tongcheng-tanghu-2020';
const bytes = () => readFileSync(new URL(`../corpus/real/${id}/${id}.docx`, import.meta.url));

describe('held-out D: a township 部门整体支出自评表 in the 项目自评表 layout (塘湖镇 2020)', () => {
  it('is the department form; its 部门整体支出总额 row is the total, so 20 + 80 = 总分 100 holds', async () => {
    const { result } = await runPipeline({ bytes: bytes(), file: `${id}.docx` });
    expect(result.report?.deptSelfEval?.department?.text).toBe('塘湖镇人民政府');
    expect(result.report?.projects).toEqual([]);
    expect(result.report?.deptSelfEval?.budget?.rows.map((r) => [r.label, r.kind])).toEqual([['部门整体支出总额', 'total']]);
    expect(result.discrepancies.filter((f) => f.rule === 'total-score')).toEqual([]);
    expect(result.discrepancies.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('its 备注: 1.…3. notes are the form\'s, not a report; the same lines without the notes heading still read as prose', async () => {
    const doc = await parseDocument(bytes());
    expect(checkModel(doc).report.narratives).toEqual([]);
    const heading = doc.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('备注'));
    if (heading?.kind !== 'paragraph') throw new Error('no 备注 line');
    const unheaded = { ...doc, blocks: doc.blocks.filter((b) => b !== heading) };
    expect(checkModel(unheaded).report.narratives.length).toBe(1);
  });
});
