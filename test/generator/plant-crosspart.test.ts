import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { CROSS_PART_KINDS, LATER_CROSS_PART_KINDS, plantCrossPart, randomReportSpec, writeDocx, type CrossPartKind, type ReportSpec } from '../fixtures/generator/index.js';

/**
 * Issue 19: each cross-part class, planted in a consistent generated report, is reported by its rule
 * as a new error or warning that the unplanted document does not have (end to end on .docx).
 */
const key = (d: { rule: string; severity: string; message: string }) => `${d.rule}|${d.severity}|${d.message}`;

async function findings(spec: ReportSpec) {
  const { result } = await runPipeline({ bytes: writeDocx(spec), file: 'planted.docx' });
  expect(result.status).toBe('ok');
  return result.discrepancies;
}

/**
 * A MOF 2020 report has project parts only: a whole and its parts, an indicator of the department
 * and its project, and the department's count against a project's need a department part (two
 * projects' own counts are two facts).
 */
const PROJECT_ONLY: CrossPartKind[] = ['approximate-changed', 'claimed-met', 'stated-score-changed', 'total-blanked', 'grade-changed'];
const BASES: Array<[string, () => ReportSpec, readonly CrossPartKind[]]> = [
  ['random Hunan report', () => randomReportSpec(2, { projects: 2 }), [...CROSS_PART_KINDS, ...LATER_CROSS_PART_KINDS]],
  ['random Hunan report (seed 13, 3 projects)', () => randomReportSpec(13, { projects: 3 }), [...CROSS_PART_KINDS, ...LATER_CROSS_PART_KINDS]],
  ['random MOF 2020 report', () => randomReportSpec(8, { projects: 2, family: 'mof-2020' }), PROJECT_ONLY],
];

describe.each(BASES)('%s', (_name, base, kinds) => {
  it.each(kinds.map((k) => [k] as const))('%s is caught by its rule', async (kind) => {
    const before = new Set((await findings(base())).map(key));
    const { spec, expected } = plantCrossPart(base(), kind, 1);
    const fresh = (await findings(spec)).filter((d) => !before.has(key(d)));
    const hits = fresh.filter((d) => d.rule === expected.rule && d.severity !== 'info');
    expect(hits.length, `${expected.description} → ${fresh.map(key).join('; ') || 'no new findings'}`).toBeGreaterThan(0);
    expect(hits.some((h) => h.part === expected.part), hits.map((h) => h.part).join(', ')).toBe(true);
  });
});
