import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../schemas/result.js';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor } from '../../src/web/anchors.js';
import { ingest, seedBytes, tempPostgresStore } from './helpers.js';

/** The server's routes over HTTP (fastify inject) against a real PostgreSQL schema and Redis. */
describe('reviewer web server', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let app: FastifyInstance;
  let seed: Result;
  const prefix = `webtest-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    temp = await tempPostgresStore();
    seed = (await ingest(temp.store, await seedBytes(), 'samples/seed.docx')).result;
    app = await buildServer({ store: temp.store, redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379', queuePrefix: prefix });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  const post = (findingId: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/reports/${seed.sha256}/reviews`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams({ findingId, anchor: findingAnchor(findingId), ...fields }).toString(),
    });

  it('serves the report page in Chinese with a strict content security policy', async () => {
    const res = await app.inject({ url: `/reports/${seed.sha256}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('跳到主要内容');
    for (const f of seed.discrepancies) expect(res.body).toContain(`id="${findingAnchor(f.id)}"`);
    // Every evidence link points at an element that exists on the page.
    const ids = new Set([...res.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...res.body.matchAll(/class="evidence-link" href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(seed.discrepancies.length);
    expect(links.filter((id) => !ids.has(id))).toEqual([]);
    // and every back-link to a finding card.
    const back = [...res.body.matchAll(/class="backref[^"]*" href="#([^"]+)"/g)].map((m) => m[1]);
    expect(back.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('stores, changes and clears a review; refuses bad and cross-site posts', async () => {
    const id = seed.discrepancies[1].id;
    const ok = await post(id, { status: 'fixed', note: '已更正', reviewer: '王' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/reports/${seed.sha256}#${findingAnchor(id)}`);
    expect((await temp.store.getReviews(seed.sha256)).map((r) => [r.findingId, r.status, r.note])).toEqual([[id, 'fixed', '已更正']]);
    expect((await post(id, { status: 'confirmed', note: '', reviewer: '王' })).statusCode).toBe(303);
    expect((await temp.store.getReviews(seed.sha256))[0].status).toBe('confirmed');
    expect((await post(id, { status: 'open', note: '', reviewer: '' })).statusCode).toBe(303);
    expect(await temp.store.getReviews(seed.sha256)).toEqual([]);

    expect((await post(id, { status: 'approved', reviewer: '王' })).statusCode).toBe(400);
    expect((await post(id, { status: 'dismissed', reviewer: '  ' })).statusCode).toBe(400);
    expect((await post('no-such-finding', { status: 'dismissed', reviewer: '王' })).statusCode).toBe(400);
    expect((await post(id, { status: 'dismissed', reviewer: '王' }, { origin: 'http://evil.example' })).statusCode).toBe(403);
    expect(await temp.store.getReviews(seed.sha256)).toEqual([]);
  });

  it('shows records per part, the full source, and 404s in Chinese', async () => {
    const page = await app.inject({ url: `/reports/${seed.sha256}` });
    const parts = [...page.body.matchAll(/href="(\/reports\/[0-9a-f]{64}\/records\/[\w-]+)"/g)].map((m) => m[1]);
    expect(parts.length).toBe(2 + (seed.report?.projects.length ?? 0) + (seed.report?.statistics.length ? 1 : 0));
    for (const url of parts) expect((await app.inject({ url })).statusCode).toBe(200);
    const project = await app.inject({ url: parts.find((u) => u.endsWith('project-0'))! });
    expect(project.body).toContain(seed.report!.projects[0].indicators[0].level3.split('\n')[0]);
    const source = await app.inject({ url: `/reports/${seed.sha256}/source` });
    expect(source.body.match(/<table class="form">/g)?.length).toBe(seed.report!.coverage.tables);
    const missing = await app.inject({ url: `/reports/${'0'.repeat(64)}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('没有这份报告');
  });

  it('marks new findings, and lists the ones a re-processing no longer reports with their decision', async () => {
    const first = await app.inject({ url: `/reports/${seed.sha256}` });
    expect(first.body.match(/class="badge new">新增</g)?.length).toBe(seed.discrepancies.length);
    const dropped = seed.discrepancies[seed.discrepancies.length - 1];
    await temp.store.setReview({ reportSha256: seed.sha256, findingId: dropped.id, status: 'confirmed', note: '待整改', reviewer: '赵' });
    // Tomorrow's run: the same report, one finding fewer (as after a rule change).
    await temp.store.saveResult({ ...seed, discrepancies: seed.discrepancies.slice(0, -1) }, null);
    const second = await app.inject({ url: `/reports/${seed.sha256}` });
    expect(second.body).not.toContain('class="badge new">新增<');
    const gone = second.body.slice(second.body.indexOf('id="gone"'));
    expect(second.body.indexOf('id="gone"')).toBeGreaterThan(0);
    expect(gone).toContain(dropped.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(gone).toContain('待整改');
    await temp.store.saveResult(seed, null);
  });

  it('exports the report as xlsx over HTTP', async () => {
    const res = await app.inject({ url: `/export/findings.xlsx?report=${seed.sha256}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('发现')!.rowCount - 1).toBe(seed.discrepancies.length);
  });

  it('mounts Bull Board under /queues when Redis is configured', async () => {
    const ui = await app.inject({ url: '/queues' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('<base href="/queues/"');
    expect(ui.body).toContain('报告处理队列');
    const api = await app.inject({ url: '/queues/api/queues' });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['reports', 'intake']));
    const withoutRedis = await buildServer({ store: temp.store });
    try {
      expect((await withoutRedis.inject({ url: '/queues' })).statusCode).toBe(404);
    } finally {
      await withoutRedis.close();
    }
  });
});
