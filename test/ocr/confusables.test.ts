import { describe, expect, it } from 'vitest';
import { correctConfusables } from '../../parsers/ocr/confusables.js';
import { REPORT_WORDS } from '../../parsers/ocr/report-words.js';
import { corpusReportTexts, seriesWordsOf } from '../../scripts/lib/report-words.js';

describe('a character read for another of its phonetic series (形近字, 声旁相同)', () => {
  it('corrects a reading that breaks a word of the reports into the one word it can be', () => {
    // PP-OCRv4 reads the seed's 竣 (mutool convert's print) as 峻 at 0.93–0.95.
    expect(correctConfusables('办理项目峻工验收率')).toEqual({ text: '办理项目竣工验收率', corrections: ['峻→竣'] });
    expect(correctConfusables('全年峻工验收项目38个').text).toBe('全年竣工验收项目38个');
    expect(correctConfusables('资金泼付率').text).toBe('资金拨付率');
  });

  it('leaves a reading that is itself a word, and one no word decides', () => {
    expect(correctConfusables('形势严峻').corrections).toEqual([]);
    expect(correctConfusables('办理项目竣工验收率').corrections).toEqual([]);
    expect(correctConfusables('王俊').corrections).toEqual([]);
    expect(correctConfusables('对65个项目进行了825次检查').corrections).toEqual([]);
  });

  it('on reports it has not seen (each corpus report against the others’ words) changes almost nothing', () => {
    let changed = 0;
    let chars = 0;
    for (const text of corpusReportTexts().values()) {
      const own = seriesWordsOf(text);
      const others = new Map([...REPORT_WORDS].map(([w, n]) => [w, own.has(w) ? n - 1 : n]));
      changed += correctConfusables(text, others).corrections.length;
      chars += text.length;
    }
    expect(chars).toBeGreaterThan(200_000);
    // 2 in 229 000 characters of 292 reports (档案馆 → 档案管, 浙财债 → 浙财绩).
    expect(changed).toBeLessThanOrEqual(2);
  });
});
