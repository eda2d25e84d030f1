import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from './html.js';
import { layout, STYLE_HASH, type PageContext } from './layout.js';

/**
 * Response helpers shared by every route: HTML pages, Chinese error pages, and the security
 * headers every response carries (set in one onSend hook, so no route can forget them).
 */

/** Which Content-Security-Policy a route needs. `page` is the default. */
export type CspKind = 'page' | 'pdf' | 'bullboard';

const BASE: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", STYLE_HASH],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function policy(overrides: Record<string, string[]>): string {
  return Object.entries({ ...BASE, ...overrides })
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

export const CSP: Record<CspKind, string> = {
  page: policy({}),
  // pdf.js: a module worker from our origin, WebAssembly image decoders (JBIG2, JPEG 2000 in scans),
  // fonts it builds from the PDF's bytes, page bitmaps.
  pdf: policy({
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'img-src': ["'self'", 'data:', 'blob:'],
  }),
  // Bull Board's page: its own scripts and styles from our origin (it writes inline styles), a <base> tag.
  bullboard: policy({ 'style-src': ["'self'", "'unsafe-inline'"], 'base-uri': ["'self'"], 'font-src': ["'self'"] }),
};

/** Headers on every response, whatever route (or error) produced it. */
export function securityHeaders(reply: FastifyReply, csp: CspKind): void {
  reply.header('content-security-policy', CSP[csp]);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').send(page);
}

/** The page context of a request (set by the guard). */
export function ctxOf(req: FastifyRequest): PageContext {
  return req.pageContext ?? { user: null, csrf: '', queuesLink: false };
}

/** A Chinese error page (or JSON for API callers) — never a stack trace or an internal path. */
export function errorPage(req: FastifyRequest, reply: FastifyReply, status: number, message: string, extra?: SafeHtml): FastifyReply {
  if (wantsJson(req)) return reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ error: message });
  const body = html`<h1>出错了</h1><p class="error-text" role="alert">${message}</p>${extra ?? ''}<p><a href="/">返回首页</a></p>`;
  return sendPage(reply, layout({ title: '出错了', body, ctx: req.pageContext ?? null }), status);
}

export function wantsJson(req: FastifyRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  return req.url.startsWith('/queues/api') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/** The client's address as the audit trail records it. */
export function clientIp(req: FastifyRequest): string {
  return req.ip;
}

export function userAgent(req: FastifyRequest): string | null {
  const ua = req.headers['user-agent'];
  return typeof ua === 'string' ? ua.slice(0, 300) : null;
}
