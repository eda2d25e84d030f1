/**
 * The rules on the seed's tables built by hand (test/rules/seed-records.ts), independent of the
 * parsers and recognizers: the confirmed table findings, and no flag on what adds up.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/rules/index.js';
import { figure } from './builders.js';
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
    // a new cell (a figure is shared by every cell written alike: never changed in place)
    const first = r.deptSelfEval!.budget!.byIncome[0];
    first.amount = { ...first.amount, text: '875.94', figure: figure('875.94') };
    const f = runRules(r, { document: null, lang: 'zh' });
    expect(violations(f, TRUE_RELATIONS[0]).length).toBe(1);
  });
  it('a test writing to a shared figure changes no later report of the process', () => {
    // once 885.94 (一般公共预算) became 875.94 in place: the seed read after it added up to 941.9, not 951.90
    const amount = seedReport().deptSelfEval!.budget!.byIncome[0].amount;
    expect(() => ((amount.figure as { value: string }).value = '875.94')).toThrow(TypeError);
    expect(runRules(seedReport(), { document: null, lang: 'zh' }).map(key)).toEqual(findings.map(key));
  });
});
