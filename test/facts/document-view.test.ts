import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import { parseDocument } from '../../parsers/index.js';
import { documentView, type KeyedPlace } from '../../src/facts/document-view.js';
import { compactKey } from '../../src/text/normalize.js';
import { corpusModel } from '../helpers/corpus.js';
import { checkModel } from '../helpers/check.js';

/**
 * The per-document view answers as the walks over `document.blocks` it replaced do, on real documents of
 * several producers (Word, WPS, PDF text layers): paragraphs by ordinal and by a narrative's range, tables
 * by number, whitespace-free paragraph texts, and the paragraphs and cells whose compact key holds some words.
 */
const DOCUMENTS: Array<[string, string]> = [
  ['ah-duji-chengguan-2024', 'docx'],
  ['ah-guichi-tangxi-2022', 'docx'],
  ['zj-wencheng-pingjia-2024', 'docx'],
  ['zj-quzhou-zhongdian-2022', 'pdf'],
  ['zj-xiaoshan-xianghu-2024', 'pdf'],
];

async function models(): Promise<Array<[string, DocumentModel]>> {
  const out: Array<[string, DocumentModel]> = [['seed.docx', await parseDocument(new Uint8Array(readFileSync(new URL('../../samples/seed.docx', import.meta.url))))]];
  for (const [id, ext] of DOCUMENTS) out.push([`${id}.${ext}`, await corpusModel(id, ext)]);
  return out;
}

/** Every place's compact key, as year-consistency keyed them before the view. */
function keyedPlaces(doc: DocumentModel): KeyedPlace[] {
  return doc.blocks.flatMap((b): KeyedPlace[] =>
    b.kind === 'paragraph'
      ? [{ text: b.text, key: compactKey(b.text), table: null, row: null, col: null, page: b.page, paragraph: b.paragraph }]
      : b.cells.map((c) => ({ text: c.text, key: compactKey(c.text), table: b.table, row: c.row, col: c.col, page: c.page, paragraph: null })),
  );
}

describe('documentView', () => {
  it('answers as the walks over the blocks do', async () => {
    let several = 0;
    for (const [name, doc] of await models()) {
      const view = documentView(doc);
      expect(documentView(doc), name).toBe(view);
      const byOrdinal = new Map<number, ParagraphBlock>();
      for (const b of doc.blocks) if (b.kind === 'paragraph') byOrdinal.set(b.paragraph, b);
      expect([...view.ordinals()], name).toEqual([...byOrdinal.keys()]);
      for (const [p, b] of byOrdinal) {
        expect(view.paragraph(p), `${name} ¶${p}`).toBe(b);
        expect(view.compactParagraph(p), `${name} ¶${p}`).toBe(b.text.replace(/\s+/g, ''));
      }
      expect(view.paragraph(-1)).toBeUndefined();
      const tableNumbers = new Set(doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
      for (const t of [...tableNumbers, -1]) expect(view.table(t), `${name} table ${t}`).toBe(doc.blocks.find((b): b is TableBlock => b.kind === 'table' && b.table === t));
      // every narrative's range as the pipeline read it, and ranges cut at odd places
      const { report } = checkModel(doc);
      const ordinals = [...byOrdinal.keys()];
      const ranges: Array<[number, number]> = [...report.narratives.map((n): [number, number] => [n.firstParagraph, n.lastParagraph]), [ordinals[3] ?? 0, ordinals[10] ?? 0], [-5, 2], [7, 6]];
      for (const [first, last] of ranges) {
        const walked = doc.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph' && b.paragraph >= first && b.paragraph <= last);
        expect(view.paragraphsIn(first, last), `${name} ¶${first}–${last}`).toEqual(walked);
      }
      // words: a piece of every 7th key (most found in several places), a whole key, and words no text holds
      const places = keyedPlaces(doc);
      const words = new Set<string>(['绩效自评报告', '年度', '不存在于任何文件的词语甲乙丙']);
      places.forEach((p, i) => {
        if (i % 7 === 0 && p.key.length >= 4) words.add(p.key.slice(1, 1 + Math.min(6, p.key.length - 1)));
        if (i % 31 === 0 && p.key) words.add(p.key);
      });
      for (const w of words) {
        const expected = places.filter((p) => p.key.includes(w));
        if (expected.length > 1) several++;
        expect(view.placesContaining(w), `${name}: ${w}`).toEqual(expected);
      }
    }
    // the search is tested on words found in several places, not only on single hits
    expect(several).toBeGreaterThan(20);
  }, 120_000);
});
