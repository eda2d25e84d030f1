import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.js';
import { ofdFromPdf } from '../fixtures/producers/ofd.js';
import { addAccount, ingest, injectLogin, ROOT, tempPgliteStore, type InjectSession } from './helpers.js';

/**
 * The original as received, downloaded from the review screen, carries the type of what its bytes
 * are, so the reviewer's machine opens it with the right program: an OFD (版式文档) with the type
 * OFD readers register (application/ofd), not as anonymous bytes.
 */
describe('the original file’s type', () => {
  let temp: Awaited<ReturnType<typeof tempPgliteStore>>;
  let app: FastifyInstance;
  let reviewer: InjectSession;
  const shas: Record<string, string> = {};

  beforeAll(async () => {
    temp = await tempPgliteStore();
    const pdf = new Uint8Array(readFileSync(join(ROOT, 'samples', 'seed.pdf')));
    shas.ofd = (await ingest(temp.store, await ofdFromPdf(pdf), '自评报告.ofd')).result.sha256;
    shas.pdf = (await ingest(temp.store, pdf, '自评报告.pdf')).result.sha256;
    await addAccount(temp.store, 'wang', 'reviewer', '王审核');
    app = await buildServer({ store: temp.store });
    reviewer = await injectLogin(app, 'wang');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });

  it('an .ofd is application/ofd, a .pdf application/pdf, each an attachment under its own name', async () => {
    for (const [format, type] of [
      ['ofd', 'application/ofd'],
      ['pdf', 'application/pdf'],
    ] as const) {
      const res = await app.inject({ url: `/reports/${shas[format]}/original`, headers: reviewer.headers() });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type'], format).toBe(type);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`自评报告.${format}`));
    }
  });

  it('the review screen draws the original page for a .pdf, and for an .ofd says why it cannot instead of loading OFD bytes into pdf.js', async () => {
    const page = async (format: string) => (await app.inject({ url: `/reports/${shas[format]}`, headers: reviewer.headers() })).body;
    const pdf = await page('pdf');
    expect(pdf).toContain('data-src="/reports/' + shas.pdf + '/original?inline=1"');
    expect(pdf).toContain('/static/pdf-view.js');
    const ofd = await page('ofd');
    expect(ofd).not.toContain('original?inline=1');
    expect(ofd).not.toContain('/static/pdf-view.js');
    expect(ofd).toContain('原件不是 PDF 文件');
  });
});
