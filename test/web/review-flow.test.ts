import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../schemas/result.js';
import { buildServer } from '../../src/web/server.js';
import { findingAnchor } from '../../src/web/anchors.js';
import { sortFindings } from '../../src/web/pages/report.js';
import { runPipeline } from '../../src/pipeline.js';
import {
  addAccount,
  openLocalBrowser,
  ensureArtifacts,
  hostileDocx,
  IMG_TEXT,
  ingestBatch,
  PASSWORD,
  ROOT,
  SCRIPT_TEXT,
  seedBytes,
  tempPgliteStore,
  type TempStore,
} from './helpers.js';

/**
 * A reviewer's morning in Debian's chromium, by keyboard: log in, open a batch of several reports
 * (a PDF, a duplicate, files that could not be read), walk the findings with j/k, confirm with c,
 * dismiss with x and a note, bulk-confirm every 签章栏未填 hint of the batch, export the batch's
 * workbook, download an original, see the evidence box on the original PDF page. Links are reached
 * by focusing them and pressing Enter; decisions are keys. Screenshots of each step go to
 * test/artifacts/review-*.png.
 */
describe('the review screen in a browser, by keyboard', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let artifacts: string;
  let batchId: string;
  let docx: Result;
  let pdf: Result;
  let hostileSha: string;
  const dialogs: string[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    temp = await tempPgliteStore();
    const seed = await seedBytes();
    const pdfBytes = new Uint8Array(await readFile(join(ROOT, 'samples', 'seed.pdf')));
    const planted = new Uint8Array(await readFile(join(ROOT, 'samples', 'fixtures', 'seed-planted-total-changed.docx')));
    const batch = await ingestBatch(temp.store, [
      { name: '收件/汨罗市建筑工程服务中心.docx', bytes: seed },
      { name: '收件/汨罗市建筑工程服务中心.pdf', bytes: pdfBytes },
      { name: '收件/改动合计.docx', bytes: planted },
      { name: '收件/重复提交.docx', bytes: seed },
      { name: '收件/空文件.docx', bytes: new Uint8Array(0) },
      { name: '收件/损坏.pdf', bytes: new TextEncoder().encode('%PDF-1.4 not really') },
    ]);
    batchId = batch.batchId;
    const results = [...batch.results.values()];
    docx = results.find((r) => r.file.endsWith('.docx') && r.status === 'ok' && !r.file.includes('改动'))!;
    pdf = results.find((r) => r.format === 'pdf' && r.status === 'ok')!;
    hostileSha = (await ingestBatch(temp.store, [{ name: 'hostile.docx', bytes: hostileDocx() }])).results.keys().next().value!;
    await addAccount(temp.store, 'zhang', 'reviewer', '张审核');
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context, page, problems: errors } = await openLocalBrowser({ acceptDownloads: true }));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    artifacts = await ensureArtifacts();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  const shot = (name: string) => page.screenshot({ path: join(artifacts, `review-${name}.png`) });
  /** Keyboard activation of a link or button: focus it, press Enter. */
  const activate = async (selector: string) => {
    await page.focus(selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  };
  const currentId = () => page.evaluate(() => document.querySelector('ol.findings li.current article')?.id ?? null);
  const ordered = (r: Result) => sortFindings(r.discrepancies);

  it('logs in by keyboard and lists every file of the batch, duplicates and unreadable files included', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('01-login');
    await page.keyboard.type('zhang');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('header .who').innerText()).resolves.toContain('张审核（审核人）');
    await activate(`a[href="/batches/${encodeURIComponent(batchId)}"]`);
    const files = page.locator('#files ~ table tbody tr');
    await expect(files.count()).resolves.toBe(6);
    const text = await page.locator('#files ~ table').innerText();
    expect(text).toContain('与第 1 个文件（收件/汨罗市建筑工程服务中心.docx）内容相同');
    expect(text).toContain('未能读取：文件是空的');
    expect(text).toContain('未能读取：文件已损坏');
    expect(text).not.toContain('EMPTY_FILE：');
    await expect(page.locator('dl.summary').innerText()).resolves.toMatch(/未能读取 2/);
    await shot('02-batch');
  });

  it('walks the findings with j/k, the source pane following, and decides with one key', async () => {
    await activate(`#files ~ table a[href^="/reports/${docx.sha256}"]`);
    const list = ordered(docx);
    expect(list.length).toBeGreaterThanOrEqual(45);
    expect(await currentId()).toBe(findingAnchor(list[0].id));
    await shot('03-review-screen');

    // j: the next finding, its cited cell highlighted and scrolled into the source pane's view.
    await page.keyboard.press('j');
    expect(await currentId()).toBe(findingAnchor(list[1].id));
    const targets = (await page.getAttribute(`#${findingAnchor(list[1].id)}`, 'data-targets'))!.split(' ');
    const inView = await page.evaluate((ids) => {
      const pane = document.querySelector('.source-pane')!.getBoundingClientRect();
      return ids.some((id) => {
        const el = document.getElementById(id);
        if (!el?.classList.contains('cur')) return false;
        const r = el.getBoundingClientRect();
        return r.bottom > pane.top && r.top < pane.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
      });
    }, targets);
    expect(inView).toBe(true);
    await shot('04-next-finding');
    await page.keyboard.press('k');
    expect(await currentId()).toBe(findingAnchor(list[0].id));
    await page.keyboard.press('ArrowDown');
    expect(await currentId()).toBe(findingAnchor(list[1].id));

    // c: confirmed, signed by the login; the next finding opens.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('c')]);
    expect(await currentId()).toBe(findingAnchor(list[2].id));
    const reviews = await temp.store.getReviews(docx.sha256);
    expect(reviews.map((r) => [r.findingId, r.status, r.reviewer])).toEqual([[list[1].id, 'confirmed', '张审核']]);
    await expect(page.locator(`#${findingAnchor(list[1].id)} .review-state`).innerText()).resolves.toContain('已确认');
    await shot('05-confirmed');

    // x without a note asks for one; typing it and Enter saves the dismissal.
    await page.keyboard.press('x');
    const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);
    expect(focused).toBe('note');
    await expect(page.locator('.status-line').innerText()).resolves.toContain('驳回需要填写理由');
    expect((await temp.store.getReviews(docx.sha256)).length).toBe(1);
    await page.keyboard.type('单位已说明：为笔误，不影响结论');
    await shot('06-dismiss-note');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const dismissed = (await temp.store.getReviews(docx.sha256)).find((r) => r.findingId === list[2].id)!;
    expect([dismissed.status, dismissed.note, dismissed.reviewer]).toEqual(['dismissed', '单位已说明：为笔误，不影响结论', '张审核']);
    expect(await currentId()).toBe(findingAnchor(list[3].id));
    // The decided finding shows its history (who, when, what, note).
    await page.keyboard.press('k');
    const history = await page.locator(`#${findingAnchor(list[2].id)} ol.history`).innerText();
    expect(history).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} 张审核（zhang）：误报（已驳回），备注：单位已说明：为笔误，不影响结论/);
    await shot('07-dismissed-history');

    // ] opens the next report of the batch.
    await Promise.all([page.waitForNavigation(), page.keyboard.press(']')]);
    expect(page.url()).toContain(`batch=${encodeURIComponent(batchId)}`);
    expect(page.url()).not.toContain(docx.sha256);
  });

  it('bulk-confirms every 签章栏未填 hint of the batch in one decision', async () => {
    await page.goto(`${base}/batches/${encodeURIComponent(batchId)}`);
    await activate('#rules ~ table td > a[href*="rule=required-cells"][href$="severity=info"]');
    const total = Number(await page.getAttribute('form.bulk input[name="expected"]', 'value'));
    const selected = await temp.store.db.query<{ report_sha256: string; id: string }>(
      `SELECT f.report_sha256, f.id FROM findings f WHERE f.rule = 'required-cells' AND f.severity = 'info' AND f.gone_run IS NULL
         AND f.report_sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = $1)`,
      [batchId],
    );
    expect(total).toBe(selected.length);
    expect(total).toBeGreaterThanOrEqual(10);
    await expect(page.locator('table.list tbody').innerText()).resolves.toContain('签章栏未填');
    await shot('08-bulk-selection');
    await page.focus('form.bulk select[name="status"]'); // 确认 is the first choice
    await page.keyboard.press('Tab');
    await page.keyboard.type('签章栏由单位另行补签');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(page.locator('.notice').innerText()).resolves.toContain(`已保存：${total} 条`);
    await shot('09-bulk-confirmed');
    const rows = await temp.store.db.query<{ status: string; note: string; reviewer_username: string }>(
      'SELECT v.status, v.note, v.reviewer_username FROM reviews v JOIN findings f ON f.report_sha256 = v.report_sha256 AND f.id = v.finding_id WHERE f.rule = $1 AND f.severity = $2',
      ['required-cells', 'info'],
    );
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => `${r.status}|${r.note}|${r.reviewer_username}`))).toEqual(new Set(['confirmed|签章栏由单位另行补签|zhang']));
  });

  it('exports the batch workbook from the batch page, with the decisions, their history and dates', async () => {
    await page.goto(`${base}/batches/${encodeURIComponent(batchId)}`);
    await page.focus('a.button[href^="/export/findings.xlsx?batch="]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^绩效自评审核-批次-.*\.xlsx$/);
    const file = join(artifacts, 'review-batch-export.xlsx');
    await download.saveAs(file);
    await shot('10-export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['发现', '绩效指标', '预算执行', '报告', '审核记录']);
    const findings = wb.getWorksheet('发现')!;
    const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as string[]).slice(1);
    const col = (ws: ExcelJS.Worksheet, name: string) => header(ws).indexOf(name) + 1;
    let confirmed = 0;
    let dated = 0;
    findings.eachRow((row, n) => {
      if (n === 1) return;
      if (row.getCell(col(findings, '审核状态')).value === '已确认') confirmed++;
      const at = row.getCell(col(findings, '审核时间'));
      if (at.value !== null && at.value !== undefined) {
        expect(at.value).toBeInstanceOf(Date);
        dated++;
      }
    });
    expect(confirmed).toBeGreaterThanOrEqual(11);
    expect(dated).toBe(confirmed + 1);
    // Reports sheet: every file's report, failures in Chinese.
    const reports = wb.getWorksheet('报告')!;
    const reasons: string[] = [];
    reports.eachRow((row, n) => {
      if (n > 1 && row.getCell(col(reports, '处理状态')).value === '未能读取') reasons.push(String(row.getCell(col(reports, '未能读取的原因')).value));
    });
    expect(reasons.sort()).toEqual([expect.stringMatching(/^文件已损坏/), expect.stringMatching(/^文件是空的/)]);
    // Budget categories in Chinese; no "'=" in front of comparators or plain numbers.
    const kinds = new Set<string>();
    const budget = wb.getWorksheet('预算执行')!;
    budget.eachRow((row, n) => {
      if (n > 1) kinds.add(String(row.getCell(col(budget, '类别')).value));
    });
    expect([...kinds].filter((k) => /^[a-z-]+$/.test(k))).toEqual([]);
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => expect(String(c.value)).not.toMatch(/^'[=+-]\s*[\d<>≤≥%]*$/))));
    // The audit sheet: the dismissal with its note, the bulk decisions, in the bureau's time.
    const audit = wb.getWorksheet('审核记录')!;
    const decisions: string[] = [];
    audit.eachRow((row, n) => {
      if (n > 1 && row.getCell(col(audit, '操作')).value === '审核结论') {
        decisions.push(`${row.getCell(col(audit, '账号')).value}|${row.getCell(col(audit, '审核结论')).value}|${row.getCell(col(audit, '审核备注')).value ?? ''}`);
        expect(row.getCell(col(audit, '时间')).value).toBeInstanceOf(Date);
      }
    });
    expect(decisions).toContain('zhang|误报（已驳回）|单位已说明：为笔误，不影响结论');
    expect(decisions.filter((d) => d === 'zhang|已确认|签章栏由单位另行补签').length).toBeGreaterThanOrEqual(10);
  });

  it('downloads the original file from the report page', async () => {
    await page.goto(`${base}/reports/${docx.sha256}`);
    await page.focus('p.actions a[download]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('汨罗市建筑工程服务中心.docx');
    const bytes = await readFile((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(docx.sha256);
    const audit = await temp.store.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'download' AND report_sha256 = $1", [docx.sha256]);
    expect(audit.map((a) => a.actor)).toEqual(['zhang']);
  });

  it('draws the evidence box over the right cell of the original PDF page, with the OCR confidence of a scanned page', async () => {
    // The first finding of the PDF with a table cell among its evidence.
    const finding = ordered(pdf).find((f) => f.evidence.some((e) => e.location.table !== null && e.location.bbox))!;
    // Re-store the PDF as if that cell's page had been a scan read by OCR (the reading side fills
    // these fields for scans: page textSource/confidence, location textSource/confidence).
    const again = await runPipeline({ bytes: new Uint8Array(await readFile(join(ROOT, 'samples', 'seed.pdf'))), file: pdf.file });
    const cellPage = finding.evidence.find((e) => e.location.table !== null && e.location.bbox)!.location.page!;
    for (const info of again.document!.pageInfo!) if (info.page === cellPage) Object.assign(info, { textSource: 'ocr', confidence: 0.87 });
    const stored = again.result.discrepancies.find((f) => f.id === finding.id)!;
    for (const e of stored.evidence) if (e.location.page === cellPage) Object.assign(e.location, { textSource: 'ocr', confidence: 0.81 });
    await temp.store.saveResult(again.result, again.document);
    await page.goto(`${base}/batches/${encodeURIComponent(batchId)}`);
    await activate(`#files ~ table a[href^="/reports/${pdf.sha256}"]`);
    const anchor = findingAnchor(finding.id);
    const steps = ordered(pdf).findIndex((f) => f.id === finding.id);
    for (let i = 0; i < steps; i++) await page.keyboard.press('j');
    expect(await currentId()).toBe(anchor);
    await page.waitForSelector('.pdf-page[data-rendered="true"]', { timeout: 30_000 });
    const cellEvidence = finding.evidence.map((e, i) => ({ e, n: i + 1 })).filter(({ e }) => e.location.table !== null && e.location.bbox);
    const firstPage = Math.min(...finding.evidence.filter((e) => e.location.bbox || e.location.paragraph !== null).map((e) => e.location.page ?? Infinity));
    const onPage = cellEvidence.filter(({ e }) => e.location.page === firstPage);
    expect(onPage.length).toBeGreaterThan(0);
    for (const { e, n } of onPage) {
      const box = page.locator(`.pdf-page .box[data-evidence="${n}"]`);
      // pdf.js finds the cited cell's own text inside the box …
      const inside = (await box.getAttribute('data-text'))!.replace(/\s/g, '');
      expect(inside.length).toBeGreaterThan(0);
      expect(e.text.replace(/\s/g, '')).toContain(inside.replace(/\s/g, ''));
      // … and the box sits where the reader measured the cell, scaled to the drawn page.
      const geometry = await page.evaluate(
        ({ n }) => {
          const canvas = document.querySelector('.pdf-page canvas')!.getBoundingClientRect();
          const b = document.querySelector(`.pdf-page .box[data-evidence="${n}"]`)!.getBoundingClientRect();
          return { left: b.left - canvas.left, top: b.top - canvas.top, width: b.width, canvasWidth: canvas.width };
        },
        { n },
      );
      const info = await page.evaluate(() => JSON.parse(document.getElementById('pdf-view')!.dataset.pages!));
      const scale = geometry.canvasWidth / info.find((p: { page: number }) => p.page === firstPage).width;
      const [x0, y0, x1] = e.location.bbox!;
      expect(Math.abs(geometry.left - x0 * scale)).toBeLessThan(3);
      expect(Math.abs(geometry.top - y0 * scale)).toBeLessThan(3);
      expect(Math.abs(geometry.width - (x1 - x0) * scale)).toBeLessThan(3);
    }
    const status = await page.locator('.pdf-status').innerText();
    expect(status).toContain(`证据${onPage[0].n}`);
    expect(status).toContain('（OCR 可信度 81%）');
    expect(status).toContain('本页为扫描件，文字由 OCR 识别，平均可信度 87%');
    await expect(page.locator(`#${anchor} ol.evidence`).innerText()).resolves.toContain('OCR 识别，可信度 81%');
    await page.locator('.pdf-page').scrollIntoViewIfNeeded();
    await shot('11-pdf-box');
  });

  it('shows a file that could not be read as a problem with its reason in Chinese', async () => {
    await page.goto(`${base}/batches/${encodeURIComponent(batchId)}`);
    await activate('#files ~ table tr.failed a');
    await expect(page.locator('.notice.error').innerText()).resolves.toMatch(/此文件未能读取，没有检查结果（计为问题文件）[\s\S]*原因：文件(已损坏|是空的)/);
    await expect(page.locator('#findings ~ .review-screen').innerText()).resolves.not.toContain('未发现问题');
    await shot('12-failed-file');
  });

  it('renders markup typed into a document as text on every page, without running it', async () => {
    const pages = [`/reports/${hostileSha}`, `/reports/${hostileSha}/source`, '/reports', '/'];
    const records = await page.request.get(`${base}/reports/${hostileSha}`);
    for (const m of (await records.text()).matchAll(/href="(\/reports\/[0-9a-f]{64}\/records\/[\w-]+)"/g)) pages.push(m[1]);
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      const scripts = await page.evaluate(() => [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')));
      expect(scripts.every((s) => s === '/static/review.js' || s === '/static/pdf-view.js'), path).toBe(true);
      await expect(page.evaluate(() => document.querySelectorAll('img').length)).resolves.toBe(0);
    }
    await page.goto(`${base}/reports/${hostileSha}/source`);
    await expect(page.locator('td', { hasText: SCRIPT_TEXT }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('blockquote', { hasText: IMG_TEXT }).count()).resolves.toBeGreaterThan(0);
    await shot('13-hostile-source');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps a decision across a re-processing of the report (stable finding ids)', async () => {
    const before = await temp.store.getReviews(docx.sha256);
    const { result, document } = await runPipeline({ bytes: await seedBytes(), file: 'again.docx' });
    expect((await temp.store.saveResult(result, document)).run).toBe(2);
    await page.goto(`${base}/reports/${docx.sha256}#${findingAnchor(before[0].findingId)}`);
    await expect(page.locator(`#${findingAnchor(before[0].findingId)} .review-state`).innerText()).resolves.not.toContain('未审核');
    expect(await temp.store.getReviews(docx.sha256)).toEqual(before);
  });
});
