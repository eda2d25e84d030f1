/**
 * The seed report (samples/seed.pdf, LibreOffice's export of samples/seed.docx) made into the PDF
 * classes of issue 13 not covered elsewhere, each against the .docx: findings (warning and error)
 * matched by rule and values — found / missed / extra —, the status, and the parser's notes.
 *
 *   node --import tsx bench/producers-classes.ts [class …] [--out bench/results/NAME.json] (else to stdout)
 *
 * Classes: lo-form (LibreOffice's PDF form of the .docx with its lone figures in text-box controls,
 * test/fixtures/producers/libreoffice-form.ts), form (a fillable form filled and saved unflattened: figures in text-field widgets),
 * form-noap (the same without appearance streams, /NeedAppearances), form-choices / form-choices-noap
 * (a radio group and check boxes under each 填表人 line, with and without appearance streams), form-auto / form-auto-noap (font
 * size 自动, /DA 0 Tf), form-comments (the form with a
 * typed FreeText comment over a cell and a seal as a /Stamp image annotation), form-flattened (that
 * form flattened by qpdf --flatten-annotations=all: fields, comment and seal drawn into the pages), rc4-40 and aes128
 * (encrypted, owner password only), user-password (an open password: refused), pdf13 (Ghostscript
 * PDF 1.3, no object streams), pdfa-gs (Ghostscript PDF/A-1b), united (pdfunite of a Word-like
 * export of pages 1–6, a scan of the signed page 7 and LibreOffice's pages 8–32), form-united (the
 * same with both exported parts filled forms: two AcroForms joined by pdfunite), mupdf-convert /
 * mupdf-clean (mutool convert -F pdf, mutool clean -gggg), crop / origin / userunit (a CropBox
 * inside the MediaBox, a MediaBox not at 0 0, /UserUnit 2: test/fixtures/producers/mupdf.ts),
 * fold-out (pages 2 and 18 printed onto A3, the rest A4); watermark-diagonal / watermark-tiled (a grey 45° "内部资料 注意保密"
 * in a Form XObject under /Artifact, a light tiled unit name), watermark-horizontal (a large grey "内部资料" and the unit's
 * name set level across the tables, 40% opaque), furniture (header, header rule, "第 n 页 共 N 页" and a seal
 * image over the text), signature (an opaque scanned signature block over the lower right of every page), scaled (every page × 0.9, moved off its origin: test/fixtures/producers/overprint.ts), two-up, quartz
 * (every glyph its own Tm … Tj, no spaces: word-pdf.ts), xps-spaced (every character its own text object, short labels
 * letter-spaced by Tc and squeezed by Tz: spaced-text.ts), tblheader (every table's first row w:tblHeader, LibreOffice),
 * distributed (short cell labels 分散对齐, LibreOffice: table-print.ts); stamp-vivid / stamp-vivid-outlined (a red
 * 作废/草稿 level at full opacity over every page, as text and as filled curves), stamp-outlined (grey 内部资料/样稿
 * as curves), stamp-outlined-tiled (a unit's name in 16 pt grey outlines tiled level: stamped.ts); unicode-missing /
 * unicode-pua (the seed printed in an embedded CID TrueType font, truetype.ts — the plain print is class
 * truetype —, a tenth of its characters left out of the ToUnicode maps or mapped into the Private Use Area:
 * damaged-map.ts); unicode-missing-unembedded / unicode-pua-unembedded (the same damage to the table font of
 * word-pdf.ts, whose fonts are not embedded: nothing to read the lost glyphs from); gbk-cmap (Foxit/金山-like /GBK-EUC-H Type 0 fonts, no ToUnicode: gbk-cmap.ts); xobject-pages (every
 * page a Form XObject holding a Form XObject of the whole page: a print of a print), shifted-xref (a header line put
 * in front of the file: every xref offset wrong, pdf.js rebuilds), revised-page (page 3 drawing page 5's content,
 * corrected by an incremental update), differences-uni (simple fonts, /Differences of uniXXXX names, no
 * ToUnicode: rewritten.ts), object-streams (qpdf: object streams and a cross-reference stream),
 * chromium / chromium-partial-map (Chromium's print of the seed as a web page, Skia Type 3 fonts; the same with one
 * ToUnicode mapping in seven dropped: rewritten.ts partialType3MapPdf), seal-text (a red round seal whose ring name, kind and code are text, stamped in each page's blank band: seal-text.ts).
 *
 * plain: the report's own LibreOffice PDF, the baseline of the classes made from it.
 *
 * ps2pdf (printed to PostScript by Ghostscript's ps2write, as CUPS's pdftops filter does, and distilled by Ghostscript:
 * fonts without a Unicode map, every page read by OCR and said so page by page), bitmap-type3 (a driver's bitmap fonts:
 * every character a Type 3 glyph drawn as a 1-bit image, codes from 0x21 in order of use, no names, no ToUnicode:
 * test/fixtures/producers/bitmap-type3.ts), scan (a greyscale JPEG scan at 200 dpi, read by our OCR), ocrmypdf (that scan with
 * Tesseract's text layer): named only, they OCR every page. chromium-ruleless (the Chromium print with no table
 * borders), rotated (the report laid out landscape by Chromium, turned onto portrait paper, an upright page number:
 * rotated.ts), label-break (blank lines before each form until LibreOffice cuts a merged label over a page break:
 * label-break.ts) are made from the report's laid-out blocks, like chromium.
 *
 * `--corpus id,id`: the classes that start from a PDF or a .docx are made from each corpus report
 * (test/corpus/real/ID/ID.pdf and .docx) as well, against that .docx.
 * `--family F,F` (or `all`): each generated template family's version of the seed (toFamily(seedSpec(), F);
 * mof-2020-split = MOF 2020 with the target split into 指标性质/指标值/度量单位) written as .docx by the generator,
 * printed by LibreOffice, and made into the classes (default: FAMILY_CLASSES), against that .docx.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import type { Finding } from '../schemas/finding.js';
import { pdfPages } from '../test/pdf/helpers.js';
import { pdf13Pdf, pdfaGhostscriptPdf, unitedPdf } from '../test/fixtures/producers/assembled.js';
import { qpdfPdf } from '../test/fixtures/producers/qpdf.js';
import { foldOutPdf, mupdfPdf, pageBoxesPdf } from '../test/fixtures/producers/mupdf.js';
import { libreofficeFormPdf } from '../test/fixtures/producers/libreoffice-form.js';
import { scanPdf } from '../test/fixtures/producers/scan.js';
import { wordPdf } from '../test/fixtures/producers/word-pdf.js';
import { overprintPdf } from '../test/fixtures/producers/overprint.js';
import { tablePrintPdf } from '../test/fixtures/producers/table-print.js';
import { twoUpPdf } from '../test/fixtures/producers/nup.js';
import { spacedTextPdf } from '../test/fixtures/producers/spaced-text.js';
import { stampedPdf } from '../test/fixtures/producers/stamped.js';
import { gbkCmapPdf } from '../test/fixtures/producers/gbk-cmap.js';
import { sealTextPdf } from '../test/fixtures/producers/seal-text.js';
import { differencesPdf, partialType3MapPdf, revisedPagePdf, shiftedXrefPdf, xobjectPagesPdf } from '../test/fixtures/producers/rewritten.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { chromiumTrueTypePdf, TRUETYPE_CJK_FAMILY } from '../test/fixtures/producers/truetype.js';
import { damagedMapPdf } from '../test/fixtures/producers/damaged-map.js';
import { docxToPdf, layoutDocument, seedSpec, toFamily, writeDocx, type LaidBlock, type TemplateFamily, type WriteOptions } from '../test/fixtures/generator/index.js';
import { ghostscriptPdf } from '../test/fixtures/producers/ghostscript.js';
import { bitmapType3Pdf } from '../test/fixtures/producers/bitmap-type3.js';
import { ocrmypdfPdf } from '../test/fixtures/producers/ocrmypdf.js';
import { landscapeOntoPortrait } from '../test/fixtures/producers/rotated.js';
import { labelBreakPdf } from '../test/fixtures/producers/label-break.js';
import { opt } from '../scripts/lib/args.js';
import { PDFDocument } from 'pdf-lib';

const seedPdf = new Uint8Array(readFileSync('samples/seed.pdf'));
const seedDocx = new Uint8Array(readFileSync('samples/seed.docx'));

function userPassword(pdf: Uint8Array): Uint8Array {
  const work = mkdtempSync(join(tmpdir(), 'selfeval-classes-'));
  try {
    writeFileSync(join(work, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', 'open-secret', 'owner-secret', '256', '--', join(work, 'in.pdf'), join(work, 'out.pdf')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(work, 'out.pdf')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The seed printed in a TrueType CJK font embedded as CID subsets (Identity-H), as Word and WPS write 宋体. */
const trueTypeSeed = () => chromiumTrueTypePdf(reportHtml(layoutDocument(seedSpec()), { font: TRUETYPE_CJK_FAMILY }));

/** The classes of issue 13 made from any report (its LibreOffice PDF and its .docx). */
const REPORT_CLASSES: Record<string, (pdf: Uint8Array, docx: Uint8Array) => Promise<Uint8Array> | Uint8Array> = {
  plain: (pdf) => pdf,
  'watermark-diagonal': (pdf) => overprintPdf(pdf, 'diagonal'),
  'watermark-tiled': (pdf) => overprintPdf(pdf, 'tiled'),
  'watermark-horizontal': (pdf) => overprintPdf(pdf, 'horizontal'),
  furniture: (pdf) => overprintPdf(pdf, 'furniture'),
  signature: (pdf) => overprintPdf(pdf, 'signature'),
  scaled: (pdf) => overprintPdf(pdf, 'scaled'),
  'two-up': (pdf) => twoUpPdf(pdf),
  quartz: (pdf) => wordPdf(pdf, { style: 'quartz' }),
  'unicode-missing-unembedded': (pdf) => wordPdf(pdf, { missingUnicode: 0.1 }),
  'unicode-pua-unembedded': (pdf) => wordPdf(pdf, { privateUse: 0.1 }),
  'xps-spaced': (pdf) => spacedTextPdf(pdf),
  tblheader: (_pdf, docx) => tablePrintPdf(docx, 'tblheader'),
  distributed: (_pdf, docx) => tablePrintPdf(docx, 'distributed'),
  'stamp-outlined': (pdf) => stampedPdf(pdf, 'outlined'),
  'stamp-vivid': (pdf) => stampedPdf(pdf, 'vivid'),
  'stamp-vivid-outlined': (pdf) => stampedPdf(pdf, 'vivid-outlined'),
  'stamp-outlined-tiled': (pdf) => stampedPdf(pdf, 'outlined-tiled'),
  'gbk-cmap': (pdf) => gbkCmapPdf(pdf),
  'xobject-pages': (pdf) => xobjectPagesPdf(pdf),
  'shifted-xref': (pdf) => shiftedXrefPdf(pdf),
  // 页数不足 5 页的报告（短报告）：倒数第二页显示末页的内容，再由增量更新改回。
  'revised-page': async (pdf) => {
    const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    return pages >= 5 ? revisedPagePdf(pdf, 3, 5) : revisedPagePdf(pdf, Math.max(1, pages - 1), pages);
  },
  'differences-uni': (pdf) => differencesPdf(pdf),
  'object-streams': (pdf) => qpdfPdf(pdf, 'object-streams'),
  'seal-text': async (pdf) => (await sealTextPdf(pdf)).bytes,
  ps2pdf: (pdf) => ghostscriptPdf(pdf),
  'bitmap-type3': (pdf) => bitmapType3Pdf(pdf),
  scan: (pdf) => scanPdf(pdf, { mode: 'gray-jpeg' }),
  ocrmypdf: (pdf) => ocrmypdfPdf(scanPdf(pdf, { mode: 'gray-jpeg' })),
};
/** Classes that OCR every page: made only when named (or for --family). */
const OCR_CLASSES = new Set(['ps2pdf', 'bitmap-type3', 'scan', 'ocrmypdf']);

/** The classes made from a generated report's laid-out blocks (the page Chromium prints, the .docx LibreOffice prints). */
/** A made file with what its making found (the label-break class: how many blank lines cut which label). */
type Made = Uint8Array | { bytes: Uint8Array; made: string };
const LAYOUT_CLASSES: Record<string, (blocks: LaidBlock[]) => Promise<Made> | Made> = {
  chromium: (blocks) => chromiumPdf(reportHtml(blocks)),
  'chromium-ruleless': (blocks) => chromiumPdf(reportHtml(blocks, { tables: 'ruleless' })),
  rotated: (blocks) => landscapeOntoPortrait(chromiumPdf(reportHtml(blocks, { landscape: true })), { footer: true }),
  'label-break': async (blocks) => {
    const { bytes, lines, cut } = await labelBreakPdf(blocks);
    return { bytes, made: lines === null ? 'no label cut (the plain print)' : `${lines} blank lines before each form cut ${cut.join(', ')}` };
  },
};

/** The classes of issue 13's "done when" each generated family is printed by. */
const FAMILY_CLASSES = ['plain', 'chromium', 'chromium-ruleless', 'rotated', 'label-break', 'ps2pdf', 'ocrmypdf', 'scan', 'gbk-cmap', 'xps-spaced', 'quartz'];
const FAMILIES: Record<string, { family: TemplateFamily; options: WriteOptions }> = {
  hunan: { family: 'hunan', options: {} },
  'mof-2020': { family: 'mof-2020', options: {} },
  'mof-2020-split': { family: 'mof-2020', options: { splitTarget: true } },
  sichuan: { family: 'sichuan', options: {} },
  'sichuan-linkage': { family: 'sichuan-linkage', options: {} },
};

const CLASSES: Record<string, () => Promise<Made> | Made> = {
  ...Object.fromEntries(Object.entries(REPORT_CLASSES).map(([name, make]) => [name, () => make(seedPdf, seedDocx)])),
  ...Object.fromEntries(Object.entries(LAYOUT_CLASSES).map(([name, make]) => [name, () => make(layoutDocument(seedSpec()))])),
  form: () => wordPdf(seedPdf, { form: {} }),
  'lo-form': () => libreofficeFormPdf(seedDocx),
  'form-noap': () => wordPdf(seedPdf, { form: { appearance: false } }),
  'form-choices': () => wordPdf(seedPdf, { form: { choices: 'widget' } }),
  'form-choices-noap': () => wordPdf(seedPdf, { form: { choices: 'widget', appearance: false } }),
  'form-auto': () => wordPdf(seedPdf, { form: { autoSize: true } }),
  'form-auto-noap': () => wordPdf(seedPdf, { form: { autoSize: true, appearance: false } }),
  'form-comments': () => wordPdf(seedPdf, { form: { comments: true } }),
  'form-flattened': async () => qpdfPdf(await wordPdf(seedPdf, { form: {} }), 'flattened'),
  'form-comments-flattened': async () => qpdfPdf(await wordPdf(seedPdf, { form: { comments: true } }), 'flattened'),
  'form-united': async () =>
    unitedPdf([
      await wordPdf(await pdfPages(seedPdf, 1, 6), { form: {} }),
      scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [7, 7], signatures: [{ page: 1, x: 400, y: 130 }], seals: [{ page: 1, x: 420, y: 120 }] }),
      await wordPdf(await pdfPages(seedPdf, 8, 32), { form: {} }),
    ]),
  'rc4-40': () => qpdfPdf(seedPdf, 'encrypted-rc4-40'),
  aes128: () => qpdfPdf(seedPdf, 'encrypted-aes128'),
  'user-password': () => userPassword(seedPdf),
  truetype: () => trueTypeSeed(),
  'unicode-missing': async () => (await damagedMapPdf(trueTypeSeed(), 'missing')).bytes,
  'unicode-pua': async () => (await damagedMapPdf(trueTypeSeed(), 'pua')).bytes,
  'chromium-partial-map': async () => (await partialType3MapPdf(chromiumPdf(reportHtml(layoutDocument(seedSpec()))))).bytes,
  pdf13: () => pdf13Pdf(seedPdf),
  'mupdf-convert': () => mupdfPdf(seedPdf, 'convert'),
  'mupdf-clean': () => mupdfPdf(seedPdf, 'clean'),
  crop: () => pageBoxesPdf(seedPdf, 'crop'),
  origin: () => pageBoxesPdf(seedPdf, 'origin'),
  userunit: () => pageBoxesPdf(seedPdf, 'userunit'),
  'fold-out': () => foldOutPdf(seedPdf, 32, [2, 18]),
  'pdfa-gs': () => pdfaGhostscriptPdf(seedPdf),
  united: async () =>
    unitedPdf([
      await wordPdf(await pdfPages(seedPdf, 1, 6)),
      scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [7, 7], signatures: [{ page: 1, x: 400, y: 130 }], seals: [{ page: 1, x: 420, y: 120 }] }),
      await pdfPages(seedPdf, 8, 32),
    ]),
};

const key = (f: Finding) => `${f.rule} ${JSON.stringify(f.values)}`;
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const argv = process.argv.slice(2);
const corpus = opt('--corpus', argv)?.split(',') ?? [];
const familyArg = opt('--family', argv);
/** Written again after each class (a run of the OCR classes takes long: what is done is kept). */
const out = opt('--out', argv);
const families = familyArg === 'all' ? Object.keys(FAMILIES) : (familyArg?.split(',') ?? []);
const named = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const wanted = named.length ? named : families.length ? FAMILY_CLASSES : Object.keys(CLASSES).filter((name) => !OCR_CLASSES.has(name));
const rows = [];
const reports: Array<{ id: string; docx: Uint8Array; make: (name: string) => Promise<Made> | Made; has: (name: string) => boolean }> = [];
if (!families.length || corpus.length) reports.push({ id: 'seed', docx: seedDocx, make: (name: string) => CLASSES[name](), has: (name) => name in CLASSES });
for (const id of corpus) {
  const [pdf, docx] = ['pdf', 'docx'].map((ext) => new Uint8Array(readFileSync(`test/corpus/real/${id}/${id}.${ext}`)));
  reports.push({ id, docx, make: (name: string) => REPORT_CLASSES[name](pdf, docx), has: (name) => name in REPORT_CLASSES });
}
for (const id of families) {
  const { family, options } = FAMILIES[id];
  const spec = toFamily(seedSpec(), family);
  const docx = writeDocx(spec, options);
  const pdf = await docxToPdf(docx);
  const blocks = layoutDocument(spec, options);
  reports.push({
    id,
    docx,
    make: (name: string) => (LAYOUT_CLASSES[name] ? LAYOUT_CLASSES[name](blocks) : REPORT_CLASSES[name](pdf, docx)),
    has: (name) => name in LAYOUT_CLASSES || name in REPORT_CLASSES,
  });
}
const references = new Map<string, Finding[]>();
for (const report of reports)
for (const name of wanted) {
  if (!report.has(name)) continue;
  if (!references.has(report.id)) references.set(report.id, notInfo((await runPipeline({ bytes: report.docx, file: `${report.id}.docx` })).result.discrepancies));
  const reference = references.get(report.id)!;
  const made = await report.make(name);
  const bytes = made instanceof Uint8Array ? made : made.bytes;
  const file = `${report.id}-${name}.pdf`;
  const before = process.cpuUsage();
  const { result, document } = await runPipeline({ bytes, file });
  const spent = process.cpuUsage(before);
  const cpuSeconds = Math.round((spent.user + spent.system) / 1e4) / 100;
  const got = notInfo(result.discrepancies);
  const left = new Map<string, number>();
  for (const f of got) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  let found = 0;
  const missed: string[] = [];
  for (const f of reference) {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) {
      left.set(key(f), n - 1);
      found++;
    } else missed.push(`${f.rule} ${f.message.slice(0, 100)}`);
  }
  const extra = got.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n <= 0) return false;
    left.set(key(f), n - 1);
    return true;
  });
  const row = {
    report: report.id,
    class: name,
    made: made instanceof Uint8Array ? undefined : made.made,
    status: result.status,
    error: result.error ? `${result.error.code} ${result.error.message}` : undefined,
    docx: reference.length,
    found,
    missed: missed.length,
    extra: extra.length,
    extraErrors: extra.filter((f) => f.severity === 'error').length,
    /** CPU of reading the file (this process, every thread: pdf.js, OCR). */
    cpuSeconds,
    textSources: document?.pageInfo ? [...new Set(document.pageInfo.map((p) => p.textSource))] : undefined,
    notes: document?.issues.map((i) => `${i.code}${i.page ? '@' + i.page : ''}: ${i.message.slice(0, 90)}`),
    missedFindings: missed.slice(0, 12),
    extraFindings: extra.slice(0, 12).map((f) => `${f.severity} ${f.rule} ${f.message.slice(0, 100)}`),
  };
  rows.push(row);
  console.error(`${report.id} ${name}: ${result.status} found ${found}/${reference.length} missed ${missed.length} extra ${extra.length} cpu ${cpuSeconds} s`);
  if (out) writeFileSync(out, JSON.stringify(rows, null, 1));
}
if (!out) console.log(JSON.stringify(rows, null, 1));
process.exit(0); // the long-lived LibreOffice of docxToPdf
