/**
 * Precision of the cross-part rules (issue 19): on consistent generated reports of every template
 * family (random figures, several projects, narratives that restate the tables and share sentence
 * templates between reports) they add nothing above info.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { randomReportSpec, writeDocx, type TemplateFamily } from '../fixtures/generator/index.js';

export const CROSS_PART_RULES = ['cross-part-total-parts', 'same-measure-differs', 'approximate-restatement', 'prose-count-mismatch', 'claimed-met-contradicted', 'stated-score-mismatch', 'zero-total-nonzero-parts'];
const FAMILIES: TemplateFamily[] = ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'];
const SEEDS = [3, 8, 21];

describe.each(FAMILIES)('%s', (family) => {
  it.each(SEEDS)('consistent random report (seed %i): no cross-part error or warning', async (seed) => {
    const spec = randomReportSpec(seed, { projects: 3, family });
    const { result } = await runPipeline({ bytes: writeDocx(spec), file: `${family}-${seed}.docx` });
    expect(result.status).toBe('ok');
    const flagged = result.discrepancies.filter((f) => CROSS_PART_RULES.includes(f.rule) && f.severity !== 'info');
    expect(flagged.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  }, 60_000);
});
