import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Queue } from 'bullmq';
import { checkRedis, queueConfig, QueueUnavailableError, redactUrl, reportsQueue, withDeadline } from '../queue/config.js';
import { enqueuePaths, waitForBatch } from '../queue/enqueue.js';
import { DEFAULT_NIGHTLY_CRON, scheduleNightly, unscheduleNightly } from '../queue/nightly.js';
import { Progress, progressWanted } from '../progress.js';
import { openStore, type BatchCounts, type Store } from '../store/index.js';
import { terminalSafe } from '../files.js';
import { parseArgs, UsageError } from './args.js';
import { formatBatchCounts } from './status.js';
import { reportSkipped } from './skipped.js';
import { requirePostgres } from './store-options.js';

const HELP = `用法 / usage: selfeval enqueue <files|folders>... [--wait] [--json] [--quiet]
       selfeval enqueue --nightly DIR [--cron "0 2 * * *"] [--tz Asia/Shanghai]
       selfeval enqueue --unschedule

  把文件存入数据库并加入处理队列（相同内容只处理一次）/ store the files and queue one job per distinct content
  --wait          等待本批次处理完毕并输出统计 / wait for the batch and print its counts
  --json          输出一个 JSON 对象 / print one JSON object
  -q, --quiet     不显示进度和跳过的文件 / no progress, no skipped-file lines
  --nightly DIR   每晚扫描该文件夹，新文件自动入队 / scan DIR on a cron pattern and enqueue what is new
  --cron PATTERN  定时表达式（默认 ${DEFAULT_NIGHTLY_CRON}）/ cron pattern
  --unschedule    取消夜间扫描 / remove the nightly scan
  之前已存入但未入队或最终失败的文件，会在本次一并补入队列 / stored files left without a job are queued again
  退出码 / exit: 0 成功，1 有文件失败（--wait），2 用法错误，3 Redis/PostgreSQL 不可用
  环境变量 / env: DATABASE_URL (必需 / required), REDIS_URL, SELFEVAL_QUEUE_PREFIX
`;

/** How long an operator waits for Redis before being told it is down. */
const REDIS_CHECK_MS = 3_000;
/** Queue steps of an enqueue (after the files are stored) must finish within this. */
const QUEUE_STEPS_MS = 10_000;
/** `--wait` says so when no worker is connected after this long. */
const NO_WORKER_NOTICE_MS = 5_000;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'wait', 'unschedule', 'quiet'], values: ['nightly', 'cron', 'tz'] });
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
  const quiet = parsed.flags.has('quiet');
  if (parsed.flags.has('unschedule')) {
    await checkRedis(config, REDIS_CHECK_MS);
    const removed = await unscheduleNightly(config);
    process.stdout.write(json ? JSON.stringify({ removed }) + '\n' : removed ? '已取消夜间扫描 / nightly scan removed\n' : '没有夜间扫描 / no nightly scan\n');
    return 0;
  }
  const nightly = parsed.values.get('nightly');
  if (nightly !== undefined) {
    // A scan of a folder that is not there would find nothing every night, silently.
    const info = await stat(nightly).catch(() => null);
    if (!info?.isDirectory()) {
      process.stderr.write(`selfeval enqueue: 夜间扫描的文件夹${info ? '不是文件夹' : '不存在'}：${terminalSafe(nightly)} / --nightly needs an existing folder\n`);
      return 2;
    }
    const folder = resolve(nightly);
    const pattern = parsed.values.get('cron') ?? DEFAULT_NIGHTLY_CRON;
    await checkRedis(config, REDIS_CHECK_MS);
    await scheduleNightly(config, folder, pattern, parsed.values.get('tz'));
    process.stdout.write(json ? JSON.stringify({ folder, pattern }) + '\n' : `已设置夜间扫描 / nightly scan: ${terminalSafe(folder)} @ "${pattern}"\n`);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    process.stderr.write(`selfeval enqueue: 请指定文件或文件夹 / no input given\n\n${HELP}`);
    return 2;
  }
  // A path that is not there is an error now, before anything is stored or queued.
  const missing: string[] = [];
  for (const p of parsed.positionals) if (!(await stat(p).catch(() => null))) missing.push(p);
  if (missing.length > 0) {
    process.stderr.write(`selfeval enqueue: 路径不存在：${missing.map(terminalSafe).join('，')}；未存入任何文件 / no such path, nothing enqueued\n`);
    return 2;
  }
  const missingDb = requirePostgres('enqueue');
  if (missingDb) {
    process.stderr.write(missingDb);
    return 2;
  }
  // Redis first: when it is down, say so within seconds, before storing anything.
  await checkRedis(config, REDIS_CHECK_MS);
  const store = await openStore();
  const queue = reportsQueue(config);
  queue.on('error', () => {}); // reconnection noise; a stalled step is reported by its deadline
  let queueHealthy = true;
  try {
    const bar = new Progress(0, { label: '入库 / storing', enabled: progressWanted(json) && !quiet });
    const out = await enqueuePaths(parsed.positionals, {
      store,
      queue,
      onProgress: (d, t) => bar.update(d, t),
      queueDeadline: { ms: QUEUE_STEPS_MS, redisUrl: config.redisUrl },
    }).catch((e) => {
      if (e instanceof QueueUnavailableError) queueHealthy = false;
      throw e;
    });
    bar.finish();
    if (!quiet) reportSkipped(out.notReports);
    if (!quiet && out.recovered && out.recovered.requeued + out.recovered.retried > 0) {
      process.stderr.write(`补入队列 / requeued: 之前存入但未处理的文件 ${out.recovered.requeued + out.recovered.retried} 个已重新排队 / earlier stored files queued again\n`);
    }
    if (!parsed.flags.has('wait')) {
      if (json) process.stdout.write(JSON.stringify(out) + '\n');
      else process.stdout.write(`批次 / batch ${out.batchId}: 收到 ${out.received} 个文件，新任务 ${out.jobs} 个 / ${out.received} files, ${out.jobs} jobs\n`);
      return 0;
    }
    const counts = await waitWithProgress(store, queue, out.batchId, out.jobs, { json, quiet });
    process.stdout.write(json ? JSON.stringify(counts) + '\n' : formatBatchCounts(counts) + '\n');
    return counts.failed > 0 ? 1 : 0;
  } finally {
    // With Redis gone the queue's connection retries for ever and close() waits for it: bounded,
    // and the process leaves anyway once the command has returned (main.ts).
    await withDeadline(queueHealthy ? queue.close() : queue.disconnect(), 2_000, () => new Error('close')).catch(() => {});
    await store.close();
  }
}

/**
 * Wait for the batch, showing progress on stderr (a bar on a terminal, a line every 10 s
 * otherwise). When no worker is connected after a few seconds, say so — and keep waiting, as the
 * operator may start one.
 */
async function waitWithProgress(store: Store, queue: Queue, batchId: string, jobs: number, o: { json: boolean; quiet: boolean }): Promise<BatchCounts> {
  const started = Date.now();
  const bar = new Progress(jobs, { label: '处理 / processing', enabled: progressWanted(o.json) && !o.quiet });
  let lastLine = started;
  let noticed = false;
  const timer = setInterval(async () => {
    const c = await store.batchCounts(batchId).catch(() => null);
    if (!c) return;
    const done = c.unique - c.queued;
    bar.update(done, c.unique);
    const now = Date.now();
    if (!noticed && now - started >= NO_WORKER_NOTICE_MS && c.queued > 0) {
      const workers = await withDeadline(queue.getWorkersCount(), 2_000, () => new Error('timeout')).catch(() => -1);
      if (workers === 0) {
        noticed = true;
        bar.finish();
        process.stderr.write(`selfeval enqueue: 没有正在运行的工作进程，${c.queued} 个文件在排队等待；请运行 selfeval worker / no worker is running, still waiting\n`);
      } else if (workers < 0) {
        noticed = true;
        process.stderr.write(`selfeval enqueue: 无法查询工作进程（Redis ${redactUrl(queueConfig().redisUrl)}）/ cannot see the workers, still waiting\n`);
      }
    }
    if (!bar.enabled && !o.quiet && now - lastLine >= 10_000) {
      lastLine = now;
      process.stderr.write(`处理中 / processing: ${done}/${c.unique}，等待 ${c.queued} / queued\n`);
    }
  }, 500);
  try {
    return await waitForBatch(store, batchId);
  } finally {
    clearInterval(timer);
    bar.finish();
  }
}
