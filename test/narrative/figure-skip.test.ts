import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { mayHoldFigure, scanFigures } from '../../src/narrative/scan.js';
import { charCodes } from '../../src/text/clauses.js';

/** Every paragraph and cell text of a few real .docx reports of the corpus (the seed among them). */
async function realTexts(): Promise<string[]> {
  const dir = 'test/corpus/real';
  const docs = readdirSync(dir).sort().filter((_, i) => i % 40 === 0).map((d) => join(dir, d, `${d}.docx`));
  const texts: string[] = [];
  for (const path of ['samples/seed.docx', ...docs]) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      continue; // a folder holding only a PDF
    }
    const doc = await parseDocument(bytes);
    for (const b of doc.blocks) {
      if (b.kind === 'paragraph') texts.push(b.text);
      else for (const c of b.cells) texts.push(c.text);
    }
  }
  return texts;
}

describe('mayHoldFigure: the texts passed over before figure scanning', () => {
  it('passes over only texts in which scanFigures finds no number, on real reports', async () => {
    const texts = await realTexts();
    const skipped = texts.filter((t) => !mayHoldFigure(t));
    // most prose and label texts hold no figure, and many are skipped; none of them would have given one
    expect(skipped.length).toBeGreaterThan(200);
    expect(texts.length - skipped.length).toBeGreaterThan(200);
    for (const t of skipped) expect(scanFigures(t).figures, t).toEqual([]);
  });

  it('keeps digits of either width, Chinese numerals and traditional text that normalizes to one', () => {
    expect(mayHoldFigure('完成率１００％')).toBe(true);
    expect(mayHoldFigure('开展检查三次')).toBe(true);
    expect(mayHoldFigure('改造危房兩處')).toBe(true);
    expect(scanFigures('改造危房兩處').figures.map((f) => f.figure.value)).toEqual(['2']);
    expect(mayHoldFigure('项目实施情况良好，群众满意度较高。')).toBe(false);
  });

  it('charCodes holds the UTF-16 code of every character given', () => {
    const codes = charCodes('，。（(');
    expect(['，', '。', '（', '('].map((c) => codes.has(c.charCodeAt(0)))).toEqual([true, true, true, true]);
    expect(codes.has('、'.charCodeAt(0))).toBe(false);
  });
});
