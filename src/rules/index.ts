import { createHash } from 'node:crypto';
import type { Finding } from '../../schemas/finding.js';
import type { Report } from '../../schemas/report.js';
import { makeFinding } from './finding.js';
import { RULES } from './registry.js';
import type { Rule, RuleContext } from './types.js';
import { paramsFor } from '../config/template-params.js';

/** Version of the rule set: changes whenever a rule is added, removed or bumped ("r12-1a2b3c4d"). */
export const RULES_VERSION = (() => {
  const list = RULES.map((r) => `${r.meta.id}@${r.meta.version}`).join(',');
  return `r${RULES.length}-${createHash('sha1').update(list).digest('hex').slice(0, 8)}`;
})();

/** Run every rule that applies to the report's template family. A failing rule never sinks the report. */
export function runRules(report: Report, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const families = rule.meta.families;
    if (families !== 'all' && !families.includes(report.family)) continue;
    findings.push(...runRule(rule, report, context));
  }
  return findings;
}

/** Run one rule with the report family's template parameters; an exception becomes an info finding. */
export function runRule(rule: Rule, report: Report, context: RuleContext): Finding[] {
  const ctx: RuleContext = { ...context, params: context.params ?? paramsFor(report.family) };
  try {
    return rule.check(report, ctx).map((draft) => makeFinding(rule.meta, draft, ctx.lang));
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
