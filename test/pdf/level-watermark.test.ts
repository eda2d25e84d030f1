import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { overprintPdf } from '../fixtures/producers/overprint.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { paragraphs, sample, squeeze, tables } from './helpers.js';

/**
 * A level watermark (水平水印, test/fixtures/producers/overprint.ts 'horizontal'): a 72 pt grey
 * "内部资料" and the unit's name in 34 pt set at 0° across the middle of every page, over the
 * tables, 40% opaque, in a form XObject under /Artifact. Not slanted, so only its paint (light grey,
 * /ca 0.4) and its size far above the body text tell it (parsers/pdf/faint-text.ts). Before: the
 * seed gave 29 of the .docx's 30 findings and 16 extra (the name's characters read into indicator
 * labels and scores: 「产出指标罗市」).
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

const CORPUS = 'ah-guichi-cunji-2022';
const corpusFile = (ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(`test/corpus/real/${CORPUS}/${CORPUS}.${ext}`));
const allText = (run: Run) => [...paragraphs(run.document), ...tables(run.document).flatMap((t) => t.cells.map((c) => c.text))].map(squeeze).join('\n');

let seedDocx: Run;
let seedPlain: Run;
beforeAll(async () => {
  seedDocx = await pipeline(sample('seed.docx'), 'seed.docx');
  seedPlain = await pipeline(sample('seed.pdf'), 'seed.pdf');
}, 120_000);

describe('a level watermark painted faint over the tables', () => {
  it('the seed: the watermark set aside, the .docx findings, every paragraph of the plain PDF kept (large black titles too)', async () => {
    const run = await pipeline(await overprintPdf(sample('seed.pdf'), 'horizontal'), 'seed-watermark-horizontal.pdf');
    expectSameFindings(seedDocx, run);
    expect(allText(run)).not.toMatch(/内部资料/u);
    expect(paragraphs(run.document).map(squeeze)).toEqual(paragraphs(seedPlain.document).map(squeeze));
  }, 120_000);

  it(`a corpus report (${CORPUS}): the .docx findings`, async () => {
    const docx = await pipeline(corpusFile('docx'), `${CORPUS}.docx`);
    const run = await pipeline(await overprintPdf(corpusFile('pdf'), 'horizontal'), `${CORPUS}-watermark-horizontal.pdf`);
    expectSameFindings(docx, run, 4);
    expect(allText(run)).not.toMatch(/内部资料/u);
  }, 120_000);
});
