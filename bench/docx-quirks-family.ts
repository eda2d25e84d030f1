/**
 * The generic writer quirks of test/docx/writer-quirks.ts (layout tables, w:hMerge, vMerge without
 * restart, gridBefore/gridAfter, tblHeader, a table split by an empty paragraph; and of issue docxquirks12:
 * placeholder controls in blank cells, WPS's missing or wrong w:tblGrid, bare vMerge chains, heading labels
 * from numbering.xml) applied to every dev-corpus .docx: per variant how many documents read to the same
 * findings as the plain file.
 * Documents with nested tables or whose markup the variant does not touch are skipped.
 *
 *   npx tsx bench/docx-quirks-family.ts ['placeholder|WPS|numbering']   (a pattern picks variants)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runPipeline } from '../src/pipeline.js';
import { compareFindings } from './producers-corpus.js';
import { MORE_VARIANTS, VARIANTS } from '../test/docx/writer-quirks.js';
const names = ['nested: each', 'legacy merges', 'vMerge continue', 'gridBefore', 'tblHeader', 'second part without header', 'header row repeated', 'title row repeated', 'placeholder text in blank cells', 'WPS: w:tblGrid', 'bare vMerge', 'heading labels from numbering'];
const only = process.argv[2];
const vs = [...VARIANTS, ...MORE_VARIANTS].filter((v) => names.some((n) => v.name.includes(n)) && (!only || new RegExp(only).test(v.name)));
const tally = new Map<string, { same: number; diff: number; skip: number }>();
for (const id of readdirSync('test/corpus/real').sort()) {
  const f = join('test/corpus/real', id, `${id}.docx`);
  let bytes: Uint8Array;
  try { bytes = new Uint8Array(readFileSync(f)); } catch { continue; }
  const parts = unzipSync(bytes);
  const main = 'word/document.xml';
  if (!parts[main]) continue;
  const plain = await runPipeline({ bytes, file: 'a.docx' });
  for (const v of vs) {
    const t = tally.get(v.name) ?? { same: 0, diff: 0, skip: 0 };
    tally.set(v.name, t);
    let out: Uint8Array;
    try {
      const xml = strFromU8(parts[main]);
      if (xml.includes('<w:tbl>') && /<w:tc>(?:(?!<\/w:tc>)[\s\S])*<w:tbl>/.test(xml)) { t.skip++; continue; }
      const x2 = v.apply(xml, { ...parts });
      if (x2 === xml) { t.skip++; continue; }
      out = zipSync({ ...parts, [main]: strToU8(x2) });
    } catch { t.skip++; continue; }
    const got = await runPipeline({ bytes: out, file: 'a.docx' });
    const m = compareFindings(plain.result.discrepancies, got.result.discrepancies);
    if (m.missed.length || m.extra.length || got.result.status !== plain.result.status) {
      t.diff++;
      console.log('DIFF', id, v.name, got.result.status, 'missing', m.missed.map((f) => f.rule + JSON.stringify(f.values)).slice(0, 4).join(' '), 'extra', m.extra.map((f) => f.rule + JSON.stringify(f.values)).slice(0, 4).join(' '));
    } else t.same++;
  }
}
for (const [k, v] of tally) console.log(k, JSON.stringify(v));
