import { describe, expect, it } from 'vitest';
import { textCorrections } from '../../parsers/ocr/corrections.js';
import { location } from '../../schemas/location.js';
import { ocrNote } from '../../src/web/render/finding.js';

describe('what OCR post-processing changed, for the reviewer (OCR 原文 … → …)', () => {
  it('each change as read and as corrected, with a character of context either side', () => {
    expect(textCorrections('办理项目峻工验收率', '办理项目竣工验收率')).toEqual([{ read: '目峻工', corrected: '目竣工' }]);
    expect(textCorrections('1O0%', '100%')).toEqual([{ read: '1O0%', corrected: '100%' }]);
    // A decimal point put back where the recogniser saw one (decimal-point.ts), a sign named from its shape.
    expect(textCorrections('9500', '95.00')).toEqual([{ read: '50', corrected: '5.0' }]);
    expect(textCorrections('>80%', '≥80%')).toEqual([{ read: '>8', corrected: '≥8' }]);
    expect(textCorrections('峻工验收率1O0%', '竣工验收率100%')).toEqual([
      { read: '峻工', corrected: '竣工' },
      { read: '1O0%', corrected: '100%' },
    ]);
  });

  it('nothing when nothing changed', () => {
    expect(textCorrections('办理项目竣工验收率', '办理项目竣工验收率')).toEqual([]);
  });

  it('the review page shows them beside the evidence', () => {
    const loc = location({ table: 0, row: 15, col: 3, textSource: 'ocr', confidence: 0.5, ocrCorrections: [{ read: '目峻工', corrected: '目竣工' }] });
    expect(String(ocrNote(loc))).toContain('OCR 识别，可信度 50%，OCR 原文 目峻工 → 目竣工');
    expect(String(ocrNote({ ...loc, ocrCorrections: undefined }))).not.toContain('原文');
  });
});
