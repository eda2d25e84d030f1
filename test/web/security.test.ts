import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../schemas/result.js';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor } from '../../src/web/anchors.js';
import { setDisabled } from '../../src/store/accounts.js';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.js';
import { addAccount, INJECT_ORIGIN, ingestBatch, injectLogin, PASSWORD, seedBytes, tempPostgresStore, type InjectSession } from './helpers.js';

/**
 * The UI as an attacker on the same network meets it (issue 18): no route answers without a
 * session, roles are checked on the server, every state-changing request needs our Origin and the
 * session's CSRF token, the Host header must be ours, repeated failed logins lock, and every action
 * of this file is in the append-only audit trail.
 */
describe('web UI security over HTTP', () => {
  let temp: Awaited<ReturnType<typeof tempPostgresStore>>;
  let app: FastifyInstance;
  let seed: Result;
  let batchId: string;
  let viewer: InjectSession;
  let reviewer: InjectSession;
  let admin: InjectSession;
  const prefix = `websec-${process.pid}-${Date.now().toString(36)}`;
  /** What this file did, as the audit trail must show it: [actor, action]. */
  const done: Array<[string, string]> = [];

  beforeAll(async () => {
    temp = await tempPostgresStore();
    const ingested = await ingestBatch(temp.store, [{ name: '收件/seed.docx', bytes: await seedBytes() }]);
    batchId = ingested.batchId;
    seed = [...ingested.results.values()][0];
    await addAccount(temp.store, 'li', 'viewer', '李查看');
    await addAccount(temp.store, 'wang', 'reviewer', '王审核');
    await addAccount(temp.store, 'boss', 'admin', '管理员甲');
    app = await buildServer({ store: temp.store, redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379', queuePrefix: prefix });
    viewer = await injectLogin(app, 'li');
    reviewer = await injectLogin(app, 'wang');
    admin = await injectLogin(app, 'boss');
    done.push(['li', 'login'], ['wang', 'login'], ['boss', 'login']);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  /** A concrete URL for every route (real report, batch and finding ids in the parameters). */
  function concrete(url: string): string {
    return url
      .replace(':sha', seed.sha256)
      .replace(':id', encodeURIComponent(batchId))
      .replace(':part', 'dept')
      .replace(':file', `${seed.sha256}.html`)
      .replace('findings.:format', 'findings.xlsx')
      .replace(':queueName', 'reports')
      .replace(':jobId', '1')
      .replace(':queueStatus', 'completed')
      .replace(':schedulerId', 'x')
      .replace('*', 'review.js');
  }

  it('answers no page, export, file or Bull Board route without a session', async () => {
    const routes = app.routeTable().filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.url.startsWith('/queues')).length).toBeGreaterThan(30);
    for (const r of routes) {
      const url = concrete(r.url);
      for (const headers of [{}, { accept: 'text/html' }, { cookie: `${SESSION_COOKIE}=forged-session-token-0123456789` }]) {
        const res = await app.inject({ method: r.method as 'GET', url, headers: { origin: INJECT_ORIGIN, ...headers } });
        expect([401, 303], `${r.method} ${url}`).toContain(res.statusCode);
        if (res.statusCode === 303) expect(res.headers.location).toMatch(/^\/login\?next=/);
        expect(res.body).not.toContain(seed.sha256.slice(0, 16));
        expect(res.body).not.toContain('汨罗市');
      }
    }
    // Only the login page, the health check and the favicon are public.
    expect(app.routeTable().filter((r) => r.access === 'public' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /favicon.ico',
      'GET /healthz',
      'GET /login',
      'POST /login',
    ]);
  });

  it('lets a viewer read and export but not decide, and only admins reach Bull Board and the audit pages', async () => {
    const page = await app.inject({ url: `/reports/${seed.sha256}`, headers: viewer.headers() });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('class="decide"');
    expect(page.body).not.toContain('class="bulk"');
    const f = seed.discrepancies[0];
    const decide = await viewer.post(`/reports/${seed.sha256}/reviews`, { findingId: f.id, status: 'confirmed' });
    expect(decide.statusCode).toBe(403);
    expect(decide.body).toContain('没有权限');
    const bulk = await viewer.post(`/batches/${batchId}/decisions`, { rule: f.rule, status: 'confirmed', expected: '1' });
    expect(bulk.statusCode).toBe(403);
    expect(await temp.store.getReviews(seed.sha256)).toEqual([]);
    expect((await app.inject({ url: `/export/findings.csv?batch=${batchId}`, headers: viewer.headers() })).statusCode).toBe(200);
    done.push(['li', 'export']);
    for (const s of [viewer, reviewer]) {
      for (const url of ['/queues', '/queues/api/queues', '/admin/audit', '/admin/users']) {
        expect((await app.inject({ url, headers: s.headers() })).statusCode, url).toBe(403);
      }
      const put = await app.inject({ method: 'PUT', url: '/queues/api/queues/reports/pause', headers: s.headers({ 'x-csrf-token': s.csrf }) });
      expect(put.statusCode).toBe(403);
    }
    expect((await app.inject({ url: '/admin/audit', headers: admin.headers() })).statusCode).toBe(200);
    const ok = await reviewer.post(`/reports/${seed.sha256}/reviews`, { findingId: f.id, status: 'confirmed', note: '核实无误' });
    expect(ok.statusCode).toBe(303);
    done.push(['wang', 'decision']);
  });

  it('refuses a state-changing request with a forged or missing Origin, or without the session’s CSRF token', async () => {
    const f = seed.discrepancies[1];
    const url = `/reports/${seed.sha256}/reviews`;
    const form = (fields: Record<string, string>) => new URLSearchParams({ findingId: f.id, status: 'fixed', note: 'x', ...fields }).toString();
    const attempts: Array<[string, Record<string, string>, string]> = [
      ['forged Origin', { cookie: reviewer.cookie, origin: 'http://evil.example' }, form({ _csrf: reviewer.csrf })],
      ['Origin of another port', { cookie: reviewer.cookie, origin: 'http://localhost:8081' }, form({ _csrf: reviewer.csrf })],
      ['Origin null', { cookie: reviewer.cookie, origin: 'null' }, form({ _csrf: reviewer.csrf })],
      ['no Origin', { cookie: reviewer.cookie }, form({ _csrf: reviewer.csrf })],
      ['no CSRF token', { cookie: reviewer.cookie, origin: INJECT_ORIGIN }, form({})],
      ['wrong CSRF token', { cookie: reviewer.cookie, origin: INJECT_ORIGIN }, form({ _csrf: 'A'.repeat(43) })],
      ['another session’s token', { cookie: reviewer.cookie, origin: INJECT_ORIGIN }, form({ _csrf: admin.csrf })],
    ];
    for (const [what, headers, payload] of attempts) {
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload });
      expect(res.statusCode, what).toBe(403);
      expect(res.body, what).toMatch(/拒绝提交|安全令牌/);
    }
    // Bull Board's API: same rules (its client sends the token from the XSRF-TOKEN cookie as a header).
    const ui = await app.inject({ url: '/queues', headers: admin.headers() });
    const xsrf = String(ui.headers['set-cookie']).match(/XSRF-TOKEN=([^;]+)/)![1];
    expect(decodeURIComponent(xsrf)).toBe(admin.csrf);
    const pause = (headers: Record<string, string>) => app.inject({ method: 'PUT', url: '/queues/api/queues/reports/resume', headers });
    expect((await pause({ cookie: admin.cookie, origin: INJECT_ORIGIN })).statusCode).toBe(403);
    expect((await pause({ cookie: admin.cookie, 'x-xsrf-token': admin.csrf })).statusCode).toBe(403);
    expect((await pause({ cookie: admin.cookie, origin: 'http://evil.example', 'x-xsrf-token': admin.csrf })).statusCode).toBe(403);
    expect((await pause({ cookie: admin.cookie, origin: INJECT_ORIGIN, 'x-xsrf-token': admin.csrf })).statusCode).toBe(200);
    done.push(['boss', 'queue.action']);
    // The login form too: its token is a double-submit cookie.
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: INJECT_ORIGIN },
      payload: new URLSearchParams({ username: 'wang', password: PASSWORD, _csrf: 'x'.repeat(43) }).toString(),
    });
    expect(login.statusCode).toBe(403);
    expect(await temp.store.getReviews(seed.sha256)).toHaveLength(1);
  });

  it('refuses a Host header that is not one of the configured names (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:80', '10.0.0.5', 'localhost.evil.example']) {
      const get = await app.inject({ url: `/reports/${seed.sha256}`, headers: { ...reviewer.headers(), host } });
      expect(get.statusCode, host).toBe(421);
      expect(get.body).not.toContain('汨罗市');
      const post = await reviewer.post(`/reports/${seed.sha256}/reviews`, { findingId: seed.discrepancies[2].id, status: 'fixed' }, { host, origin: `http://${host}` });
      expect(post.statusCode, host).toBe(421);
    }
    const named = await buildServer({ store: temp.store, web: { allowedHosts: ['review.czj.example.gov.cn'] } });
    try {
      expect((await named.inject({ url: '/login', headers: { host: 'review.czj.example.gov.cn' } })).statusCode).toBe(200);
      expect((await named.inject({ url: '/login', headers: { host: 'localhost' } })).statusCode).toBe(421);
      // The health check answers by address too (monitors), and tells nothing.
      expect((await named.inject({ url: '/healthz', headers: { host: '10.1.2.3' } })).json()).toEqual({ ok: true, store: 'ok' });
    } finally {
      await named.close();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, with an expiry; ends sessions by time, logout and disabling', async () => {
    const short = await buildServer({ store: temp.store, web: { session: { ttlMs: 60_000, idleMs: 1500 } } });
    try {
      const form = await short.inject({ url: '/login' });
      const res = await short.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: INJECT_ORIGIN, cookie: String(form.headers['set-cookie']).split(';')[0] },
        payload: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)![1], username: 'li', password: PASSWORD }).toString(),
      });
      done.push(['li', 'login']);
      const set = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
      expect(set).toMatch(/HttpOnly/);
      expect(set).toMatch(/SameSite=Strict/);
      expect(set).toMatch(/Max-Age=60/);
      const cookie = set.split(';')[0];
      expect((await short.inject({ url: '/', headers: { cookie } })).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1700));
      expect((await short.inject({ url: '/', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      await short.close();
    }
    // The cookie holds a token whose hash only is stored.
    const token = decodeURIComponent(reviewer.cookie.split('=')[1]);
    const stored = await temp.store.db.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(stored.map((s) => s.id_hash)).not.toContain(token);
    // Logout ends the session on the server (the old cookie is worthless).
    const extra = await injectLogin(app, 'wang');
    done.push(['wang', 'login']);
    expect((await extra.post('/logout', {})).statusCode).toBe(303);
    done.push(['wang', 'logout']);
    expect((await app.inject({ url: '/', headers: extra.headers() })).statusCode).toBe(401);
    // Disabling an account ends its sessions at once.
    const doomed = await injectLogin(app, 'li');
    done.push(['li', 'login']);
    await setDisabled(temp.store.db, 'li', true);
    expect((await app.inject({ url: '/', headers: doomed.headers() })).statusCode).toBe(401);
    await setDisabled(temp.store.db, 'li', false);
  });

  it('locks an account name after repeated failed logins, even for the right password, and keeps passwords hashed', async () => {
    const attempt = async (password: string) => {
      const form = await app.inject({ url: '/login' });
      return app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: INJECT_ORIGIN, cookie: String(form.headers['set-cookie']).split(';')[0] },
        payload: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)![1], username: 'boss', password }).toString(),
      });
    };
    for (let i = 0; i < 5; i++) {
      const res = await attempt(`wrong password ${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('用户名或密码错误');
      done.push(['boss', 'login.failed']);
    }
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body).toContain('登录失败次数过多');
    done.push(['boss', 'login.locked']);
    await temp.store.db.query("DELETE FROM login_throttle WHERE key = 'user:boss'");
    // An unknown name counts like a known one (no way to tell which names exist).
    const unknown = await app.inject({ url: '/login' });
    expect(unknown.statusCode).toBe(200);
    const rows = await temp.store.db.query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users');
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(r.password_hash).not.toContain(PASSWORD);
    }
  });

  it('answers malformed input with a Chinese 400, never a stack trace, an internal path or a database message', async () => {
    const cases = ['/reports?after=bm90LWEtY3Vyc29y', `/reports?after=${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}`, `/reports?sort=errors&after=${Buffer.from(JSON.stringify(['abc', 'a'.repeat(64)])).toString('base64url')}`, `/batches/${batchId}/findings?after=zzz`, '/reports?severity=fatal', '/reports?severity=error&severity=info', `/reports/${seed.sha256}?fp=-1`, '/admin/audit?before=abc'];
    for (const url of cases) {
      const res = await app.inject({ url, headers: admin.headers() });
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body, url).not.toMatch(/at [\w.<>]+ \(|\.ts:\d+|node_modules|\/work\/|invalid input syntax|syntax error/);
    }
    const tooBig = await app.inject({ method: 'POST', url: `/reports/${seed.sha256}/reviews`, headers: { ...reviewer.headers(), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'note=' + 'x'.repeat(300_000) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).not.toMatch(/node_modules|\/work\//);
  });

  it('puts a strict CSP on every response: pages, errors, exports, files, Bull Board, the login page', async () => {
    const urls: Array<[string, InjectSession | null]> = [
      ['/login', null],
      ['/', reviewer],
      [`/reports/${seed.sha256}`, reviewer],
      ['/no/such/page', reviewer],
      [`/export/findings.csv?report=${seed.sha256}`, reviewer],
      [`/export/report/${seed.sha256}.html`, reviewer],
      [`/reports/${seed.sha256}/original`, reviewer],
      ['/static/review.js', reviewer],
      ['/queues', admin],
      ['/queues/api/queues', admin],
      ['/reports', null],
    ];
    for (const [url, s] of urls) {
      const res = await app.inject({ url, headers: s ? s.headers() : {} });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toMatch(/https?:|\*/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    done.push(['wang', 'export'], ['wang', 'export'], ['wang', 'download']);
    // The e-mailable static page carries its own policy (no server to send a header).
    const page = await app.inject({ url: `/export/report/${seed.sha256}.html`, headers: reviewer.headers() });
    done.push(['wang', 'export']);
    expect(page.body).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
    expect(page.body).not.toMatch(/<script|<form/);
  });

  it('trusts a single-sign-on header only when configured, and only from the listed proxy', async () => {
    const withProxy = await buildServer({ store: temp.store, web: { proxyAuth: { header: 'X-Remote-User', trustedProxies: ['127.0.0.1'] } } });
    const elsewhere = await buildServer({ store: temp.store, web: { proxyAuth: { header: 'X-Remote-User', trustedProxies: ['10.9.9.9'] } } });
    try {
      const sso = await withProxy.inject({ url: '/', headers: { 'x-remote-user': 'wang' } });
      expect(sso.statusCode).toBe(200);
      expect(sso.body).toContain('王审核（审核人）');
      done.push(['wang', 'login']);
      expect((await withProxy.inject({ url: '/', headers: { 'x-remote-user': 'nobody' } })).statusCode).toBe(401);
      done.push(['nobody', 'login.failed']);
      expect((await elsewhere.inject({ url: '/', headers: { 'x-remote-user': 'wang' } })).statusCode).toBe(401);
      expect((await app.inject({ url: '/', headers: { 'x-remote-user': 'wang' } })).statusCode).toBe(401);
    } finally {
      await withProxy.close();
      await elsewhere.close();
    }
  });

  it('keeps the audit trail append-only, and it shows every action of this test', async () => {
    await expect(temp.store.db.query("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(/append-only/);
    await expect(temp.store.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const rows = await temp.store.db.query<{ actor: string; action: string; ip: string | null; at: Date }>('SELECT actor, action, ip, at FROM audit_log ORDER BY id');
    expect(rows.map((r) => [r.actor, r.action])).toEqual(done);
    expect(rows.every((r) => r.ip === '127.0.0.1' && r.at instanceof Date)).toBe(true);
    // The admin page shows it, newest first.
    const page = await app.inject({ url: '/admin/audit', headers: admin.headers() });
    expect(page.body).toContain('审核结论');
    expect(page.body).toContain('登录失败');
    expect(page.body).toContain(findingAnchor(seed.discrepancies[0].id));
  });
});
