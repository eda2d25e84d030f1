import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { plantError, randomReportSpec, writeDocx } from '../fixtures/generator/index.js';

/** Rules of catalogue sections B and C (this issue's). */
const NARRATIVE_RULES = new Set(['figure-mismatch', 'narrative-actual-mismatch', 'approximate-restatement', 'narrative-total-parts', 'narrative-list-count', 'narrative-subset-exceeds']);

async function analyze(bytes: Uint8Array, file: string) {
  const { result } = await runPipeline({ bytes, file });
  if (result.status !== 'ok' || !result.report) throw new Error(`${file}: ${result.error?.message}`);
  return result;
}

const mine = (findings: Finding[]) => findings.filter((f) => NARRATIVE_RULES.has(f.rule));

describe('generated reports (other producers, random consistent figures)', () => {
  for (const [seed, producer] of [
    [3, 'word'],
    [11, 'wps'],
    [29, 'libreoffice'],
  ] as const) {
    it(`seed ${seed} (${producer}): every project report attributed, restatements linked, nothing flagged`, async () => {
      const spec = randomReportSpec(seed, { projects: 3 });
      const result = await analyze(writeDocx(spec, { producer }), `random-${seed}.docx`);
      const r = result.report!;
      expect(r.narratives.filter((n) => n.reportKind === 'project').map((n) => n.project)).toEqual(spec.projects.map((p) => p.name));
      // each project report's spending is linked to its own table's 全年执行数
      for (const n of r.narratives.filter((x) => x.reportKind === 'project')) {
        const spent = r.statistics.filter((s) => s.loc.part === n.part && s.dimension === 'money' && /支出/.test(s.label));
        expect(spent.length, n.part).toBeGreaterThan(0);
        for (const s of spent) expect(r.links.some((l) => l.statId === s.id && l.target.ref.endsWith('.executed')), `${n.part} ${s.figure.text}`).toBe(true);
      }
      // the generator's sums and restatements all agree, and its filler sentences (one template with other
      // counts in several reports: other subjects) restate their own form's indicators: nothing flagged
      expect(mine(result.discrepancies).filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([]);
    });
  }

  it('a planted narrative restatement error is reported by figure-mismatch in the right report', async () => {
    const { spec, expected } = plantError(randomReportSpec(5, { projects: 2 }), 'narrative-figure-changed', 5);
    expect(expected).not.toBeNull();
    const result = await analyze(writeDocx(spec), 'planted.docx');
    const found = result.discrepancies.filter((f) => f.rule === 'figure-mismatch' && f.severity === 'error');
    expect(found.map((f) => f.part)).toEqual([expected!.part]);
    expect(found[0].evidence[1].location.part).toMatch(/^项目支出绩效自评表/);
  });
});
