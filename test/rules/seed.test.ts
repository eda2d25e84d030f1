/**
 * The rules on the real seed report in its three formats (samples/seed.docx, .pdf, .doc):
 * every confirmed inconsistency is found, nothing that adds up is flagged, and the three formats
 * give the same findings with the same ids.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../schemas/result.js';
import { runPipeline } from '../../src/pipeline.js';
import { CONFIRMED, CONFIRMED_INFO, key, TABLE_RULES, TRUE_RELATIONS, violations } from './seed-expectations.js';

const FORMATS = ['docx', 'pdf', 'doc'] as const;
const results = new Map<string, Result>();

beforeAll(async () => {
  await Promise.all(
    FORMATS.map(async (fmt) => {
      const file = `samples/seed.${fmt}`;
      const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file });
      results.set(fmt, result);
    }),
  );
}, 300_000);

for (const fmt of FORMATS) {
  describe(`seed.${fmt}`, () => {
    it('is read (status ok, all three kinds of table)', () => {
      const r = results.get(fmt)!;
      expect(r.error).toBeNull();
      expect(r.report?.basicData).not.toBeNull();
      expect(r.report?.deptSelfEval).not.toBeNull();
      expect(r.report?.projects.length).toBe(3);
    });
    it('finds exactly the confirmed errors and warnings of the table rules', () => {
      const found = results.get(fmt)!.discrepancies.filter((f) => f.severity !== 'info' && TABLE_RULES.includes(f.rule));
      expect(found.map(key).sort()).toEqual(CONFIRMED.map(key).sort());
    });
    it('finds the confirmed hygiene notes', () => {
      const found = results.get(fmt)!.discrepancies;
      for (const e of CONFIRMED_INFO) {
        expect(found.some((f) => f.rule === e.rule && f.part === e.part && f.message.includes(e.includes)), JSON.stringify(e)).toBe(true);
      }
    });
    it(`flags none of the ${TRUE_RELATIONS.length} true sums and rates`, () => {
      const found = results.get(fmt)!.discrepancies;
      const flagged = TRUE_RELATIONS.map((r) => ({ what: r.what, by: violations(found, r).map((f) => f.message) })).filter((x) => x.by.length);
      expect(flagged).toEqual([]);
    });
    it('findings carry evidence with source text, and the tolerance for numeric rules', () => {
      for (const f of results.get(fmt)!.discrepancies.filter((x) => TABLE_RULES.includes(x.rule))) {
        if (f.rule !== 'coverage') expect(f.evidence.length, f.message).toBeGreaterThan(0);
        if (['group-weights', 'quantitative-score', 'funding-sources-sum', 'execution-rate'].includes(f.rule)) expect(f.tolerance, f.message).toBeTruthy();
      }
    });
  });
}

describe('seed across formats', () => {
  it('docx, pdf and doc give the same finding ids', () => {
    const ids = (fmt: string) => results.get(fmt)!.discrepancies.filter((f) => TABLE_RULES.includes(f.rule)).map((f) => f.id).sort();
    expect(ids('pdf')).toEqual(ids('docx'));
    expect(ids('doc')).toEqual(ids('docx'));
  });
  it('English messages via lang', async () => {
    const file = 'samples/seed.docx';
    const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file, options: { lang: 'en' } });
    const f = result.discrepancies.find((x) => x.rule === 'group-weights')!;
    expect(f.message).toMatch(/declared 30 points/);
    expect(f.id).toBe(results.get('docx')!.discrepancies.find((x) => x.rule === 'group-weights')!.id);
  });
});
