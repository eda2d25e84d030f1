import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { buildServer } from '../../src/web/server.js';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { addAccount, openLocalBrowser, ensureArtifacts, PASSWORD, tempPgliteStore, type TempStore } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Bull Board behind the UI's login, in Debian's chromium: an administrator pauses a queue through
 * Bull Board's own client — under our CSP, with no request to another host (no web fonts), the
 * write carrying the session's CSRF token (X-XSRF-Token) — and the action is in the audit trail.
 */
describe('Bull Board in a browser, for administrators', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  let queue: Queue;
  const prefix = `webbb-${process.pid}-${Date.now().toString(36)}`;
  let problems: string[] = [];
  const writes: Array<{ url: string; status: number; token: string | null }> = [];

  beforeAll(async () => {
    temp = await tempPgliteStore();
    await addAccount(temp.store, 'boss', 'admin', '王管理');
    app = await buildServer({ store: temp.store, redisUrl: REDIS_URL, queuePrefix: prefix });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    ({ browser, page, problems } = await openLocalBrowser());
    page.on('response', (r) => {
      if (r.request().method() !== 'GET') writes.push({ url: r.url(), status: r.status(), token: r.request().headers()['x-xsrf-token'] ?? null });
    });
  }, 120_000);

  afterAll(async () => {
    await queue?.resume().catch(() => {});
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  it('pauses a queue through Bull Board’s own client, with the CSRF token, audited', async () => {
    await page.goto(`${base}/queues`);
    await page.fill('input[name=username]', 'boss');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
    await page.goto(`${base}/queues/queue/reports`);
    await page.getByText('无法读取的文件').first().waitFor();
    // Base UI's menu renders its items in a portal while the rest is marked inert; their accessible
    // names are not exposed to getByRole in every Chromium build, their text is. On a busy machine the
    // first click may land before the client has hydrated the trigger: open the menu until it shows.
    const pauseItem = page.locator('[role=menuitem]', { hasText: /^Pause$/ });
    for (let attempt = 0; attempt < 10 && !(await pauseItem.isVisible()); attempt++) {
      await page.locator('button[aria-haspopup="menu"]').last().click();
      await pauseItem.waitFor({ timeout: 3000 }).catch(() => {});
    }
    await pauseItem.click();
    // The queue may be paused before the browser has the response: wait for the response itself.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/queues/api/queues/reports/pause') && r.request().method() !== 'GET'),
      page.locator('[role=dialog], [role=alertdialog]').getByRole('button', { name: 'Confirm' }).click(),
    ]);
    expect(await queue.isPaused()).toBe(true);
    const pause = { status: response.status(), token: response.request().headers()['x-xsrf-token'] ?? null };
    expect(pause.status).toBe(200);
    expect(writes.filter((w) => w.status >= 400)).toEqual([]);
    const session = await temp.store.db.query<{ csrf_token: string }>("SELECT csrf_token FROM sessions WHERE username = 'boss'");
    expect(pause.token).toBe(session[0].csrf_token);
    const audit = await temp.store.db.query<{ actor: string; detail: { method: string; path: string } }>("SELECT actor, detail FROM audit_log WHERE action = 'queue.action'");
    expect(audit).toEqual([{ actor: 'boss', detail: { method: 'PUT', path: '/queues/api/queues/reports/pause' } }]);
    await page.screenshot({ path: join(await ensureArtifacts(), 'review-14-bull-board.png') });
    expect(problems).toEqual([]);
  });
});
