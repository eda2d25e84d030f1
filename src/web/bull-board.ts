import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';

/**
 * Bull Board (the BullMQ dashboard) under /queues, for operators: the report and intake queues
 * from the one queue configuration (src/queue/config.ts). Returns the queues so the server closes
 * their Redis connections on shutdown.
 */
export async function mountBullBoard(app: FastifyInstance, redisUrl: string, prefix?: string, basePath = '/queues'): Promise<Queue[]> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }, queueConfigModule] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
    import('../queue/config.js'),
  ]);
  const config = queueConfigModule.queueConfig({ redisUrl, ...(prefix ? { prefix } : {}) });
  const queues = [queueConfigModule.reportsQueue(config), queueConfigModule.intakeQueue(config)];
  // Redis being down must not bring the reviewer UI down: the dashboard shows the error instead.
  for (const q of queues) q.on('error', (e) => app.log.warn({ queue: q.name, err: e.message }, 'Redis queue error'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    // @bull-board/fastify pins its own copy of @bull-board/api (a patch version apart): same shape.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '报告处理队列' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
  return queues;
}
