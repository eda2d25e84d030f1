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
};
