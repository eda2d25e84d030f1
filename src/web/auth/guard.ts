import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getUser, roleAtLeast, ROLE_LABELS, type Role } from '../../store/accounts.js';
import { recordAudit } from '../../store/audit.js';
import { createSession, deleteSession, getSession, type Session } from '../../store/sessions.js';
import type { Store } from '../../store/index.js';
import { hostAllowed, type WebConfig } from '../config.js';
import type { PageContext } from '../layout.js';
import { clientIp, errorPage, securityHeaders, userAgent, type CspKind } from '../reply.js';
import { clearCookie, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies.js';

/**
 * Who may use a route: `public` (login page, health check) or the least role needed.
 * Routes say it in their config: `app.get(url, { config: { access: 'admin' } }, handler)`.
 * A route that says nothing needs a login with the viewer role to read (GET/HEAD) and the
 * reviewer role to change anything — so a new page is protected without doing anything.
 */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    csp?: CspKind;
    /** The Host check is skipped only for the health check (monitors call it by address). */
    anyHost?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
    pageContext: PageContext | null;
  }
  interface FastifyInstance {
    /** Every route with the access it requires (for the route table in docs and tests). */
    routeTable(): Array<{ method: string; url: string; access: Access }>;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

export function routeAccess(req: FastifyRequest): Access {
  const configured = req.routeOptions.config?.access;
  return configured ?? (isSafeMethod(req.method) ? 'viewer' : 'reviewer');
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The token a state-changing request carries: form field `_csrf`, or a header (our script; Bull Board's axios). */
function givenCsrf(req: FastifyRequest): string | null {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  if (typeof field === 'string') return field;
  const header = req.headers['x-csrf-token'] ?? req.headers['x-xsrf-token'];
  return typeof header === 'string' ? header : null;
}

/**
 * A state-changing request must come from a page of ours: its Origin names this very host (a
 * missing Origin, or "null", is refused — browsers send it on every POST).
 */
function originMatches(req: FastifyRequest, secure: boolean): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (secure && url.protocol !== 'https:') return false;
    // Compare as URLs so that a default port written out ("localhost:80") matches one left out.
    return url.host === new URL(`${url.protocol}//${String(req.headers.host ?? '')}`).host;
  } catch {
    return false;
  }
}

function normalizeAddress(a: string | undefined): string {
  return (a ?? '').replace(/^::ffff:/, '');
}

export interface GuardOptions {
  store: Store;
  config: WebConfig;
  /** Bull Board is mounted: admins get a link to it. */
  queues: boolean;
}

/**
 * The one access mechanism of the UI, as hooks on the root instance (so every route, plugin and
 * the 404 handler pass through it):
 *   onRequest     — Host check (DNS rebinding), session from the cookie (or the trusted SSO proxy),
 *                   login required unless the route is public, role check;
 *   preValidation — for every state-changing request: Origin check and CSRF token;
 *   onSend        — security headers (CSP …) on every response.
 */
export function installGuard(app: FastifyInstance, o: GuardOptions): void {
  const { store, config } = o;
  app.decorateRequest('session', null);
  app.decorateRequest('pageContext', null);
  // Route options are kept by reference: plugins (Bull Board) set their access after this hook ran.
  const routes: Array<{ method: string | string[]; url: string; options: { config?: { access?: Access } } }> = [];
  app.addHook('onRoute', (r) => {
    routes.push({ method: r.method, url: r.url, options: r as { config?: { access?: Access } } });
  });
  app.decorate('routeTable', () =>
    routes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
        method,
        url: r.url,
        access: r.options.config?.access ?? (isSafeMethod(method) ? 'viewer' : 'reviewer'),
      })),
    ),
  );

  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions.config ?? {};
    if (!route.anyHost && !hostAllowed(req.headers.host, config.allowedHosts)) {
      return errorPage(req, reply, 421, '主机名不被允许：请使用管理员配置的地址访问 / host name not allowed');
    }
    let session: Session | null = null;
    const token = readCookie(req, SESSION_COOKIE);
    if (token) session = await getSession(store.db, token, config.session);
    if (config.proxyAuth) session = await proxySession(req, reply, session, o);
    req.session = session;
    req.pageContext = {
      user: session ? { username: session.username, displayName: session.displayName, role: session.role } : null,
      csrf: session?.csrfToken ?? '',
      queuesLink: o.queues && session?.role === 'admin',
    };
    const access = routeAccess(req);
    if (access === 'public') return;
    if (!session) {
      if (token) clearCookie(reply, SESSION_COOKIE, { secure: config.secureCookies });
      if (isSafeMethod(req.method) && String(req.headers.accept ?? '').includes('text/html')) {
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      }
      return errorPage(req, reply, 401, '请先登录 / login required');
    }
    if (!roleAtLeast(session.role, access)) {
      return errorPage(req, reply, 403, `没有权限：此操作需要“${ROLE_LABELS[access]}”角色，您的角色是“${ROLE_LABELS[session.role]}” / forbidden`);
    }
  });

  app.addHook('preValidation', async (req, reply) => {
    if (isSafeMethod(req.method)) return;
    if (!originMatches(req, config.secureCookies)) {
      return errorPage(req, reply, 403, '拒绝提交：请求不是从本系统的页面发出的（Origin 缺失或不符） / cross-site or origin-less request refused');
    }
    const expected = req.session ? req.session.csrfToken : routeAccess(req) === 'public' ? readCookie(req, LOGIN_CSRF_COOKIE) : undefined;
    const given = givenCsrf(req);
    if (!expected || !given || !tokensEqual(expected, given)) {
      return errorPage(req, reply, 403, '表单已过期或缺少安全令牌，请刷新页面后重试 / missing or invalid CSRF token');
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    securityHeaders(reply, req.routeOptions.config?.csp ?? 'page');
    return payload;
  });
}

/**
 * Single sign-on: a request relayed by a trusted proxy names its user in the configured header.
 * The account must exist and be enabled here (roles stay in this store). A header from anyone
 * else is ignored.
 */
async function proxySession(req: FastifyRequest, reply: FastifyReply, session: Session | null, o: GuardOptions): Promise<Session | null> {
  const pa = o.config.proxyAuth!;
  if (!pa.trustedProxies.includes(normalizeAddress(req.socket.remoteAddress))) return session;
  const name = req.headers[pa.header];
  if (typeof name !== 'string' || name.trim() === '') return session;
  const username = name.trim();
  if (session?.username === username) return session;
  if (session) await deleteSession(o.store.db, session.idHash);
  const account = await getUser(o.store.db, username);
  if (!account || account.disabled) {
    await recordAudit(o.store.db, { actor: username, action: 'login.failed', detail: { via: 'proxy', reason: account ? 'disabled' : 'unknown' }, ip: clientIp(req), userAgent: userAgent(req) });
    return null;
  }
  const created = await createSession(o.store.db, { username, via: 'proxy', ip: clientIp(req), userAgent: userAgent(req), limits: o.config.session });
  setCookie(reply, SESSION_COOKIE, created.token, { secure: o.config.secureCookies, maxAgeSeconds: o.config.session.ttlMs / 1000 });
  await recordAudit(o.store.db, { actor: username, actorName: account.displayName, role: account.role, action: 'login', detail: { via: 'proxy' }, ip: clientIp(req), userAgent: userAgent(req) });
  return created.session;
}
