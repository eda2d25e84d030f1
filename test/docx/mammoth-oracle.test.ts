import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';

/**
 * mammoth is an independent reader of the same WordprocessingML: where it can see the merges
 * (no bookmark directly inside a table row, no gridBefore/gridAfter), its HTML tables and our grids
 * must agree cell for cell — same origin cells, same spans, same text.
 */
type Span = { row: number; col: number; rowSpan: number; colSpan: number; text: string };

function gridFromHtml(html: string): Span[][] {
  const $ = cheerio.load(html);
  return $('table')
    .toArray()
    .map((table) => {
      const taken: boolean[][] = [];
      const spans: Span[] = [];
      $(table)
        .find('> tbody > tr, > tr, > thead > tr')
        .toArray()
        .forEach((tr, r) => {
          taken[r] ??= [];
          let c = 0;
          for (const td of $(tr).children('td, th').toArray()) {
            while (taken[r][c]) c++;
            const rowSpan = Number($(td).attr('rowspan') ?? 1);
            const colSpan = Number($(td).attr('colspan') ?? 1);
            const text = $(td)
              .find('p')
              .toArray()
              .map((p) => $(p).text())
              .join('')
              .replace(/\s+/g, '');
            spans.push({ row: r, col: c, rowSpan, colSpan, text });
            for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) ((taken[r + dr] ??= [])[c + dc] = true);
            c += colSpan;
          }
        });
      return spans;
    });
}

function gridFromModel(table: TableBlock): Span[] {
  return table.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text.replace(/\s+/g, '') }));
}

describe('parseDocx agrees with mammoth on table grids', () => {
  it('samples/seed.docx: every table, every merged cell', async () => {
    const bytes = readFileSync('samples/seed.docx');
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    const oracle = gridFromHtml(html);
    const tables = parseDocx(bytes).blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables).toHaveLength(oracle.length);
    tables.forEach((table, i) => {
      expect(gridFromModel(table)).toEqual(oracle[i]);
    });
  });
});
