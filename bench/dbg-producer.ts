import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import { producerPdf, compareFindings, type Producer } from './producers-corpus.js';
/**
 * One corpus document through one producer (bench/producers-corpus.ts), for looking into a
 * divergence: the findings missed and extra against the .docx, and with --tables the grids of
 * both, with --grep RE the paragraphs and cells matching RE. The PDF is left in os.tmpdir()/selfeval-dbg.
 *
 *   npx tsx bench/dbg-producer.ts <corpus id> <producer> [--tables] [--grep RE]
 */
const [id, producer] = process.argv.slice(2) as [string, Producer];
const dir = join('test/corpus/real', id);
const docx = new Uint8Array(readFileSync(join(dir, `${id}.docx`)));
const lo = new Uint8Array(readFileSync(join(dir, `${id}.pdf`)));
const pdf = await producerPdf(producer, docx, lo);
const outDir = join(tmpdir(), 'selfeval-dbg');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${id}-${producer}.pdf`), pdf);
const ref = await runPipeline({ bytes: docx, file: 'a.docx' });
const got = await runPipeline({ bytes: pdf, file: 'a.pdf' });
const m = compareFindings(ref.result.discrepancies, got.result.discrepancies);
for (const f of m.missed) console.log('MISSED', f.severity, f.rule, JSON.stringify(f.values), f.message.slice(0, 160));
for (const f of m.extra) console.log('EXTRA ', f.severity, f.rule, JSON.stringify(f.values), f.message.slice(0, 160));
const show = (doc: typeof ref.document) => {
  for (const b of doc!.blocks) {
    if (b.kind !== 'table') continue;
    console.log(`-- table ${b.nRows}x${b.nCols} p${(b as any).loc?.page ?? ''}`);
    for (let r = 0; r < b.nRows; r++) console.log('   ' + b.cells.filter((c) => c.row === r).map((c) => `[${c.col}${c.colSpan > 1 ? '+' + c.colSpan : ''}${c.rowSpan > 1 ? 'v' + c.rowSpan : ''}]${c.text.replace(/\s+/g, '')}`).join(' | '));
  }
};
if (process.argv.includes('--tables')) { console.log('=== DOCX'); show(ref.document); console.log('=== PDF'); show(got.document); }
if (process.argv.includes('--grep')) {
  const re = new RegExp(process.argv[process.argv.indexOf('--grep') + 1]);
  for (const [name, doc] of [['docx', ref.document], ['pdf', got.document]] as const)
    for (const b of doc!.blocks) {
      const texts = b.kind === 'table' ? b.cells.map((c) => c.text) : [(b as any).text as string];
      for (const t of texts) if (re.test(t)) console.log(name, JSON.stringify(t));
    }
}
