import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDoc } from '../../parsers/doc.js';
import { closeDocConverters } from '../../parsers/doc/convert.js';
import { parseDocx } from '../../parsers/docx.js';
import { runPipeline } from '../../src/pipeline.js';
import { rejectionCode, sample, squeeze } from '../pdf/helpers.js';
import type { Block, DocumentModel } from '../../schemas/document.js';

/**
 * .doc goes through LibreOffice headless (installed by .ci/run), then the Word parser. By default a
 * long-lived LibreOffice of the process converts (office-pool.test.ts); `fresh` is one process per file.
 */
const SLOW = 240_000;

function comparable(blocks: Block[]) {
  return blocks.map((b) =>
    b.kind === 'paragraph'
      ? { kind: b.kind, text: squeeze(b.text) }
      : { kind: b.kind, nRows: b.nRows, nCols: b.nCols, grid: b.grid, cells: b.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, squeeze(c.text)]) },
  );
}

let tempRoot: string;
beforeAll(() => {
  tempRoot = mkdtempSync(join(tmpdir(), 'selfeval-doc-test-'));
});
afterAll(async () => {
  await closeDocConverters();
  rmSync(tempRoot, { recursive: true, force: true });
});

describe('seed.doc', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = await parseDoc(sample('seed.doc'), { tempRoot });
  }, SLOW);

  it('gives the same tables and paragraphs as seed.docx, with format "doc"', () => {
    const docx = parseDocx(sample('seed.docx'));
    expect(doc.format).toBe('doc');
    expect(comparable(doc.blocks)).toEqual(comparable(docx.blocks));
  });

  it('keeps only the converter\'s private directory while it runs, nothing once it is closed', async () => {
    expect(readdirSync(tempRoot)).toEqual([expect.stringMatching(/^selfeval-office-\d+-/)]);
    await closeDocConverters();
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('one fresh LibreOffice per file gives the same document', async () => {
    const fresh = await parseDoc(sample('seed.doc'), { tempRoot, fresh: true });
    expect(comparable(fresh.blocks)).toEqual(comparable(doc.blocks));
    expect(readdirSync(tempRoot)).toEqual([]);
  }, SLOW);
});

describe('.doc conversion failures', () => {
  it('soffice missing → DOC_CONVERTER_MISSING naming the Debian package', async () => {
    const e = await parseDoc(sample('seed.doc'), { sofficePath: join(tempRoot, 'no-such-soffice') }).catch((x: unknown) => x as Error & { code: string });
    expect((e as { code?: string }).code).toBe('DOC_CONVERTER_MISSING');
    expect((e as Error).message).toContain('libreoffice-writer-nogui');
    const { result } = await runPipeline({ bytes: sample('seed.doc'), file: 'old.doc', options: { parse: { doc: { sofficePath: '/nonexistent/soffice' } } } });
    expect([result.status, result.format, result.error?.code]).toEqual(['error', 'doc', 'DOC_CONVERTER_MISSING']);
  });

  const junk = new Uint8Array(8192);
  junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 8; i < junk.length; i++) junk[i] = (i * 7919) % 251;

  for (const fresh of [false, true]) {
    const how = fresh ? 'one process per file' : 'long-lived converter';
    it(`${how}: a file LibreOffice rejects → InputError DOC_CONVERSION_FAILED, temp files removed`, async () => {
      expect(await rejectionCode(parseDoc(junk, { tempRoot, fresh }))).toBe('InputError:DOC_CONVERSION_FAILED');
      await closeDocConverters();
      expect(readdirSync(tempRoot)).toEqual([]);
    }, SLOW);

    it(`${how}: a conversion over the time limit is killed → TransientError (retryable), temp files removed`, async () => {
      if (!fresh) await parseDoc(sample('seed.doc'), { tempRoot }); // started: the limit is the conversion's own
      expect(await rejectionCode(parseDoc(sample('seed.doc'), { timeoutMs: 50, tempRoot, fresh }))).toBe('TransientError:DOC_CONVERSION_FAILED');
      await closeDocConverters();
      expect(readdirSync(tempRoot)).toEqual([]);
    }, SLOW);
  }
});
