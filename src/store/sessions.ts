import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';
import type { Role } from './accounts.js';

/**
 * Server-side sessions of the reviewer UI. The browser holds a random token (HttpOnly cookie);
 * the store keeps its SHA-256, the account, a CSRF token for the session's forms, and two limits:
 * an absolute expiry and an idle timeout. A disabled account's sessions are never valid.
 */

export interface Session {
  idHash: string;
  username: string;
  displayName: string;
  role: Role;
  csrfToken: string;
  via: 'password' | 'proxy';
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionLimits {
  /** Absolute lifetime of a session. */
  ttlMs: number;
  /** A session unused for this long ends. */
  idleMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { ttlMs: 12 * 3600_000, idleMs: 2 * 3600_000 };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: Queryable,
  input: { username: string; via: 'password' | 'proxy'; ip: string | null; userAgent: string | null; limits?: SessionLimits },
): Promise<{ token: string; session: Session }> {
  const limits = input.limits ?? DEFAULT_SESSION_LIMITS;
  const token = newToken();
  const idHash = hashToken(token);
  await db.query(
    `INSERT INTO sessions (id_hash, username, csrf_token, via, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000.0), $6, $7)`,
    [idHash, input.username, newToken(), input.via, limits.ttlMs, input.ip, input.userAgent?.slice(0, 300) ?? null],
  );
  const session = await findSession(db, idHash, limits);
  if (!session) throw new Error('session not readable after insert');
  return { token, session };
}

async function findSession(db: Queryable, idHash: string, limits: SessionLimits): Promise<Session | null> {
  const rows = await db.query(
    `SELECT s.*, u.display_name, u.role FROM sessions s JOIN users u ON u.username = s.username
     WHERE s.id_hash = $1 AND NOT u.disabled AND s.expires_at > now()
       AND s.last_seen_at > now() - make_interval(secs => $2::float8 / 1000.0)`,
    [idHash, limits.idleMs],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    idHash,
    username: r.username as string,
    displayName: r.display_name as string,
    role: r.role as Role,
    csrfToken: r.csrf_token as string,
    via: r.via as 'password' | 'proxy',
    createdAt: r.created_at as Date,
    lastSeenAt: r.last_seen_at as Date,
    expiresAt: r.expires_at as Date,
  };
}

/** The live session for a cookie token, or null (unknown, expired, idle too long, account disabled). */
export async function getSession(db: Queryable, token: string, limits: SessionLimits = DEFAULT_SESSION_LIMITS): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const session = await findSession(db, hashToken(token), limits);
  // Record use at most once a minute: one write per minute per reviewer, not per request.
  if (session && Date.now() - new Date(session.lastSeenAt).getTime() > 60_000) {
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [session.idHash]);
  }
  return session;
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** Remove sessions past their expiry (run now and then; expired sessions are never accepted anyway). */
export async function purgeExpiredSessions(db: Queryable, limits: SessionLimits = DEFAULT_SESSION_LIMITS): Promise<number> {
  const rows = await db.query(
    `DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1::float8 / 1000.0) RETURNING id_hash`,
    [limits.idleMs],
  );
  return rows.length;
}
