import { createHash } from 'node:crypto';
import type { Finding } from '../../schemas/finding.js';
import type { Report } from '../../schemas/report.js';
import { makeFinding } from './finding.js';
import { RULES } from './registry.js';
import type { RuleContext } from './types.js';

/** Version of the rule set: changes whenever a rule is added, removed or bumped ("r12-1a2b3c4d"). */
export const RULES_VERSION = (() => {
  const list = RULES.map((r) => `${r.meta.id}@${r.meta.version}`).join(',');
  return `r${RULES.length}-${createHash('sha1').update(list).digest('hex').slice(0, 8)}`;
})();

/** Run every rule that applies to the report's template family. A failing rule never sinks the report. */
export function runRules(report: Report, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const families = rule.meta.families;
    if (families !== 'all' && !families.includes(report.family)) continue;
    try {
      for (const draft of rule.check(report, ctx)) findings.push(makeFinding(rule.meta, draft, ctx.lang));
    } catch (e) {
      findings.push(
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
      );
    }
  }
  return findings;
}
