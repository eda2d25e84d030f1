import { describe, expect, it } from 'vitest';
import { AMBIGUOUS_CONFIDENCE, foldLookalikes } from '../../parsers/ocr/lookalikes.js';

describe('letters read in place of digits (形近字符)', () => {
  it('folds look-alikes inside numbers and says the reading is ambiguous', () => {
    expect(foldLookalikes('1O0%')).toEqual({ text: '100%', ambiguous: true });
    expect(foldLookalikes('2O23年')).toEqual({ text: '2023年', ambiguous: true });
    expect(foldLookalikes('95l.90')).toEqual({ text: '951.90', ambiguous: true });
    expect(foldLookalikes('3B')).toEqual({ text: '38', ambiguous: true });
  });

  it('a cell holding only o/O or a lone l/I is a misread digit', () => {
    expect(foldLookalikes('o')).toEqual({ text: '0', ambiguous: true });
    expect(foldLookalikes(' O ')).toEqual({ text: '0', ambiguous: true });
    expect(foldLookalikes('l')).toEqual({ text: '1', ambiguous: true });
  });

  it('leaves words, codes and plain numbers alone', () => {
    expect(foldLookalikes('ISO9001')).toEqual({ text: 'ISO9001', ambiguous: false });
    expect(foldLookalikes('B级')).toEqual({ text: 'B级', ambiguous: false });
    expect(foldLookalikes('951.90万元')).toEqual({ text: '951.90万元', ambiguous: false });
    expect(foldLookalikes('Office办公')).toEqual({ text: 'Office办公', ambiguous: false });
  });

  it('a stray letter glued to a number leaves it uncertain', () => {
    expect(foldLookalikes('A100%')).toEqual({ text: 'A100%', ambiguous: true });
    expect(foldLookalikes('群众满意度-100%-').ambiguous).toBe(true);
    expect(foldLookalikes('2023年1-12月').ambiguous).toBe(false);
    expect(AMBIGUOUS_CONFIDENCE).toBeLessThan(0.9);
  });

  it('"50%o" (a JPEG at quality 30) is a percent read unsurely; words after a percent stay', () => {
    expect(foldLookalikes('50%o')).toEqual({ text: '50%', ambiguous: true });
    expect(foldLookalikes('≥95%O')).toEqual({ text: '≥95%', ambiguous: true });
    expect(foldLookalikes('%o')).toEqual({ text: '%', ambiguous: true });
  });

  it('"10 -" (a fax): a dash alone after a number is dropped, the number unsure; a range stays', () => {
    expect(foldLookalikes('10 -')).toEqual({ text: '10', ambiguous: true });
    expect(foldLookalikes('1-12')).toEqual({ text: '1-12', ambiguous: false });
    expect(foldLookalikes('50%of')).toEqual({ text: '50%of', ambiguous: false });
    expect(foldLookalikes('50%')).toEqual({ text: '50%', ambiguous: false });
  });
});
