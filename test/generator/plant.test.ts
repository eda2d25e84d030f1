import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, plantError, randomReportSpec, seedSpec, type ErrorKind, type TemplateFamily } from '../fixtures/generator/index.js';
import { consistencyProblems } from './consistency.js';

/**
 * plantError breaks exactly one thing: the audit (test/generator/consistency.ts, independent of the
 * generator) finds the report clean before and exactly the planted category after.
 */

/** The audit category each kind must produce. */
const CATEGORY: Record<ErrorKind, RegExp> = {
  'total-changed': /^funding-sum: /,
  'rate-changed': /^rate: /,
  'score-above-weight': /^score-above-weight: /,
  'narrative-figure-changed': /^narrative: /,
  'year-changed': /^year: /,
  'weights-not-adding': /^group-weights: /,
  'total-score-missing': /^total-score-missing: /,
};

const FAMILIES: TemplateFamily[] = ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'];

describe('random reports add up', () => {
  it('every family, 1–20 projects: sums, rates, scores, weights, years and restated figures are consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...FAMILIES), fc.integer({ min: 1, max: 20 }), (seed, family, projects) => {
        const spec = randomReportSpec(seed, { family, projects });
        expect(spec.projects).toHaveLength(projects);
        expect(consistencyProblems(spec)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe.each(ERROR_KINDS.map((k) => [k] as const))('plantError %s', (kind) => {
  it('breaks exactly the intended check, on random reports of every family', () => {
    for (const family of FAMILIES) {
      for (let seed = 1; seed <= 6; seed++) {
        const clean = randomReportSpec(seed, { family, projects: 1 + (seed % 4) });
        const { spec, expected } = plantError(clean, kind, seed);
        const problems = consistencyProblems(spec);
        expect(problems.length, `${family} ${seed}: ${problems.join('; ')}`).toBeGreaterThan(0);
        expect(problems.every((p) => CATEGORY[kind].test(p)), `${family} ${seed}: ${problems.join('; ')}`).toBe(true);
        expect(expected.kind).toBe(kind);
        expect(expected.part).toMatch(/绩效(自评表|评价报告|评价基础数据表)/);
        expect(expected.before).not.toBe(expected.after);
      }
    }
  });

  it('does not touch its input and repeats by seed', () => {
    const spec = seedSpec();
    const copy = structuredClone(spec);
    const a = plantError(spec, kind, 3);
    const b = plantError(spec, kind, 3);
    expect(spec).toEqual(copy);
    expect(a).toEqual(b);
  });

  it('plants into the seed too, and says where in Chinese', () => {
    const { spec, expected } = plantError(seedSpec(), kind, 1);
    expect(spec).not.toEqual(seedSpec());
    expect(expected.description).toMatch(/[\u4e00-\u9fff]/);
    // The seed's own defects stay; the planted category appears where the seed was clean.
    const before = new Set(consistencyProblems(seedSpec()));
    const fresh = consistencyProblems(spec).filter((p) => !before.has(p));
    expect(fresh.length, expected.description).toBeGreaterThan(0);
    expect(fresh.every((p) => CATEGORY[kind].test(p)), fresh.join('; ')).toBe(true);
  });
});

describe('rule ids', () => {
  it('name rules that exist in src/rules (by their meta id)', () => {
    const dir = new URL('../../src/rules/', import.meta.url);
    const ids = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/\bid: '([a-z0-9-]+)'/g)].map((m) => m[1])),
    );
    for (const kind of ERROR_KINDS) {
      const { expected } = plantError(seedSpec(), kind, 1);
      expect(ids.has(expected.rule), `${kind} → ${expected.rule}`).toBe(true);
    }
  });
});
