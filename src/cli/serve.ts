import { isIP } from 'node:net';
import { listUsers } from '../store/accounts.js';
import { buildServer } from '../web/server.js';
import { LOOPBACK_HOSTS, webConfig, type WebConfig } from '../web/config.js';
import { parseArgs, UsageError } from './args.js';
import { openCommandStore } from './store-options.js';

const HELP = `用法 / usage: selfeval serve [--port N] [--host ADDR] [--db DIR] [选项]

  审核网页：登录、批次、报告审核、导出 / reviewer web UI (login required)
  --port N               端口，默认 8080 / port (default 8080)
  --host ADDR            监听地址，默认 127.0.0.1 / listen address
  --db DIR               PGlite 数据目录（未设置 DATABASE_URL 时），默认 .selfeval-db
  --hostname NAMES       用户访问本网页所用的主机名（逗号分隔，可带端口），其他 Host 一律拒绝；
                         监听非本机地址时必须给出。默认 localhost,127.0.0.1,[::1]
                         / host names the UI is reached by (DNS-rebinding protection)
  --timezone TZ          显示和导出时间所用的时区，默认 Asia/Shanghai / time zone
  --secure-cookies       只通过 HTTPS 发送登录 Cookie（网页经 HTTPS 提供时） / HTTPS-only cookies
  --session-hours H      登录有效期（小时），默认 12；闲置 2 小时自动退出 / session lifetime
  --proxy-user-header H  单点登录：信任反向代理在请求头 H 中给出的用户名（默认关闭）
  --trusted-proxy IPS    只接受这些代理地址发来的该请求头（逗号分隔，与上一项同时使用）
  环境变量 SELFEVAL_HOSTNAMES、SELFEVAL_TIMEZONE 同上。设置 REDIS_URL 时在 /queues 提供 Bull Board（仅管理员）。
  账号用 selfeval user add 开通。
`;

function usage(message: string): number {
  process.stderr.write(`selfeval serve: ${message}\n\n${HELP}`);
  return 2;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, {
      flags: ['help', 'secure-cookies'],
      values: ['port', 'host', 'db', 'hostname', 'timezone', 'session-hours', 'proxy-user-header', 'trusted-proxy'],
    });
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.positionals.length) return usage(`多余的参数：${parsed.positionals.join(' ')} / unexpected arguments`);
  const port = Number(parsed.values.get('port') ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`端口无效 / invalid port: ${parsed.values.get('port')}`);
  const host = parsed.values.get('host') ?? '127.0.0.1';
  const hostnames = list(parsed.values.get('hostname') ?? process.env.SELFEVAL_HOSTNAMES);
  const loopback = host === 'localhost' || (isIP(host) !== 0 && /^(127\.|::1$)/.test(host));
  if (!loopback && hostnames.length === 0) {
    return usage(`在 ${host} 上监听时，请用 --hostname 给出用户访问本网页所用的主机名（例如 --hostname review.czj.example.gov.cn）/ --hostname is required when listening beyond loopback`);
  }
  const sessionHours = parsed.values.has('session-hours') ? Number(parsed.values.get('session-hours')) : 12;
  if (!(sessionHours > 0 && sessionHours <= 24 * 30)) return usage(`--session-hours 无效：${parsed.values.get('session-hours')}`);
  const header = parsed.values.get('proxy-user-header');
  const proxies = list(parsed.values.get('trusted-proxy'));
  if (Boolean(header) !== proxies.length > 0) return usage('--proxy-user-header 和 --trusted-proxy 需要同时给出 / give both or neither');
  let web: WebConfig;
  try {
    web = webConfig({
      allowedHosts: hostnames.length ? hostnames : LOOPBACK_HOSTS,
      timeZone: parsed.values.get('timezone') ?? process.env.SELFEVAL_TIMEZONE,
      secureCookies: parsed.flags.has('secure-cookies'),
      session: { ttlMs: sessionHours * 3600_000, idleMs: Math.min(2, sessionHours) * 3600_000 },
      proxyAuth: header ? { header, trustedProxies: proxies } : null,
    });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const store = await openCommandStore(parsed.values.get('db'));
  if ((await listUsers(store.db)).length === 0) {
    process.stderr.write('提示：还没有任何账号，请先用 selfeval user add 用户名 --role admin 添加 / no accounts yet: add one with selfeval user add\n');
  }
  const app = await buildServer({ store, redisUrl: process.env.REDIS_URL || null, web });
  const address = await app.listen({ port, host });
  process.stdout.write(`审核网页已启动 / listening on ${address}${process.env.REDIS_URL ? `（队列监控 ${address}/queues，仅管理员）` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}
