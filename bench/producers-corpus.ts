import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPipeline } from '../src/pipeline.js';
import type { Finding } from '../schemas/finding.js';
import { listCorpus, scoreResult } from '../test/corpus/score.js';
import { cachedFile } from '../test/fixtures/producers/cache.js';
import { chromiumPdf } from '../test/fixtures/producers/chromium.js';
import { docxHtml, styledHtml } from '../test/fixtures/producers/docx-html.js';
import { cairoPdf } from '../test/fixtures/producers/cairo.js';
import { fitToA5Pdf, pdfwriteScreenPdf } from '../test/fixtures/producers/ghostscript.js';
import { twoUpPdf } from '../test/fixtures/producers/nup.js';
import { reviewedIncrementally } from '../test/fixtures/producers/incremental.js';
import { libreofficeArchivePdf } from '../test/fixtures/producers/libreoffice-export.js';
import { qpdfPdf } from '../test/fixtures/producers/qpdf.js';
import { chromiumTrueTypePdf, TRUETYPE_CJK_FAMILY, virtualPrinterPdf } from '../test/fixtures/producers/truetype.js';
import { flag, opt } from '../scripts/lib/args.js';

/**
 * The real-report corpus (test/corpus/real, issue 12) printed by other producers than LibreOffice
 * (issue 13): each .docx is the reference; each PDF's findings (rule + values) and corpus score are
 * compared with it. Producers:
 *   - libreoffice: the corpus's own .pdf (soffice --convert-to pdf);
 *   - ghostscript: that PDF re-distilled by Ghostscript (ps2pdf in.pdf out.pdf);
 *   - chromium-ruled / chromium-ruleless: the .docx as a web page (LibreOffice HTML) printed by
 *     Chromium headless with Noto Serif CJK (Type 3 fonts), with its borders, and with none;
 *   - cairo: the LibreOffice PDF printed again through cairo (pdftocairo -pdf: Firefox / Evince / GTK
 *     "打印到文件");
 *   - gs-screen: the LibreOffice PDF shrunk by Ghostscript pdfwrite (/screen, PDF 1.4);
 *   - qpdf-objstm, qpdf-encrypted: object streams + xref stream; encrypted with an empty user
 *     password and copying forbidden (AES-256);
 *   - incremental: annotated and stamped, saved as an incremental update (several content streams);
 *   - lo-archive: the .docx exported by LibreOffice as PDF/A-1b, tagged, with bookmarks;
 *   - chromium-truetype: the web page printed by Chromium in a TrueType CJK font (CID TrueType,
 *     Identity-H, as Word and WPS embed 宋体);
 *   - cups-truetype: that PDF through a virtual printer (pdftops | ps2pdf): TrueType subsets with
 *     WinAnsi codes and no ToUnicode, a text layer of Latin-1 nonsense (read by OCR);
 *   - fit-a5: the LibreOffice PDF printed fitted onto A5 by Ghostscript (× 0.71);
 *   - two-up: two pages per landscape sheet (“每张纸打印 2 页”), pdf-lib.
 *
 *   npx tsx bench/producers-corpus.ts [--out file.json] [--only id,id] [--producers a,b] [--detail]
 *
 * Every file is made once and cached under os.tmpdir() (test/fixtures/producers/cache.ts).
 */

export const PRODUCERS = [
  'libreoffice',
  'ghostscript',
  'chromium-ruled',
  'chromium-ruleless',
  'cairo',
  'gs-screen',
  'qpdf-objstm',
  'qpdf-encrypted',
  'incremental',
  'lo-archive',
  'chromium-truetype',
  'cups-truetype',
  'fit-a5',
  'two-up',
] as const;
export type Producer = (typeof PRODUCERS)[number];

export async function producerPdf(producer: Producer, docx: Uint8Array, libreofficePdf: Uint8Array): Promise<Uint8Array> {
  switch (producer) {
    case 'libreoffice':
      return libreofficePdf;
    case 'ghostscript':
      return cachedFile('ps2pdf-redistilled', [libreofficePdf], (work) => {
        writeFileSync(join(work, 'in.pdf'), libreofficePdf);
        execFileSync('ps2pdf', [join(work, 'in.pdf'), join(work, 'out.pdf')], { stdio: 'pipe', timeout: 180_000 });
        return new Uint8Array(readFileSync(join(work, 'out.pdf')));
      });
    case 'chromium-ruled':
      return chromiumPdf(styledHtml(docxHtml(docx), 'ruled'));
    case 'chromium-ruleless':
      return chromiumPdf(styledHtml(docxHtml(docx), 'ruleless'));
    case 'cairo':
      return cairoPdf(libreofficePdf);
    case 'gs-screen':
      return pdfwriteScreenPdf(libreofficePdf);
    case 'qpdf-objstm':
      return qpdfPdf(libreofficePdf, 'object-streams');
    case 'qpdf-encrypted':
      return qpdfPdf(libreofficePdf, 'encrypted-aes256');
    case 'incremental':
      return reviewedIncrementally(libreofficePdf);
    case 'lo-archive':
      return libreofficeArchivePdf(docx);
    case 'chromium-truetype':
      return chromiumTrueTypePdf(styledHtml(docxHtml(docx), 'ruled', TRUETYPE_CJK_FAMILY));
    case 'cups-truetype':
      return virtualPrinterPdf(chromiumTrueTypePdf(styledHtml(docxHtml(docx), 'ruled', TRUETYPE_CJK_FAMILY)));
    case 'fit-a5':
      return fitToA5Pdf(libreofficePdf);
    case 'two-up':
      return twoUpPdf(libreofficePdf);
  }
}

const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

export function compareFindings(reference: readonly Finding[], got: readonly Finding[]): { missed: Finding[]; extra: Finding[]; found: number } {
  const pool = new Map<string, Finding[]>();
  for (const f of got) pool.set(key(f), [...(pool.get(key(f)) ?? []), f]);
  const missed: Finding[] = [];
  let found = 0;
  for (const f of reference) {
    const same = pool.get(key(f));
    if (same?.length) {
      same.pop();
      found++;
    } else missed.push(f);
  }
  return { missed, extra: [...pool.values()].flat(), found };
}

interface DocRow {
  id: string;
  status: string;
  identical: boolean;
  reference: number;
  missed: string[];
  extra: string[];
  facts: { docx: number; pdf: number; total: number };
}

async function main(): Promise<void> {
  const only = opt('--only')?.split(',');
  const producers = (opt('--producers')?.split(',') ?? [...PRODUCERS]) as Producer[];
  const detail = flag('--detail');
  const docs = listCorpus('test/corpus/real').filter((d) => !only || only.includes(d.id));
  const rows = new Map<Producer, DocRow[]>(producers.map((p) => [p, []]));
  const started = Date.now();
  for (const d of docs) {
    const docxFile = join(d.dir, `${d.id}.docx`);
    const docx = new Uint8Array(readFileSync(docxFile));
    const lo = new Uint8Array(readFileSync(join(d.dir, `${d.id}.pdf`)));
    const ref = (await runPipeline({ bytes: docx, file: basename(docxFile) })).result;
    const refScore = scoreResult(d.id, docxFile, ref, d.truth);
    for (const p of producers) {
      let row: DocRow;
      try {
        const pdf = await producerPdf(p, docx, lo);
        const { result } = await runPipeline({ bytes: pdf, file: `${d.id}-${p}.pdf` });
        const score = scoreResult(d.id, `${d.id}-${p}.pdf`, result, d.truth);
        const m = compareFindings(ref.discrepancies, result.discrepancies);
        const show = (f: Finding) => `${f.severity} ${key(f)} ${f.message.slice(0, 100)}`;
        row = {
          id: d.id,
          status: result.status === 'ok' ? 'ok' : `${result.status} ${result.error?.code ?? ''}`,
          identical: m.missed.length === 0 && m.extra.length === 0,
          reference: ref.discrepancies.length,
          missed: m.missed.map(show),
          extra: m.extra.map(show),
          facts: { docx: refScore.facts.found, pdf: score.facts.found, total: score.facts.total },
        };
      } catch (e) {
        row = { id: d.id, status: `crash ${(e as Error).message.slice(0, 200)}`, identical: false, reference: ref.discrepancies.length, missed: [], extra: [], facts: { docx: refScore.facts.found, pdf: 0, total: d.truth.facts.length } };
      }
      rows.get(p)!.push(row);
      if (detail && !row.identical) console.log(`${p} ${d.id}: ${row.status}\n  missed: ${row.missed.join('\n          ')}\n  extra:  ${row.extra.join('\n          ')}`);
    }
    process.stderr.write(`${d.id} ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  }
  const summary = Object.fromEntries(
    [...rows].map(([p, rs]) => [
      p,
      {
        documents: rs.length,
        identical: rs.filter((r) => r.identical).length,
        withMissing: rs.filter((r) => r.missed.length > 0).length,
        withExtra: rs.filter((r) => r.extra.length > 0).length,
        missedFindings: rs.reduce((a, r) => a + r.missed.length, 0),
        extraFindings: rs.reduce((a, r) => a + r.extra.length, 0),
        referenceFindings: rs.reduce((a, r) => a + r.reference, 0),
        notOk: rs.filter((r) => r.status !== 'ok').length,
        facts: { docx: rs.reduce((a, r) => a + r.facts.docx, 0), pdf: rs.reduce((a, r) => a + r.facts.pdf, 0), total: rs.reduce((a, r) => a + r.facts.total, 0) },
      },
    ]),
  );
  console.log(JSON.stringify(summary, null, 1));
  const out = opt('--out');
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    const perDoc = Object.fromEntries([...rows].map(([p, rs]) => [p, rs.filter((r) => !r.identical || r.facts.pdf !== r.facts.docx)]));
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), documents: docs.length, summary, divergent: perDoc }, null, 1) + '\n');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
