/**
 * `node --import tsx bench/ocr-identical.ts [--classes plain,phone,book-fold-sideways,mupdf-convert]
 *   [--pages 2-4] [--save FILE | --compare FILE] [--repeat N]`
 * — what our OCR reads on the seed's scan classes, page by page, and what each page costs.
 *
 * For every page of every class: the OCR page result (text runs with positions, sizes, confidences and
 * corrections, rulings, rotation; parsers/ocr/ocr-page.ts) as JSON, its SHA-256, and the page's CPU seconds
 * (process CPU, user + system: onnxruntime's threads included) for `ocrPdfPage` alone (the PDF's
 * operator list and opening are outside). `--save` writes every page's JSON; `--compare` reads such a file
 * and says, page by page, whether the reading is byte-identical (exit 1 when any page differs) — the
 * check that a speed change did not change what is read. `--repeat N` reads each page N times and
 * reports the fastest (for A/B timing on a busy machine).
 *
 * Classes: plain / phone / book-fold-sideways are bench/scan-corpus.ts's scans of the seed's print
 * (samples/seed.pdf); mupdf-convert is `mutool convert` of it (every font's map the identity over glyph
 * ids: every page rendered by pdf.js and read by OCR). The scans are made once per machine (cached).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openPdf } from '../parsers/pdf/open.js';
import { ocrPdfPage } from '../parsers/ocr/index.js';
import { loadEngine } from '../parsers/ocr/engine.js';
import { mupdfPdf } from '../test/fixtures/producers/mupdf.js';
import { scanPdf } from '../test/fixtures/producers/scan.js';
import { VARIANTS } from './scan-corpus.js';

const { values } = parseArgs({
  options: {
    classes: { type: 'string', default: 'plain,phone,book-fold-sideways,mupdf-convert' },
    pages: { type: 'string', default: '2-4' },
    save: { type: 'string' },
    compare: { type: 'string' },
    repeat: { type: 'string', default: '1' },
  },
});

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const [first, last] = values.pages.split('-').map(Number) as [number, number?];
const range: [number, number] = [first, last ?? first];
const seed = new Uint8Array(readFileSync('samples/seed.pdf'));

/** The class's PDF and which of its pages hold the seed's pages `range`. */
function classPdf(name: string): { pdf: Uint8Array; pages: number[] } {
  const pages = Array.from({ length: range[1] - range[0] + 1 }, (_, i) => i + 1);
  if (name === 'mupdf-convert') return { pdf: mupdfPdf(seed, 'convert'), pages: pages.map((p) => p + range[0] - 1) };
  const variant = VARIANTS[name];
  if (!variant) throw new Error(`unknown class ${name}`);
  return { pdf: scanPdf(seed, { ...variant, pages: range }), pages };
}

type Dump = Record<string, string>;
const repeat = Math.max(1, Number(values.repeat));
const dump: Dump = {};
const previous: Dump | null = values.compare ? (JSON.parse(readFileSync(values.compare, 'utf8')) as Dump) : null;
let differ = 0;
await loadEngine();
const perClass: Record<string, number[]> = {};
for (const name of values.classes.split(',')) {
  const { pdf, pages } = classPdf(name);
  const doc = await openPdf(pdf);
  perClass[name] = [];
  try {
    // Warm-up: the first page of a size pays the models' first-run allocations.
    {
      const page = await doc.getPage(pages[0]);
      await ocrPdfPage(doc, page, pages[0], await page.getOperatorList());
      page.cleanup();
    }
    for (const n of pages) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      let best = Infinity;
      let json = '';
      for (let r = 0; r < repeat; r++) {
        const c0 = cpu();
        const result = await ocrPdfPage(doc, page, n, ops);
        best = Math.min(best, cpu() - c0);
        json = JSON.stringify(result);
      }
      page.cleanup();
      const id = `${name} p${n}`;
      dump[id] = json;
      const hash = createHash('sha256').update(json).digest('hex').slice(0, 12);
      let verdict = '';
      if (previous) {
        const same = previous[id] === json;
        if (!same) differ++;
        verdict = previous[id] === undefined ? ' (not in saved)' : same ? ' identical' : ' DIFFERS';
      }
      perClass[name].push(best);
      process.stdout.write(`${id.padEnd(26)} ${best.toFixed(2).padStart(6)} s  ${hash}${verdict}\n`);
    }
  } finally {
    await doc.destroy();
  }
}
for (const [name, times] of Object.entries(perClass)) {
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  process.stdout.write(`${name.padEnd(20)} ${times.length} pages, CPU s/page mean ${mean.toFixed(2)}\n`);
}
if (values.save) writeFileSync(values.save, JSON.stringify(dump));
if (previous) {
  process.stdout.write(differ ? `${differ} page(s) differ\n` : 'all pages identical\n');
  process.exitCode = differ ? 1 : 0;
}
