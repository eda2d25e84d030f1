import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor, paragraphAnchor } from '../../src/web/anchors.js';
import { addAccount, injectLogin, tempPostgresStore, type InjectSession } from './helpers.js';
import { insertHugeReport } from './huge.js';

const PARAGRAPHS = 300_000;

/**
 * Cost caps (issue 18): a report with hundreds of thousands of paragraphs gives pages of bounded
 * size (the report page shows the cited paragraphs, the full source is paged), a flood of heavy
 * requests is queued or refused with a Chinese 503 instead of taking the UI down, and the health
 * check answers meanwhile. Sizes, not times, are asserted; test/web/bench-huge.ts measures times.
 */
describe('cost caps on a huge document', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let app: FastifyInstance;
  let session: InjectSession;
  let sha256: string;
  let cited: number[];

  beforeAll(async () => {
    temp = await tempPostgresStore();
    ({ sha256, cited } = await insertHugeReport(temp.store, PARAGRAPHS));
    await addAccount(temp.store, 'li', 'viewer');
    app = await buildServer({ store: temp.store });
    session = await injectLogin(app, 'li');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  const get = (url: string) => app.inject({ url, headers: session.headers() });

  it('shows the report page at once while the large document is indexed, then with only the cited paragraphs', async () => {
    const first = await get(`/reports/${sha256}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('正在为它建立索引');
    expect(first.body).toContain(`id="${findingAnchor('figure-mismatch:huge1')}"`);
    let res = first;
    for (let i = 0; i < 600 && res.body.includes('正在为它建立索引'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await get(`/reports/${sha256}`);
    }
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(200_000);
    for (const p of cited) expect(res.body).toContain(`id="${paragraphAnchor(p)}"`);
    expect(res.body).toContain(`id="${findingAnchor('figure-mismatch:huge1')}"`);
    expect(res.body).toContain(`${PARAGRAPHS} 个段落和表格`);
  });

  it('pages the full source, and opens the page that holds a cited paragraph', async () => {
    const first = await get(`/reports/${sha256}/source`);
    expect(first.statusCode).toBe(200);
    expect(first.body.length).toBeLessThan(400_000);
    expect(first.body.match(/<blockquote /g)?.length).toBe(200);
    expect(first.body).toContain(`第 1–200 个（共 ${PARAGRAPHS} 个段落和表格）`);
    expect(first.body).toContain('href="/reports/' + sha256 + '/source?from=200"');
    const deep = await get(`/reports/${sha256}/source?paragraph=${cited[0]}`);
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain(`id="${paragraphAnchor(cited[0])}"`);
    expect(deep.body.length).toBeLessThan(400_000);
  });

  it('queues or refuses a flood of heavy requests while the health check keeps answering', async () => {
    const order: string[] = [];
    const heavy = Array.from({ length: 40 }, (_, i) =>
      get(`/reports/${sha256}/source?from=${i * 200}`).then((r) => {
        order.push(`heavy:${r.statusCode}`);
        return r;
      }),
    );
    await new Promise((r) => setImmediate(r));
    const health = app.inject({ url: '/healthz' }).then((r) => {
      order.push(`health:${r.statusCode}`);
      return r;
    });
    const results = await Promise.all(heavy);
    expect((await health).statusCode).toBe(200);
    const busy = results.filter((r) => r.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0].body).toContain('服务器繁忙');
    expect(results.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(30);
    // The health check was answered before the queued pages were done.
    expect(order.indexOf('health:200')).toBeLessThan(order.lastIndexOf('heavy:200'));
  });
});
