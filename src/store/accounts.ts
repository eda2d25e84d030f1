import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable, Row } from './db.js';

/**
 * Accounts of the reviewer UI (审核网页账号): who may read (viewer 只读), decide (reviewer 审核) or
 * administer (admin 管理: users, queues, audit). Passwords are kept as scrypt hashes (node:crypto),
 * never in plain text; repeated failed logins lock the account name and the client address for a
 * growing time (back-off). Tables: migrations/100_accounts.sql.
 */

export const ROLES = ['viewer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { viewer: '只读', reviewer: '审核人', admin: '管理员' };

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** True when `role` may do what `needed` may (viewer < reviewer < admin). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface Account {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 1024;

/** A rule broken by an account request; the message is a Chinese sentence for the user. */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

// ── password hashing ──────────────────────────────────────────────────────────────────────

/** scrypt cost: N=2^15, r=8, p=1 (32 MiB, ~0.1 s) — OWASP's recommended minimum for scrypt. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));
}

function maxmem(n: number, r: number): number {
  return 128 * n * r * 2;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...SCRYPT, maxmem: maxmem(SCRYPT.N, SCRYPT.r) });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(key, expected);
}

/** A hash no password matches, checked for unknown names so their answer takes as long as a real one. */
let dummyHash: Promise<string> | null = null;

// ── accounts ──────────────────────────────────────────────────────────────────────────────

function toAccount(r: Row): Account {
  return {
    username: r.username as string,
    displayName: r.display_name as string,
    role: r.role as Role,
    disabled: r.disabled as boolean,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new AccountError(`密码至少 ${MIN_PASSWORD} 个字符 / password must have at least ${MIN_PASSWORD} characters`);
  if (password.length > MAX_PASSWORD) throw new AccountError('密码过长 / password too long');
}

export function checkUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new AccountError(`用户名只能由字母、数字和 _ . @ - 组成（最长 64 个字符）/ invalid user name: ${JSON.stringify(username)}`);
  }
}

export async function addUser(db: Queryable, input: { username: string; displayName?: string; role: Role; password: string }): Promise<Account> {
  checkUsername(input.username);
  checkPassword(input.password);
  if (!isRole(input.role)) throw new AccountError(`角色应为 viewer、reviewer 或 admin / invalid role: ${input.role}`);
  const hash = await hashPassword(input.password);
  const rows = await db.query(
    `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username) DO NOTHING RETURNING *`,
    [input.username, (input.displayName ?? '').trim().slice(0, 100), input.role, hash],
  );
  if (!rows[0]) throw new AccountError(`用户已存在 / user already exists: ${input.username}`);
  return toAccount(rows[0]);
}

export async function getUser(db: Queryable, username: string): Promise<Account | null> {
  const rows = await db.query('SELECT * FROM users WHERE username = $1', [username]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<Account[]> {
  return (await db.query('SELECT * FROM users ORDER BY username')).map(toAccount);
}

/** New password; every open session of the account ends (a stolen session dies with the old password). */
export async function setPassword(db: Queryable, username: string, password: string): Promise<void> {
  checkPassword(password);
  const hash = await hashPassword(password);
  const rows = await db.query(
    'UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE username = $1 RETURNING username',
    [username, hash],
  );
  if (!rows[0]) throw new AccountError(`没有这个用户 / no such user: ${username}`);
  await db.query('DELETE FROM sessions WHERE username = $1', [username]);
  await db.query('DELETE FROM login_throttle WHERE key = $1', [`user:${username}`]);
}

/** Disable (or enable again) an account; disabling ends its sessions at once. */
export async function setDisabled(db: Queryable, username: string, disabled: boolean): Promise<void> {
  const rows = await db.query('UPDATE users SET disabled = $2, updated_at = now() WHERE username = $1 RETURNING username', [username, disabled]);
  if (!rows[0]) throw new AccountError(`没有这个用户 / no such user: ${username}`);
  if (disabled) await db.query('DELETE FROM sessions WHERE username = $1', [username]);
}

export async function setRole(db: Queryable, username: string, role: Role): Promise<void> {
  if (!isRole(role)) throw new AccountError(`角色应为 viewer、reviewer 或 admin / invalid role: ${role}`);
  const rows = await db.query('UPDATE users SET role = $2, updated_at = now() WHERE username = $1 RETURNING username', [username, role]);
  if (!rows[0]) throw new AccountError(`没有这个用户 / no such user: ${username}`);
}

// ── login with back-off ───────────────────────────────────────────────────────────────────

/**
 * Back-off policy: an account name is locked after 5 failures in a row, a client address after
 * 20, for 1 minute, doubling with every further failure up to an hour. A success clears the
 * account's count. Counts older than a day are forgotten.
 */
export const THROTTLE = {
  user: { free: 5, firstLockMs: 60_000 },
  ip: { free: 20, firstLockMs: 60_000 },
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export type LoginOutcome =
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

async function lockedFor(db: Queryable, keys: string[]): Promise<number> {
  const rows = await db.query<{ ms: number }>(
    `SELECT coalesce(max(extract(epoch FROM (locked_until - now())) * 1000), 0)::float8 AS ms
     FROM login_throttle WHERE key = ANY($1::text[]) AND locked_until > now()`,
    [keys],
  );
  return Math.max(0, Math.ceil((rows[0]?.ms ?? 0) / 1000));
}

async function recordFailure(db: Queryable, key: string, policy: { free: number; firstLockMs: number }): Promise<void> {
  await db.query(
    `INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.last_failure_at < now() - make_interval(secs => $2::float8 / 1000.0) THEN 1 ELSE login_throttle.failures + 1 END,
       last_failure_at = now()`,
    [key, THROTTLE.forgetAfterMs],
  );
  await db.query(
    `UPDATE login_throttle SET locked_until = now() + make_interval(secs => least($4::float8, $3::float8 * power(2, failures - $2::int)) / 1000.0)
     WHERE key = $1 AND failures >= $2::int`,
    [key, policy.free, policy.firstLockMs, THROTTLE.maxLockMs],
  );
}

/**
 * Check a name and password. A locked name or address is refused before the password is looked
 * at; an unknown name costs the same time as a wrong password and counts the same.
 */
export async function authenticate(db: Queryable, input: { username: string; password: string; ip: string }): Promise<LoginOutcome> {
  const username = input.username.trim();
  const keys = [`user:${username.toLowerCase()}`, `ip:${input.ip}`];
  const wait = await lockedFor(db, keys);
  if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };
  const rows = USERNAME.test(username) && input.password.length <= MAX_PASSWORD ? await db.query('SELECT * FROM users WHERE username = $1', [username]) : [];
  const row = rows[0];
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const matches = await verifyPassword(input.password.slice(0, MAX_PASSWORD), row ? (row.password_hash as string) : await dummyHash);
  if (!row || !matches) {
    await recordFailure(db, keys[0], THROTTLE.user);
    await recordFailure(db, keys[1], THROTTLE.ip);
    return { ok: false, reason: 'invalid' };
  }
  if (row.disabled) return { ok: false, reason: 'disabled' };
  await db.query('DELETE FROM login_throttle WHERE key = $1', [keys[0]]);
  return { ok: true, account: toAccount(row) };
}
