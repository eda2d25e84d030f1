import { describe, expect, it } from 'vitest';
import type { Report } from '../../schemas/report.js';
import { restatementGroups } from '../../src/facts/pair.js';
import { figureWriting, parseFigure } from '../../src/numbers/figure.js';

/**
 * A figure restated in another part of the report is one fact when it agrees — value and writing
 * (src/facts/pair.ts). OCR reads a space into a number or before its unit that the print has not
 * ("1 234.5", "232 份"; mutool convert's seed, ocr21): the same writing, so the same fact.
 */
const stat = (id: string, text: string) => ({ id, figure: parseFigure(text)! });
const restated = (a: string, b: string) => {
  const report = {
    statistics: [stat('s1', a), stat('s2', b)],
    links: [{ statId: 's2', target: { kind: 'narrative', ref: 's1' }, confidence: 0.9, reason: '', basis: 'narrative' }],
  } as unknown as Report;
  const groups = restatementGroups(report);
  return groups.get('s1') === groups.get('s2');
};

describe('a figure OCR read with a stray space, restated exactly elsewhere', () => {
  it('is written the same: spaces are no part of a figure’s writing', () => {
    expect(figureWriting('1 234.5')).toBe('1234.5');
    expect(figureWriting('232 份')).toBe('232份');
    expect(figureWriting('1,234.5')).toBe('1,234.5');
  });

  it('groups with the exact figure', () => {
    expect(restated('1234.5万元', '1 234.5万元')).toBe(true);
    expect(restated('232份', '232 份')).toBe(true);
  });

  it('stays apart from another writing or another value', () => {
    expect(restated('1,234.5万元', '1234.5万元')).toBe(false);
    expect(restated('232份', '232个')).toBe(false);
  });
});
