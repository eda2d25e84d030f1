import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { recordAudit } from '../store/audit.js';
import type { Store } from '../store/index.js';
import { setCookie, XSRF_COOKIE } from './auth/cookies.js';
import { clientIp, userAgent } from './reply.js';

/** Shown under each queue's name in Bull Board: why a file that could not be read is not a failed job. */
export const FAILED_FILES_NOTE =
  '说明：无法读取的文件（损坏、加密、格式不支持等）不是队列故障——作业成功记录了失败原因，所以在队列中显示为“已完成”。' +
  '这些文件在审核网页的批次页中按原因计为“未能读取”。队列中的“失败”只表示重试用尽的故障（数据库或转换程序不可用等）。';

/**
 * Bull Board (the BullMQ dashboard) under /queues, for administrators only, behind the UI's login:
 * every route it registers gets `access: 'admin'` and its own CSP; its state-changing API calls
 * need the session's CSRF token, which its client (axios) sends back from the XSRF-TOKEN cookie as
 * the X-XSRF-TOKEN header; each such call is written to the audit trail. The page's web-font link
 * to a third-party host is removed (the page must work with no internet). Returns the queues so
 * the server closes their Redis connections on shutdown.
 */
export async function mountBullBoard(app: FastifyInstance, o: { redisUrl: string; prefix?: string; store: Store; secureCookies: boolean; basePath?: string }): Promise<Queue[]> {
  const basePath = o.basePath ?? '/queues';
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }, queueConfigModule] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
    import('../queue/config.js'),
  ]);
  const config = queueConfigModule.queueConfig({ redisUrl: o.redisUrl, ...(o.prefix ? { prefix: o.prefix } : {}) });
  const queues = [queueConfigModule.reportsQueue(config), queueConfigModule.intakeQueue(config)];
  // Redis being down must not bring the reviewer UI down: the dashboard shows the error instead.
  for (const q of queues) q.on('error', (e) => app.log.warn({ queue: q.name, err: e.message }, 'Redis queue error'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false, description: FAILED_FILES_NOTE })),
    // @bull-board/fastify pins its own copy of @bull-board/api (a patch version apart): same shape.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '报告处理队列', miscLinks: [{ text: '返回审核网页', url: '/' }] } },
  });
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'admin', csp: 'bullboard' };
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      // Bull Board answers a failure with the error's own message (Redis addresses, library text):
      // the log keeps it, the browser gets a sentence.
      if (reply.statusCode >= 500 && typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').includes('json')) {
        req.log.error({ url: req.url, body: payload.slice(0, 2000) }, 'Bull Board error');
        return JSON.stringify({ error: 'ERRORS.INTERNAL_SERVER_ERROR', message: '队列服务出错（Redis 可能不可用），详情见服务器日志 / queue service error, see the server log' });
      }
      if (typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').includes('text/html')) {
        if (req.session) setCookie(reply, XSRF_COOKIE, req.session.csrfToken, { secure: o.secureCookies, httpOnly: false, path: basePath });
        return payload.replace(/<link[^>]+href="https?:\/\/[^"]*"[^>]*>/g, '');
      }
      return payload;
    });
    scope.addHook('onResponse', async (req, reply) => {
      if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400 || !req.session) return;
      const s = req.session;
      await recordAudit(o.store.db, {
        actor: s.username,
        actorName: s.displayName,
        role: s.role,
        action: 'queue.action',
        detail: { method: req.method, path: req.url.split('?')[0] },
        ip: clientIp(req),
        userAgent: userAgent(req),
      }).catch((e) => app.log.error(e, 'audit of a queue action failed'));
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: basePath });
  });
  return queues;
}
