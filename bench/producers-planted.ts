/**
 * Generated reports with planted errors, printed by a producer, against their .docx: findings
 * (warning and error) compared by rule and values. Random reports of every template family, 3–7
 * projects, four planted errors each (catalogue errors and cross-part ones, in turn).
 *
 *   node --import tsx bench/producers-planted.ts [lo|chromium|ruleless] [reports]
 *
 * lo = LibreOffice PDF of the .docx; chromium = Chromium print of the same layout (Noto CJK, Type 3
 * fonts); ruleless = the Chromium print with every table border removed.
 */
import { docxToPdf, layoutDocument, writeDocx, type ReportSpec } from '../test/fixtures/generator/index.js';
import { plantedReport } from '../test/fixtures/producers/planted.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { runPipeline } from '../src/pipeline.js';
import type { Finding } from '../schemas/finding.js';

const producer = process.argv[2] ?? 'lo';
const reports = Number(process.argv[3] ?? 12);
const key = (f: Finding) => `${f.rule} ${JSON.stringify(f.values)}`;
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

async function print(spec: ReportSpec, docx: Uint8Array): Promise<Uint8Array> {
  if (producer === 'lo') return docxToPdf(docx);
  return chromiumPdf(reportHtml(layoutDocument(spec), producer === 'ruleless' ? { tables: 'ruleless' } : {}));
}

const total = { docx: 0, missed: 0, extra: 0, extraErrors: 0 };
for (let i = 0; i < reports; i++) {
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
