import type { Queryable, Row } from './db.js';

/**
 * The audit trail (审计记录): one append-only row per login, decision, export, download and admin
 * action — who, when, what, from where. The table refuses UPDATE and DELETE (migrations/110_audit.sql).
 */

export const AUDIT_ACTIONS = {
  login: '登录',
  'login.failed': '登录失败',
  'login.locked': '登录被暂时锁定',
  logout: '退出登录',
  decision: '审核结论',
  export: '导出',
  download: '下载原件',
  'user.add': '添加用户',
  'user.passwd': '修改密码',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.role': '修改角色',
  'queue.action': '队列操作',
  'reference.import': '导入参考台账',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditInput {
  actor: string;
  actorName?: string;
  role?: string | null;
  action: AuditAction;
  reportSha256?: string | null;
  findingId?: string | null;
  batchId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  actorName: string;
  role: string | null;
  action: string;
  reportSha256: string | null;
  findingId: string | null;
  batchId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

export async function recordAudit(db: Queryable, e: AuditInput): Promise<void> {
  await recordAudits(db, [e]);
}

/** Several entries in one statement (a bulk decision writes one row per finding). */
export async function recordAudits(db: Queryable, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    actor: e.actor.slice(0, 200),
    actor_name: (e.actorName ?? '').slice(0, 200),
    role: e.role ?? null,
    action: e.action,
    report_sha256: e.reportSha256 ?? null,
    finding_id: e.findingId ?? null,
    batch_id: e.batchId ?? null,
    detail: e.detail ?? {},
    ip: e.ip ?? null,
    user_agent: e.userAgent?.slice(0, 300) ?? null,
  }));
  await db.query(
    `INSERT INTO audit_log (actor, actor_name, role, action, report_sha256, finding_id, batch_id, detail, ip, user_agent)
     SELECT a.actor, a.actor_name, a.role, a.action, a.report_sha256, a.finding_id, a.batch_id, coalesce(a.detail, '{}'), a.ip, a.user_agent
     FROM jsonb_to_recordset($1::jsonb) AS a(actor text, actor_name text, role text, action text, report_sha256 text,
       finding_id text, batch_id text, detail jsonb, ip text, user_agent text)`,
    [JSON.stringify(rows).replace(/(?<!\\)\\u0000/g, '')],
  );
}

function toEntry(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at as Date,
    actor: r.actor as string,
    actorName: r.actor_name as string,
    role: (r.role as string) ?? null,
    action: r.action as string,
    reportSha256: (r.report_sha256 as string) ?? null,
    findingId: (r.finding_id as string) ?? null,
    batchId: (r.batch_id as string) ?? null,
    detail: (r.detail as Record<string, unknown>) ?? {},
    ip: (r.ip as string) ?? null,
    userAgent: (r.user_agent as string) ?? null,
  };
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  reportSha256?: string;
  batchId?: string;
}

/** Newest first, keyset-paged by id: `before` is the last id of the previous page. */
export async function listAudit(db: Queryable, filter: AuditFilter, before: number | null, limit = 100): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.actor) add('actor = ?', filter.actor);
  if (filter.action) add('action = ?', filter.action);
  if (filter.reportSha256) add('report_sha256 = ?', filter.reportSha256);
  if (filter.batchId) add('batch_id = ?', filter.batchId);
  if (before !== null) add('id < ?', before);
  params.push(limit + 1);
  const rows = await db.query(
    `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const entries = rows.slice(0, limit).map(toEntry);
  return { entries, next: rows.length > limit ? entries[entries.length - 1].id : null };
}

/** Every audit entry about these reports, oldest first (the export's 审核记录 sheet, the report page). */
export async function auditForReports(db: Queryable, sha256s: string[]): Promise<AuditEntry[]> {
  if (sha256s.length === 0) return [];
  const rows = await db.query('SELECT * FROM audit_log WHERE report_sha256 = ANY($1::text[]) ORDER BY id', [sha256s]);
  return rows.map(toEntry);
}
