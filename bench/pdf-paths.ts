/**
 * Cost per page of each PDF reading path against the pdf.js floor (bench/floors.ts: every page's
 * text content and operator list), CPU time of the main thread (pdf.js's worker runs in it),
 * median of interleaved runs. The files are the seed report made by each producer class
 * (test/fixtures/producers), so the paths read the same content:
 *   vector     LibreOffice export (samples/seed.pdf): ruled tables, embedded TrueType CJK
 *   type3      Chromium print-to-PDF with Noto CJK (Type 3 fonts, radical code points repaired)
 *   rotated    the Chromium landscape print turned onto portrait sheets (text at 90°, no /Rotate)
 *   filled     Chromium print of tables drawn as shaded cells without lines (fills as the grid)
 *   rule-less  Chromium print of tables without borders
 *   unusable   Ghostscript re-distilled (no Unicode maps), OCR off: the per-page verdict only
 *   image-only a 32-page greyscale JPEG scan, OCR off: blank-or-ink without decoding the images
 * Run: node --import tsx bench/pdf-paths.ts [runs]
 */
import { layoutDocument, seedSpec } from '../test/fixtures/generator/index.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { ghostscriptPdf } from '../test/fixtures/producers/ghostscript.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { landscapeOntoPortrait } from '../test/fixtures/producers/rotated.js';
import { scanPdf } from '../test/fixtures/producers/scan.js';
import { sample } from '../test/pdf/helpers.js';
import { parsePdf } from '../parsers/pdf.js';
import { pdfFloor, pdfPageCount } from './floors.js';
import { median, round, timeInterleaved } from './stats.js';

const runs = Number(process.argv[2] ?? 7);

/** The files of the paths (image-only optional: bench/pdf-ab.ts leaves it out, OCR being off). */
export async function pdfPathFiles(): Promise<Record<string, Uint8Array>> {
  const blocks = layoutDocument(seedSpec());
  const seed = sample('seed.pdf');
  return {
    vector: seed,
    type3: chromiumPdf(reportHtml(blocks)),
    rotated: await landscapeOntoPortrait(chromiumPdf(reportHtml(blocks, { landscape: true })), { footer: true }),
    filled: chromiumPdf(reportHtml(blocks, { tables: 'filled' })),
    'rule-less': chromiumPdf(reportHtml(blocks, { tables: 'ruleless' })),
    unusable: ghostscriptPdf(seed),
  };
}

const parseNoOcr = (bytes: Uint8Array) => parsePdf(bytes, { maxOcrPages: 0 }).catch(() => undefined);

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = sample('seed.pdf');
  const files: Record<string, Uint8Array> = { ...(await pdfPathFiles()), 'image-only': scanPdf(seed, { mode: 'gray-jpeg' }) };
  console.log(`path        pages  floor ms/page  parse ms/page  ratio   (CPU, median of ${runs})`);
  for (const [name, bytes] of Object.entries(files)) {
    const pages = await pdfPageCount(bytes);
    const t = await timeInterleaved({ floor: () => pdfFloor(bytes), parse: () => parseNoOcr(bytes) }, { warmup: 1, runs });
    const floor = median(t.floor.cpu) / pages;
    const parse = median(t.parse.cpu) / pages;
    console.log(`${name.padEnd(11)} ${String(pages).padStart(5)}  ${round(floor, 2).toFixed(2).padStart(13)}  ${round(parse, 2).toFixed(2).padStart(13)}  ${round(parse / floor, 2).toFixed(2).padStart(5)}`);
  }
}
