import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportScores } from '../../src/bureau/scores.js';
import { runPipeline } from '../../src/pipeline.js';
import { ROOT } from '../web/helpers.js';

async function scoresOf(id: string) {
  const bytes = new Uint8Array(await readFile(join(ROOT, 'test', 'corpus', 'real', id, `${id}.docx`)));
  const { result } = await runPipeline({ bytes, file: `${id}.docx` });
  return reportScores(result.report);
}

/** The overview's recomputed score on real published forms. */
describe('recomputed score (重算得分) on real reports', () => {
  it('re-scores a missed quantitative target and a met target scored low (永德县明朗中学 2022: 96 → 99.80)', async () => {
    // 政策知晓率 100 → 98%: 10×98÷100 = 9.80 (written 9); 资金到位及时率 met: 10 (written 7).
    expect(await scoresOf('yn-yongde-mingliang-2022')).toMatchObject({ selfScore: '96.00', recomputedScore: '99.80', executionRate: '100.00' });
  });
  it('counts the execution row once when the indicators already carry its weight (中江县水利局 2022, 四川)', async () => {
    expect(await scoresOf('sc-zhongjiang-shuili-2022')).toMatchObject({ selfScore: '100.00', recomputedScore: '100.00' });
  });
  it('leaves a consistent form as written (上海市普陀区体育事业管理中心 2022)', async () => {
    expect(await scoresOf('sh-putuo-tiyu-2022')).toMatchObject({ selfScore: '98.62', recomputedScore: '98.62', executionRate: '86.18' });
  });
  it('gives no score for a narrative-only report', async () => {
    expect(await scoresOf('hn-yueyang-szcg-2018')).toMatchObject({ selfScore: null, recomputedScore: null, executionRate: null });
  });
});
