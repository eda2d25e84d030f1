import type { FastifyReply, FastifyRequest } from 'fastify';

/** Cookie names of the reviewer UI. */
export const SESSION_COOKIE = 'selfeval_session';
/** Double-submit token of the login form (before there is a session to hold a CSRF token). */
export const LOGIN_CSRF_COOKIE = 'selfeval_login_csrf';
/** Bull Board's client (axios) sends this cookie back as the X-XSRF-TOKEN header. */
export const XSRF_COOKIE = 'XSRF-TOKEN';

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  secure: boolean;
  path?: string;
}

/** Append a Set-Cookie header (several may be set on one reply). SameSite=Strict always. */
export function setCookie(reply: FastifyReply, name: string, value: string, o: CookieOptions): void {
  const attrs = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path ?? '/'}`, 'SameSite=Strict'];
  if (o.httpOnly !== false) attrs.push('HttpOnly');
  if (o.secure) attrs.push('Secure');
  if (o.maxAgeSeconds !== undefined) attrs.push(`Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`);
  const prev = reply.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
  reply.header('set-cookie', [...list, attrs.join('; ')]);
}

export function clearCookie(reply: FastifyReply, name: string, o: { secure: boolean; path?: string; httpOnly?: boolean }): void {
  setCookie(reply, name, '', { ...o, maxAgeSeconds: 0 });
}
