import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../schemas/result.js';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor } from '../../src/web/anchors.js';
import { addAccount, ingest, injectLogin, seedBytes, tempPostgresStore, type InjectSession } from './helpers.js';

/** The server's routes over HTTP (fastify inject), logged in, against a real PostgreSQL schema and Redis. */
describe('reviewer web server', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let app: FastifyInstance;
  let seed: Result;
  let reviewer: InjectSession;
  let admin: InjectSession;
  const prefix = `webtest-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    temp = await tempPostgresStore();
    seed = (await ingest(temp.store, await seedBytes(), 'samples/seed.docx')).result;
    await addAccount(temp.store, 'wang', 'reviewer', '王审核');
    await addAccount(temp.store, 'boss', 'admin', '管理员甲');
    app = await buildServer({ store: temp.store, redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379', queuePrefix: prefix });
    reviewer = await injectLogin(app, 'wang');
    admin = await injectLogin(app, 'boss');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  const get = (url: string, s: InjectSession = reviewer) => app.inject({ url, headers: s.headers() });
  const decide = (findingId: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    reviewer.post(`/reports/${seed.sha256}/reviews`, { findingId, next: findingAnchor(findingId), ...fields }, headers);

  it('serves the report page in Chinese with a strict content security policy', async () => {
    const res = await get(`/reports/${seed.sha256}`);
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('跳到主要内容');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc="\/static\/)/);
    for (const f of seed.discrepancies) expect(res.body).toContain(`id="${findingAnchor(f.id)}"`);
    // Every evidence link points at an element that exists on the page.
    const ids = new Set([...res.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...res.body.matchAll(/class="evidence-link" href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(seed.discrepancies.length);
    expect(links.filter((id) => !ids.has(id))).toEqual([]);
    // and every back-link to a finding card.
    const back = [...res.body.matchAll(/class="backref[^"]*" href="#([^"]+)"/g)].map((m) => m[1]);
    expect(back.filter((id) => !ids.has(id))).toEqual([]);
    // Every source element the review screen's script highlights exists.
    const targets = [...res.body.matchAll(/data-targets="([^"]*)"/g)].flatMap((m) => m[1].split(' ').filter(Boolean));
    expect(targets.length).toBeGreaterThan(seed.discrepancies.length);
    expect(targets.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('stores, changes and clears a decision signed by the login, with its history; refuses bad posts', async () => {
    const id = seed.discrepancies[1].id;
    const ok = await decide(id, { status: 'fixed', note: '已更正' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/reports/${seed.sha256}#${findingAnchor(id)}`);
    expect((await temp.store.getReviews(seed.sha256)).map((r) => [r.findingId, r.status, r.note, r.reviewer])).toEqual([[id, 'fixed', '已更正', '王审核']]);
    expect((await decide(id, { status: 'confirmed', note: '' })).statusCode).toBe(303);
    expect((await temp.store.getReviews(seed.sha256))[0].status).toBe('confirmed');
    expect((await decide(id, { status: 'open', note: '' })).statusCode).toBe(303);
    expect(await temp.store.getReviews(seed.sha256)).toEqual([]);

    // The history keeps every step, who made it and from where.
    const page = await get(`/reports/${seed.sha256}`);
    const card = page.body.slice(page.body.indexOf(`id="${findingAnchor(id)}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toMatch(/审核记录（3）[\s\S]*单位已整改[\s\S]*已更正[\s\S]*已确认[\s\S]*未审核/);
    const rows = await temp.store.db.query<{ actor: string; detail: { status: string }; ip: string }>(
      "SELECT actor, detail, ip FROM audit_log WHERE action = 'decision' AND finding_id = $1 ORDER BY id",
      [id],
    );
    expect(rows.map((r) => [r.actor, r.detail.status])).toEqual([['wang', 'fixed'], ['wang', 'confirmed'], ['wang', 'open']]);
    expect(rows[0].ip).toBe('127.0.0.1');

    const invalid = await decide(id, { status: 'approved' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('审核结论无效');
    const noNote = await decide(id, { status: 'dismissed', note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('驳回（误报）需要填写备注');
    expect((await decide('no-such-finding', { status: 'confirmed' })).statusCode).toBe(400);
    expect((await decide(id, { status: 'confirmed' }, { origin: 'http://evil.example' })).statusCode).toBe(403);
    expect(await temp.store.getReviews(seed.sha256)).toEqual([]);
  });

  it('applies one decision to a filtered selection, only when the selection is what the reviewer saw', async () => {
    const infos = seed.discrepancies.filter((f) => f.rule === 'required-cells' && f.severity === 'info');
    expect(infos.length).toBeGreaterThan(1);
    const fields = { rule: 'required-cells', severity: 'info', status: 'confirmed', note: '签章栏另行补正' };
    const stale = await reviewer.post(`/reports/${seed.sha256}/decisions`, { ...fields, expected: String(infos.length + 1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('筛选出的发现已变化');
    const ok = await reviewer.post(`/reports/${seed.sha256}/decisions`, { ...fields, expected: String(infos.length) });
    expect(ok.statusCode).toBe(303);
    const reviews = await temp.store.getReviews(seed.sha256);
    expect(reviews.map((r) => r.findingId).sort()).toEqual(infos.map((f) => f.id).sort());
    expect(new Set(reviews.map((r) => `${r.status}/${r.note}/${r.reviewer}`))).toEqual(new Set(['confirmed/签章栏另行补正/王审核']));
    const audit = await temp.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'decision' AND detail ? 'bulk'");
    expect(audit[0].n).toBe(infos.length);
    for (const f of infos) await decide(f.id, { status: 'open' });
  });

  it('shows records per part, the full source (paged), and 404s in Chinese', async () => {
    const page = await get(`/reports/${seed.sha256}`);
    const parts = [...page.body.matchAll(/href="(\/reports\/[0-9a-f]{64}\/records\/[\w-]+)"/g)].map((m) => m[1]);
    expect(parts.length).toBe(2 + (seed.report?.projects.length ?? 0) + (seed.report?.statistics.length ? 1 : 0));
    for (const url of parts) expect((await get(url)).statusCode).toBe(200);
    const project = await get(parts.find((u) => u.endsWith('project-0'))!);
    expect(project.body).toContain(seed.report!.projects[0].indicators[0].level3.split('\n')[0]);
    // The records' links open the page of the full source that holds the cell.
    const loc = /href="(\/reports\/[0-9a-f]{64}\/source\?table=\d+)#(t\d+-r\d+-c\d+)"/.exec(project.body)!;
    const sourcePage = await get(loc[1]);
    expect(sourcePage.statusCode).toBe(200);
    expect(sourcePage.body).toContain(`id="${loc[2]}"`);
    const source = await get(`/reports/${seed.sha256}/source`);
    expect(source.body.match(/<table class="form">/g)?.length).toBe(seed.report!.coverage.tables);
    const missing = await get(`/reports/${'0'.repeat(64)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('没有这份报告');
  });

  it('marks new findings, and lists the ones a re-processing no longer reports with their decision', async () => {
    const first = await get(`/reports/${seed.sha256}`);
    expect(first.body.match(/class="badge new">新增</g)?.length).toBe(seed.discrepancies.length);
    const dropped = seed.discrepancies[seed.discrepancies.length - 1];
    await temp.store.setReview({ reportSha256: seed.sha256, findingId: dropped.id, status: 'confirmed', note: '待整改', reviewer: '赵' });
    // Tomorrow's run: the same report, one finding fewer (as after a rule change).
    await temp.store.saveResult({ ...seed, discrepancies: seed.discrepancies.slice(0, -1) }, null);
    const second = await get(`/reports/${seed.sha256}`);
    expect(second.body).not.toContain('class="badge new">新增<');
    const gone = second.body.slice(second.body.indexOf('id="gone"'));
    expect(second.body.indexOf('id="gone"')).toBeGreaterThan(0);
    expect(gone).toContain(dropped.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(gone).toContain('待整改');
    await temp.store.saveResult(seed, null);
  });

  it('exports the report as xlsx over HTTP, with its audit trail, and records the export', async () => {
    const res = await get(`/export/findings.xlsx?report=${seed.sha256}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('发现')!.rowCount - 1).toBe(seed.discrepancies.length);
    const decisions = await temp.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'decision' AND report_sha256 = $1", [seed.sha256]);
    // The workbook's audit sheet holds the report's decisions (and exports/downloads made before it).
    const audit = wb.getWorksheet('审核记录')!;
    const actions: string[] = [];
    audit.eachRow((row, n) => {
      if (n > 1) actions.push(String(row.getCell(5).value));
    });
    expect(actions.filter((a) => a === '审核结论').length).toBe(decisions[0].n);
    const exported = await temp.store.db.query<{ actor: string; detail: { format: string } }>("SELECT actor, detail FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1");
    expect(exported[0]).toMatchObject({ actor: 'wang', detail: { format: 'xlsx' } });
  });

  it('refuses unknown or malformed filter parameters instead of exporting everything', async () => {
    for (const url of ['/export/findings.csv?batch_id=x', '/export/findings.xlsx?severity=fatal', '/export/findings.csv?report=abc', '/export/findings.csv?sheet=passwords', '/reports?after=garbage', '/reports?sort=evil']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toMatch(/参数|翻页/);
      expect(res.body, url).not.toMatch(/at .*\.(ts|js):\d+|node_modules|\/work\//);
    }
  });

  it('mounts Bull Board under /queues for administrators, without third-party fonts', async () => {
    const ui = await get('/queues', admin);
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('<base href="/queues/"');
    expect(ui.body).toContain('报告处理队列');
    expect(ui.body).not.toMatch(/googleapis|https?:\/\/(?!www\.w3\.org)/);
    expect(String(ui.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const api = await get('/queues/api/queues', admin);
    expect(api.statusCode).toBe(200);
    const queues = (api.json() as { queues: Array<{ name: string; description?: string }> }).queues;
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['reports', 'intake']));
    expect(queues.find((q) => q.name === 'reports')!.description).toContain('无法读取的文件');
    expect((await get('/queues', reviewer)).statusCode).toBe(403);
    const withoutRedis = await buildServer({ store: temp.store });
    try {
      const s = await injectLogin(withoutRedis, 'boss');
      expect((await withoutRedis.inject({ url: '/queues', headers: s.headers() })).statusCode).toBe(404);
    } finally {
      await withoutRedis.close();
    }
  });
});
