import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../store/accounts.js';
import { recordAudit } from '../../store/audit.js';
import { createSession, deleteSession, newToken } from '../../store/sessions.js';
import type { Store } from '../../store/index.js';
import type { WebConfig } from '../config.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { clientIp, sendPage, userAgent } from '../reply.js';
import { clearCookie, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies.js';

/** Where to go after logging in: only a path of this site, never another host. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\r\n\t]/.test(next) || next.length > 2000) return '/';
  if (next.startsWith('/login') || next.startsWith('/logout')) return '/';
  return next;
}

function loginPage(reply: FastifyReply, o: { csrf: string; next: string; username?: string; message?: string }, status = 200): FastifyReply {
  const body = html`<div class="login"><h1>登录</h1>
${o.message ? html`<p class="notice error" role="alert">${o.message}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="next" value="${o.next}">
<label>用户名<input type="text" name="username" value="${o.username ?? ''}" autocomplete="username" required autofocus></label>
<label>密码<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">登录</button>
</form>
<p class="muted">账号由管理员用 <code>selfeval user add</code> 开通。</p></div>`;
  return sendPage(reply, layout({ title: '登录', body, ctx: null }), status);
}

/**
 * The login form's own CSRF token (double submit: cookie and form field must match). An existing
 * token is kept, so that two login pages open at once (or a second request) do not undo each other.
 */
function loginToken(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{40,60}$/.test(existing) ? existing : newToken();
  setCookie(reply, LOGIN_CSRF_COOKIE, token, { secure, maxAgeSeconds: 3600, path: '/login' });
  return token;
}

export function registerLoginRoutes(app: FastifyInstance, store: Store, config: WebConfig): void {
  const secure = config.secureCookies;

  // Browsers ask for it on every page; nothing to show, and no reason to send them to the login page.
  app.get('/favicon.ico', { config: { access: 'public' } }, async (_req, reply) => reply.code(204).send());

  app.get('/login', { config: { access: 'public' } }, async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    if (req.session) return reply.redirect(next, 303);
    return loginPage(reply, { csrf: loginToken(req, reply, secure), next });
  });

  app.post('/login', { config: { access: 'public' } }, async (req: FastifyRequest, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 200) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const ip = clientIp(req);
    const ua = userAgent(req);
    const outcome = await authenticate(store.db, { username, password, ip });
    if (!outcome.ok) {
      const locked = outcome.reason === 'locked';
      await recordAudit(store.db, {
        actor: username || '（空）',
        action: locked ? 'login.locked' : 'login.failed',
        detail: { reason: outcome.reason, ...(locked ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}) },
        ip,
        userAgent: ua,
      });
      const message = locked
        ? `登录失败次数过多，请 ${Math.ceil(outcome.retryAfterSeconds / 60)} 分钟后再试 / too many failed logins, try again later`
        : outcome.reason === 'disabled'
          ? '该账号已停用，请联系管理员 / account disabled'
          : '用户名或密码错误 / wrong user name or password';
      if (locked) reply.header('retry-after', String(outcome.retryAfterSeconds));
      return loginPage(reply, { csrf: loginToken(req, reply, secure), next, username, message }, locked ? 429 : 401);
    }
    const { account } = outcome;
    const { token } = await createSession(store.db, { username: account.username, via: 'password', ip, userAgent: ua, limits: config.session });
    setCookie(reply, SESSION_COOKIE, token, { secure, maxAgeSeconds: config.session.ttlMs / 1000 });
    clearCookie(reply, LOGIN_CSRF_COOKIE, { secure, path: '/login' });
    await recordAudit(store.db, { actor: account.username, actorName: account.displayName, role: account.role, action: 'login', detail: { via: 'password' }, ip, userAgent: ua });
    return reply.redirect(next, 303);
  });

  // Any logged-in user may log out (the default for a POST would ask for the reviewer role).
  app.post('/logout', { config: { access: 'viewer' } }, async (req, reply) => {
    const s = req.session!;
    await deleteSession(store.db, s.idHash);
    await recordAudit(store.db, { actor: s.username, actorName: s.displayName, role: s.role, action: 'logout', ip: clientIp(req), userAgent: userAgent(req) });
    clearCookie(reply, SESSION_COOKIE, { secure });
    return reply.redirect('/login', 303);
  });
}
