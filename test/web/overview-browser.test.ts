import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { reportsOfYears, runCrossChecks } from '../../src/bureau/cross-check.js';
import { saveReferenceImport } from '../../src/bureau/ledger-store.js';
import { readReferenceFile } from '../../src/bureau/reference-import.js';
import { RATE_BINS, binOf } from '../../src/bureau/overview-charts.js';
import { buildServer } from '../../src/web/server.js';
import { buildBureauFixture } from '../bureau/bureau-fixture.js';
import { addAccount, openLocalBrowser, ensureArtifacts, ingestBatch, PASSWORD, tempPostgresStore, type TempStore } from './helpers.js';

/**
 * The overview in Debian's chromium: four server-side SVG charts render under the strict CSP,
 * sorting and filtering work, and the numbers behind each chart are the table's numbers.
 */
describe('overview (部门总览) in a browser', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    const fx = buildBureauFixture();
    const depts = new Set(fx.planted.map((p) => p.department).slice(0, 2));
    temp = await tempPostgresStore(); // PostgreSQL in its own schema: starts in well under a second, PGlite can take 20 s on a loaded machine
    await ingestBatch(temp.store, fx.files.filter((f) => depts.has(f.department)));
    const bytes = new TextEncoder().encode(fx.ledgerCsv);
    const outcome = await saveReferenceImport(temp.store.db, await readReferenceFile(bytes, 'ledger.csv'), { fileName: 'ledger.csv', bytes, actor: 'test' });
    await runCrossChecks(temp.store, await reportsOfYears(temp.store, outcome.years));
    await addAccount(temp.store, 'clerk', 'viewer', '李科员');
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, page, problems } = await openLocalBrowser({ viewport: { width: 1400, height: 1000 } }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  const column = (col: string) => page.$$eval(`#overview-table tbody td[data-col="${col}"]`, (tds) => tds.map((td) => td.textContent!.trim()));
  const bars = (chart: string) =>
    page.$$eval(`#${chart} g.bar`, (gs) => gs.map((g) => ({ series: g.getAttribute('data-series'), category: g.getAttribute('data-category')!, value: Number(g.getAttribute('data-value')) })));
  const dataTable = (id: string) => page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));

  it('renders the charts, sorts, filters, and the chart numbers match the table', async () => {
    await page.goto(`${base}/overview`);
    await page.fill('input[name=username]', 'clerk');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(/\/overview/), page.press('input[name=password]', 'Enter')]);
    expect(await page.locator('#overview-table tbody tr').count()).toBe(4);

    // Four charts, drawn (non-empty boxes, bars with height).
    for (const id of ['chart-scores', 'chart-rates', 'chart-rules', 'chart-departments']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box!.width, id).toBeGreaterThan(300);
      expect(box!.height, id).toBeGreaterThan(50);
      expect(await page.locator(`#${id} g.bar rect`).count(), id).toBeGreaterThan(0);
    }
    const tallest = await page.$$eval('#chart-rates g.bar rect', (rs) => Math.max(...rs.map((r) => r.getBoundingClientRect().height)));
    expect(tallest).toBeGreaterThan(20);

    // Execution-rate chart = the table's rate column, binned; = its data table.
    const rates = (await column('rate')).filter((t) => t !== '—').map((t) => t.replace('%', ''));
    const expected = RATE_BINS.map(() => 0);
    for (const r of rates) expected[binOf(r, RATE_BINS)]++;
    expect((await bars('chart-rates')).map((b) => b.value)).toEqual(expected);
    expect((await dataTable('data-rates')).map((r) => Number(r[1]))).toEqual(expected);
    // Departments chart = the sum of the table's 错误 column per department; = its data table.
    const errs = await page.$$eval('#overview-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-department')!, Number(tr.querySelector('td[data-col="errors"]')!.textContent)] as const));
    const perDept = new Map<string, number>();
    for (const [d, n] of errs) perDept.set(d, (perDept.get(d) ?? 0) + n);
    const deptBars = await bars('chart-departments');
    expect(deptBars.length).toBeGreaterThan(0);
    for (const b of deptBars) expect(b.value, b.category).toBe(perDept.get(b.category));
    expect((await dataTable('data-departments')).map((r) => [r[0], Number(r[1])])).toEqual(deptBars.map((b) => [b.category, b.value]));
    // Score chart: self-score bars add up to the reports with a self score.
    const selfBars = (await bars('chart-scores')).filter((b) => b.series === '自评得分');
    expect(selfBars.reduce((s, b) => s + b.value, 0)).toBe((await column('self')).filter((t) => t !== '—').length);

    // The numbers are one click away.
    await page.click('#fig-rates a[href="#data-rates"]');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#data-rates');
    expect(await page.locator('#data-rates').isVisible()).toBe(true);

    // Sorting: 执行率 descending, then ascending.
    await Promise.all([page.waitForURL(/sort=rate&dir=desc/), page.click('a[data-sort="rate"]')]);
    const desc = (await column('rate')).filter((t) => t !== '—').map((t) => Number(t.replace('%', '')));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await Promise.all([page.waitForURL(/sort=rate&dir=asc/), page.click('a[data-sort="rate"]')]);
    const asc = (await column('rate')).filter((t) => t !== '—').map((t) => Number(t.replace('%', '')));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await Promise.all([page.waitForURL(/sort=errors&dir=desc/), page.click('a[data-sort="errors"]')]);
    const errors = (await column('errors')).map(Number);
    expect(errors).toEqual([...errors].sort((a, b) => b - a));

    // Filtering: the year, then a department; the charts follow the table.
    await page.selectOption('select[name=year]', '2023');
    await Promise.all([page.waitForURL(/year=2023/), page.click('form.filters button[type=submit]')]);
    expect(await page.locator('#overview-table tbody tr').count()).toBe(2);
    expect((await column('year')).every((y) => y === '2023')).toBe(true);
    expect((await bars('chart-rates')).reduce((s, b) => s + b.value, 0)).toBe((await column('rate')).filter((t) => t !== '—').length);
    await page.fill('input[name=department]', '水利');
    await Promise.all([page.waitForURL(/department=/), page.click('form.filters button[type=submit]')]);
    expect(await page.locator('#overview-table tbody tr').count()).toBe(1);
    expect(await page.locator('#overview-table tbody tr').getAttribute('data-department')).toContain('水利局');

    // From the overview to a report's cross-report findings: both sides, copied passages side by side.
    await page.goto(`${base}/overview?rule=last-year-narrative`);
    await Promise.all([page.waitForURL(/#cross$/), page.click('#overview-table td[data-col="cross"] a')]);
    const cross = page.locator('article.finding.cross[data-rule="last-year-narrative"]');
    await cross.waitFor();
    expect(await cross.locator('.cross-sides > div').count()).toBe(2);
    expect(await cross.locator('table.passages tbody tr').count()).toBeGreaterThanOrEqual(3);
    const dir = await ensureArtifacts();
    await cross.screenshot({ path: join(dir, 'overview-17-cross.png') });

    await page.goto(`${base}/overview`);
    await page.screenshot({ path: join(dir, 'overview-17.png'), fullPage: true });
    // Printed: filters hidden, charts kept.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('#chart-scores').isVisible()).toBe(true);
    await page.screenshot({ path: join(dir, 'overview-17-print.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
