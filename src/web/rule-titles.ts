import { RULES } from '../rules/registry.js';
import { crossRuleTitle } from '../bureau/cross-finding.js';

const TITLES = new Map(RULES.map((r) => [r.meta.id, r.meta.title.zh]));

/** The rule's Chinese title (执行率计算, …) for reviewers, or null for a rule this build does not know. */
export function ruleTitle(ruleId: string): string | null {
  return TITLES.get(ruleId) ?? crossRuleTitle(ruleId);
}
