import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { diffDocument, diffGrids, layoutDocument, modelTableCells, seedSpec, writeDocx } from '../fixtures/generator/index.js';

/**
 * seedSpec() is the real report typed by hand from the seed text; writeDocx of it must carry the same
 * content as samples/seed.docx: the same blocks in the same order, the same table grids (merges
 * included) and the same cell and paragraph texts — so generated variants stand in for the real file.
 */
const real = parseDocx(readFileSync(new URL('../../samples/seed.docx', import.meta.url)));
const generatedBytes = writeDocx(seedSpec());
const generated = parseDocx(generatedBytes);

describe('generated seed .docx', () => {
  it('has the same tables, cell by cell (spans and texts), as samples/seed.docx', () => {
    const realTables = real.blocks.filter((b): b is TableBlock => b.kind === 'table');
    const genTables = generated.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(genTables.map((t) => `${t.nRows}x${t.nCols}`)).toEqual(realTables.map((t) => `${t.nRows}x${t.nCols}`));
    expect(genTables.map((t) => `${t.nRows}x${t.nCols}`)).toEqual(['26x7', '42x9', '25x9', '22x9', '40x9']);
    realTables.forEach((t, i) => {
      expect(diffGrids(modelTableCells(t), modelTableCells(genTables[i])), `table ${i}`).toEqual([]);
    });
  });

  it('has the same paragraphs in the same order (titles, notes, signature lines, narrative)', () => {
    const text = (m: typeof real) => m.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `<table ${b.table}>`));
    expect(text(generated)).toEqual(text(real));
    expect(generated.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(real.blocks.filter((b) => b.kind === 'paragraph').length);
  });

  it('keeps the seed’s deliberate defects (typos, stray digits, blank cells)', () => {
    const cells = generated.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : []));
    expect(cells).toContain('质量安全监督管专项');
    expect(cells).toContain('建筑市5场平稳10有序发展');
    expect(cells).toContain('项目支出：359.73');
    const paragraphs = generated.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs.some((p) => p.includes('本项目全年支出334.73万元'))).toBe(true);
  });

  it('matches its own layout (what the writer meant is what a reader gets)', () => {
    expect(diffDocument(layoutDocument(seedSpec()), generated)).toEqual([]);
    expect(diffDocument(layoutDocument(seedSpec()), real)).toEqual([]);
  });

  it('is byte-for-byte deterministic', () => {
    expect(Buffer.from(writeDocx(seedSpec())).equals(Buffer.from(generatedBytes))).toBe(true);
  });

  it('goes through the whole pipeline exactly like samples/seed.docx (same records, same findings)', async () => {
    const a = await runPipeline({ bytes: readFileSync(new URL('../../samples/seed.docx', import.meta.url)), file: 'seed.docx' });
    const b = await runPipeline({ bytes: generatedBytes, file: 'seed.docx' });
    expect(b.result.status).toBe('ok');
    expect(b.result.report).toEqual(a.result.report);
    const findings = (r: typeof a) => r.result.discrepancies.map((d) => `${d.rule}|${d.severity}|${d.message}`).sort();
    expect(findings(b)).toEqual(findings(a));
  });
});
