import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutDocument, randomReportSpec, seedSpec, toFamily, type ReportSpec } from '../test/fixtures/generator/index.js';
import { plantedReport } from '../test/fixtures/producers/planted.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { parsePdf } from '../parsers/pdf.js';
import type { TableBlock } from '../schemas/document.js';
/**
 * One report of bench/producers-planted.ts (same spec, same planted errors), printed by Chromium
 * ruled and rule-less: the tables of both, row by row, where they differ (the ruled grid is the
 * reference for the rule-less one). The PDFs are left in os.tmpdir()/selfeval-dbg.
 *
 *   node --import tsx bench/dbg-planted.ts <report index | seed | mof-seed | randomN> [--all]
 */
const arg = process.argv[2] ?? '0';
const named: Record<string, () => ReportSpec> = { seed: seedSpec, 'mof-seed': () => toFamily(seedSpec(), 'mof-2020') };
const { family, spec } = named[arg] ? { family: arg, spec: named[arg]() } : arg.startsWith('random') ? { family: arg, spec: randomReportSpec(Number(arg.slice(6))) } : plantedReport(Number(arg));
const blocks = layoutDocument(spec);
const ruledPdf = chromiumPdf(reportHtml(blocks, { tables: 'ruled' }));
const rulelessPdf = chromiumPdf(reportHtml(blocks, { tables: 'ruleless' }));
const outDir = join(tmpdir(), 'selfeval-dbg');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `planted-${arg}-ruled.pdf`), ruledPdf);
writeFileSync(join(outDir, `planted-${arg}-ruleless.pdf`), rulelessPdf);
const squeeze = (s: string) => s.replace(/\s+/gu, '');
const tablesOf = async (pdf: Uint8Array) => (await parsePdf(pdf)).blocks.filter((b): b is TableBlock => b.kind === 'table');
const rows = (t: TableBlock) =>
  Array.from({ length: t.nRows }, (_, r) => t.cells.filter((c) => c.row === r && squeeze(c.text)).map((c) => `[${c.col}+${c.colSpan}${c.rowSpan > 1 ? 'v' + c.rowSpan : ''}]${squeeze(c.text)}`).join(' | ')).filter((r) => r);
const [a, b] = [await tablesOf(ruledPdf), await tablesOf(rulelessPdf)];
console.log(`${family}: ruled ${a.length} tables, rule-less ${b.length}`);
const all = process.argv.includes('--all');
for (let k = 0; k < Math.max(a.length, b.length); k++) {
  const [ta, tb] = [a[k], b[k]];
  const ra = ta ? rows(ta) : [];
  const rb = tb ? rows(tb) : [];
  const same = ra.join('\n') === rb.join('\n');
  console.log(`== table ${k}: ruled p${ta?.page}-${ta?.pageEnd} ${ta?.nRows}x${ta?.nCols} | rule-less p${tb?.page}-${tb?.pageEnd} ${tb?.nRows}x${tb?.nCols} ${same ? 'SAME' : 'DIFF'}`);
  if (same && !all) continue;
  for (let r = 0; r < Math.max(ra.length, rb.length); r++) {
    if (ra[r] === rb[r] && !all) continue;
    console.log(`  R ${ra[r] ?? ''}`);
    console.log(`  L ${rb[r] ?? ''}`);
  }
}
