import type { FastifyInstance } from 'fastify';
import { errorPage } from './reply.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads or renders a lot (report pages, exports): it takes a slot of the limited pool. */
    heavy?: boolean;
  }
}

export interface LoadLimits {
  /** Heavy requests worked on at once. */
  concurrent: number;
  /** Heavy requests waiting for a slot; more are answered 503 at once. */
  queued: number;
  /** A request not answered by then gets a 503 (its work is abandoned as far as the client is concerned). */
  timeoutMs: number;
}

/**
 * Cost caps on the server as a whole: heavy routes share a small pool (so a flood of report pages
 * or exports waits or is refused instead of starving everything else — the health check and light
 * pages stay responsive), and every request has a deadline for its answer.
 */
export function installLoadLimits(app: FastifyInstance, limits: LoadLimits): void {
  let active = 0;
  const waiting: Array<() => void> = [];
  const timers = new WeakMap<object, NodeJS.Timeout>();
  const holding = new WeakSet<object>();

  const release = (req: object) => {
    const t = timers.get(req);
    if (t) clearTimeout(t);
    if (!holding.has(req)) return;
    holding.delete(req);
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  app.addHook('onRequest', async (req, reply) => {
    timers.set(
      req,
      setTimeout(() => {
        if (!reply.sent && !reply.raw.headersSent) errorPage(req, reply, 503, '服务器处理超时，请稍后再试 / request timed out');
      }, limits.timeoutMs),
    );
  });

  app.addHook('preHandler', async (req, reply) => {
    if (!req.routeOptions.config?.heavy) return;
    if (active < limits.concurrent) {
      active++;
      holding.add(req);
      return;
    }
    if (waiting.length >= limits.queued) {
      reply.header('retry-after', '5');
      return errorPage(req, reply, 503, '服务器繁忙，请稍后再试 / server busy');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    holding.add(req);
    // The client left while waiting: hand the slot on at once.
    if (req.raw.destroyed) release(req);
  });

  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));
}
