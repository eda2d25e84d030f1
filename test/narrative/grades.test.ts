import { describe, expect, it } from 'vitest';
import type { ParagraphBlock } from '../../schemas/document.js';
import { bandsIn, combinedBands, extractGrades, printedBands } from '../../src/narrative/grades.js';

/** The phrasings of a grade (grade30): what is read as a grade with its score, and what is not a grade of anything. */
const para = (text: string): ParagraphBlock => ({ kind: 'paragraph', block: 0, paragraph: 0, text, style: null, page: null, bbox: null });
const read = (text: string) =>
  extractGrades([para(text)], false, { part: '项目支出绩效评价报告', narrative: 0, kind: 'project', project: null, projectIndex: null }, null).map((g) => [g.grade, g.score?.value ?? null]);

describe('grades in prose', () => {
  it.each([
    ['经自评，该项目自评得分95.5分，评价等级为“优”。', [['优', '95.5']]],
    ['自评等级：优秀。', [['优秀', null]]],
    ['本项目自评得分为92分，自评结果为优秀（95分）。', [['优秀', '95']]],
    ['评价等级为良（85.5分）。', [['良', '85.5']]],
    ['经评价，该项目得分86分，为良好等次。', [['良好', '86']]],
    ['该项目绩效评价结果为“良”，得分86分。', [['良', '86']]],
    ['自评得分85分，评价等级为中等。', [['中等', '85']]],
  ])('%s', (text, expected) => expect(read(text)).toEqual(expected));

  it.each([
    '评价等级分为优、良、中、差四个等次。',
    '评价结果为优秀的，给予奖励。',
    '自评结果为优的项目共3个。',
    '24个项目中，绩效评价等级均为“优”。',
    '上年度该项目评价等级为“良”。',
    '90分（含）以上为优，80分（含）-90分为良。',
    '项目实施情况良好，评价结果为中央资金足额到位。',
    '已完成建设工程32.63公里，我们局已组织相关技术人员对该项目进行验收，质量鉴定为合格。',
    '经自评，该项目得分92分，工程质量等级为合格。',
  ])('%s: no grade', (text) => expect(read(text)).toEqual([]));

  it('reads printed bands with their ends: (含) and 以上 closed, a range open where the next band starts', () => {
    const bands = printedBands(['总分100分，90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。']);
    expect(bands?.map((b) => [b.grade, b.min, b.minInclusive, b.max, b.maxInclusive])).toEqual([
      ['优', '90', true, null, true],
      ['良', '80', true, '90', false],
      ['中', '60', true, '80', false],
      ['差', null, true, '60', false],
    ]);
    expect(printedBands(['等级为中(70-80分)的项目有3个。'])).toBeNull();
  });

  it('reads each paragraph once for the document and its report: a range\'s open end is settled per combination, the candidates untouched', () => {
    // the document's bands (two paragraphs) and one report's (the range alone) are made of the same candidates
    const range = bandsIn('80-90分为良，60-80分为中。');
    const above = bandsIn('90分以上为优。');
    expect(range.map((b) => b.maxInclusive)).toEqual([null, null]);
    const document = combinedBands([range, above]);
    const report = combinedBands([range]);
    // 良 80-90: open where 优 starts at 90 in the document, closed in the report that prints no 优
    expect(document?.find((b) => b.grade === '良')?.maxInclusive).toBe(false);
    expect(report?.find((b) => b.grade === '良')?.maxInclusive).toBe(true);
    expect(range.map((b) => b.maxInclusive)).toEqual([null, null]);
    expect(bandsIn('部门整体支出情况良好。')).toEqual([]);
  });
});
