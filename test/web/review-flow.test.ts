import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.js';
import { runPipeline } from '../../src/pipeline.js';
import { CHROMIUM, ensureArtifacts, hostileDocx, ingest, IMG_TEXT, SCRIPT_TEXT, seedBytes, tempPgliteStore, type TempStore } from './helpers.js';

/**
 * The reviewer's morning, in Debian's chromium: open the seed report's page, find the 334.73 vs
 * 334.74 restatement, follow it to the highlighted table cell and sentence and back, dismiss another
 * finding with a note using the keyboard, reload (and re-process the report) and see the decision kept.
 * A document full of markup renders as text: no dialog ever opens.
 */
describe('reviewer web UI in a browser', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let seedSha: string;
  let hostileSha: string;
  let artifacts: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    temp = await tempPgliteStore();
    seedSha = (await ingest(temp.store, await seedBytes(), 'samples/seed.docx')).result.sha256;
    hostileSha = (await ingest(temp.store, hostileDocx(), 'hostile.docx')).result.sha256;
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch(CHROMIUM);
    artifacts = await ensureArtifacts();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    return page;
  }

  const currentHash = (page: Page) => new URL(page.url()).hash;
  /** In-page navigation after Enter/click lands a moment later: poll the URL for up to 5 s, then assert. */
  const expectHash = async (page: Page, hash: string) => {
    for (let waited = 0; currentHash(page) !== hash && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(currentHash(page)).toBe(hash);
  };
  const targetId = (page: Page) => page.evaluate(() => document.querySelector(':target')?.id ?? null);

  it('follows the 334.73 vs 334.74 finding to the highlighted cell and sentence, and back', async () => {
    const page = await newPage();
    // From the batch page through the report list to the report.
    await page.goto(`${base}/`);
    await page.screenshot({ path: join(artifacts, 'web-batches.png') });
    await page.goto(`${base}/reports?department=${encodeURIComponent('汨罗市建筑')}`);
    await page.screenshot({ path: join(artifacts, 'web-report-list.png') });
    await page.locator(`a[href="/reports/${seedSha}"]`).click();
    await expect(page.title()).resolves.toContain('汨罗市建筑工程服务中心');

    const card = page.locator('article.finding[data-rule="figure-mismatch"]').filter({ hasText: '334.73' }).filter({ hasText: '334.74' }).first();
    await card.waitFor({ timeout: 5000 });
    const cardId = await card.getAttribute('id');
    await expect(card.locator('.message').innerText()).resolves.toMatch(/334\.7[34]/);

    // To the table cell, with the keyboard: focus the evidence link and press Enter.
    const cellLink = card.locator('a.evidence-link[href^="#t"]').first();
    const cellHref = (await cellLink.getAttribute('href'))!;
    await cellLink.focus();
    await page.keyboard.press('Enter');
    await expectHash(page, cellHref);
    expect(await targetId(page)).toBe(cellHref.slice(1));
    const cell = page.locator(cellHref);
    await expect(cell.evaluate((el) => el.tagName)).resolves.toBe('TD');
    await expect(cell.getAttribute('class')).resolves.toContain('hit');
    await expect(cell.innerText()).resolves.toContain('334.74');
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'web-334-cell.png') });

    // Back from the cell to the finding.
    await cell.locator(`a.backref[href="#${cardId}"]`).click();
    await expectHash(page, `#${cardId}`);

    // To the sentence: the paragraph is shown with the figure highlighted.
    const sentenceLink = card.locator('a.evidence-link[href^="#p"]').first();
    const sentenceHref = (await sentenceLink.getAttribute('href'))!;
    await sentenceLink.click();
    await expectHash(page, sentenceHref);
    const mark = page.locator(sentenceHref);
    await expect(mark.evaluate((el) => el.tagName)).resolves.toBe('MARK');
    await expect(mark.innerText()).resolves.toContain('334.73');
    await expect(mark.locator('xpath=ancestor::blockquote').innerText()).resolves.toContain('本项目全年支出334.73万元');
    await page.screenshot({ path: join(artifacts, 'web-334-sentence.png') });
    await mark.locator(`xpath=following-sibling::span[1]//a[@href="#${cardId}"]`).click();
    await expectHash(page, `#${cardId}`);
    await page.close();
  });

  it('keeps a dismissal with its note across a reload and a re-processing of the report', async () => {
    const page = await newPage();
    await page.goto(`${base}/reports/${seedSha}`);
    const card = page.locator('article.finding:not([data-rule="figure-mismatch"])').first();
    const findingId = (await card.getAttribute('data-finding-id'))!;
    const cardSelector = `article.finding[data-finding-id="${findingId}"]`;
    await expect(card.locator('.review-state').innerText()).resolves.toContain('未审核');

    // Keyboard only: arrow into the radio group, type the note and the name, submit with Enter.
    const form = card.locator('form.review');
    await form.locator('input[name="status"][value="open"]').focus();
    await page.keyboard.press('ArrowRight'); // confirmed
    await page.keyboard.press('ArrowRight'); // dismissed
    await expect(form.locator('input[name="status"][value="dismissed"]').isChecked()).resolves.toBe(true);
    await form.locator('textarea[name="note"]').focus();
    await page.keyboard.type('单位已说明：334.73为笔误，不影响结论');
    await form.locator('input[name="reviewer"]').focus();
    await page.keyboard.type('张审核');
    await Promise.all([page.waitForURL(/#f-/), form.locator('button[type="submit"]').press('Enter')]);

    await page.reload();
    const after = page.locator(cardSelector);
    await expect(after.locator('.review-state').innerText()).resolves.toContain('误报');
    await expect(after.locator('.review-note').innerText()).resolves.toBe('单位已说明：334.73为笔误，不影响结论');
    await expect(after.locator('input[name="status"][value="dismissed"]').isChecked()).resolves.toBe(true);
    await after.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'web-dismissed.png') });

    // The decision is stored by the finding's stable id …
    const reviews = await temp.store.getReviews(seedSha);
    expect(reviews.map((r) => [r.findingId, r.status, r.reviewer])).toEqual([[findingId, 'dismissed', '张审核']]);
    // … so re-processing the same bytes (tomorrow's run) keeps it on the page.
    const { result, document } = await runPipeline({ bytes: await seedBytes(), file: 'samples/seed.docx' });
    const outcome = await temp.store.saveResult(result, document);
    expect(outcome.run).toBe(2);
    await page.reload();
    await expect(page.locator(cardSelector).locator('.review-state').innerText()).resolves.toContain('误报');
    await page.close();
  });

  it('renders markup typed into a document as text on every page, without running it', async () => {
    const page = await newPage();
    const pages = [`/reports/${hostileSha}`, `/reports/${hostileSha}/source`, '/reports', '/'];
    const records = await (await fetch(`${base}/reports/${hostileSha}`)).text();
    for (const m of records.matchAll(/href="(\/reports\/[0-9a-f]{64}\/records\/[\w-]+)"/g)) pages.push(m[1]);
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      await expect(page.evaluate(() => document.querySelectorAll('script, img').length)).resolves.toBe(0);
    }
    await page.goto(`${base}/reports/${hostileSha}/source`);
    await expect(page.locator('td', { hasText: SCRIPT_TEXT }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('blockquote', { hasText: IMG_TEXT }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'web-hostile-source.png') });
    await page.goto(`${base}/reports`);
    await expect(page.locator('table.list').innerText()).resolves.toContain(SCRIPT_TEXT);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
