/**
 * The rules on the seed's tables built by hand (test/rules/seed-records.ts), independent of the
 * parsers and recognizers: the confirmed table findings, and no flag on what adds up.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { CONFIRMED, key, TABLE_RULES, TRUE_RELATIONS, violations } from './seed-expectations.js';
import { seedReport } from './seed-records.js';

describe('seed records built by hand', () => {
  const findings = runRules(seedReport(), { document: null, lang: 'zh' });
  it('give exactly the confirmed errors and warnings', () => {
    const found = findings.filter((f) => f.severity !== 'info' && TABLE_RULES.includes(f.rule));
    expect(found.map(key).sort()).toEqual(CONFIRMED.filter((e) => !e.needsDocument).map(key).sort());
  });
  it(`flag none of the true sums and rates (${TRUE_RELATIONS.length} relations)`, () => {
    expect(TRUE_RELATIONS.length).toBeGreaterThanOrEqual(15);
    const flagged = TRUE_RELATIONS.filter((r) => violations(findings, r).length);
    expect(flagged.map((r) => r.what)).toEqual([]);
  });
  it('a changed total among the true sums is caught (the relations are live)', () => {
    const r = seedReport();
    r.deptSelfEval!.budget!.byIncome[0].amount.figure!.value = '875.94';
    r.deptSelfEval!.budget!.byIncome[0].amount.text = '875.94';
    const f = runRules(r, { document: null, lang: 'zh' });
    expect(violations(f, TRUE_RELATIONS[0]).length).toBe(1);
  });
});
