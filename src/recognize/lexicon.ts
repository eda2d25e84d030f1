/**
 * The header lexicon (表头词典): every way a form prints the label of a field, in one place, with
 * where each synonym comes from. Header mapping (header-map.ts) and the part classifiers (parts.ts)
 * read only this table, so a new province's wording is one line here.
 *
 * Patterns are tested against the compact key of a header cell (src/text/normalize.ts: no
 * whitespace, full-width folded, traditional → simplified, pinyin glosses removed), with the
 * parent header joined by "/" when a header has two rows ("年度指标值/指标性质").
 *
 * `weak` synonyms map a column once a header row is known to be one, but do not by themselves make
 * a row a header: "决算数" heads the executed column of a budget block and also the year columns of
 * the 基础数据表; "预算数" alone is just as ambiguous.
 */
import { boundedMemo } from '../memo.js';

export interface Synonym {
  /** Tested against the compact header key. */
  match: RegExp;
  /** Which template / province prints it (shared/design/templates.md). */
  source: string;
  /** Maps a column but does not identify a header row on its own. */
  weak?: boolean;
}

export interface FieldEntry {
  /** The field name in the records (schemas/records.ts). */
  field: string;
  /** The label reviewers know it by (messages). */
  label: string;
  synonyms: Synonym[];
  /** Labels that match a synonym but are not this field ("年初预算数" is not 全年预算数). */
  exclude?: RegExp;
}

const MOF = 'MOF 2020 项目支出绩效自评表（财预〔2020〕10号）';
const HUNAN = '湖南 部门整体支出绩效自评表';
const SICHUAN = '四川 部门预算项目支出绩效自评表';
const LINKAGE = '四川 衔接资金绩效目标自评表';
const YUNNAN = '云南 MOF 2020 变体（指标性质/指标值/度量单位）';
const SCORE_SHEET = '湖南 南县 项目支出绩效自评指标计分表（一级/二级/三级指标标注分值、自评分、评价标准）';
const EXEC20 = '20分制执行率变体（预算数(A)/执行数(B)）';
const NINGXIA = '宁夏 部门项目支出绩效自评表（参考分值）';
const TRANSFER = '四川 转移支付资金绩效评价表（行次/列次）';
const EVAL53 = '部门整体支出绩效评价指标表（53号文框架）';
const GENERIC = '各省通用写法';
const JIANGXI_DEPT = '江西 整体支出绩效自评表（分解目标 / 自评权重）';
const CHONGQING = '重庆 部门整体绩效自评表（计量单位/指标性质/年初指标值/调整指标值/全年完成值/得分系数/指标权重/指标得分/是否核心指标）';
/** A column of the share of the points earned (得分系数(%), 得分率): not the points themselves. */
export const SCORE_RATIO = /得分(?:系数|比例|率)/;
const CHONGQING_TARGETS = '重庆 区县 部门整体绩效目标自评表（年初预算资金总额 / 实际投入资金额 / 产生差异的原因；三级指标 / 指标权重 / 计量单位 / 指标值 / 全年实际完成值）';
const HAINAN = '海南 服务贸易项目绩效自评表（计划投资额 / 实际到位资金 / 实际使用情况）；四川 资金执行情况';
const CENTRAL = '中央对地方转移支付 区域（项目）绩效自评表（转移支付(项目)名称 / 资金投入情况）';

/**
 * Budget block columns (预算执行情况), in matching order: a field listed earlier takes a header
 * before a later one can ("执行率" must not be read as an 执行数 column).
 */
export const BUDGET_FIELDS: FieldEntry[] = [
  {
    field: 'initialBudget',
    label: '年初预算数',
    synonyms: [
      { match: /年初.*预算/, source: MOF },
      { match: /年初.*目标/, source: EXEC20, weak: true },
      { match: /年初数/, source: HUNAN },
    ],
  },
  {
    field: 'rate',
    label: '执行率',
    synonyms: [
      { match: /执行率/, source: MOF },
      { match: /完成率/, source: GENERIC, weak: true },
      { match: /支出率|预算执行进度/, source: GENERIC },
      // 四川 2024 转移支付 grid: "预算执行(E/C×100%)" — 执行 with a ratio ×100% as its formula is the rate
      { match: /执行\([A-Z]\/[A-Z][×*]100%\)/, source: TRANSFER },
    ],
    // a points column that names the rate it scores (执行率权重, 执行率得分, 得分(20分*执行率)) is not the rate
    exclude: /权重|分值|满分|得分/,
  },
  {
    field: 'executed',
    label: '全年执行数',
    synonyms: [
      { match: /执行数/, source: MOF },
      // "全年执行" with the 数 left off (湖北 2020 forms as republished)
      { match: /全年执行(?!率|进度)/, source: MOF },
      { match: /执行\(B\)/, source: EXEC20 },
      { match: /实际支出|支出数|决算数|实际完成数/, source: GENERIC, weak: true },
      { match: /完成预算资金/, source: GENERIC },
      // the amount used or executed, in other words (实际使用数, 实际使用情况(万元), 资金执行情况): weak, as the
      // same words head the label/value pairs of 海南 and 河北 forms (budget-pairs.ts)
      { match: /实际使用|资金使用(?:数|额|金额|情况)|使用(?:数|金额)|资金执行情况|执行金额/, source: HAINAN, weak: true },
      // the money actually put in, beside 年初预算资金总额 (重庆 区县 2021 部门整体绩效目标自评表: 实际投入资金额(万元))
      { match: /实际投入(?:资金)?(?:额|数|金额)/, source: CHONGQING_TARGETS, weak: true },
    ],
    exclude: /率|进度/,
  },
  {
    field: 'fullYearBudget',
    label: '全年预算数',
    synonyms: [
      { match: /全年预算/, source: MOF },
      { match: /调整后预算/, source: SICHUAN },
      { match: /^预算数/, source: EXEC20 },
      { match: /预算数\(A\)|预算\(A\)/, source: LINKAGE },
      // the amount planned for the year, in other words (预算安排情况(调整后), 计划投资额(万元)); weak as above,
      // tried before a bare 预算数 (年度预算数(万元) over the row labels of 四川 forms)
      { match: /预算安排|计划投资|投资计划额/, source: HAINAN, weak: true },
      { match: /预算数|全年数/, source: GENERIC, weak: true },
      { match: /调整预算数/, source: NINGXIA },
      { match: /申请预算资金/, source: GENERIC },
    ],
    exclude: /年初/,
  },
  {
    field: 'weight',
    label: '分值',
    synonyms: [
      { match: /分值|满分|标准分/, source: MOF, weak: true },
      { match: /权重/, source: SICHUAN, weak: true },
    ],
  },
  {
    field: 'score',
    label: '得分',
    synonyms: [{ match: /得分/, source: MOF, weak: true }],
    // 得分系数 / 得分率 (the share of the points earned, in %) is not the points
    exclude: SCORE_RATIO,
  },
  // 转移支付 grids: the budget net of pooled funds (C), the funds that arrived (D), D/C
  { field: 'netBudget', label: '扣除统筹整合资金后预算金额', synonyms: [{ match: /扣除统筹整合|统筹整合资金后/, source: TRANSFER }] },
  { field: 'arrivalRate', label: '预算到位率', synonyms: [{ match: /预算到位|到位率/, source: TRANSFER }] },
  { field: 'arrived', label: '全年到位资金', synonyms: [{ match: /到位资金|资金到位(?:数|情况)/, source: TRANSFER }], exclude: /率/ },
];

/**
 * Funding rows of a budget block by what their label says (资金来源), in matching order: the first
 * kind whose pattern the compact label matches. Marks before a label (★总额) are not words.
 */
export const BUDGET_ROW_KINDS: Array<{ kind: 'total' | 'carry-over' | 'special-account' | 'unit' | 'current-year' | 'other'; match: RegExp; source: string }> = [
  // 部门整体支出总额 (Hubei county 部门整体支出自评表 in the 项目自评表 layout): the whole department's money
  { kind: 'total', match: /资金总额|年度资金|合计|总计|^总额|整体支出总额/, source: MOF },
  { kind: 'carry-over', match: /上年结转|结转资金|上年结余|结转结余/, source: MOF },
  { kind: 'special-account', match: /财政专户/, source: SICHUAN },
  // 单位资金 (四川), 单位自筹, 自有资金, 自筹资金: the unit's own money
  { kind: 'unit', match: /单位资金|单位自筹|自有资金|自筹资金/, source: SICHUAN },
  // this year's fiscal money, by level or by name: 财政拨款 / 财政资金 / 一般公共预算拨款 / 本级财政 / 中央补助 /
  // 上级补助 / 地方资金 / 中央、省、市补助县级资金 (转移支付 and 衔接资金 forms split it by source)
  { kind: 'current-year', match: /财政拨款|财政资金|当年拨款|本年拨款|预算拨款|本级财政|(?:中央|上级)补助|补助.{0,6}资金|地方资金/, source: CENTRAL },
  { kind: 'other', match: /其他资金|其他/, source: MOF },
];

/** The kind of a funding row from its compact label. */
export function budgetRowKindOf(compactLabel: string): (typeof BUDGET_ROW_KINDS)[number]['kind'] | 'unknown' {
  const k = withoutMarks(compactLabel);
  return BUDGET_ROW_KINDS.find((r) => r.match.test(k))?.kind ?? 'unknown';
}

/**
 * Indicator table columns (绩效指标), in matching order. 分值 may come before 年度指标值 (衔接资金), the
 * target may be split into 指标性质/指标值/度量单位 (Sichuan, Yunnan).
 */
export const INDICATOR_FIELDS: FieldEntry[] = [
  {
    field: 'level1',
    label: '一级指标',
    synonyms: [
      { match: /一级指标/, source: MOF },
      // 江西 整体支出绩效自评表: "分解目标 | 自评权重 | 二级指标 | 三级指标 …" (管理指标 / 产出指标 / 效果指标)
      { match: /^分解目标$/, source: JIANGXI_DEPT, weak: true },
    ],
  },
  { field: 'level2', label: '二级指标', synonyms: [{ match: /二级指标/, source: MOF }] },
  {
    field: 'level3',
    label: '三级指标',
    synonyms: [
      { match: /三级指标/, source: MOF },
      { match: /指标名称/, source: GENERIC },
      { match: /具体指标/, source: GENERIC, weak: true },
    ],
  },
  {
    field: 'nature',
    label: '指标性质',
    synonyms: [
      { match: /指标性质/, source: SICHUAN },
      { match: /符号|比较/, source: YUNNAN, weak: true },
    ],
  },
  {
    field: 'unit',
    label: '度量单位',
    synonyms: [
      { match: /度量单位|计量单位/, source: SICHUAN },
      { match: /^单位$/, source: YUNNAN, weak: true },
      // Hebei 预算项目绩效自评表: 预期指标值 over 符号 | (value) | 单位(文字描述)
      { match: /\/单位/, source: GENERIC, weak: true },
    ],
  },
  {
    field: 'weight',
    label: '分值',
    synonyms: [
      { match: /分值|满分/, source: MOF },
      { match: /权重/, source: SICHUAN },
      { match: /参考分值/, source: NINGXIA },
      { match: /标准分|权数/, source: GENERIC },
    ],
  },
  {
    field: 'score',
    label: '得分',
    synonyms: [
      { match: /得分/, source: MOF },
      { match: /自评得分/, source: NINGXIA },
      { match: /指标得分/, source: CHONGQING },
      // scoring sheets with one 评分 column per level (县级 评分 | 市级 评分): the first is the self-evaluation
      { match: /(^|\/|自)评分(?:\([^)]*\))?$/, source: GENERIC },
    ],
    // Chongqing's 部门整体绩效自评表 prints 得分系数(%) before 指标权重(分) and 指标得分(分)
    exclude: SCORE_RATIO,
  },
  {
    field: 'description',
    label: '指标说明',
    synonyms: [{ match: /指标说明|指标解释|指标内涵/, source: EVAL53 }],
  },
  {
    field: 'standard',
    label: '评价标准',
    synonyms: [{ match: /评价标准|评分标准|计分标准|评分方法|评分规则|计分方法/, source: EVAL53 }],
  },
  {
    field: 'reason',
    label: '偏差原因分析及改进措施',
    synonyms: [
      { match: /原因|改进措施|偏差/, source: MOF, weak: true },
      { match: /说明/, source: SICHUAN, weak: true },
      // a remarks column is the reason column only where no column names a reason (synonyms are tried in order)
      { match: /^备注/, source: GENERIC, weak: true },
    ],
  },
  {
    field: 'actual',
    label: '实际完成值',
    synonyms: [
      { match: /完成值|实际值/, source: MOF },
      { match: /全年实际值|全年实际完成值/, source: LINKAGE },
      { match: /实际完成|完成情况|实际/, source: GENERIC, weak: true },
      // 四川 大英 专项资金 forms: 指标值 | 实施进度 ("已完成100%")
      { match: /实施进度|完成进度/, source: GENERIC, weak: true },
    ],
  },
  {
    // 重庆 年初指标值 | 调整指标值: the adjusted target, where filled, is the one the year is judged by
    field: 'adjustedTarget',
    label: '调整指标值',
    synonyms: [{ match: /调整(?:后)?(?:指标值|目标值)/, source: CHONGQING }],
  },
  {
    field: 'target',
    label: '年度指标值',
    synonyms: [
      { match: /指标值|目标值/, source: MOF },
      { match: /计划值|预期值/, source: GENERIC },
      { match: /年度指标|预期|目标/, source: GENERIC, weak: true },
    ],
    // the comparator and unit under a split 预期指标值 (符号 | value | 单位) are not the value
    exclude: /实际|\/符号(?:$|\()|\/单位/,
  },
];

/** Header fields of a form: a label cell with the value in the cell to its right. */
export const FORM_FIELDS: FieldEntry[] = [
  {
    field: 'name',
    label: '项目名称',
    synonyms: [
      { match: /^项目(支出)?名称$/, source: MOF },
      // 转移支付(项目)名称, 转移支付名称, 专项资金名称: the transfer payment is the form's project; a county's copy
      // may drop 支付 (转移(项目)名称)
      { match: /^转移(?:支付(\(项目\))?|\(项目\))名称$|^专项(资金|\(项目\))?名称$/, source: CENTRAL },
    ],
  },
  {
    field: 'supervisor',
    label: '主管部门',
    synonyms: [
      { match: /^主管部门(及代码)?$/, source: MOF },
      { match: /^主管单位$/, source: GENERIC },
    ],
  },
  {
    field: 'implementer',
    label: '实施单位',
    synonyms: [
      { match: /^实施单位$/, source: MOF },
      { match: /^项目实施单位$/, source: GENERIC },
    ],
  },
  {
    field: 'department',
    label: '预算部门',
    synonyms: [
      { match: /^(预算)?部门(名称)?$/, source: HUNAN },
      { match: /^预算单位(名称)?$|^单位名称$/, source: GENERIC },
    ],
  },
  {
    // a row under the indicator table, not a column: "偏差大或目标未完成原因分析 | 部分路段纳入改扩建计划…"
    field: 'deviationNote',
    label: '偏差大或目标未完成原因分析',
    synonyms: [
      { match: /^偏差大或目标未完成原因(分析)?$/, source: MOF },
      { match: /^(目标|指标)?未完成(目标)?原因(分析|说明)?$|^偏差原因(分析|说明)?$/, source: GENERIC },
    ],
  },
  {
    // the 转移支付 form's 资金管理情况 row on the execution: "执行准确性 | 执行准确，因使用了往年结余资金…"
    field: 'executionNote',
    label: '执行准确性',
    synonyms: [{ match: /^执行准确性$/, source: CENTRAL }],
  },
  {
    // the form's own total in its head ("自评得分 | 98" 宁夏, "自评总分(分) | 97.6" 重庆), over the scores below
    field: 'headScore',
    label: '自评得分',
    synonyms: [{ match: /^自评(总)?得分(\(分\))?$|^自评总分(\(分\))?$/, source: NINGXIA }],
  },
];

/** What the first rows of a table say about which form it is (part markers). */
export const PART_MARKERS: Array<{ part: 'basic-data' | 'project-self-eval' | 'dept-self-eval'; match: RegExp; also?: RegExp; source: string; titleDecides?: boolean }> = [
  // before the 基础数据表 marker: its 三级指标 name 三公经费变动率, 在职人员控制率 …
  // The 53号 framework scores projects as well as departments: a title naming a project form decides.
  { part: 'dept-self-eval', match: /一级指标/, also: /评价标准|指标说明|评分标准/, source: EVAL53, titleDecides: true },
  { part: 'basic-data', match: /财政供养人员|编制数.*实际在职|经费控制情况|三公.?经费/, source: '湖南 部门整体支出绩效评价基础数据表' },
  // label | value pairs ("人员编制 | 21 | 实有人数 | 21"): the 基本概况 form of a department report
  { part: 'basic-data', match: /(?:人员编制|编制人数|核定编制|编制数)\|\d+\|(?:实有人数|在职人数|实际在职人数)\|\d+/, source: '湖南 岳阳 部门整体支出绩效评价自评报告 基本概况表' },
  { part: 'project-self-eval', match: /项目(支出)?名称/, source: MOF },
  // a project form printed without its 项目名称 row: its head 主管部门 | … | 实施单位 | … over the budget block (a
  // department's form may print the same row — 重庆 区县 部门整体绩效目标自评表 —: a title naming the other part decides)
  { part: 'project-self-eval', match: /(?:^|\|)主管(?:部门|单位)(?:及代码)?\|[^|]*\|(?:项目)?实施单位(?:\||$)/, also: /预算|资金/, source: MOF, titleDecides: true },
  // 湖南 项目支出绩效评价报告 (finance-bureau form): 一、项目基本概况 with 计划安排资金 | 实际到位资金 | 实际支出 pairs
  { part: 'project-self-eval', match: /计划(?:安排)?资金|计划投资/, also: /到位资金/, source: HUNAN },
  { part: 'project-self-eval', match: /转移支付(\(项目\))?名称|专项(资金|\(项目\))?名称/, also: /预算|资金|执行/, source: CENTRAL },
  // the 转移支付 grid's own budget columns (统筹整合资金数(B), 扣除统筹整合资金后预算金额(C) beside 全年到位资金(D)) name a
  // fund's form when its head (名称 rows) is not on the page (名山 林草 2024 on a bid site)
  { part: 'project-self-eval', match: /统筹整合资金(?:数|后)/, also: /到位资金/, source: TRANSFER },
  { part: 'dept-self-eval', match: /(预算)?部门名称|预算单位名称/, also: /预算|资金/, source: HUNAN },
  { part: 'dept-self-eval', match: /按收入性质分|按支出性质分/, source: HUNAN },
  // a department's form in the 项目自评表 layout (湖北 县 乡镇 部门整体支出自评表: 基本支出总额 | … | 项目支出总额 over the
  // budget block's 部门整体支出总额 row), printed without 项目名称 or a title
  { part: 'dept-self-eval', match: /部门整体支出总额|基本支出总额\|[^|]*\|项目支出总额/, source: '湖北 通城 乡镇 部门整体支出自评表' },
];

/** Staffing of the 基础数据表 (财政供养人员情况), also when written as label | value pairs. */
export const STAFFING_FIELDS: FieldEntry[] = [
  {
    field: 'authorized',
    label: '编制数',
    synonyms: [
      { match: /编制数|核定编制/, source: '湖南 部门整体支出绩效评价基础数据表' },
      { match: /^人员编制$|^编制人数$/, source: '湖南 岳阳 基本概况表' },
    ],
  },
  { field: 'controlRate', label: '控制率', synonyms: [{ match: /控制率/, source: '湖南 部门整体支出绩效评价基础数据表' }] },
  {
    field: 'actual',
    label: '实际在职人数',
    synonyms: [
      { match: /在职人数|实际人数/, source: '湖南 部门整体支出绩效评价基础数据表' },
      { match: /实有人数/, source: '湖南 岳阳 基本概况表' },
    ],
  },
];

/** Form titles (the caption above a table), by part. */
export const TITLE_MARKERS: Array<{ part: 'basic-data' | 'project-self-eval' | 'dept-self-eval'; match: RegExp; source: string }> = [
  { part: 'basic-data', match: /基础数据表/, source: '湖南 部门整体支出绩效评价基础数据表' },
  { part: 'dept-self-eval', match: /部门整体支出绩效自评表|部门整体.*自评表|部门整体支出绩效目标自评表/, source: HUNAN },
  { part: 'project-self-eval', match: /项目(支出)?绩效(目标)?自评表|项目.*自评表/, source: MOF },
  // …自评指标计分表 / 自评评分表 / 自评打分表: a self-evaluation's scoring sheet, named after what it scores
  { part: 'dept-self-eval', match: /部门整体.*自评(?:指标)?(?:计分|评分|打分|得分)表/, source: SCORE_SHEET },
  { part: 'project-self-eval', match: /项目.*自评(?:指标)?(?:计分|评分|打分|得分)表/, source: SCORE_SHEET },
  { part: 'project-self-eval', match: /衔接资金.*自评表/, source: LINKAGE },
  // 就业补助资金绩效自评表, 农业生产发展资金绩效目标自评表: a fund's own form (not a department's)
  { part: 'project-self-eval', match: /资金(项目)?绩效(目标)?自评表/, source: CENTRAL },
  // 林业草原改革发展资金绩效评价表: a fund's 转移支付 evaluation form (四川 2024), named like its 自评表
  { part: 'project-self-eval', match: /资金绩效评价表$/, source: TRANSFER },
  // a project's own 绩效评价指标表 (宁晋 2019年度…高中助学金项目绩效评价指标表): a project form, not the department's
  { part: 'project-self-eval', match: /项目绩效评价指标(评分)?表$/, source: EVAL53 },
  // …绩效评价得分表 / 评分表: the same framework's scores, the points written into the labels (部门决策(25 分))
  { part: 'dept-self-eval', match: /(部门|单位)整体支出绩效评价(指标|得分|评分)表|绩效评价指标(评分)?表$/, source: EVAL53 },
];

/** Every synonym of a field joined into one pattern (strong ones only when `strongOnly`). */
export function fieldPattern(entry: FieldEntry, strongOnly = false): RegExp {
  const parts = entry.synonyms.filter((s) => !strongOnly || !s.weak).map((s) => `(?:${s.match.source})`);
  return new RegExp(parts.length ? parts.join('|') : '(?!)');
}

/**
 * A compact header key without the marks a form puts on a label (★必填项, 得分*), without empty
 * brackets (符号（）) and without the colon a system export puts after a label (项目名称: | 学生事务补助,
 * 海南 2023): they are not words. Each part of a two-row key ("预期指标值/★符号") is cleaned.
 */
export const withoutMarks: (key: string) => string = boundedMemo(readWithoutMarks, { maxEntries: 10_000, maxKeyLength: 128 });

/** withoutMarks, computed (every field's test asks it again of the same header keys). */
function readWithoutMarks(key: string): string {
  return key
    .split('/')
    .map((part) => part.replace(/\(\)/g, '').replace(/^[★☆*※＊]+|[★☆*※＊]+$/g, '').replace(/(?<=.)[:：]+$/u, ''))
    .join('/');
}

/** Does a compact header key name this field? */
export function namesField(entry: FieldEntry, rawKey: string, strongOnly = false): boolean {
  const key = withoutMarks(rawKey);
  if (!key) return false;
  if (entry.exclude?.test(key)) return false;
  for (const s of entry.synonyms) if ((!strongOnly || !s.weak) && s.match.test(key)) return true; // no closure per call
  return false;
}

export function fieldEntry(entries: FieldEntry[], field: string): FieldEntry {
  const e = entries.find((x) => x.field === field);
  if (!e) throw new Error(`lexicon: no field ${field}`);
  return e;
}

/** Size of the lexicon: fields and synonyms (reported in the README). */
export function lexiconSize(): { fields: number; synonyms: number; sources: string[] } {
  const all = [...BUDGET_FIELDS, ...INDICATOR_FIELDS, ...FORM_FIELDS, ...STAFFING_FIELDS];
  const sources = new Set<string>();
  for (const e of all) for (const s of e.synonyms) sources.add(s.source);
  return { fields: all.length, synonyms: all.reduce((n, e) => n + e.synonyms.length, 0), sources: [...sources] };
}

/**
 * Column heads of a form's 年度总体目标 block: the goal set (预期目标; the 转移支付 form's 总体目标 or 年初设定目标) and
 * what was achieved (实际完成情况, 全年实际完成情况, …完成情况综述). The row's own label (年度总体目标完成情况) also says
 * 完成情况, so 总体目标 counts as the goal set's head only alone.
 */
export const GOAL_SET_WORDS = ['预期目标', '年度目标', '绩效目标', '年初设定目标'] as const;
export const GOAL_SET_HEAD = new RegExp(`${GOAL_SET_WORDS.join('|')}|^总体目标$`);
export const GOAL_ACHIEVED_HEAD = /实际完成情况|完成情况|实际完成/;
