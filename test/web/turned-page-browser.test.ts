import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../schemas/result.js';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor } from '../../src/web/anchors.js';
import { runPipeline } from '../../src/pipeline.js';
import { layoutDocument, seedSpec } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { landscapeOntoPortrait } from '../fixtures/producers/rotated.js';
import { addAccount, ingestBatch, openLocalBrowser, PASSWORD, tempPgliteStore, type TempStore } from './helpers.js';

/**
 * A landscape report printed sideways onto portrait paper (text at 90° or 270°, no /Rotate): the
 * reader turns each page upright before building its tables, so evidence boxes are in upright
 * coordinates. The page view must show the page turned the same way, or every box would sit on the
 * wrong part of the sheet. Checked in Debian's chromium: the text pdf.js finds inside each box is
 * the cited cell's own text, and the page is drawn upright (wider than tall).
 */
describe('evidence boxes on pages the reader turned upright', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const results = new Map<number, Result>();
  const turnedPages = new Map<number, Set<number>>();
  let errors: string[] = [];

  beforeAll(async () => {
    temp = await tempPgliteStore();
    const land = chromiumPdf(reportHtml(layoutDocument(seedSpec()), { landscape: true }));
    const files = [];
    for (const turn of [90, 270] as const) {
      const bytes = await landscapeOntoPortrait(land, { footer: true, turn });
      files.push({ name: `收件/横向表格-${turn}.pdf`, bytes });
      const { document } = await runPipeline({ bytes, file: `turned-${turn}.pdf` });
      turnedPages.set(turn, new Set((document?.pageInfo ?? []).filter((p) => p.rotation !== 0).map((p) => p.page)));
    }
    const batch = await ingestBatch(temp.store, files);
    for (const r of batch.results.values()) results.set(r.file.includes('-90') ? 90 : 270, r);
    await addAccount(temp.store, 'li', 'reviewer', '李审核');
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, page, problems: errors } = await openLocalBrowser());
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', 'li');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  for (const turn of [90, 270] as const) {
    it(`turned by ${turn}°: each box holds the cited cell's text, on the page drawn upright`, async () => {
      const result = results.get(turn)!;
      expect(result.status).toBe('ok');
      // Findings citing table cells on a page the reader turned.
      const turned = turnedPages.get(turn)!;
      expect(turned.size).toBeGreaterThan(0);
      const cited = result.discrepancies
        .flatMap((f) => f.evidence.map((e, i) => ({ f, e, n: i + 1 })))
        .filter(({ e }) => e.location.table !== null && e.location.bbox && turned.has(e.location.page!) && /\d/.test(e.text));
      expect(cited.length).toBeGreaterThan(3);
      for (const { f, e, n } of cited.slice(0, 4)) {
        await page.goto(`${base}/reports/${result.sha256}#${findingAnchor(f.id)}`);
        await page.waitForSelector(`.pdf-page[data-rendered="true"][data-page="${e.location.page}"]`, { timeout: 30_000 });
        const inside = (await page.locator(`.pdf-page .box[data-evidence="${n}"]`).getAttribute('data-text'))!.replace(/\s/g, '');
        expect(inside.length, `${f.rule} 证据${n}`).toBeGreaterThan(0);
        expect(e.text.replace(/\s/g, ''), `${f.rule} 证据${n}`).toContain(inside);
        const canvas = await page.locator('.pdf-page canvas').boundingBox();
        expect(canvas!.width).toBeGreaterThan(canvas!.height);
      }
      expect(errors).toEqual([]);
    }, 180_000);
  }
});
