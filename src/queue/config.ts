import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

/**
 * Queue wiring in one place: Redis connection, queue names and prefix, job options.
 * Every process (enqueuer, workers, scheduler, web UI) derives its queues from here.
 */

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Queue of reports to process: one job per distinct file (jobId = sha256). */
export const REPORTS_QUEUE = 'reports';
/** Queue of the nightly intake scans (BullMQ job scheduler). */
export const INTAKE_QUEUE = 'intake';

export interface QueueConfig {
  /** Redis URL; default REDIS_URL or redis://127.0.0.1:6379. */
  redisUrl: string;
  /** BullMQ key prefix, so several installations (or test runs) share one Redis without colliding. */
  prefix: string;
}

export function queueConfig(overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    redisUrl: overrides.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    prefix: overrides.prefix ?? process.env.SELFEVAL_QUEUE_PREFIX ?? 'selfeval',
  };
}

export function connectionOptions(config: QueueConfig): ConnectionOptions {
  const u = new URL(config.redisUrl);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    db,
    // Required by BullMQ for blocking connections: keep retrying instead of failing commands.
    maxRetriesPerRequest: null,
  };
}

/** Retries with exponential backoff — only transient faults reach them (bad input is stored, not thrown). */
export const REPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function reportsQueue(config: QueueConfig): Queue {
  return new Queue(REPORTS_QUEUE, { connection: connectionOptions(config), prefix: config.prefix });
}

export function intakeQueue(config: QueueConfig): Queue {
  return new Queue(INTAKE_QUEUE, { connection: connectionOptions(config), prefix: config.prefix });
}

/** Data of a report job. The bytes are in the store (files table), not in Redis. */
export interface ReportJobData {
  sha256: string;
  fileName: string;
  batchId: string | null;
}

/** What a finished report job returns (kept small: the result itself is in the store). */
export interface ReportJobResult {
  sha256: string;
  status: 'ok' | 'error';
  errorCode: string | null;
  stored: boolean;
  run: number;
  findings: number;
  timings: Record<string, number>;
  ms: number;
}

/** Job id of a report job: the content hash; a re-check under a new rule set gets its own id. */
export function reportJobId(sha256: string, reprocessRulesVersion?: string): string {
  return reprocessRulesVersion ? `${sha256}.${reprocessRulesVersion}` : sha256;
}

/** The queue service (Redis) cannot be reached: the operator's one Chinese line says which and what to do. */
export class QueueUnavailableError extends Error {
  constructor(readonly redisUrl: string, detail: string) {
    super(`无法连接队列服务 Redis（${redactUrl(redisUrl)}）：${detail} / Redis unreachable`);
    this.name = 'QueueUnavailableError';
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Check that Redis answers, within `timeoutMs`: one connection attempt, no retries. The queue's
 * own connections retry forever (what workers need); a command run by an operator must fail
 * fast instead (Redis down → `enqueue` says so within seconds).
 */
export async function checkRedis(config: QueueConfig, timeoutMs = 3_000): Promise<void> {
  const { Redis } = await import('ioredis');
  const { maxRetriesPerRequest: _ignored, ...options } = connectionOptions(config) as Record<string, unknown>;
  const client = new Redis({ ...options, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  let lastError: unknown = null;
  client.on('error', (e) => (lastError = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${timeoutMs / 1000} 秒内无响应 / no answer`)), timeoutMs))),
    ]);
  } catch (e) {
    throw new QueueUnavailableError(config.redisUrl, describeConnectError(lastError ?? e));
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describeConnectError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text = `${err.code ?? ''} ${err.message ?? String(e)}`;
  if (/ECONNREFUSED/.test(text)) return '连接被拒绝，Redis 未运行？/ connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return '主机名无法解析 / unknown host';
  if (/NOAUTH|WRONGPASS/.test(text)) return '密码错误 / authentication failed';
  return err.message ?? String(e);
}

/**
 * `promise`, or a rejection with `error` after `ms` — for the queue steps of operator commands,
 * whose connections would otherwise wait for Redis forever.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() => clearTimeout(timer));
}
