import type { Database, Queryable } from './db.js';
import { recordAudits, type AuditEntry } from './audit.js';
import type { ReviewStatus } from './types.js';

/**
 * Reviewer decisions (审核结论) signed by the login: the current decision lives in `reviews`
 * (keyed by the finding's stable id, so it survives re-processing), and every change is appended
 * to the audit trail in the same transaction — that is the decision's history.
 */

export type DecisionStatus = ReviewStatus | 'open';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['open', 'confirmed', 'dismissed', 'fixed'];
export const MAX_NOTE = 4000;

export interface DecisionActor {
  username: string;
  displayName: string;
  role: string;
  ip: string | null;
  userAgent: string | null;
}

export interface DecisionTarget {
  reportSha256: string;
  findingId: string;
}

export class DecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionError';
  }
}

export interface DecisionOutcome {
  /** Findings whose decision changed (one history entry each). */
  changed: number;
  /** Findings that already had this decision and note. */
  unchanged: number;
}

export function validateDecision(status: string, note: string): asserts status is DecisionStatus {
  if (!(DECISION_STATUSES as readonly string[]).includes(status)) throw new DecisionError(`审核结论无效 / invalid decision: ${status}`);
  if (note.length > MAX_NOTE) throw new DecisionError(`备注过长（最多 ${MAX_NOTE} 字）/ note too long`);
  if (status === 'dismissed' && note.trim() === '') throw new DecisionError('驳回（误报）需要填写备注说明理由 / a dismissal needs a note');
}

/**
 * Apply one decision to one or more findings in one transaction. Every target must be a current
 * finding of its report (else nothing is written). `bulk` describes the selection for the history.
 */
export async function decide(
  db: Database,
  input: { targets: DecisionTarget[]; status: string; note: string; actor: DecisionActor; bulk?: Record<string, unknown> },
): Promise<DecisionOutcome> {
  const note = input.note.trim();
  validateDecision(input.status, note);
  const status: DecisionStatus = input.status;
  if (input.targets.length === 0) throw new DecisionError('没有选中任何发现 / no findings selected');
  return db.transaction(async (tx) => {
    const current = await currentDecisions(tx, input.targets);
    const missing = input.targets.filter((t) => !current.has(key(t)));
    if (missing.length) throw new DecisionError(`这份报告没有这条发现 / no such current finding: ${missing[0].findingId}`);
    const changed = input.targets.filter((t) => {
      const before = current.get(key(t))!;
      return status === 'open' ? before.status !== null : before.status !== status || before.note !== note;
    });
    if (changed.length === 0) return { changed: 0, unchanged: input.targets.length };
    const json = JSON.stringify(changed.map((t) => ({ sha: t.reportSha256, id: t.findingId })));
    if (status === 'open') {
      await tx.query(
        `DELETE FROM reviews v USING jsonb_to_recordset($1::jsonb) AS t(sha text, id text) WHERE v.report_sha256 = t.sha AND v.finding_id = t.id`,
        [json],
      );
    } else {
      await tx.query(
        `INSERT INTO reviews (report_sha256, finding_id, status, note, reviewer, reviewer_username)
         SELECT t.sha, t.id, $2, $3, $4, $5 FROM jsonb_to_recordset($1::jsonb) AS t(sha text, id text)
         ON CONFLICT (report_sha256, finding_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
           reviewer = EXCLUDED.reviewer, reviewer_username = EXCLUDED.reviewer_username, updated_at = now()`,
        [json, status, note, input.actor.displayName || input.actor.username, input.actor.username],
      );
    }
    await recordAudits(
      tx,
      changed.map((t) => {
        const before = current.get(key(t))!;
        return {
          actor: input.actor.username,
          actorName: input.actor.displayName,
          role: input.actor.role,
          action: 'decision' as const,
          reportSha256: t.reportSha256,
          findingId: t.findingId,
          detail: {
            status,
            note,
            previous: before.status ? { status: before.status, note: before.note } : null,
            ...(input.bulk ? { bulk: input.bulk } : {}),
          },
          ip: input.actor.ip,
          userAgent: input.actor.userAgent,
        };
      }),
    );
    return { changed: changed.length, unchanged: input.targets.length - changed.length };
  });
}

function key(t: DecisionTarget): string {
  return `${t.reportSha256}/${t.findingId}`;
}

/** Current findings among the targets, with their present decision (status null = not reviewed). */
async function currentDecisions(tx: Queryable, targets: DecisionTarget[]): Promise<Map<string, { status: ReviewStatus | null; note: string }>> {
  const rows = await tx.query<{ sha: string; id: string; status: ReviewStatus | null; note: string | null }>(
    `SELECT f.report_sha256 AS sha, f.id, v.status, v.note
     FROM jsonb_to_recordset($1::jsonb) AS t(sha text, id text)
     JOIN findings f ON f.report_sha256 = t.sha AND f.id = t.id AND f.gone_run IS NULL
     LEFT JOIN reviews v ON v.report_sha256 = f.report_sha256 AND v.finding_id = f.id
     FOR UPDATE OF f`,
    [JSON.stringify(targets.map((t) => ({ sha: t.reportSha256, id: t.findingId })))],
  );
  return new Map(rows.map((r) => [`${r.sha}/${r.id}`, { status: r.status ?? null, note: r.note ?? '' }]));
}

export interface DecisionHistoryEntry {
  at: Date;
  actor: string;
  actorName: string;
  status: DecisionStatus;
  note: string;
  bulk: boolean;
  ip: string | null;
}

/** The decision history of a report's findings, oldest first, by finding id. */
export function decisionHistory(entries: AuditEntry[]): Map<string, DecisionHistoryEntry[]> {
  const out = new Map<string, DecisionHistoryEntry[]>();
  for (const e of entries) {
    if (e.action !== 'decision' || !e.findingId) continue;
    const list = out.get(e.findingId) ?? [];
    list.push({
      at: e.at,
      actor: e.actor,
      actorName: e.actorName,
      status: (e.detail.status as DecisionStatus) ?? 'open',
      note: (e.detail.note as string) ?? '',
      bulk: Boolean(e.detail.bulk),
      ip: e.ip,
    });
    out.set(e.findingId, list);
  }
  return out;
}
