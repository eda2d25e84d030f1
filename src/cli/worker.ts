import { startWorker } from '../queue/worker.js';
import { parseArgs, UsageError } from './args.js';
import { requirePostgres } from './store-options.js';

const HELP = `用法 / usage: selfeval worker [--concurrency N] [--until-idle]

  处理队列中的报告（每个并发槽一个隔离的处理线程，充分利用多核）/ process queued reports, one isolated pipeline thread per slot
  --concurrency N  同时处理的文件数（默认 CPU 核数）/ parallel jobs (default: CPU cores)
  --until-idle     队列清空后退出（适合定时任务）/ exit when the queue is drained
  --lock-ms N      任务锁时长，进程中止后任务在此后被重新处理 / job lock; a dead worker's jobs return after it
  环境变量 / env: DATABASE_URL (必需 / required), REDIS_URL, SELFEVAL_QUEUE_PREFIX, SELFEVAL_TIME_MS_PER_FILE, SELFEVAL_MAX_RSS_MB
  SIGTERM/SIGINT：处理完当前任务后退出 / finish the current jobs, then exit
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['help', 'until-idle'], values: ['concurrency', 'lock-ms'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval worker: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const concurrency = parsed.values.has('concurrency') ? Number(parsed.values.get('concurrency')) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    process.stderr.write(`selfeval worker: --concurrency 需要正整数 / must be a positive integer\n`);
    return 2;
  }
  const lockMs = parsed.values.has('lock-ms') ? Number(parsed.values.get('lock-ms')) : undefined;
  const missingDb = requirePostgres('worker');
  if (missingDb) {
    process.stderr.write(missingDb);
    return 2;
  }
  const worker = await startWorker({ concurrency, untilIdle: parsed.flags.has('until-idle'), lockDurationMs: lockMs });
  let signals = 0;
  const onSignal = () => {
    // First signal: finish the active jobs. Second: leave now (the jobs return to the queue as stalled).
    if (++signals > 1) process.exit(130);
    void worker.close();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  await worker.done;
  return 0;
}
