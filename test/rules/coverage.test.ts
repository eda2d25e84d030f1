/**
 * A document with nothing recognizable gives a clear coverage finding, never an empty success —
 * on real .docx bytes through the whole pipeline.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { minimalDocx } from '../hostile/docx-kit.js';

const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

describe('coverage on documents with nothing recognizable', () => {
  it('a letter that is not a self-evaluation report: an error naming what was read', async () => {
    const bytes = minimalDocx(para('关于召开2024年度安全生产工作会议的通知') + para('各科室：定于3月5日召开会议，请准时参加。') + para('办公室'));
    const { result } = await runPipeline({ bytes, file: 'notice.docx' });
    expect(result.status).toBe('ok');
    const cov = result.discrepancies.filter((f) => f.rule === 'coverage');
    expect(cov).toHaveLength(1);
    expect(cov[0].severity).toBe('error');
    expect(cov[0].message).toContain('未识别出任何绩效自评表或自评报告');
    expect(cov[0].message).toContain('3段文字');
  });
  it('an empty document says nothing was read at all', async () => {
    const { result } = await runPipeline({ bytes: minimalDocx(''), file: 'empty.docx' });
    const cov = result.discrepancies.find((f) => f.rule === 'coverage');
    expect(cov?.severity).toBe('error');
    expect(cov?.message).toContain('没有读到任何文字或表格');
  });
});
