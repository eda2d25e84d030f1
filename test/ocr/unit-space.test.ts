import { describe, expect, it } from 'vitest';
import { closeUnitSpaces } from '../../parsers/ocr/unit-space.js';

describe('a space read between a number and its unit (OCR)', () => {
  it('is closed: the seed printed by mutool convert reads “通知书 232 份” where the text layer has “232份”', () => {
    expect(closeUnitSpaces('共下发隐患整改通知书 232 份、下发停工整改通知书 45份')).toBe('共下发隐患整改通知书 232份、下发停工整改通知书 45份');
    expect(closeUnitSpaces('100 万元')).toBe('100万元');
    expect(closeUnitSpaces('95% 以上')).toBe('95%以上');
  });

  it('leaves spaces between numbers and before a number', () => {
    expect(closeUnitSpaces('9 0')).toBe('9 0');
    expect(closeUnitSpaces('2023年 1月')).toBe('2023年 1月');
    expect(closeUnitSpaces('95%以上 100%')).toBe('95%以上 100%');
  });
});
