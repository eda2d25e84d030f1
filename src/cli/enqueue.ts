import { queueConfig, reportsQueue } from '../queue/config.js';
import { enqueuePaths, waitForBatch } from '../queue/enqueue.js';
import { DEFAULT_NIGHTLY_CRON, scheduleNightly, unscheduleNightly } from '../queue/nightly.js';
import { Progress, progressWanted } from '../progress.js';
import { openStore } from '../store/index.js';
import { parseArgs, UsageError } from './args.js';
import { formatBatchCounts } from './status.js';
import { reportSkipped } from './skipped.js';
import { requirePostgres } from './store-options.js';

const HELP = `用法 / usage: selfeval enqueue <files|folders>... [--wait] [--json]
       selfeval enqueue --nightly DIR [--cron "0 2 * * *"] [--tz Asia/Shanghai]
       selfeval enqueue --unschedule

  把文件存入数据库并加入处理队列（相同内容只处理一次）/ store the files and queue one job per distinct content
  --wait          等待本批次处理完毕并输出统计 / wait for the batch and print its counts
  --json          输出一个 JSON 对象 / print one JSON object
  --nightly DIR   每晚扫描该文件夹，新文件自动入队 / scan DIR on a cron pattern and enqueue what is new
  --cron PATTERN  定时表达式（默认 ${DEFAULT_NIGHTLY_CRON}）/ cron pattern
  --unschedule    取消夜间扫描 / remove the nightly scan
  环境变量 / env: DATABASE_URL (必需 / required), REDIS_URL, SELFEVAL_QUEUE_PREFIX
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'help', 'wait', 'unschedule'], values: ['nightly', 'cron', 'tz'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval enqueue: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = queueConfig();
  const json = parsed.flags.has('json');
  if (parsed.flags.has('unschedule')) {
    const removed = await unscheduleNightly(config);
    process.stdout.write(json ? JSON.stringify({ removed }) + '\n' : removed ? '已取消夜间扫描 / nightly scan removed\n' : '没有夜间扫描 / no nightly scan\n');
    return 0;
  }
  const nightly = parsed.values.get('nightly');
  if (nightly) {
    const pattern = parsed.values.get('cron') ?? DEFAULT_NIGHTLY_CRON;
    await scheduleNightly(config, nightly, pattern, parsed.values.get('tz'));
    process.stdout.write(json ? JSON.stringify({ folder: nightly, pattern }) + '\n' : `已设置夜间扫描 / nightly scan: ${nightly} @ "${pattern}"\n`);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    process.stderr.write(`selfeval enqueue: 请指定文件或文件夹 / no input given\n\n${HELP}`);
    return 2;
  }
  const missingDb = requirePostgres('enqueue');
  if (missingDb) {
    process.stderr.write(missingDb);
    return 2;
  }
  const store = await openStore();
  const queue = reportsQueue(config);
  try {
    const bar = new Progress(0, { label: '入库 / storing', enabled: progressWanted(json) });
    const out = await enqueuePaths(parsed.positionals, { store, queue, onProgress: (d, t) => bar.update(d, t) });
    bar.finish();
    reportSkipped(out.notReports);
    if (!parsed.flags.has('wait')) {
      if (json) process.stdout.write(JSON.stringify(out) + '\n');
      else process.stdout.write(`批次 / batch ${out.batchId}: 收到 ${out.received} 个文件，新任务 ${out.jobs} 个 / ${out.received} files, ${out.jobs} jobs\n`);
      return 0;
    }
    const wait = new Progress(out.jobs, { label: '处理 / processing', enabled: progressWanted(json) });
    const timer = setInterval(async () => {
      const c = await store.batchCounts(out.batchId).catch(() => null);
      if (c) wait.update(c.unique - c.queued, c.unique);
    }, 500);
    const counts = await waitForBatch(store, out.batchId).finally(() => clearInterval(timer));
    wait.finish();
    process.stdout.write(json ? JSON.stringify(counts) + '\n' : formatBatchCounts(counts) + '\n');
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await queue.close();
    await store.close();
  }
}
