import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Result } from '../../schemas/result.js';
import { runPipeline } from '../../src/pipeline.js';
import { RULES_VERSION } from '../../src/rules/index.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openStore, type Store } from '../../src/store/index.js';
import { addUser, type Role } from '../../src/store/accounts.js';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from '../../src/web/auth/cookies.js';
import { seedSpec } from '../fixtures/generator/seed-spec.js';
import { cloneSpec } from '../fixtures/generator/spec.js';
import { writeDocx } from '../fixtures/generator/docx.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_DOCX = join(ROOT, 'samples', 'seed.docx');
/** Screenshots and other artefacts of the browser tests (gitignored). */
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
export const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Text a hostile department could type into cells and sentences. */
export const SCRIPT_TEXT = '<script>alert(1)</script>';
export const IMG_TEXT = '<img src=x onerror=alert(2)>';
export const FORMULA_TEXT = '=HYPERLINK("http://x","y")';

export interface TempStore {
  store: Store;
  /** PGlite data directory (embedded store). */
  dir: string;
  cleanup(): Promise<void>;
}

/** A fresh embedded store (PGlite) in its own temp dir: what `extract --db DIR` and `serve --db DIR` use. */
export async function tempPgliteStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-web-'));
  const store = await openStore({ dataDir: dir, databaseUrl: '' });
  return {
    store,
    dir,
    async cleanup() {
      await store.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL schema on the machine's server (one per test file, dropped afterwards). */
export async function tempPostgresStore(): Promise<TempStore & { schema: string }> {
  const schema = `web_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const store = await openStore({ databaseUrl: PG_URL, schema });
  return {
    store,
    dir: '',
    schema,
    async cleanup() {
      await store.close().catch(() => {});
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Store one document as a batch of one, the way `extract --db` does: keep the bytes, open a batch,
 * run the pipeline, save the result with the batch id.
 */
export async function ingest(store: Store, bytes: Uint8Array, fileName: string): Promise<{ result: Result; batchId: string }> {
  const { sha256 } = await store.putFile(bytes, fileName);
  const batch = await store.createBatch({ kind: 'extract', rulesVersion: RULES_VERSION, items: [{ fileName, sha256 }] });
  const { result, document } = await runPipeline({ bytes, file: fileName });
  await store.saveResult(result, document, { batchId: batch.id });
  return { result, batchId: batch.id };
}

export async function seedBytes(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(SEED_DOCX));
}

/**
 * The seed report with hostile text typed into it: markup in the department name, the project's
 * 实施单位 cell, an indicator name and a narrative sentence; a spreadsheet formula in a 偏差原因 cell.
 * Written by the fixture generator (real w:tbl markup with merges), so it goes through the real parser.
 */
export function hostileDocx(): Uint8Array {
  const spec = cloneSpec(seedSpec());
  const project = spec.projects[0];
  project.implementer = SCRIPT_TEXT;
  project.indicators[0].level3 = `${SCRIPT_TEXT}${project.indicators[0].level3}`;
  project.indicators[0].reason = FORMULA_TEXT;
  if (spec.deptSelfEval) spec.deptSelfEval.department = `汨罗市${SCRIPT_TEXT}中心`;
  const narrative = spec.narratives.find((n) => n.paragraphs.some((p) => p.style === 'body'));
  const paragraph = narrative?.paragraphs.find((p) => p.style === 'body');
  if (paragraph) paragraph.text = `${IMG_TEXT}${paragraph.text}`;
  return writeDocx(spec);
}

export async function ensureArtifacts(): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** A browser page on the local server, and the problems it met (page errors, console errors, requests to another host). */
export interface LocalBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and requests that tried to leave 127.0.0.1 (they are aborted). */
  problems: string[];
}

/** Debian's chromium with one page; nothing may be fetched from another host than 127.0.0.1. */
export async function openLocalBrowser(options: BrowserContextOptions = {}): Promise<LocalBrowser> {
  const problems: string[] = [];
  const browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    problems.push(`third-party request: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { browser, context, page, problems };
}

// ── accounts and logins for the tests (the UI answers nothing without a session) ──────────────

/** Password of every test account (scrypt-hashed in the store like any other). */
export const PASSWORD = 'correct horse battery staple';

export async function addAccount(store: Store, username: string, role: Role, displayName = username): Promise<void> {
  await addUser(store.db, { username, role, password: PASSWORD, displayName });
}

/** Where fastify's inject says requests come from (Host: localhost:80). */
export const INJECT_ORIGIN = 'http://localhost:80';

export interface InjectSession {
  /** Cookie header carrying the session. */
  cookie: string;
  /** The session's CSRF token (as the pages put it into forms). */
  csrf: string;
  /** Headers for a request of this session (a form post from our own origin unless overridden). */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** A form post of this session with its CSRF token. */
  post(url: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const set = res.headers['set-cookie'];
  return (Array.isArray(set) ? set : set ? [String(set)] : []).map((c) => String(c).split(';')[0]);
}

/** Log in through the login form (GET for its token, POST with it) and return the session. */
export async function injectLogin(app: FastifyInstance, username: string, password = PASSWORD): Promise<InjectSession> {
  const form = await app.inject({ url: '/login' });
  const loginCookie = cookiesOf(form).find((c) => c.startsWith(`${LOGIN_CSRF_COOKIE}=`))!;
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: INJECT_ORIGIN, cookie: loginCookie },
    payload: new URLSearchParams({ _csrf: token, username, password, next: '/' }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const cookie = cookiesOf(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
  const home = await app.inject({ url: '/', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1];
  const headers = (extra: Record<string, string> = {}) => ({ cookie, origin: INJECT_ORIGIN, ...extra });
  return {
    cookie,
    csrf,
    headers,
    post: (url, fields, extra = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers(extra) },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
  };
}

/**
 * Store several files as one batch the way `extract --db` does: every file is an item (a repeated
 * file too), each distinct content is processed once; `bytes: null` is a file that could not be read.
 */
export async function ingestBatch(store: Store, files: Array<{ name: string; bytes: Uint8Array | null }>): Promise<{ batchId: string; results: Map<string, Result> }> {
  const items = [];
  for (const f of files) {
    if (!f.bytes) items.push({ fileName: f.name, sha256: null, errorCode: 'READ_FAILED' });
    else items.push({ fileName: f.name, sha256: (await store.putFile(f.bytes, f.name)).sha256 });
  }
  const batch = await store.createBatch({ kind: 'extract', source: 'test', rulesVersion: RULES_VERSION, items, settleExisting: false });
  const results = new Map<string, Result>();
  for (const f of files) {
    if (!f.bytes) continue;
    const { result, document } = await runPipeline({ bytes: f.bytes, file: f.name });
    if (results.has(result.sha256)) continue;
    await store.saveResult(result, document, { runKey: `test.${batch.id}`, batchId: batch.id });
    results.set(result.sha256, result);
  }
  return { batchId: batch.id, results };
}
