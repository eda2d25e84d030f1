/**
 * The rule tester (after ESLint's RuleTester). Each rule has a cases file
 * `test/rules/cases/<rule-id>.cases.ts` whose default export is `ruleCases({ rule, valid, invalid })`:
 *
 *   - valid: reports on which the rule must report nothing at all;
 *   - invalid: reports on which the rule must report exactly the listed findings
 *     (matched in any order; each expectation names what it cares about: severity, values, part,
 *     words the Chinese message must contain …).
 *
 * `test/rules/cases.test.ts` runs every cases file and checks that every registered rule has one.
 * Beyond the listed expectations, every finding must validate against FindingSchema, carry a
 * Chinese and an English message, have evidence with locations (unless `noEvidence`), and keep the
 * same id when the rule runs twice.
 */
import { describe, expect, it } from 'vitest';
import { FindingSchema, type Finding, type Severity } from '../../schemas/finding.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Report } from '../../schemas/report.js';
import { paramsFor, type TemplateParams } from '../../src/config/template-params.js';
import { runRule } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';

export interface RuleCase {
  name: string;
  report: Report;
  document?: DocumentModel;
  /** Template parameter overrides for this case (default: the report family's). */
  params?: Partial<TemplateParams>;
}

export interface ExpectedFinding {
  severity?: Severity;
  /** Exact `values` of the finding. */
  values?: number[];
  part?: string | null;
  /** Substrings the Chinese message must contain (figures, names, columns). */
  messageIncludes?: string[];
  /** Substrings the English message must contain. */
  messageEnIncludes?: string[];
  expected?: string;
  observed?: string;
  /** Keys that must appear in `params`. */
  params?: string[];
  /** Strings that must appear in `missing`. */
  missing?: string[];
  /** Findings about the report as a whole may have no evidence. */
  noEvidence?: boolean;
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

export interface RuleCases {
  rule: Rule;
  valid: RuleCase[];
  invalid: InvalidCase[];
}

export function ruleCases(cases: RuleCases): RuleCases {
  return cases;
}

export function runCase(rule: Rule, c: RuleCase, lang: 'zh' | 'en' = 'zh'): Finding[] {
  const params = paramsFor(c.report.family, c.params ?? {});
  return runRule(rule, c.report, { document: c.document ?? null, lang, params });
}

function describeFinding(f: Finding): string {
  return `${f.severity} ${JSON.stringify(f.values)} part=${f.part} — ${f.message}`;
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  if (e.severity && f.severity !== e.severity) return false;
  if (e.values && JSON.stringify(f.values) !== JSON.stringify(e.values)) return false;
  if (e.part !== undefined && f.part !== e.part) return false;
  if (e.messageIncludes && !e.messageIncludes.every((s) => f.message.includes(s))) return false;
  if (e.messageEnIncludes && !e.messageEnIncludes.every((s) => f.messageEn.includes(s))) return false;
  if (e.expected !== undefined && f.expected !== e.expected) return false;
  if (e.observed !== undefined && f.observed !== e.observed) return false;
  if (e.params && !e.params.every((k) => f.params && k in f.params)) return false;
  if (e.missing && !e.missing.every((m) => f.missing.some((x) => x.includes(m)))) return false;
  return true;
}

function checkWellFormed(f: Finding, expectation: ExpectedFinding | undefined): void {
  expect(() => FindingSchema.parse(f), `finding validates: ${describeFinding(f)}`).not.toThrow();
  expect(f.message, 'Chinese message').toMatch(/[\u4e00-\u9fff]/);
  expect(f.messageEn.length, 'English message').toBeGreaterThan(0);
  if (!expectation?.noEvidence) {
    expect(f.evidence.length, `evidence for ${describeFinding(f)}`).toBeGreaterThan(0);
    for (const ev of f.evidence) expect(ev.location.part ?? ev.location.page ?? ev.location.paragraph ?? ev.location.block ?? null, 'evidence location').not.toBeNull();
  }
}

/** Register the cases of one rule with vitest. */
export function runCases(cases: RuleCases): void {
  const { rule } = cases;
  describe(`${rule.meta.id} (${rule.meta.catalogue})`, () => {
    it('has at least one valid and one invalid case', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = runCase(rule, c);
        expect(found.map(describeFinding)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runCase(rule, c);
        const unmatched = [...found];
        for (const e of c.findings) {
          const i = unmatched.findIndex((f) => matches(f, e));
          expect(i, `expected ${JSON.stringify(e)} among:\n${found.map(describeFinding).join('\n')}`).toBeGreaterThanOrEqual(0);
          checkWellFormed(unmatched[i], e);
          unmatched.splice(i, 1);
        }
        expect(unmatched.map(describeFinding), 'unexpected extra findings').toEqual([]);
        // Stable ids: same report, same ids; distinct findings, distinct ids.
        const again = runCase(rule, c);
        expect(again.map((f) => f.id)).toEqual(found.map((f) => f.id));
        expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
        // English messages via lang.
        const en = runCase(rule, c, 'en');
        expect(en.map((f) => f.message)).toEqual(found.map((f) => f.messageEn));
      });
    }
  });
}
