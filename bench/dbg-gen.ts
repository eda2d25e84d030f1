import { layoutDocument, randomReportSpec, writeDocx, toFamily, seedSpec } from '../test/fixtures/generator/index.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { reportHtml } from '../test/fixtures/producers/html.js';
import { runPipeline } from '../src/pipeline.js';
import { compareFindings } from './producers-corpus.js';
/**
 * A generated report (random<N> or a family name) printed by Chromium with a table style
 * (default rule-less): findings missed and extra against its .docx; --around WORD shows the rows
 * around a cell containing WORD, --dump TEXT the tables containing TEXT.
 *
 *   npx tsx bench/dbg-gen.ts random4 [ruleless|zebra|filled|ruled] [--around 满意度指标] [--dump 三级指标]
 */
const which = process.argv[2];
const spec = which.startsWith('random') ? randomReportSpec(Number(which.slice(6))) : toFamily(seedSpec(), which as never);
const ref = await runPipeline({ bytes: writeDocx(spec), file: 'a.docx' });
const got = await runPipeline({ bytes: chromiumPdf(reportHtml(layoutDocument(spec), { tables: (process.argv[3] ?? 'ruleless') as never })), file: 'a.pdf' });
const m = compareFindings(ref.result.discrepancies, got.result.discrepancies);
console.log(`${which}: ref ${ref.result.discrepancies.length} found ${m.found}`);
for (const f of m.missed) console.log('MISSED', f.severity, f.rule, JSON.stringify(f.values), f.message.slice(0, 160));
for (const f of m.extra) console.log('EXTRA ', f.severity, f.rule, JSON.stringify(f.values), f.message.slice(0, 160));
if (process.argv.includes('--around')) {
  const word = process.argv[process.argv.indexOf('--around') + 1];
  for (const [name, doc] of [['docx', ref.document], ['pdf', got.document]] as const)
    for (const b of doc!.blocks) {
      if (b.kind !== 'table') continue;
      const rows = b.cells.filter((c) => c.text.replace(/\s+/g, '').includes(word)).map((c) => c.row);
      for (const r0 of rows) {
        console.log(`== ${name}`);
        for (let r = Math.max(0, r0 - 3); r < Math.min(b.nRows, r0 + 3); r++) console.log('   ' + b.cells.filter((c) => c.row === r).map((c) => `[${c.col}${c.colSpan > 1 ? '+' + c.colSpan : ''}${c.rowSpan > 1 ? 'v' + c.rowSpan : ''}]${c.text.replace(/\s+/g, '')}`).join(' | '));
      }
    }
}
if (process.argv.includes('--dump')) {
  const part = process.argv[process.argv.indexOf('--dump') + 1];
  for (const [name, doc] of [['docx', ref.document], ['pdf', got.document]] as const) {
    console.log(`=== ${name}`);
    for (const b of doc!.blocks) {
      if (b.kind !== 'table' || !b.cells.some((c) => c.text.includes(part))) continue;
      console.log(`-- ${b.nRows}x${b.nCols} ${b.source}`);
      for (let r = 0; r < b.nRows; r++) console.log('   ' + b.cells.filter((c) => c.row === r).map((c) => `[${c.col}${c.colSpan > 1 ? '+' + c.colSpan : ''}${c.rowSpan > 1 ? 'v' + c.rowSpan : ''}]${c.text.replace(/\s+/g, '')}`).join(' | '));
    }
  }
}
