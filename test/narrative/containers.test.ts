import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { NarrativeReport } from '../../schemas/narrative.js';
import { extractStats } from '../../src/narrative/extract.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { findReports } from '../../src/narrative/reports.js';
import { runPipeline } from '../../src/pipeline.js';

/**
 * The narrative analysis does not depend on the container: headings are told by style, else font
 * size, else text shape; pages follow page breaks inside a paragraph; statistic ids ignore whitespace.
 */

/** Paragraphs as a parser gives them: [text, font size (PDF) or heading style (Word) or nothing]. */
function model(format: DocumentModel['format'], lines: Array<[string, (number | string)?]>): DocumentModel {
  const blocks: ParagraphBlock[] = lines.map(([text, mark], i) => ({
    kind: 'paragraph',
    block: i,
    paragraph: i,
    text,
    style: typeof mark === 'string' ? mark : null,
    page: format === 'pdf' ? 1 : null,
    bbox: null,
    ...(typeof mark === 'number' ? { fontSize: mark } : {}),
  }));
  return { format, pages: format === 'pdf' ? 1 : null, blocks, issues: [] };
}

const PROSE_A = '总体来看，部门整体绩效目标完成情况较好。全年监管房屋工程项目101个，总建筑面积约285.17万平方米，总造价约51.53亿元。';
const PROSE_B = '始终把政治建设、廉政建设和加强内部管理摆在中心位置，全年组织召开专题会议13次，开展专项检查11次，下发整改通知书232份。';
const PROSE_C = '推动建筑业企业做大做强，全年新增建筑业企业12家，协助协调解决农民工工资欠薪事件40件，保障农民工合法权益。';

const sectionsOf = (doc: DocumentModel) => findReports(doc).map((r) => r.sections.map((s) => [s.heading, s.level, s.key]));

describe('section headings in every container', () => {
  const expected = [
    [
      ['六、部门整体支出绩效情况', 1, 'dept-performance'],
      ['一、着力加强政治建设，筑牢党风廉政思想根基。', 2, null],
      ['二、全力提升服务水平，助推行业高质量发展', 2, null],
      ['七、存在的问题及原因分析', 1, 'problems'],
    ],
  ];

  it('PDF: a line set larger than the body is a heading, levels ranked by size; a cover page is not', () => {
    const pdf = model('pdf', [
      ['2023年度某某服务中心', 22],
      ['部门整体支出', 22],
      ['绩效自评报告', 22],
      ['部门名称：某某服务中心(盖章)', 16],
      ['年月日', 16],
      ['2023年度某某服务中心部门整体支出绩效自评报告', 18],
      ['六、部门整体支出绩效情况', 15],
      [PROSE_A, 12],
      ['一、着力加强政治建设，筑牢党风廉政思想根基。', 14],
      [PROSE_B, 12],
      ['二、全力提升服务水平，助推行业高质量发展', 14],
      [PROSE_C, 12],
      ['七、存在的问题及原因分析', 15],
      [PROSE_A, 12],
    ]);
    expect(sectionsOf(pdf)).toEqual(expected);
    expect(findReports(pdf)[0].first).toBe(0);
    // the same lines at body size: only the text tells, and it tells the same sections
    const flat = model('pdf', pdf.blocks.map((b) => [(b as ParagraphBlock).text, 12]));
    expect(sectionsOf(flat)).toEqual(expected);
  });

  it('Word with heading styles: levels ranked by style within the report', () => {
    const word = model('docx', [
      ['2023年度某某服务中心部门整体支出绩效自评报告', 'Heading1'],
      ['六、部门整体支出绩效情况', 'Heading2'],
      [PROSE_A],
      ['一、着力加强政治建设，筑牢党风廉政思想根基。', 'Heading3'],
      [PROSE_B],
      ['二、全力提升服务水平，助推行业高质量发展', 'Heading3'],
      [PROSE_C],
      ['七、存在的问题及原因分析', 'Heading2'],
      [PROSE_A],
    ]);
    expect(sectionsOf(word)).toEqual(expected);
  });

  it('Word without heading styles (WPS, pandoc): a numbered one-line title over prose, but not a list item', () => {
    const word = model('docx', [
      ['2023年度某某服务中心部门整体支出绩效自评报告'],
      ['六、部门整体支出绩效情况'],
      [PROSE_A],
      ['一、着力加强政治建设，筑牢党风廉政思想根基。'],
      [PROSE_B],
      ['二、全力提升服务水平，助推行业高质量发展'],
      [PROSE_C],
      ['七、存在的问题及原因分析'],
      ['（1）贯彻执行国家、省、市关于建筑行业管理法律、法规；'],
      ['（2）加强监督检查，压实主体责任。'],
      [PROSE_A],
    ]);
    expect(sectionsOf(word)).toEqual(expected);
    expect(findReports(word)[0].body.map((p) => p.text)).toContain('（2）加强监督检查，压实主体责任。');
  });

  it('seed.docx with every heading style removed gives the sections it gives with them', async () => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'samples', 'seed.docx')));
    const { result, document } = await runPipeline({ bytes, file: 'seed.docx' });
    const unstyled: DocumentModel = { ...document!, blocks: document!.blocks.map((b) => (b.kind === 'paragraph' ? { ...b, style: null } : b)) };
    const sections = (narratives: NarrativeReport[]) => narratives.map((n) => n.sections.map((s) => `${s.level} ${s.key} ${s.heading} ${s.paragraphs.join(',')}`));
    expect(sections(analyzeNarrative(unstyled, result.report!).narratives)).toEqual(sections(result.report!.narratives));
    expect(result.report!.narratives[0].sections).toHaveLength(16);
  }, 60_000);
});

describe('statistics in every container', () => {
  const ctx = { part: '测试', narrative: 0, sectionOf: () => null };
  const paragraph = (text: string, extra: Partial<ParagraphBlock> = {}): ParagraphBlock => ({ kind: 'paragraph', block: 7, paragraph: 7, text, style: null, page: null, bbox: null, ...extra });

  it('ids ignore whitespace (typed spaces in Word, none in a PDF); spans stay true to each text', () => {
    const wordText = '    公开招标项目共计 14 个，总金额78089.7763万元。';
    const word = extractStats([paragraph(wordText)], false, ctx);
    const pdf = extractStats([paragraph('公开招标项目共计14个，总金额78089.7763万元。', { page: 3 })], true, ctx);
    expect(word.map((s) => s.id)).toEqual(pdf.map((s) => s.id));
    expect(pdf.map((s) => s.id)).toEqual(['p7:8', 'p7:15']);
    expect(word.map((s) => s.loc.span)).toEqual([
      [13, 17],
      [21, 33],
    ]);
    expect(word.map((s) => wordText.slice(...s.loc.span!))).toEqual(['14 个', '78089.7763万元']);
    expect(word.map((s) => s.partOf)).toEqual(pdf.map((s) => s.partOf));
  });

  it('a figure after a page break inside its paragraph is on the later page', () => {
    const text = '全年监管房屋工程项目101个，开展专项检查11次，下发整改通知书232份。';
    const breakAt = text.indexOf('开展');
    const stats = extractStats([paragraph(text, { page: 14, pageBreaks: [{ offset: breakAt, page: 15 }] })], true, ctx);
    expect(stats.map((s) => [s.figure.text, s.loc.page])).toEqual([
      ['101个', 14],
      ['11次', 15],
      ['232份', 15],
    ]);
  });
});
