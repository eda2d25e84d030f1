import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { IsolatedRunner } from '../../src/isolate/runner.js';
import { ANNEX_ROWS_PER_K, scaledSeedDocx } from '../fixtures/scale-report.js';

/**
 * A big but legitimate report — the real seed grown ×16: 48 项目支出绩效自评表 and their 项目支出绩效评价报告
 * (the same sentences in 16 places), a 4,800-row beneficiaries annex, a 50 KB form cell — runs through
 * the limited runner with the default limits (bench/scale.ts measures the growth: ×64 included).
 */
describe('a ×16 report completes under the default limits', () => {
  it('is read whole, with findings bounded per form and a note where repetitions were compared within a window', async () => {
    const bytes = scaledSeedDocx(16);
    const runner = new IsolatedRunner({ limits: DEFAULT_LIMITS });
    try {
      const started = performance.now();
      const { result } = await runner.runOutput({ bytes, file: 'seed-x16.docx' });
      expect(result.error).toBeNull();
      expect(result.status).toBe('ok');
      expect(performance.now() - started).toBeLessThan(DEFAULT_LIMITS.timeMsPerFile);
      const report = result.report!;
      expect(report.projects).toHaveLength(48);
      expect(report.narratives.filter((n) => n.reportKind === 'project')).toHaveLength(48);
      // every copied project report is attributed to its own form
      expect(new Set(report.narratives.map((n) => n.project).filter(Boolean)).size).toBe(48);

      // 48 forms with the seed's indicators: each names at most 3 earlier forms it copies, then one note
      const copied = result.discrepancies.filter((f) => f.rule === 'copied-indicators');
      const perForm = new Map<string, number>();
      for (const f of copied) perForm.set(f.part ?? '', (perForm.get(f.part ?? '') ?? 0) + 1);
      expect(Math.max(...perForm.values())).toBeLessThanOrEqual(4);
      expect(copied.some((f) => /未再逐一比较/.test(f.message))).toBe(true);

      // sentences repeated in 16+ reports: compared with the next few occurrences, and the reviewer is told
      const note = result.discrepancies.find((f) => f.rule === 'coverage' && /每处只与其后\d+处相互核对/.test(f.message));
      expect(note?.severity).toBe('info');
      expect(report.links.length).toBeLessThan(report.statistics.length * 16);

      // the annex is one table the recognizer leaves aside, not 4,800 findings
      expect(result.discrepancies.length).toBeLessThan(ANNEX_ROWS_PER_K * 16);
    } finally {
      await runner.close();
    }
  }, 300_000);
});
