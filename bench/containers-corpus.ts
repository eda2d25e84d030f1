import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import type { Finding } from '../schemas/finding.js';
import { listCorpus, scoreResult } from '../test/corpus/score.js';
import { WORD_FAMILY_CONTAINERS, wordFamilyFile, type WordFamilyContainer } from '../test/fixtures/producers/word-family.js';
import { compareFindings } from './producers-corpus.js';
import { flag, opt } from '../scripts/lib/args.js';

/**
 * The real-report corpus (test/corpus/real) in the other Word-family containers departments send
 * (RTF, ODT, FODT, HTML in UTF-8 and GB2312, MHTML, Word 2003 XML; test/fixtures/producers/word-family.ts),
 * each named ".doc" as users rename them: findings (rule + values) and corpus score compared with the .docx.
 *
 *   node --import tsx bench/containers-corpus.ts [--out file.json] [--only id,id] [--containers a,b] [--detail]
 */
interface Row {
  id: string;
  status: string;
  identical: boolean;
  missed: string[];
  extra: string[];
  facts: { docx: number; other: number; total: number };
}

const only = opt('--only')?.split(',');
const containers = (opt('--containers')?.split(',') ?? [...WORD_FAMILY_CONTAINERS]) as WordFamilyContainer[];
const detail = flag('--detail');
const docs = listCorpus('test/corpus/real').filter((d) => !only || only.includes(d.id));
const rows = new Map<WordFamilyContainer, Row[]>(containers.map((c) => [c, []]));
const show = (f: Finding) => `${f.severity} ${f.rule} ${JSON.stringify(f.values)} ${f.message.slice(0, 100)}`;
const started = Date.now();
for (const d of docs) {
  const docxFile = join(d.dir, `${d.id}.docx`);
  const docx = new Uint8Array(readFileSync(docxFile));
  const ref = (await runPipeline({ bytes: docx, file: basename(docxFile) })).result;
  const refFacts = scoreResult(d.id, docxFile, ref, d.truth).facts.found;
  for (const c of containers) {
    const file = `${d.id}-${c}.doc`;
    const { result } = await runPipeline({ bytes: wordFamilyFile(c, docx), file });
    // The note saying what the container was is expected; everything else must be the .docx's.
    const m = compareFindings(ref.discrepancies, result.discrepancies.filter((f) => !f.message.includes('CONTAINER_CONVERTED')));
    const row: Row = {
      id: d.id,
      status: result.status === 'ok' ? 'ok' : `${result.status} ${result.error?.code ?? ''} ${result.error?.message ?? ''}`,
      identical: m.missed.length === 0 && m.extra.length === 0,
      missed: m.missed.map(show),
      extra: m.extra.map(show),
      facts: { docx: refFacts, other: scoreResult(d.id, file, result, d.truth).facts.found, total: d.truth.facts.length },
    };
    rows.get(c)!.push(row);
    if (detail && !row.identical) console.log(`${c} ${d.id}: ${row.status}\n  missed: ${row.missed.join('\n          ')}\n  extra:  ${row.extra.join('\n          ')}`);
  }
  process.stderr.write(`${d.id} ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
}
const summary = Object.fromEntries(
  [...rows].map(([c, rs]) => [
    c,
    {
      documents: rs.length,
      identical: rs.filter((r) => r.identical).length,
      notOk: rs.filter((r) => r.status !== 'ok').length,
      missedFindings: rs.reduce((a, r) => a + r.missed.length, 0),
      extraFindings: rs.reduce((a, r) => a + r.extra.length, 0),
      facts: { docx: rs.reduce((a, r) => a + r.facts.docx, 0), other: rs.reduce((a, r) => a + r.facts.other, 0), total: rs.reduce((a, r) => a + r.facts.total, 0) },
    },
  ]),
);
console.log(JSON.stringify(summary, null, 1));
const out = opt('--out');
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), documents: docs.length, summary, divergent: Object.fromEntries([...rows].map(([c, rs]) => [c, rs.filter((r) => !r.identical)])) }, null, 1)}\n`);
}
process.exit(0);
