import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDocument, seedSpec, writeDocx } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { paragraphs, tables } from './helpers.js';

/**
 * The seed report printed by other programs than LibreOffice, each a real file made here by the
 * program itself (test/fixtures/producers), must give the same findings — same rule, same values —
 * as the .docx of the same content. Each producer file is made once (cached under os.tmpdir()).
 */
type Run = Awaited<ReturnType<typeof pipeline>>;
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

let docx: Run;
let dir: string;
beforeAll(async () => {
  docx = await pipeline(writeDocx(seedSpec()), 'seed.docx');
  dir = mkdtempSync(join(tmpdir(), 'selfeval-producers-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSameFindings(got: Run): void {
  const m = matchFindings(docx.findings, got.findings);
  expect(m.missed.map(key)).toEqual([]);
  expect(m.extra.map(key)).toEqual([]);
  expect(m.found.length).toBeGreaterThan(30);
}

describe('Chromium "print to PDF" with Noto Serif CJK (Skia, Type 3 fonts)', () => {
  let pdf: Uint8Array;
  let run: Run;
  beforeAll(async () => {
    pdf = chromiumPdf(reportHtml(layoutDocument(seedSpec())));
    run = await pipeline(pdf, 'seed-chromium.pdf');
  }, 180_000);

  it('is what the issue describes: Type 3 fonts whose maps give Kangxi radicals for ordinary ideographs', async () => {
    const file = join(dir, 'chromium.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/Type 3/u);
    const pdfjs = await openPdf(pdf);
    try {
      const items = (await (await pdfjs.getPage(2)).getTextContent()).items as { str: string }[];
      const raw = items.map((i) => i.str).join('');
      expect(raw).toMatch(/[\u2F00-\u2FD5]/u); // 纳⼊专⼾管理的⾮税收⼊
    } finally {
      await pdfjs.destroy();
    }
  });

  it('reads ordinary ideographs: no radical or compatibility code point is left in the model', () => {
    const texts = [...paragraphs(run.document), ...tables(run.document).flatMap((t) => t.cells.map((c) => c.text))];
    expect(texts.filter((t) => /[\u2E80-\u2FDF\uF900-\uFAFF]/u.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes('纳入专户管理的非税收入拨款'))).toBe(true);
    expect(texts.some((t) => t.includes('工作经费'))).toBe(true);
  });

  it('gives the same findings as the .docx (rule and values)', () => {
    expectSameFindings(run);
  });
});
