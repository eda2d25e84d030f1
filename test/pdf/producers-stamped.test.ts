import { beforeAll, describe, expect, it } from 'vitest';
import { stampedPdf, type Stamp } from '../fixtures/producers/stamped.js';
import { sealTextPdf } from '../fixtures/producers/seal-text.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { paragraphs, sample, squeeze, tables } from './helpers.js';

/**
 * Marks laid level over every page of the seed report (test/fixtures/producers/stamped.ts): a red
 * 作废/草稿 at full opacity (text, and as outlines), a grey 内部资料/样稿 as outlines, a unit's name
 * tiled in small grey outlines. Neither faint nor slanted, so neither watermark.ts nor the faint
 * paint of faint-text.ts tells the red words. Before: the red text gave 27 of the .docx's 30
 * findings and 4 extra (“草4.09”, “稿6.96” read as figures of the 基础数据表).
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

const cellTexts = (run: Run) => tables(run.document).map((t) => t.cells.map((c) => squeeze(c.text)));

let docx: Run;
let plain: Run;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
  plain = await pipeline(sample('seed.pdf'), 'seed.pdf');
}, 120_000);

describe('a stamp laid level over the tables', () => {
  it('red 作废/草稿 as text: the .docx findings, the tables of the plain PDF, no stamp letter in a cell', async () => {
    const run = await pipeline(await stampedPdf(sample('seed.pdf'), 'vivid'), 'seed-stamp-vivid.pdf');
    expectSameFindings(docx, run);
    expect(cellTexts(run)).toEqual(cellTexts(plain));
  }, 180_000);

  it.each(['outlined', 'vivid-outlined', 'outlined-tiled'] satisfies Stamp[])('%s (filled curves, no text): the .docx findings and the plain PDF’s tables', async (stamp) => {
    const run = await pipeline(await stampedPdf(sample('seed.pdf'), stamp), `seed-stamp-${stamp}.pdf`);
    expectSameFindings(docx, run);
    expect(cellTexts(run)).toEqual(cellTexts(plain));
  }, 180_000);

  it('a red heading (红头) in the margin, clear of the text, is kept: a large red line is no stamp by its colour alone', async () => {
    const run = await pipeline(await stampedPdf(sample('seed.pdf'), 'red-heading'), 'seed-red-heading.pdf');
    expect(paragraphs(run.document).map(squeeze)).toContain('汨罗市住房和城乡建设局');
    expect(cellTexts(run)).toEqual(cellTexts(plain));
  }, 180_000);

  it('a round seal set in red text (ring name, 财务专用章, code) in blank bands and over “盖章”: no seal word in the model, the black words under it kept', async () => {
    const seal = await sealTextPdf(sample('seed.pdf'));
    expect(seal.blank.length).toBeGreaterThanOrEqual(4);
    expect(seal.overText.length).toBeGreaterThanOrEqual(2);
    const run = await pipeline(seal.bytes, 'seed-seal-text.pdf');
    expectSameFindings(docx, run);
    // Before: each seal left "罗设", "财务专用章" and its code's "0 0 1" as paragraphs, and the black 章 of “（盖 章）” under a seal was taken with them.
    expect(paragraphs(run.document).map(squeeze)).toEqual(paragraphs(plain.document).map(squeeze));
    expect(cellTexts(run)).toEqual(cellTexts(plain));
  }, 180_000);
});
