import { openStore } from '../store/index.js';
import { buildServer } from '../web/server.js';
import { parseArgs, UsageError } from './args.js';

const HELP = `用法 / usage: selfeval serve [--port N] [--host ADDR] [--db DIR]

  审核网页：批次、报告列表、报告审核页、导出 / reviewer web UI
  --port N     端口，默认 8080 / port (default 8080)
  --host ADDR  监听地址，默认 127.0.0.1 / listen address
  --db DIR     PGlite 数据目录（未设置 DATABASE_URL 时），默认 .selfeval-db / PGlite data dir
  设置 REDIS_URL 时在 /queues 提供 Bull Board 队列监控 / Bull Board under /queues when REDIS_URL is set
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['help'], values: ['port', 'host', 'db'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval serve: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(parsed.values.get('port') ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`selfeval serve: 端口无效 / invalid port: ${parsed.values.get('port')}\n`);
    return 2;
  }
  const host = parsed.values.get('host') ?? '127.0.0.1';
  const store = await openStore({ dataDir: parsed.values.get('db') });
  const app = await buildServer({ store, redisUrl: process.env.REDIS_URL || null });
  const address = await app.listen({ port, host });
  process.stdout.write(`审核网页已启动 / listening on ${address}${process.env.REDIS_URL ? `（队列监控 ${address}/queues）` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}
