import { beforeAll, describe, expect, it } from 'vitest';
import { GlyphOrder } from '../../parsers/pdf/glyph-order.js';
import { drawnOrder, withLostMarks } from '../../parsers/pdf/unmapped-codes.js';
import { loadPdfJs, pdfOps } from '../../parsers/pdf/pdfjs.js';

/**
 * Glyph-order recovery (parsers/pdf/glyph-order.ts) on operator lists as pdf.js gives them: a font
 * set once, then its glyphs, each with its code and what the map made of it.
 */
beforeAll(async () => {
  await loadPdfJs();
});

function shown(font: string, glyphs: Array<[number, string]>): { fnArray: number[]; argsArray: unknown[] } {
  const OPS = pdfOps();
  return { fnArray: [OPS.setFont, OPS.showText], argsArray: [[font, 12], [glyphs.map(([code, unicode]) => ({ originalCharCode: code, unicode }))]] };
}

describe('a lost glyph read from its place in the font', () => {
  it('a Skia Type 3 font of digits (code = glyph id): the glyph between “2” and “4” is “3”', () => {
    const order = new GlyphOrder();
    const ops = shown('g_d0_f1', [[0x01, ' '], [0x11, '0'], [0x12, '1'], [0x13, '2'], [0x14, '\u0014'], [0x15, '4'], [0x16, '5']]);
    order.add(ops.fnArray, ops.argsArray);
    expect(order.read('g_d0_f1', 0x14)).toBe('3');
    // The last digit has no mapped glyph above it: unknown, not guessed.
    expect(order.read('g_d0_f1', 0x17)).toBeUndefined();
  });

  it('neighbours at different distances from their characters say nothing', () => {
    const order = new GlyphOrder();
    const ops = shown('f', [[0x10, '0'], [0x11, '1'], [0x12, '2'], [0x14, '9'], [0x15, 'A']]);
    order.add(ops.fnArray, ops.argsArray);
    expect(order.read('f', 0x13)).toBeUndefined();
  });

  it('a subset numbered in order of use (Word’s CID fonts) is not in Unicode’s order: nothing is read from it', () => {
    const order = new GlyphOrder();
    // “绩效自评1、3”: glyphs numbered as first used; glyph 6 lost between “1” (5) and “3” (7).
    const ops = shown('w', [[1, '绩'], [2, '效'], [3, '自'], [4, '评'], [5, '1'], [6, '\uE006'], [7, '3'], [8, '年'], [9, '度'], [10, '2']]);
    order.add(ops.fnArray, ops.argsArray);
    expect(order.read('w', 6)).toBeUndefined();
  });

  it('a character the font already shows through another code is not the lost one', () => {
    const order = new GlyphOrder();
    const ops = shown('f', [[0x10, '0'], [0x11, '1'], [0x12, '2'], [0x14, '4'], [0x20, '3'], [0x21, '5'], [0x22, '6'], [0x23, '7'], [0x24, '8'], [0x25, '9']]);
    order.add(ops.fnArray, ops.argsArray);
    expect(order.read('f', 0x13)).toBeUndefined();
    // The same font without that “3”: the glyph is read.
    const without = new GlyphOrder();
    const rest = shown('f', [[0x10, '0'], [0x11, '1'], [0x12, '2'], [0x14, '4'], [0x21, '5'], [0x22, '6'], [0x23, '7'], [0x24, '8'], [0x25, '9']]);
    without.add(rest.fnArray, rest.argsArray);
    expect(without.read('f', 0x13)).toBe('3');
  });
});

describe('a lost glyph read as a right-to-left letter (its bare glyph id)', () => {
  it('does not reorder its text item: the characters come back in the order they were drawn', () => {
    // pdf.js lays a short item with a Hebrew/Arabic letter out right to left: “ا适用” (不 lost, glyph 0x0627) reads “适用ا”.
    expect(drawnOrder({ str: '适用\u0627', dir: 'rtl' })).toBe('\u0627适用');
    expect(drawnOrder({ str: '计划完成10，\u05D0', dir: 'rtl' })).toBe('\u05D0，计划完成10');
    // Left-to-right items, and right-to-left text without an ideograph, are left alone.
    expect(drawnOrder({ str: '适用\u0627', dir: 'ltr' })).toBe('适用\u0627');
    expect(drawnOrder({ str: 'שלום', dir: 'rtl' })).toBe('שלום');
  });
});

describe('a lost glyph read as a combining mark (its bare glyph id)', () => {
  it('is joined to the item it starts, which is an em wider: “ᮣ” + “高人居” is 提高人居, not 高人居 with a mark over it', () => {
    const t = (x: number) => [9, 0, 0, 9, x, 577];
    const items = [
      { str: '\u1BA3', width: 0, transform: t(202.5), fontName: 'f' },
      { str: ' ', width: 30, transform: [9, 0, 0, 9, 179, 571], fontName: 'f' },
      { str: '高人居', width: 27, transform: t(202.5), fontName: 'f' },
      { str: '10', width: 9, transform: t(418), fontName: 'f' },
    ];
    expect(withLostMarks(items).map((i) => [i.str, i.width])).toEqual([[' ', 30], ['\u1BA3高人居', 36], ['10', 9]]);
    // A mark with a width of its own, or before another font's item, is left alone.
    expect(withLostMarks([{ ...items[0], width: 9 }, items[2]])).toHaveLength(2);
    expect(withLostMarks([items[0], { ...items[2], fontName: 'g' }])).toHaveLength(2);
  });
});
