import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { authenticate } from '../../src/store/accounts.js';

/** Run bin/selfeval with optional stdin; never inherits a DATABASE_URL (the embedded store in a temp dir). */
function selfeval(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn('bin/selfeval', args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('bin/selfeval user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-user-'));
  const db = join(dir, 'db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds, lists, changes the password of and disables accounts, each change in the audit trail', async () => {
    const add = await selfeval(['user', 'add', 'wang', '--role', 'admin', '--name', '王管理', '--password-stdin', '--db', db], 'first password 123\n');
    expect(add).toMatchObject({ code: 0 });
    expect(add.stdout).toContain('已添加用户 wang（管理员）');
    expect((await selfeval(['user', 'add', 'li', '--role', 'viewer', '--password-stdin', '--db', db], 'viewer password 1\n')).code).toBe(0);
    const list = await selfeval(['user', 'list', '--json', '--db', db]);
    expect(JSON.parse(list.stdout)).toEqual([
      { username: 'li', name: '', role: 'viewer', disabled: false },
      { username: 'wang', name: '王管理', role: 'admin', disabled: false },
    ]);
    expect((await selfeval(['user', 'passwd', 'wang', '--password-stdin', '--db', db], 'second password 456\n')).code).toBe(0);
    expect((await selfeval(['user', 'role', 'li', '--role', 'reviewer', '--db', db])).code).toBe(0);
    expect((await selfeval(['user', 'disable', 'li', '--db', db])).code).toBe(0);

    const store = await openStore({ dataDir: db, databaseUrl: '' });
    try {
      expect((await authenticate(store.db, { username: 'wang', password: 'first password 123', ip: 't' })).ok).toBe(false);
      expect((await authenticate(store.db, { username: 'wang', password: 'second password 456', ip: 't' })).ok).toBe(true);
      expect(await authenticate(store.db, { username: 'li', password: 'viewer password 1', ip: 't' })).toEqual({ ok: false, reason: 'disabled' });
      const audit = await store.db.query<{ actor: string; action: string; detail: { user: string } }>('SELECT actor, action, detail FROM audit_log ORDER BY id');
      expect(audit.map((a) => [a.action, a.detail.user])).toEqual([
        ['user.add', 'wang'],
        ['user.add', 'li'],
        ['user.passwd', 'wang'],
        ['user.role', 'li'],
        ['user.disable', 'li'],
      ]);
      expect(audit.every((a) => a.actor.startsWith('cli:'))).toBe(true);
      const hashes = await store.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(hashes.every((h) => h.password_hash.startsWith('scrypt$') && !h.password_hash.includes('password'))).toBe(true);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('refuses bad input with a Chinese sentence and the right exit code', async () => {
    const short = await selfeval(['user', 'add', 'zhao', '--role', 'reviewer', '--password-stdin', '--db', db], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('密码至少 10 个字符');
    const twice = await selfeval(['user', 'add', 'wang', '--role', 'reviewer', '--password-stdin', '--db', db], 'long enough password\n');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('用户已存在');
    const role = await selfeval(['user', 'add', 'zhao', '--role', 'boss', '--db', db]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role viewer|reviewer|admin');
    const name = await selfeval(['user', 'add', '张三', '--role', 'viewer', '--password-stdin', '--db', db], 'long enough password\n');
    expect(name.code).toBe(1);
    expect(name.stderr).toContain('用户名只能由字母、数字');
    const typo = await selfeval(['user', 'passwd', 'wang', '--password-stdin', '--db', join(dir, 'typo')], 'long enough password\n');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('数据目录不存在');
    const unknown = await selfeval(['user', 'remove', 'wang', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的子命令');
    for (const r of [short, twice, role, name, typo, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 240_000);

  it('serve refuses to listen beyond loopback without the host names users reach it by', async () => {
    const r = await selfeval(['serve', '--host', '0.0.0.0', '--port', '0', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请用 --hostname 给出用户访问本网页所用的主机名');
    const tz = await selfeval(['serve', '--timezone', 'Mars/Olympus', '--port', '0', '--db', db]);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toContain('未知的时区');
  });
});
