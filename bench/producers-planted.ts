/**
 * Generated reports with planted errors, printed by a producer, against their .docx: findings
 * (warning and error) compared by rule and values. Random reports of every template family, 3–7
 * projects, four planted errors each (catalogue errors and cross-part ones, in turn).
 *
 *   node --import tsx bench/producers-planted.ts [producer] [reports] [first]
 *
 * lo = LibreOffice PDF of the .docx; chromium = Chromium print of the same layout (Noto CJK, Type 3
 * fonts); ruleless = the Chromium print with every border removed; zebra / filled = no lines, rows
 * told apart by fills; virtual-printer = the LibreOffice PDF through PostScript and Ghostscript (no
 * Unicode maps: the pages are read by OCR); scan = the LibreOffice PDF rasterised as a greyscale JPEG
 * scan at 200 dpi (read by our OCR); ocrmypdf = that scan with another program's OCR text layer;
 * word-ole = not a PDF: the .docx with every form pasted as an Excel object (test/fixtures/producers/word-ole.ts);
 * ofd = not a PDF: an OFD (版式文档) written from the LibreOffice PDF's text runs and rulings (test/fixtures/producers/ofd.ts).
 * outlines = the LibreOffice PDF with its text drawn as outlines (Ghostscript -dNoOutputFonts: read by OCR);
 * word = Word "另存为 PDF"-like (borders as filled rectangles, CID TrueType Identity-H, TJ kerning,
 * /ActualText; test/fixtures/producers/word-pdf.ts); word-pua = that with a tenth of the table font's
 * glyphs mapped to private-use code points; quartz = macOS-like (a glyph per Tj, absolutely placed, no
 * space glyphs); wps-gbk = GBK bytes in fonts marked as Western, WinAnsi (wps-gbk.ts); wps-noenc = the
 * same with no /Encoding and symbolic flags; lo-form = LibreOffice's PDF form of the .docx, its lone figures in text-box
 * controls (test/fixtures/producers/libreoffice-form.ts); form = the word print made a fillable form and filled
 * (AcroForm: every table cell with a figure a text field, its value only in the widget); form-comments
 * = that with a typed FreeText comment over a cell and a seal as a /Stamp image; united = pdfunite of
 * the word print of the first half, a scan of the next page and the LibreOffice pages after it
 * (test/fixtures/producers/assembled.ts); pdf13 = the LibreOffice PDF re-written as PDF 1.3 by Ghostscript.
 * OCR'd findings are capped at warnings, so findings are compared by rule and values only.
 */
import { docxToPdf, layoutDocument, writeDocx, type ReportSpec } from '../test/fixtures/generator/index.js';
import { plantedReport } from '../test/fixtures/producers/planted.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { ghostscriptPdf, outlinedTextPdf } from '../test/fixtures/producers/ghostscript.js';
import { ocrmypdfPdf } from '../test/fixtures/producers/ocrmypdf.js';
import { scanPdf } from '../test/fixtures/producers/scan.js';
import { wordOleDocx } from '../test/fixtures/producers/word-ole.js';
import { ofdFromPdf } from '../test/fixtures/producers/ofd.js';
import { wordPdf } from '../test/fixtures/producers/word-pdf.js';
import { pdf13Pdf, unitedPdf } from '../test/fixtures/producers/assembled.js';
import { libreofficeFormPdf } from '../test/fixtures/producers/libreoffice-form.js';
import { pdfPages } from '../test/pdf/helpers.js';
import { PDFDocument } from 'pdf-lib';
import { WPS_FONTS, wpsGbkPdf, type GbkFont } from '../test/fixtures/producers/wps-gbk.js';
import { runPipeline } from '../src/pipeline.js';
import type { Finding } from '../schemas/finding.js';

const producer = process.argv[2] ?? 'lo';
const reports = Number(process.argv[3] ?? 12);
const first = Number(process.argv[4] ?? 0);
const key = (f: Finding) => `${f.rule} ${JSON.stringify(f.values)}`;
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

async function print(spec: ReportSpec, docx: Uint8Array): Promise<Uint8Array> {
  switch (producer) {
    case 'lo':
      return docxToPdf(docx);
    case 'chromium':
      return chromiumPdf(reportHtml(layoutDocument(spec)));
    case 'ruleless':
    case 'zebra':
    case 'filled':
      return chromiumPdf(reportHtml(layoutDocument(spec), { tables: producer }));
    case 'virtual-printer':
      return ghostscriptPdf(await docxToPdf(docx));
    case 'scan':
      return scanPdf(await docxToPdf(docx), { mode: 'gray-jpeg' });
    case 'word-ole':
      return wordOleDocx(spec, { markup: 'vml' }); // not a PDF: the .docx with its forms as Excel objects
    case 'ofd':
      return ofdFromPdf(await docxToPdf(docx)); // not a PDF: an OFD of the LibreOffice PDF's pages (test/fixtures/producers/ofd.ts)
    case 'ocrmypdf':
      return ocrmypdfPdf(scanPdf(await docxToPdf(docx), { mode: 'gray-jpeg' }));
    case 'outlines':
      return outlinedTextPdf(await docxToPdf(docx));
    case 'word':
      return wordPdf(await docxToPdf(docx));
    case 'word-pua':
      return wordPdf(await docxToPdf(docx), { privateUse: 0.1 });
    case 'quartz':
      return wordPdf(await docxToPdf(docx), { style: 'quartz' });
    case 'form':
      return wordPdf(await docxToPdf(docx), { form: {} });
    case 'lo-form':
      return libreofficeFormPdf(docx);
    case 'form-comments':
      return wordPdf(await docxToPdf(docx), { form: { comments: true } });
    case 'pdf13':
      return pdf13Pdf(await docxToPdf(docx));
    case 'united': {
      const pdf = await docxToPdf(docx);
      const pages = (await PDFDocument.load(pdf)).getPageCount();
      const half = Math.max(1, Math.floor(pages / 2));
      const parts = [await wordPdf(await pdfPages(pdf, 1, half)), scanPdf(pdf, { mode: 'gray-jpeg', pages: [half + 1, half + 1] })];
      if (half + 2 <= pages) parts.push(await pdfPages(pdf, half + 2, pages));
      return unitedPdf(parts);
    }
    case 'wps-gbk':
      return wpsGbkPdf(await docxToPdf(docx));
    case 'wps-noenc': {
      const bare = (f: GbkFont): GbkFont => ({ ...f, encoding: null, flags: 4 });
      return wpsGbkPdf(await docxToPdf(docx), { body: bare(WPS_FONTS.body), table: bare(WPS_FONTS.table), heading: bare(WPS_FONTS.heading), latin: WPS_FONTS.latin });
    }
    default:
      throw new Error(`unknown producer ${producer}`);
  }
}

const total = { docx: 0, missed: 0, extra: 0, extraErrors: 0 };
for (let i = first; i < first + reports; i++) {
  const { family, spec, planted } = plantedReport(i);
  const docx = writeDocx(spec);
  const fromDocx = notInfo((await runPipeline({ bytes: docx, file: 'report.docx' })).result.discrepancies);
  const fromPdf = notInfo((await runPipeline({ bytes: await print(spec, docx), file: 'report.pdf' })).result.discrepancies);
  const inDocx = new Set(fromDocx.map(key));
  const inPdf = new Set(fromPdf.map(key));
  const missed = fromDocx.filter((f) => !inPdf.has(key(f)));
  const extra = fromPdf.filter((f) => !inDocx.has(key(f)));
  total.docx += fromDocx.length;
  total.missed += missed.length;
  total.extra += extra.length;
  total.extraErrors += extra.filter((f) => f.severity === 'error').length;
  console.log(`${i} ${family} [${planted.join(', ')}] docx ${fromDocx.length} pdf ${fromPdf.length} missed ${missed.length} extra ${extra.length}`);
  for (const [sign, f] of [...missed.map((f) => ['-', f] as const), ...extra.map((f) => ['+', f] as const)]) console.log(`    ${sign} ${f.severity} ${f.rule} ${f.message.slice(0, 140)}`);
}
console.log(JSON.stringify({ producer, reports, ...total }));
