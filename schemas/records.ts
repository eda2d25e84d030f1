import { z } from 'zod';
import { FactSchema, TextFactSchema } from './fact.js';
import { LocationSchema } from './location.js';
import { FigureSchema } from './figure.js';
import { TemplateFamilySchema } from './family.js';

/** 填表人 / 填报日期 / 联系电话 / 单位负责人 — the signature line under a form. */
export const SignatureSchema = z.object({
  preparer: z.string().nullable(), // 填表人
  date: z.string().nullable(), // 填报日期
  phone: z.string().nullable(), // 联系电话
  head: z.string().nullable(), // 单位负责人(签字)
  loc: LocationSchema,
});
export type Signature = z.infer<typeof SignatureSchema>;

/**
 * One row of a budget block (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金 …).
 * Sichuan: 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重.
 */
export const BudgetRowSchema = z.object({
  label: z.string(),
  /** total = 年度资金总额/资金总额; the others are funding sources. */
  kind: z.enum(['total', 'current-year', 'carry-over', 'other', 'special-account', 'unit', 'unknown']),
  initialBudget: FactSchema.nullable(), // 年初预算数
  fullYearBudget: FactSchema.nullable(), // 全年预算数 / 调整后预算数
  executed: FactSchema.nullable(), // 全年执行数 / 预算执行数
  weight: FactSchema.nullable(), // 分值 / 权重
  rate: FactSchema.nullable(), // 执行率
  score: FactSchema.nullable(), // 得分
  /** 转移支付 grids: 扣除统筹整合资金后预算金额 (C), 全年到位资金 (D), 预算到位 (D/C×100%). */
  netBudget: FactSchema.nullable().optional(),
  arrived: FactSchema.nullable().optional(),
  arrivalRate: FactSchema.nullable().optional(),
  loc: LocationSchema,
});
export type BudgetRow = z.infer<typeof BudgetRowSchema>;

/** A labelled amount inside a breakdown ("其中：一般公共预算：885.94"). */
export const BreakdownItemSchema = z.object({
  label: z.string(),
  /** Normalized key: general-budget 一般公共预算, government-fund 政府性基金, special-account 专户非税, other 其他资金, basic 基本支出, project 项目支出. */
  key: z.string(),
  amount: FactSchema,
});
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;

export const BudgetBlockSchema = z.object({
  unit: z.string().nullable(), // 万元 / 元
  /** The unit the form's head states (万元, or null when none) when the amounts' size overrides it: a 项目资金(万元)
   * head over 145000000.00 is read in 元 (recognize/budget-block.ts blockUnit). Absent when the stated unit is kept. */
  statedUnit: z.string().nullable().optional(),
  /** The head cell that states statedUnit (项目资金(万元)), where it is overridden; absent otherwise. */
  statedUnitCell: TextFactSchema.optional(),
  rows: z.array(BudgetRowSchema),
  /** 按收入性质分 (department form). */
  byIncome: z.array(BreakdownItemSchema),
  /** 按支出性质分 (department form). */
  bySpending: z.array(BreakdownItemSchema),
  /** Column labels as printed, in order, mapped to field names. */
  columns: z.array(z.object({ field: z.string(), label: z.string() })),
});
export type BudgetBlock = z.infer<typeof BudgetBlockSchema>;

/** A parsed target/actual ("≥50个", "95%以上", "全覆盖"). */
export const MeasureSchema = z.object({
  text: z.string(),
  figure: FigureSchema.nullable(),
  /** True when the text is qualitative (全覆盖, 无, 整体平稳). */
  qualitative: z.boolean(),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** One indicator row (三级指标) of a self-evaluation table. */
export const IndicatorSchema = z.object({
  level1: z.string(), // 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标)
  /** Points declared in the level-1 label: "产出指标(30分)" → 30. */
  level1Points: FigureSchema.nullable(),
  level2: z.string(), // 二级指标 (数量指标 …)
  /** Points of the 二级指标 group: declared in its label ("数量指标(10分)") or printed in a column of
   * their own, merged over the group's rows beside its name ("项目产出 | 15"). Absent when not printed. */
  level2Points: FigureSchema.nullable().optional(),
  level3: z.string(), // 三级指标 (the indicator's name)
  /** Sichuan: 指标性质 (=, ≥, ≤, 定性). */
  nature: TextFactSchema.nullable(),
  target: FactSchema, // 年度指标值
  actual: FactSchema, // 实际完成值 / 全年实际值 / 完成值
  /** Sichuan: 度量单位. */
  unit: TextFactSchema.nullable(),
  weight: FactSchema, // 分值 / 权重
  score: FactSchema, // 得分
  /** 得分系数(%) / 得分率 printed beside the score (重庆 部门整体绩效自评表): the share of the weight earned. */
  scoreRatio: FactSchema.optional(),
  reason: TextFactSchema, // 偏差原因分析及改进措施 / 未完成原因分析
  /** 53号 指标表: 指标说明 (what the indicator measures, often with the unit's own figures). */
  description: TextFactSchema.optional(),
  /** 53号 指标表: 评价标准 (how it is scored). */
  standard: TextFactSchema.optional(),
  targetMeasure: MeasureSchema,
  actualMeasure: MeasureSchema,
  /** Row marked 不适用. */
  notApplicable: z.boolean(),
  loc: LocationSchema,
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/** 总分 / 合计 row. */
export const TotalRowSchema = z.object({
  weight: FactSchema.nullable(),
  score: FactSchema.nullable(),
  loc: LocationSchema,
});
export type TotalRow = z.infer<typeof TotalRowSchema>;

export const GoalsSchema = z.object({
  expected: TextFactSchema.nullable(), // 预期目标
  achieved: TextFactSchema.nullable(), // 实际完成情况
});

/**
 * How a form was recognized: the family whose parameters apply to it, and how sure the reading is.
 * `confidence` (0–1) is the share of the form's header labels naming a known field that were mapped
 * to one (a label like 分值 left unmapped means the columns were misread), lowered when numeric
 * cells could not be read. `complete` is false when the indicator block ran to the end of its
 * table without a 总分/合计 row (a cut or continued table: totals are not checked).
 */
export const RecognitionSchema = z.object({
  family: TemplateFamilySchema,
  confidence: z.number().min(0).max(1),
  complete: z.boolean(),
  /** Header labels that name a field but were not mapped to one. */
  unmapped: z.array(z.string()),
});
export type Recognition = z.infer<typeof RecognitionSchema>;

const selfEvalCommon = {
  /** Part label used in locations and messages. */
  part: z.string(),
  /** Table ordinals that make up this form. */
  tables: z.array(z.number().int()),
  title: TextFactSchema.nullable(),
  year: z.number().int().nullable(),
  budget: BudgetBlockSchema.nullable(),
  goals: GoalsSchema,
  indicators: z.array(IndicatorSchema),
  total: TotalRowSchema.nullable(),
  signature: SignatureSchema.nullable(),
  /** Column headers of the indicator table as printed, mapped to fields. */
  indicatorColumns: z.array(z.object({ field: z.string(), label: z.string() })),
  /** Template placeholder rows left in the indicator table ("指标2：", "……"): not indicators. */
  placeholderRows: z.array(TextFactSchema).optional(),
  /** A form-level reason row under the indicators ("偏差大或目标未完成原因分析 | …"): the deviation reason of the whole form. */
  deviationNote: TextFactSchema.optional(),
  /**
   * The 转移支付 form's 资金管理情况 row on the execution ("执行准确性 | 情况说明"): what it says may explain a low
   * execution rate or a changed budget. Read where the row stands apart from the budget block (a rebuilt form).
   */
  executionNote: TextFactSchema.optional(),
  /** The form's total as its head states it ("自评得分 | 98", "自评总分(分) | 97.6"): checked against the scores below. */
  headScore: FactSchema.optional(),
  /** How well the form was understood (issue 12): rules are gated by it (src/rules/index.ts). */
  recognition: RecognitionSchema.optional(),
};

/** 部门整体支出绩效自评表. */
export const DeptSelfEvalSchema = z.object({
  kind: z.literal('dept-self-eval'),
  department: TextFactSchema.nullable(), // 预算部门名称
  ...selfEvalCommon,
});
export type DeptSelfEval = z.infer<typeof DeptSelfEvalSchema>;

/** 项目支出绩效自评表 (one per project). */
export const ProjectSelfEvalSchema = z.object({
  kind: z.literal('project-self-eval'),
  name: TextFactSchema.nullable(), // 项目支出名称 / 项目名称
  supervisor: TextFactSchema.nullable(), // 主管部门
  implementer: TextFactSchema.nullable(), // 实施单位
  ...selfEvalCommon,
});
export type ProjectSelfEval = z.infer<typeof ProjectSelfEvalSchema>;

/** A row of 经费控制情况 in the 基础数据表, with its three year columns. */
export const SpendingRowSchema = z.object({
  label: z.string(),
  /** three-public 三公经费, vehicle 公务用车购置和维护, vehicle-purchase 公车购置, vehicle-running 公车运行维护,
   * overseas 出国经费, reception 公务接待, project 项目支出, project-item (a fund row), public 公用经费,
   * office 办公经费, procurement 政府采购金额, adjustment 部门基本支出预算调整, other. */
  key: z.string(),
  /** Label of the row this one is a part of (其中 / sub-items), if any. */
  parent: z.string().nullable(),
  previousFinal: FactSchema.nullable(), // 上年决算数
  budget: FactSchema.nullable(), // 本年预算数
  final: FactSchema.nullable(), // 本年决算数
  loc: LocationSchema,
});
export type SpendingRow = z.infer<typeof SpendingRowSchema>;

/** 部门整体支出绩效评价基础数据表. */
export const BasicDataSchema = z.object({
  kind: z.literal('basic-data'),
  part: z.string(),
  tables: z.array(z.number().int()),
  title: TextFactSchema.nullable(),
  year: z.number().int().nullable(),
  staffing: z
    .object({
      authorized: FactSchema.nullable(), // 编制数
      actual: FactSchema.nullable(), // 实际在职人数
      controlRate: FactSchema.nullable(), // 控制率
    })
    .nullable(),
  /** Column year labels as printed (2022年决算数, 2023年预算数, 2023年决算数). */
  spendingColumns: z.array(z.object({ field: z.string(), label: z.string() })),
  spending: z.array(SpendingRowSchema),
  /** 楼堂馆所控制情况. */
  buildings: z
    .object({
      approvedScale: FactSchema.nullable(), // 批复规模
      actualScale: FactSchema.nullable(), // 实际规模
      scaleControlRate: FactSchema.nullable(), // 规模控制率
      budgetInvestment: FactSchema.nullable(), // 预算投资
      actualInvestment: FactSchema.nullable(), // 实际投资
      investmentControlRate: FactSchema.nullable(), // 投资概算控制率
    })
    .nullable(),
  savingMeasures: TextFactSchema.nullable(), // 厉行节约保障措施
  signature: SignatureSchema.nullable(),
});
export type BasicData = z.infer<typeof BasicDataSchema>;
