import type { TemplateFamily } from '../../schemas/report.js';

/**
 * Template parameters (模板参数): what differs between provincial variants of the same forms.
 * Rules read these instead of hard-coding a province's numbers; every finding that depends on one
 * names the parameters it used (`params`). Defaults per family below; see shared/design/templates.md.
 */

/** How the execution row (预算执行率) is scored. */
export type ExecutionScoring =
  /** 得分 = 分值 × min(执行率, 1) — MOF 2020 and most provinces. */
  | { kind: 'proportional' }
  /** 每低于 stepPercent% 扣 pointsPerStep 分, counted from 100%, floored at 0. */
  | { kind: 'stepped'; stepPercent: number; pointsPerStep: number };

export interface TemplateParams {
  family: TemplateFamily;
  /** Weight of the execution row (预算执行率 分值): 10 in MOF 2020, 20 in the 20-point variant. */
  executionWeight: number;
  executionScoring: ExecutionScoring;
  /** Indicator weights total (产出+效益+满意度[+成本]): 100 − executionWeight. */
  indicatorTotal: number;
  /**
   * Accepted splits of the indicator weight over 一级指标, used when a form does not print the
   * declared points ("产出指标(30分)"). Keys are 一级指标 stems (产出, 效益, 满意度, 成本).
   */
  weightSplits: Array<Record<string, number>>;
  /** An execution rate below this (percent) needs a stated reason (A3). */
  reasonThresholdPercent: number;
  /** Money amounts (万元) are kept to this many decimals; "20" in such a column means 20.00. */
  moneyDecimals: number;
  /** Scores are given to this many decimals at least ("0.5" means 0.50). */
  scoreDecimals: number;
  /** Bands of qualitative scores as a share of the weight (D7), in percent. */
  qualitativeBands: Array<{ words: string[]; minPercent: number; maxPercent: number }>;
  /**
   * Parts a package of this family holds once it holds any form (coverage, F): the Hunan
   * department package is 基础数据表 + 部门整体支出绩效自评表 + 项目支出绩效自评表; a narrative-only
   * report, or a family whose package is one form, expects nothing more.
   */
  packageParts: Array<'basic-data' | 'dept-self-eval' | 'project-self-eval'>;
}

const SPLIT_50_30_10 = { 产出: 50, 效益: 30, 满意度: 10 };
const SPLIT_30_30_10_20 = { 产出: 30, 效益: 30, 满意度: 10, 成本: 20 };

const QUALITATIVE_BANDS: TemplateParams['qualitativeBands'] = [
  { words: ['未达成', '未完成', '未实现'], minPercent: 0, maxPercent: 60 },
  { words: ['部分达成', '部分完成', '基本达成', '基本完成'], minPercent: 60, maxPercent: 80 },
  { words: ['达成', '完成', '实现', '全覆盖', '达标'], minPercent: 80, maxPercent: 100 },
];

const MOF_2020: TemplateParams = {
  family: 'mof-2020',
  executionWeight: 10,
  executionScoring: { kind: 'proportional' },
  indicatorTotal: 90,
  weightSplits: [SPLIT_50_30_10, SPLIT_30_30_10_20],
  reasonThresholdPercent: 90,
  moneyDecimals: 2,
  scoreDecimals: 2,
  qualitativeBands: QUALITATIVE_BANDS,
  packageParts: [],
};

/** Defaults per template family. */
export const TEMPLATE_PARAMS: Record<TemplateFamily, TemplateParams> = {
  'mof-2020': MOF_2020,
  'hunan-dept': { ...MOF_2020, family: 'hunan-dept', packageParts: ['basic-data', 'dept-self-eval', 'project-self-eval'] },
  yunnan: { ...MOF_2020, family: 'yunnan' },
  sichuan: { ...MOF_2020, family: 'sichuan' },
  // 衔接资金 forms print their own split (e.g. 产出70/效益20/满意度10).
  'sichuan-linkage': {
    ...MOF_2020,
    family: 'sichuan-linkage',
    weightSplits: [{ 产出: 70, 效益: 20, 满意度: 10 }, SPLIT_50_30_10, SPLIT_30_30_10_20],
  },
  // 得分(20分*执行率): the execution row is worth 20 points.
  'exec-20': { ...MOF_2020, family: 'exec-20', executionWeight: 20, indicatorTotal: 80 },
  unknown: { ...MOF_2020, family: 'unknown' },
  // 宁夏 部门项目支出绩效自评表: 项目决策/项目管理/项目产出/项目效益 (e.g. 10/25/30/35) with a 参考分值
  // column; the execution rate is an indicator under 项目管理, not a separate 10-point row.
  ningxia: {
    ...MOF_2020,
    family: 'ningxia',
    executionWeight: 0,
    indicatorTotal: 100,
    weightSplits: [{ 项目决策: 10, 项目管理: 25, 产出: 30, 效益: 35 }, { 项目决策: 10, 项目管理: 20, 产出: 40, 效益: 30 }],
  },
  // 53号文 部门整体支出绩效评价指标表: 投入/过程/产出/效果, the levels' points printed beside them; no
  // execution row, the indicators carry all 100 points.
  'eval-53': { ...MOF_2020, family: 'eval-53', executionWeight: 0, indicatorTotal: 100, weightSplits: [] },
  // 四川 转移支付资金绩效评价表: 行次/列次 grid, lettered columns with formulas (D/C×100%); weights as printed.
  'sichuan-transfer': { ...MOF_2020, family: 'sichuan-transfer', weightSplits: [] },
};

/** Parameters in force for a report of this family, with optional overrides (e.g. from a config file). */
export function paramsFor(family: TemplateFamily, overrides: Partial<TemplateParams> = {}): TemplateParams {
  return { ...TEMPLATE_PARAMS[family], ...overrides };
}
