import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openStore, DEFAULT_DATA_DIR, type Store } from '../store/index.js';
import { AccountError, addUser, isRole, listUsers, MIN_PASSWORD, ROLE_LABELS, setDisabled, setPassword, setRole, type Role } from '../store/accounts.js';
import { recordAudit, type AuditAction } from '../store/audit.js';
import { parseArgs, UsageError } from './args.js';

const HELP = `用法 / usage: selfeval user <add|passwd|disable|enable|role|list> [用户名] [选项]

  审核网页的账号 / accounts of the reviewer web UI
  add NAME --role R [--name 姓名]   添加用户（角色 viewer 只读 / reviewer 审核人 / admin 管理员）
  passwd NAME                       修改密码（该用户的所有登录随之失效）
  disable NAME / enable NAME        停用 / 重新启用（停用立即结束其登录）
  role NAME --role R                修改角色
  list [--json]                     列出用户
  --password-stdin   从标准输入读密码（一行），不交互 / read the password from stdin
  --db DIR           PGlite 数据目录（未设置 DATABASE_URL 时），默认 ${DEFAULT_DATA_DIR}
  密码至少 ${MIN_PASSWORD} 个字符，以 scrypt 散列保存。每次变动都记入审计记录。
`;

function fail(message: string, code = 1): number {
  process.stderr.write(`selfeval user: ${message}\n`);
  return code;
}

/** Read a password: one line from stdin, or typed twice at a terminal without echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  const first = await promptHidden('新密码 / new password: ');
  const second = await promptHidden('再输一次 / again: ');
  if (first !== second) throw new AccountError('两次输入的密码不一致 / passwords do not match');
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new AccountError('已取消 / cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function audit(store: Store, action: AuditAction, username: string, detail: Record<string, unknown> = {}): Promise<void> {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry for this uid
  }
  await recordAudit(store.db, { actor: `cli:${osUser}`, actorName: '命令行', role: 'admin', action, detail: { user: username, ...detail }, ip: 'local' });
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['help', 'password-stdin', 'json'], values: ['role', 'name', 'db'] });
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n\n${HELP}`, 2);
    throw e;
  }
  const [sub, username, ...extra] = parsed.positionals;
  if (parsed.flags.has('help') || !sub) {
    process.stdout.write(HELP);
    return sub || parsed.flags.has('help') ? 0 : 2;
  }
  const known = ['add', 'passwd', 'disable', 'enable', 'role', 'list'];
  if (!known.includes(sub)) return fail(`未知的子命令 "${sub}"，可用：${known.join('、')} / unknown subcommand\n\n${HELP}`, 2);
  if (sub !== 'list' && !username) return fail(`请给出用户名：selfeval user ${sub} 用户名 / user name missing`, 2);
  if (extra.length) return fail(`多余的参数：${extra.join(' ')} / unexpected arguments`, 2);
  const role = parsed.values.get('role');
  if ((sub === 'add' || sub === 'role') && !isRole(role)) return fail('请用 --role viewer|reviewer|admin 指定角色 / --role is required', 2);
  const dataDir = parsed.values.get('db') ?? DEFAULT_DATA_DIR;
  // Only `add` may create an embedded store (the first account of a new installation).
  if (sub !== 'add' && !process.env.DATABASE_URL && !existsSync(dataDir)) return fail(`数据目录不存在：${dataDir} / no such store`);
  let password = '';
  try {
    if (sub === 'add' || sub === 'passwd') password = await readPassword(parsed.flags.has('password-stdin'));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const store = await openStore({ dataDir });
  try {
    switch (sub) {
      case 'add': {
        const account = await addUser(store.db, { username: username!, displayName: parsed.values.get('name'), role: role as Role, password });
        await audit(store, 'user.add', account.username, { role: account.role, name: account.displayName });
        process.stdout.write(`已添加用户 ${account.username}（${ROLE_LABELS[account.role]}）/ user added\n`);
        break;
      }
      case 'passwd':
        await setPassword(store.db, username!, password);
        await audit(store, 'user.passwd', username!);
        process.stdout.write(`已修改 ${username} 的密码，其登录已全部结束 / password changed\n`);
        break;
      case 'disable':
      case 'enable':
        await setDisabled(store.db, username!, sub === 'disable');
        await audit(store, sub === 'disable' ? 'user.disable' : 'user.enable', username!);
        process.stdout.write(`${sub === 'disable' ? '已停用' : '已启用'}用户 ${username} / user ${sub}d\n`);
        break;
      case 'role':
        await setRole(store.db, username!, role as Role);
        await audit(store, 'user.role', username!, { role });
        process.stdout.write(`已把 ${username} 的角色改为 ${ROLE_LABELS[role as Role]} / role changed\n`);
        break;
      case 'list': {
        const users = await listUsers(store.db);
        if (parsed.flags.has('json')) process.stdout.write(`${JSON.stringify(users.map((u) => ({ username: u.username, name: u.displayName, role: u.role, disabled: u.disabled })))}\n`);
        else for (const u of users) process.stdout.write(`${u.username}\t${u.displayName}\t${ROLE_LABELS[u.role]}${u.disabled ? '\t已停用' : ''}\n`);
        break;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof AccountError) return fail(e.message);
    throw e;
  } finally {
    await store.close();
  }
}
