import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { overprintPdf } from '../fixtures/producers/overprint.js';
import { spacedTextPdf } from '../fixtures/producers/spaced-text.js';
import { tablePrintPdf } from '../fixtures/producers/table-print.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { paragraphs, sample, squeeze, tables } from './helpers.js';

/**
 * What a department's print path adds to a report (issue 13, test/fixtures/producers/overprint.ts and
 * table-print.ts): a slanted watermark over every page, a page header with its rule, a footer
 * "第 n 页 共 N 页" and a seal image over the text, every page shrunk to 90%, table rows repeated as
 * headers on each page, labels set 分散对齐. Each is a real file and must give the .docx's findings.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

/** A two-page corpus report whose indicator table runs on from page 1 to page 2. */
const CONTINUED = 'sx-jishan-gongwei-2021';
const corpusFile = (ext: 'pdf' | 'docx', id = CONTINUED) => new Uint8Array(readFileSync(`test/corpus/real/${id}/${id}.${ext}`));

let seedDocx: Run;
let continuedDocx: Run;
beforeAll(async () => {
  seedDocx = await pipeline(sample('seed.docx'), 'seed.docx');
  continuedDocx = await pipeline(corpusFile('docx'), `${CONTINUED}.docx`);
}, 120_000);

const allText = (run: Run) => [...paragraphs(run.document), ...tables(run.document).flatMap((t) => t.cells.map((c) => c.text))].map(squeeze).join('\n');

describe('a watermark over every page (水印)', () => {
  for (const kind of ['diagonal', 'tiled'] as const) {
    it(`${kind}: the slanted text set aside; pages not taken as rotated; the .docx findings`, async () => {
      const run = await pipeline(await overprintPdf(sample('seed.pdf'), kind), `seed-watermark-${kind}.pdf`);
      expectSameFindings(seedDocx, run);
      expect(run.document.pageInfo?.every((p) => p.rotation === 0)).toBe(true);
      expect(allText(run)).not.toMatch(kind === 'diagonal' ? /注意保密/u : /汨罗市住房和城乡建设局汨罗市/u);
    }, 120_000);
  }
});

describe('page furniture laid over a form continued onto a second page', () => {
  it('a header with its rule, "第 n 页 共 N 页" and a seal image: the header is not content, the form joined, the .docx findings', async () => {
    const run = await pipeline(await overprintPdf(corpusFile('pdf'), 'furniture'), `${CONTINUED}-furniture.pdf`);
    expectSameFindings(continuedDocx, run, 20);
    expect(allText(run)).not.toMatch(/汨罗市住房和城乡建设局|共2页/u);
    const seed = await pipeline(await overprintPdf(sample('seed.pdf'), 'furniture'), 'seed-furniture.pdf');
    expectSameFindings(seedDocx, seed);
  }, 240_000);

  it('one-page reports (no repetition marks the header): the header "单位 + 2024年3月15日" is no line of the title under it, its date no year of the report; the .docx findings', async () => {
    // 内蒙古 **河县 水利发展资金 自评报告: one page, its title on two lines at the top (the header was joined into it);
    // 河南 通许 危房改造 评价报告: one page, a 2023 report whose body names 2024 too (the header's date tipped the vote)
    for (const [id, atLeast] of [['nm-hehe-shuili-2023', 1], ['ha-tongxu-weifang-2023', 0]] as const) {
      const docx = await pipeline(corpusFile('docx', id), `${id}.docx`);
      const run = await pipeline(await overprintPdf(corpusFile('pdf', id), 'furniture'), `${id}-furniture.pdf`);
      expectSameFindings(docx, run, atLeast);
      expect(run.findings.filter((f) => f.rule === 'year-consistency')).toEqual([]);
    }
  }, 180_000);

  it('every page shrunk to 90% and moved (缩放打印): the page number that left the margin band is still furniture; the .docx findings', async () => {
    const run = await pipeline(await overprintPdf(corpusFile('pdf'), 'scaled'), `${CONTINUED}-scaled.pdf`);
    expectSameFindings(continuedDocx, run, 20);
    expect(paragraphs(run.document).filter((p) => /^-\s*\d\s*-$/u.test(p.trim()))).toEqual([]);
  }, 120_000);
});

describe('table settings printed by LibreOffice', () => {
  it('the first row repeated on each page (标题行重复) and short labels 分散对齐: the .docx findings', async () => {
    for (const kind of ['tblheader', 'distributed'] as const) {
      expectSameFindings(seedDocx, await pipeline(tablePrintPdf(sample('seed.docx'), kind), `seed-${kind}.pdf`));
    }
  }, 240_000);
});

describe('an XPS-style virtual printer: every character its own text object, labels letter-spaced (Tc) and squeezed (Tz)', () => {
  it('the seed: the .docx findings', async () => {
    expectSameFindings(seedDocx, await pipeline(await spacedTextPdf(sample('seed.pdf')), 'seed-xps.pdf'));
  }, 120_000);

  it('a form with a placeholder row "……" (the Song font\'s ellipsis read back as U+22EF ⋯): the .docx findings, the leftover row found', async () => {
    const id = 'sc-zhongjiang-shuili-2022';
    const [docx, pdf] = [await pipeline(corpusFile('docx', id), `${id}.docx`), await pipeline(await spacedTextPdf(corpusFile('pdf', id)), `${id}-xps.pdf`)];
    expectSameFindings(docx, pdf, 3);
    expect(pdf.findings.filter((f) => f.rule === 'template-leftovers')).toHaveLength(1);
  }, 120_000);
});
