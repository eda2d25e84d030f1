import { isIP } from 'node:net';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../store/sessions.js';
import { checkTimeZone, DEFAULT_TIME_ZONE } from './time.js';

/** How the reviewer UI is reached and who it trusts. Everything has a safe default. */
export interface WebConfig {
  /**
   * Host names (optionally name:port) the UI answers to; any other Host header is refused (DNS
   * rebinding). Default: the loopback names localhost, 127.0.0.1 and [::1].
   */
  allowedHosts: string[];
  /** The bureau's time zone for every time shown or exported. */
  timeZone: string;
  session: SessionLimits;
  /** Cookies only over HTTPS (set when the UI is served through TLS). */
  secureCookies: boolean;
  /**
   * Single sign-on through an authenticating reverse proxy: the account name in `header`, believed
   * only from the listed proxy addresses. Off (null) by default.
   */
  proxyAuth: { header: string; trustedProxies: string[] } | null;
  /** Longest time to receive a request, and to produce a page. */
  requestTimeoutMs: number;
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export function webConfig(partial: Partial<WebConfig> = {}): WebConfig {
  const allowedHosts = (partial.allowedHosts?.length ? partial.allowedHosts : LOOPBACK_HOSTS).map((h) => normalizeHost(h));
  const proxyAuth = partial.proxyAuth ?? null;
  if (proxyAuth) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(proxyAuth.header)) throw new Error(`代理认证头名称无效 / invalid proxy header name: ${proxyAuth.header}`);
    if (proxyAuth.trustedProxies.length === 0) throw new Error('启用代理认证需要 --trusted-proxy 列出代理地址 / proxy auth needs the proxy addresses');
    for (const ip of proxyAuth.trustedProxies) if (!isIP(ip)) throw new Error(`代理地址无效 / invalid proxy address: ${ip}`);
  }
  return {
    allowedHosts,
    timeZone: checkTimeZone(partial.timeZone ?? DEFAULT_TIME_ZONE),
    session: partial.session ?? DEFAULT_SESSION_LIMITS,
    secureCookies: partial.secureCookies ?? false,
    proxyAuth: proxyAuth ? { header: proxyAuth.header.toLowerCase(), trustedProxies: proxyAuth.trustedProxies } : null,
    requestTimeoutMs: partial.requestTimeoutMs ?? 30_000,
  };
}

function normalizeHost(h: string): string {
  const host = h.trim().toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) throw new Error(`主机名无效 / invalid host name: ${h}`);
  return host;
}

/**
 * Whether a Host header names this UI: the header's host must be listed; a listed entry with a
 * port must match the port too.
 */
export function hostAllowed(hostHeader: string | undefined, allowed: string[]): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (!m) return false;
  const name = m[1].toLowerCase();
  const withPort = m[2] ? `${name}:${m[2]}` : name;
  return allowed.some((a) => a === name || a === withPort);
}
