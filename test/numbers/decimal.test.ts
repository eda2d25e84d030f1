import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { addIntervals, intervalOf, Rational } from '../../src/numbers/decimal.js';
import { parseFigure } from '../../src/numbers/figure.js';

describe('exact decimals (Rational)', () => {
  it('keeps sums in lowest terms whether or not the denominators agree', () => {
    const half = Rational.parse('0.5');
    expect(half.add(Rational.parse('0.50')).toString()).toBe('1');
    expect(half.add(half).d).toBe(1n);
    expect(Rational.parse('951.90').sub(Rational.parse('0.40')).toString()).toBe('951.5');
    expect(Rational.parse('0.25').add(Rational.parse('0.5')).toString()).toBe('0.75');
  });

  it('reduces values beyond double precision exactly', () => {
    const big = Rational.parse('12345678901234567890.10');
    expect(big.add(Rational.parse('0.90')).toString()).toBe('12345678901234567891');
    expect(big.mul(Rational.parse('10')).toFixed(1)).toBe('123456789012345678901.0');
  });

  it('hands out the same small whole numbers without changing them', () => {
    const zero = Rational.of(0);
    expect(zero.add(Rational.of(3)).toString()).toBe('3');
    expect(Rational.of(0).isZero()).toBe(true);
    expect(Rational.of(100).eq(Rational.parse('100.00'))).toBe(true);
    expect(Rational.of(1, 3).toFixed(4)).toBe('0.3333');
  });

  it('reads a written value as the interval of its last place, also when asked again', () => {
    const a = intervalOf('951.90', 2);
    expect([a.lo.toString(4), a.hi.toString(4)]).toEqual(['951.895', '951.905']);
    const again = intervalOf('951.90', 2);
    expect(again.lo.eq(a.lo) && again.hi.eq(a.hi)).toBe(true);
    expect(intervalOf('951.90', 0).lo.toString()).toBe('951.4');
    const sum = addIntervals([intervalOf('20', 2), intervalOf('0.5', 1)]);
    expect([sum.lo.toString(4), sum.hi.toString(4)]).toEqual(['20.445', '20.555']);
  });
});

describe('remembered values: one per written text, for every later report of the process', () => {
  it('a reader that writes to one cannot change what a later reader of that text gets', () => {
    const figure = parseFigure('885.94')!;
    expect(() => ((figure as { value: string }).value = '875.94')).toThrow(TypeError);
    expect(() => (figure.qualifiers as string[]).push('约')).toThrow(TypeError);
    expect(parseFigure('885.94')).toMatchObject({ value: '885.94', decimals: 2, qualifiers: [] });
    const interval = intervalOf('65.96', 2);
    expect(() => ((interval as { lo: Rational }).lo = Rational.of(0))).toThrow(TypeError);
    expect(intervalOf('65.96', 2).lo.toString(4)).toBe('65.955');
  });
});

describe('table grid of a real report (seed.docx)', () => {
  it('points every grid position at the one cell that covers it', async () => {
    const doc = await parseDocument(new Uint8Array(readFileSync('samples/seed.docx')));
    const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables.length).toBeGreaterThan(0);
    let merged = 0;
    for (const t of tables) {
      t.grid.forEach((row, r) =>
        row.forEach((i, c) => {
          const cell = t.cells[i];
          expect(r >= cell.row && r < cell.row + cell.rowSpan && c >= cell.col && c < cell.col + cell.colSpan).toBe(true);
        }),
      );
      merged += t.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).length;
    }
    expect(merged).toBeGreaterThan(0);
  });
});
