import type { DocumentModel } from '../../schemas/document.js';
import type { Evidence, Finding, Severity } from '../../schemas/finding.js';
import type { Report, TemplateFamily } from '../../schemas/report.js';
import type { TemplateParams } from '../config/template-params.js';

/**
 * A rule is one consistency check (shared/design/rules-catalogue.md), one file in src/rules/,
 * shaped after ESLint rules: `meta` describes it, `check` returns findings over the whole report.
 */
export interface RuleMeta {
  /** kebab-case id, stable: it is part of every finding's id. */
  id: string;
  /** Bump when the rule's logic changes (re-processing compares findings by id). */
  version: number;
  /** Default severity; a check may report a lower/higher one per finding with a stated reason. */
  severity: Severity;
  /** Catalogue reference, e.g. "A1". */
  catalogue: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  /** The formula checked, e.g. "执行率 = 全年执行数 ÷ 全年预算数". */
  formula: string;
  /** How much rounding the rule allows and why. */
  tolerance: string;
  /** Template families the rule applies to ('all' for every family). */
  families: TemplateFamily[] | 'all';
  /** Where the rule comes from (form note, 财预〔2020〕10号 …). */
  source: string;
  /** Template parameters the rule reads (src/config/template-params.ts), listed in docs/rules.md. */
  parameters?: Array<keyof TemplateParams>;
  /**
   * The rule also checks forms whose indicator block was cut before its 总分 row (recognition.complete
   * false) and reports on them only what a cut cannot explain (weights past a group's points).
   */
  cutForms?: boolean;
  /**
   * The rule reports on the reading itself (the parser's own issues, a cut-off file among them): its
   * findings keep their severity on the pages before a cut instead of becoming notes (makeFinding).
   */
  aboutTheReading?: boolean;
}

export interface RuleContext {
  document: DocumentModel | null;
  lang: 'zh' | 'en';
  /** Template parameters in force for this report (weight splits, thresholds …); runRules fills
   * them from the report's family when absent. */
  params?: TemplateParams;
}

/** What a check returns; `makeFinding` completes it (id, version, message language). */
export interface FindingDraft {
  severity?: Severity;
  message: { zh: string; en: string };
  values: number[];
  evidence: Evidence[];
  expected?: string | null;
  observed?: string | null;
  tolerance?: string | null;
  missing?: string[];
  params?: Record<string, unknown> | null;
  part?: string | null;
}

export interface Rule {
  readonly meta: Readonly<RuleMeta>;
  check(report: Report, ctx: RuleContext): FindingDraft[];
}

export type { Finding };
