/**
 * Planted errors: generated reports (test/fixtures/generator) with one known inconsistency of each
 * kind — a changed total, a changed rate, a score above its weight, a narrative figure changed, a
 * year changed in one table title, weights not adding up, a missing 总分 score — each caught by the
 * intended rule at the intended part, on .docx (one document per kind) and on .pdf (all kinds
 * planted in one document, converted once by LibreOffice, to keep the suite fast).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { docxToPdf, ERROR_KINDS, plantError, randomReportSpec, toFamily, writeDocx, type PlantedError, type ReportSpec } from '../fixtures/generator/index.js';
import { runPipeline } from '../../src/pipeline.js';

const base: ReportSpec = randomReportSpec(7, { projects: 2 });

async function findingsOf(bytes: Uint8Array, file: string): Promise<Finding[]> {
  const { result } = await runPipeline({ bytes, file });
  expect(result.status, `${file}: ${result.error?.message}`).toBe('ok');
  return result.discrepancies;
}

const count = (fs: Finding[], e: PlantedError) => fs.filter((f) => f.rule === e.rule && f.part === e.part).length;

/** The finding that reports this planted change; it must name the new figure or title when that is one value. */
function caught(fs: Finding[], e: PlantedError): Finding | undefined {
  const single = /^[\d.]+%?$/.test(e.after.trim()) || /^\d{4}年度\S+表$/.test(e.after.trim());
  return fs.find((f) => f.rule === e.rule && f.part === e.part && (!single || f.message.includes(e.after.trim())));
}

let baseline: Finding[] = [];
beforeAll(async () => {
  baseline = await findingsOf(writeDocx(base), 'baseline.docx');
}, 120_000);

describe('planted errors on .docx', () => {
  it('the unplanted report has no finding of the table rules at the planted places', () => {
    // (figure-mismatch is the narrative engineer's rule and is checked by count below.)
    const expected = ERROR_KINDS.map((k) => plantError(base, k, 1).expected).filter((e) => e.rule !== 'figure-mismatch');
    expect(expected.flatMap((e) => baseline.filter((f) => f.rule === e.rule && f.part === e.part).map((f) => f.message))).toEqual([]);
  });
  for (const kind of ERROR_KINDS) {
    it(`${kind} is caught by its rule`, async () => {
      const { spec, expected } = plantError(base, kind, 1);
      const found = await findingsOf(writeDocx(spec), `${kind}.docx`);
      expect(caught(found, expected), `${expected.description}\n${found.map((f) => `${f.rule} @${f.part}: ${f.message}`).join('\n')}`).toBeDefined();
      expect(count(found, expected)).toBeGreaterThan(count(baseline, expected));
    });
  }
});

describe('planted errors in other template families (.docx)', () => {
  for (const family of ['mof-2020', 'sichuan', 'sichuan-linkage'] as const) {
    it(`${family}: every kind is caught by its rule at its part`, async () => {
      const familyBase = toFamily(base, family);
      const missed: string[] = [];
      for (const kind of ERROR_KINDS) {
        const { spec, expected } = plantError(familyBase, kind, 1);
        const found = await findingsOf(writeDocx(spec), `${family}-${kind}.docx`);
        if (!caught(found, expected)) missed.push(`${kind}: ${expected.description}`);
      }
      expect(missed).toEqual([]);
    }, 120_000);
  }
});

describe('planted errors on .pdf (all kinds in one document)', () => {
  let planted: PlantedError[] = [];
  let found: Finding[] = [];
  beforeAll(async () => {
    let spec = base;
    for (const kind of ERROR_KINDS) {
      const p = plantError(spec, kind, 1);
      spec = p.spec;
      planted.push(p.expected);
    }
    const pdf = await docxToPdf(writeDocx(spec));
    found = await findingsOf(pdf, 'planted.pdf');
  }, 300_000);
  for (const kind of ERROR_KINDS) {
    it(`${kind} is caught by its rule`, () => {
      const e = planted.find((p) => p.kind === kind)!;
      expect(caught(found, e), `${e.description}\n${found.map((f) => `${f.rule} @${f.part}: ${f.message}`).join('\n')}`).toBeDefined();
    });
  }
});
