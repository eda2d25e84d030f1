import type { Severity } from '../../schemas/finding.js';
import { HttpError } from './errors.js';
import { isReviewStatus, SEVERITIES } from './labels.js';
import { isSortKey, type ReportFilter, type SortKey } from './queries.js';

/**
 * Query parameters, read strictly: a parameter a page does not know, a repeated one, or a value
 * outside its set is a 400 with a Chinese sentence — never silently ignored (an export with a
 * mistyped filter must not export everything).
 */

export type Query = Record<string, string>;

const SHA256 = /^[0-9a-f]{64}$/;
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,120}$/;

const NAMES: Record<string, string> = {
  severity: '严重程度',
  rule: '规则',
  department: '部门',
  review: '审核状态',
  status: '处理状态',
  sort: '排序',
  after: '翻页',
  batch: '批次',
  report: '报告',
  sheet: '表',
  from: '起始位置',
  table: '表格',
  paragraph: '段落',
  page: '页码',
  fp: '发现页码',
  actor: '人员',
  action: '操作',
  before: '翻页',
  inline: '显示方式',
};

/** Check that the query holds only `allowed` keys, each once; return it as plain strings. */
export function strictQuery(raw: unknown, allowed: readonly string[]): Query {
  const q = (raw ?? {}) as Record<string, unknown>;
  const out: Query = {};
  for (const [key, value] of Object.entries(q)) {
    if (!allowed.includes(key)) throw new HttpError(400, `不认识的参数“${key}”，可用的参数：${allowed.map((k) => `${k}（${NAMES[k] ?? k}）`).join('、') || '无'} / unknown parameter`);
    if (typeof value !== 'string') throw new HttpError(400, `参数“${key}”只能出现一次 / parameter given more than once`);
    if (value.length > 2000) throw new HttpError(400, `参数“${key}”过长 / parameter too long`);
    out[key] = value;
  }
  return out;
}

function bad(key: string, value: string): never {
  throw new HttpError(400, `参数“${key}”（${NAMES[key] ?? key}）的值无效：${value.slice(0, 100)} / invalid value`);
}

export const FILTER_KEYS = ['severity', 'rule', 'department', 'review', 'status'] as const;

/** The report / finding filter (empty values mean "all"). */
export function parseFilter(q: Query): ReportFilter {
  const f: ReportFilter = {};
  if (q.severity) {
    if (!SEVERITIES.includes(q.severity as Severity)) bad('severity', q.severity);
    f.severity = q.severity as Severity;
  }
  if (q.review) {
    if (q.review !== 'open' && !isReviewStatus(q.review)) bad('review', q.review);
    f.review = q.review as ReportFilter['review'];
  }
  if (q.status) {
    if (q.status !== 'ok' && q.status !== 'error') bad('status', q.status);
    f.status = q.status;
  }
  if (q.rule) {
    if (!RULE_ID.test(q.rule)) bad('rule', q.rule);
    f.rule = q.rule;
  }
  if (q.department !== undefined && q.department.trim()) {
    if (q.department.length > 200 || q.department.includes('\u0000')) bad('department', q.department);
    f.department = q.department.trim();
  }
  return f;
}

export function parseSort(q: Query): SortKey {
  if (!q.sort) return 'processed';
  if (!isSortKey(q.sort)) bad('sort', q.sort);
  return q.sort;
}

export function parseSha(value: string | undefined, key = 'report'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!SHA256.test(value)) bad(key, value);
  return value;
}

export function parseBatchId(value: string | undefined, key = 'batch'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!BATCH_ID.test(value)) bad(key, value);
  return value;
}

export function parseNonNegative(value: string | undefined, key: string, max = 1e9): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) > max) bad(key, value);
  return Number(value);
}

export function isSha256(v: string): boolean {
  return SHA256.test(v);
}
