import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { ERROR_KINDS, plantError, randomReportSpec, seedSpec, writeDocx, type ReportSpec } from '../fixtures/generator/index.js';

/**
 * The generator's promise to the rule catalogue: a planted error is reported by the rule it names,
 * as a new error or warning that the unplanted document does not have (end to end on .docx).
 */
const key = (d: { rule: string; severity: string; message: string }) => `${d.rule}|${d.severity}|${d.message}`;

async function findings(spec: ReportSpec) {
  const { result } = await runPipeline({ bytes: writeDocx(spec), file: 'planted.docx' });
  expect(result.status).toBe('ok');
  return result.discrepancies;
}

const BASES: Array<[string, () => ReportSpec, number]> = [
  ['seed', seedSpec, 1],
  ['random Hunan report', () => randomReportSpec(2, { projects: 2 }), 2],
  ['random Sichuan report', () => randomReportSpec(2, { projects: 2, family: 'sichuan' }), 2],
];

describe.each(BASES)('%s', (_name, base, seed) => {
  it.each(ERROR_KINDS.map((k) => [k] as const))('%s is caught by its rule', async (kind) => {
    const before = new Set((await findings(base())).map(key));
    const { spec, expected } = plantError(base(), kind, seed);
    const fresh = (await findings(spec)).filter((d) => !before.has(key(d)));
    const hits = fresh.filter((d) => d.rule === expected.rule && d.severity !== 'info');
    expect(hits.length, `${expected.description} → ${fresh.map(key).join('; ') || 'no new findings'}`).toBeGreaterThan(0);
  });
});
