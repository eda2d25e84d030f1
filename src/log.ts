import { pino, type Logger } from 'pino';

/**
 * Structured logs: one JSON object per line (pino) on stdout, for the worker and the scheduler.
 * `SELFEVAL_LOG_LEVEL` sets the level (default info; "silent" turns logging off).
 */
export function createLogger(name: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ name, level: process.env.SELFEVAL_LOG_LEVEL ?? 'info', base: { pid: process.pid } }, destination as pino.DestinationStream);
}

export type { Logger };
