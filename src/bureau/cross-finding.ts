import type { Finding } from '../../schemas/finding.js';
import { makeFinding } from '../rules/finding.js';
import type { FindingDraft, RuleMeta } from '../rules/types.js';

/**
 * A finding across reports (跨报告核对): the report's own side is the Finding's evidence (cells and
 * sentences of this report); the other side — a row of the bureau's ledger or last year's report —
 * is the counterpart, shown beside it on the report page.
 */
export interface CounterpartItem {
  /** What the value is ("全年预算数", "2022年决算数"). */
  label: string;
  text: string;
  /** Where it is: "参考台账第5行 E列", "2022年度报告 表1 第12行第2列". */
  where: string;
}

export interface Passage {
  current: string;
  previous: string;
  /** Shingle similarity 0–1. */
  similarity: number;
  currentWhere: string;
  previousWhere: string;
}

export interface Counterpart {
  kind: 'ledger' | 'last-year';
  /** "参考台账（2023年，导入 #3 ledger.xlsx）" / "2022年度报告 某某.docx". */
  title: string;
  /** Last year's report, to link to. */
  sha256?: string;
  /** Why the names on both sides were taken for the same department / project. */
  match?: string[];
  items: CounterpartItem[];
  passages?: Passage[];
}

export interface CrossFinding {
  finding: Finding;
  counterpart: Counterpart;
}

const common = { families: 'all' as const, version: 1 };

/** The cross-report rules, for titles, the rule list and the findings' ids. */
export const CROSS_RULES = {
  ledger: {
    ...common,
    id: 'reference-ledger',
    severity: 'error',
    catalogue: 'R1',
    title: { zh: '与参考台账不一致', en: "Differs from the bureau's ledger" },
    description: {
      zh: '报告预算块（部门整体、各项目）的年初预算数、全年预算数、全年执行数与财政局参考台账比对；名称按去掉地名、字面相近对应，并写明对应理由。',
      en: "Budget block amounts compared with the bureau's reference ledger; names matched robustly with the reason shown.",
    },
    formula: '报告金额（换算为万元）= 台账金额',
    tolerance: '报告金额按书写精度±½末位（如 951.90 → ±0.005 万元）；台账金额视为精确值',
    source: '财政局参考台账（selfeval import-reference）',
  },
  previousFinal: {
    ...common,
    id: 'last-year-final',
    severity: 'error',
    catalogue: 'R2',
    title: { zh: '上年决算数与上年报告不符', en: "Previous year's final differs from last year's report" },
    description: {
      zh: '本年基础数据表“上年决算数”列应等于上年同一部门报告基础数据表的“本年决算数”。',
      en: "This year's 上年决算数 column equals last year's report's 本年决算数.",
    },
    formula: '本年报告 上年决算数 = 上年报告 本年决算数（同一行）',
    tolerance: '两边各按书写精度±½末位，区间相交即视为相等',
    source: '部门整体支出绩效评价基础数据表',
  },
  indicators: {
    ...common,
    id: 'last-year-indicators',
    severity: 'info',
    catalogue: 'R3',
    title: { zh: '指标照搬上年', en: 'Indicators copied from last year' },
    description: {
      zh: '同一表（部门整体或同名项目）的全部三级指标及年度指标值与上年报告完全相同，而全年预算数已变化（提示）；或实际完成值也与上年相同且全部达标（连续两年全部达标且数字相同，警告）。',
      en: "Every indicator and target equals last year's while the budget changed (info), or the actual values are last year's too with every target met (warning).",
    },
    formula: '指标名称与年度指标值逐行相同，且（全年预算数不同，或实际完成值相同且全部达标）',
    tolerance: '指标名称、指标值按规范化文本比较；预算按书写精度±½末位',
    source: '审核经验',
  },
  narrative: {
    ...common,
    id: 'last-year-narrative',
    severity: 'warning',
    catalogue: 'R4',
    title: { zh: '文字报告照抄上年', en: "Narrative copied from last year's report" },
    description: {
      zh: '文字报告的段落与上年报告的段落高度相似（字符 4 元组 Jaccard 相似度 ≥ 0.8），且照抄的段落占该报告正文的多数。',
      en: "Paragraphs of a narrative report nearly equal last year's (4-character shingle Jaccard ≥ 0.8), for most of its text.",
    },
    formula: '相似段落 ≥ 3 段且占正文字数 ≥ 60%',
    tolerance: '只比较 ≥ 30 字的正文段落；年份数字按本年/上年统一后比较',
    source: '审核经验',
  },
} satisfies Record<string, RuleMeta>;

export type CrossRuleKey = keyof typeof CROSS_RULES;

export function crossFinding(rule: CrossRuleKey, draft: FindingDraft, counterpart: Counterpart): CrossFinding {
  return { finding: makeFinding(CROSS_RULES[rule], draft, 'zh'), counterpart };
}

const TITLES = new Map(Object.values(CROSS_RULES).map((r) => [r.id, r.title.zh]));

export function crossRuleTitle(id: string): string | null {
  return TITLES.get(id) ?? null;
}
