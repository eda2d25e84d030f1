import type { Severity } from '../../schemas/finding.js';

/** Reviewer decisions on a finding (审核结论). */
export const REVIEW_STATUSES = ['confirmed', 'dismissed', 'fixed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export function isReviewStatus(v: unknown): v is ReviewStatus {
  return typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);
}

export const REVIEW_LABELS: Record<ReviewStatus | 'open', string> = {
  open: '未审核',
  confirmed: '已确认',
  dismissed: '误报（已驳回）',
  fixed: '单位已整改',
};

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

export const FORMAT_LABELS: Record<string, string> = { docx: 'Word (.docx)', doc: 'Word 97 (.doc)', pdf: 'PDF' };

export const STATUS_LABELS: Record<string, string> = { ok: '已处理', error: '处理失败' };

/** Chinese names of the evidence roles rules use most; other roles are shown as written. */
export const ROLE_LABELS: Record<string, string> = {
  total: '合计',
  part: '分项',
  executed: '执行数',
  budget: '预算数',
  'initial-budget': '年初预算数',
  rate: '执行率',
  weight: '分值',
  declared: '标明分值',
  score: '得分',
  target: '年度指标值',
  actual: '实际完成值',
  reason: '偏差原因',
  narrative: '文字报告',
  table: '表格',
  restated: '复述',
  previous: '上年',
  current: '本年',
  name: '名称',
  title: '标题',
  heading: '标题',
  signature: '签章栏',
  blank: '空白',
  count: '数量',
  reading: '单元格读数',
  'unit-head': '表头单位',
  amount: '金额',
};

/** Why a file could not be read, for reviewers (the error code stays in exports for machines). */
export const ERROR_CODE_LABELS: Record<string, string> = {
  CORRUPT_FILE: '文件已损坏，无法打开',
  UNSUPPORTED_FORMAT: '不支持的文件格式（只支持 Word 文档与 PDF）',
  EMPTY_FILE: '文件是空的（0 字节或没有内容）',
  ENCRYPTED_PDF: '文件已加密（PDF 或 Word 文档），需要密码才能打开',
  NO_TEXT_LAYER: 'PDF 是扫描图片，没有可读取的文字',
  DOC_CONVERTER_MISSING: '服务器缺少 .doc 转换程序（LibreOffice）',
  DOC_CONVERSION_FAILED: '文档转换失败（.doc、RTF、ODT）',
  LIMIT_EXCEEDED: '文件超过处理限制（过大或过于复杂）',
  TIMEOUT: '处理超时',
  READ_FAILED: '无法读取文件',
  INTERNAL_ERROR: '处理程序内部错误',
  UNKNOWN: '原因未知',
};

export function errorLabel(code: string | null | undefined): string {
  return code ? (ERROR_CODE_LABELS[code] ?? `处理失败（${code}）`) : '处理失败';
}

/** Budget rows' categories (预算执行情况的资金类别). */
export const BUDGET_KIND_LABELS: Record<string, string> = {
  total: '年度资金总额',
  'current-year': '当年财政拨款',
  'carry-over': '上年结转资金',
  other: '其他资金',
  'special-account': '财政专户管理资金',
  unit: '单位资金',
  unknown: '未识别类别',
};

/** What a figure in the narrative counts (文字中数字的类别). */
export const DIMENSION_LABELS: Record<string, string> = {
  money: '金额',
  count: '数量',
  area: '面积',
  percent: '百分比',
  other: '其他',
};

/** Chinese name of an enum value, or the value itself when unknown. */
export function labelOf(labels: Record<string, string>, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return labels[value] ?? value;
}
