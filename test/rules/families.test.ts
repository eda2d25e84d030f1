/**
 * Rules are built for the family of documents, not for the seed: consistent generated reports in
 * every template family (Hunan package, MOF 2020, Sichuan, Sichuan 衔接资金) raise no error or
 * warning from the table rules.
 */
import { describe, expect, it } from 'vitest';
import { randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { TABLE_RULES } from './seed-expectations.js';

const FAMILIES = ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'] as const;

describe('consistent generated reports', () => {
  for (const family of FAMILIES) {
    for (const seed of [1, 2]) {
      it(`${family} #${seed}: read, and no table-rule error or warning`, async () => {
        const spec = toFamily(randomReportSpec(seed, { projects: 2 }), family);
        const { result } = await runPipeline({ bytes: writeDocx(spec), file: `${family}-${seed}.docx` });
        expect(result.report?.projects.length).toBe(2);
        const bad = result.discrepancies.filter((f) => f.severity !== 'info' && TABLE_RULES.includes(f.rule));
        expect(bad.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      });
    }
  }
});
