import { UsageError } from './args.js';

/** Exit code of a command stopped by an error: 3 when a service or the store is unavailable, else 1. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return 2;
  return serviceProblem(e) ? 3 : 1;
}

function serviceProblem(e: unknown): boolean {
  // By name, not instanceof: the queue's module loads BullMQ and ioredis (≈ 25 MB resident), which
  // every command would then carry, `extract` too; its error exists only where the queue was loaded.
  if ((e instanceof Error && e.name === 'QueueUnavailableError') || e instanceof StoreUnavailableError) return true;
  if (e instanceof Error && /正被进程|in use by process/.test(e.message)) return true;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P01', '57P03', '3D000', '28P01', '28000', '53100', 'ENOSPC'].includes(code);
}

/** The store a command needs is missing, locked by another process or unreachable. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * One Chinese sentence for an error that stopped a command (no stack, no internal paths): our own
 * errors already say what happened in Chinese; driver errors are named by what the operator can do.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `内部错误 / internal error: ${String(e)}`;
  const err = e as NodeJS.ErrnoException & { code?: string };
  if (/[\u4e00-\u9fff]/u.test(err.message)) return err.message;
  if (err.code === '53100' || /No space left on device/i.test(err.message)) return `存储空间已满，未写入 / disk full: ${err.message}`;
  if (/in use by process|正被进程/.test(err.message)) return err.message;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `无法连接数据库或队列服务（连接被拒绝：${(err as { address?: string }).address ?? ''}${(err as { port?: number }).port ? `:${(err as { port?: number }).port}` : ''}）/ connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `主机名无法解析 / unknown host: ${(err as { hostname?: string }).hostname ?? err.message}`;
    case '3D000':
      return `PostgreSQL 数据库不存在，请检查 DATABASE_URL / database does not exist: ${err.message}`;
    case '28P01':
    case '28000':
      return `PostgreSQL 拒绝登录，请检查 DATABASE_URL 的用户名和密码 / authentication failed`;
    case 'ENOSPC':
      return `磁盘空间已满 / disk full: ${err.message}`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限 / permission denied: ${err.message}`;
    default:
      return `内部错误 / internal error: ${err.message}`;
  }
}
