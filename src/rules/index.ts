import { createHash } from 'node:crypto';
import type { Finding } from '../../schemas/finding.js';
import type { Report } from '../../schemas/report.js';
import { documentReading, makeFinding, type DocumentReading } from './finding.js';
import { RULES } from './registry.js';
import type { Rule, RuleContext } from './types.js';
import { paramsFor, type TemplateParams } from '../config/template-params.js';
import { MIN_CONFIDENCE } from './confidence.js';

/** Version of the rule set: changes whenever a rule is added, removed or bumped ("r12-1a2b3c4d"). */
export const RULES_VERSION = (() => {
  const list = RULES.map((r) => `${r.meta.id}@${r.meta.version}`).join(',');
  return `r${RULES.length}-${createHash('sha1').update(list).digest('hex').slice(0, 8)}`;
})();

export { MIN_CONFIDENCE };

/** Parameters that only a known template family supplies: rules reading them skip unknown families. */
const FAMILY_PARAMETERS: Array<keyof TemplateParams> = ['executionWeight', 'indicatorTotal', 'weightSplits', 'executionScoring'];

/** Rules about the document as written (coverage, leftovers, names, numbering): they see every form. */
const STRUCTURAL_RULES = new Set(['coverage', 'template-leftovers', 'entity-names', 'year-consistency', 'digits-in-words', 'split-numbers', 'section-numbering', 'normalized-text', 'parse-issues']);

type Form = NonNullable<Report['deptSelfEval']> | Report['projects'][number];

/** A form with nothing to check, in its place (indexes into report.projects stay valid). */
function withoutFigures<T extends Form>(form: T): T {
  return { ...form, budget: null, indicators: [], total: null, goals: { expected: null, achieved: null }, placeholderRows: undefined };
}

/** The report with only the forms `keep` accepts left checkable. */
function viewOf(report: Report, keep: (form: Form) => boolean): Report {
  const forms = [report.deptSelfEval, ...report.projects].filter((f): f is Form => f !== null);
  if (forms.every(keep)) return report;
  return {
    ...report,
    deptSelfEval: report.deptSelfEval && !keep(report.deptSelfEval) ? withoutFigures(report.deptSelfEval) : report.deptSelfEval,
    projects: report.projects.map((p) => (keep(p) ? p : withoutFigures(p))),
  };
}

const understood = (f: Form) => !f.recognition || f.recognition.confidence >= MIN_CONFIDENCE;
const familyOf = (f: Form, report: Report) => f.recognition?.family ?? report.family;

/**
 * Run every rule that applies to the report's template family. A failing rule never sinks the report.
 * Gating (issue 12): a form read with low confidence is checked by the structural rules only (coverage
 * says it was not understood); rules that need a family's parameters run per family, with that
 * family's parameters, on the forms of a known family whose indicator block is complete (or, for a rule
 * with meta.cutForms, cut before its 总分 row: the rule reports only what the cut cannot explain).
 */
export function runRules(report: Report, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const confident = viewOf(report, understood);
  const forms = [report.deptSelfEval, ...report.projects].filter((f): f is Form => f !== null);
  // what the reading says about every finding (□, a cut): once per report, not per rule
  const reading = documentReading(context.document);
  const run = (rule: Rule, view: Report, ctx: RuleContext) => runRuleOn(rule, view, ctx, reading);
  for (const rule of RULES) {
    const families = rule.meta.families;
    if (families !== 'all' && !families.includes(report.family)) continue;
    if (STRUCTURAL_RULES.has(rule.meta.id)) {
      append(findings, run(rule, report, context));
      continue;
    }
    if (!rule.meta.parameters?.some((p) => FAMILY_PARAMETERS.includes(p))) {
      append(findings, run(rule, confident, context));
      continue;
    }
    const checkable = forms.filter((f) => understood(f) && familyOf(f, report) !== 'unknown' && (f.recognition?.complete !== false || rule.meta.cutForms));
    const byFamily = new Set(checkable.map((f) => familyOf(f, report)));
    if (byFamily.size <= 1 && checkable.length === forms.length) {
      const family = [...byFamily][0] ?? report.family;
      append(findings, run(rule, report, family === report.family ? context : { ...context, params: context.params ?? paramsFor(family) }));
      continue;
    }
    for (const family of byFamily) {
      const view = viewOf(report, (f) => checkable.includes(f) && familyOf(f, report) === family);
      append(findings, run(rule, view, { ...context, params: context.params ?? paramsFor(family) }));
    }
  }
  return findings;
}

/** items appended one by one: a spread (push(...items)) overflows the call stack past ~10^5 items. */
function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** Run one rule with the report family's template parameters; an exception becomes an info finding. */
export function runRule(rule: Rule, report: Report, context: RuleContext): Finding[] {
  return runRuleOn(rule, report, context, documentReading(context.document));
}

function runRuleOn(rule: Rule, report: Report, context: RuleContext, read: DocumentReading): Finding[] {
  const ctx: RuleContext = { ...context, params: context.params ?? paramsFor(report.family) };
  try {
    return rule.check(report, ctx).map((draft) => makeFinding(rule.meta, draft, ctx.lang, read));
  } catch (e) {
    return [
      makeFinding(
        rule.meta,
        {
          severity: 'info',
          message: {
            zh: `检查规则 ${rule.meta.id} 运行出错，未能完成该项检查：${(e as Error).message}`,
            en: `rule ${rule.meta.id} failed and was skipped: ${(e as Error).message}`,
          },
          values: [],
          evidence: [],
        },
        ctx.lang,
      ),
    ];
  }
}
