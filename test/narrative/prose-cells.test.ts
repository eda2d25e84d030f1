import { describe, expect, it } from 'vitest';
import type { Report } from '../../schemas/report.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';
import { docxToPdf } from '../fixtures/generator/pdf.js';

/**
 * Prose kept in table cells, the layouts beyond "section label | prose" (prose-cells.ts): the label in a row of
 * its own over the prose, and labels naming what a report tells (绩效目标, 主要做法) rather than a section heading.
 * Each case is a .docx written in the corpus's source format and read through the whole pipeline.
 */

const STORY = '2021年市财政安排项目预算支出合计300万元，其中设备购置100万元，运行维护200万元，资金主要用于支付污水处理厂的运营服务费及污泥处理服务费。';
const GOAL = '通过项目实施，全年新建污水管网12公里，改造雨污分流管网8公里，城市生活污水集中收集率达到75%以上，保障城区水环境安全。';
const PRACTICE = '一是建立周调度机制，全年召开调度会24次；二是聘请第三方机构开展运营考核4次，考核结果与服务费支付挂钩，确保资金使用效益。';

async function read(source: string, format: 'docx' | 'pdf' = 'docx'): Promise<Report> {
  const docx = writeBlocksDocx(parseSource(source), { title: 'prose-cells', creator: 'prose-cells' }, { producer: 'word' });
  const bytes = format === 'pdf' ? await docxToPdf(docx) : docx;
  const { result } = await runPipeline({ bytes, file: `prose-cells.${format}` });
  expect(result.status).toBe('ok');
  expect(result.discrepancies.filter((f) => f.severity !== 'info')).toEqual([]);
  return result.report!;
}

const TITLE = '= 某市2021年污水处理费项目绩效评价报告';

describe('prose in table cells: the layouts beyond label | prose', () => {
  it('a section label in a row of its own, over wide cells of prose, is read as that section (.docx)', async () => {
    const report = await read([TITLE, '[table 2]', '项目名称 | 某市2021年污水处理费项目', '项目基本情况{c2}', `${STORY}{c2}`, `${PRACTICE}{c2}`, '项目负责人 | 张三', `${GOAL}{c2}`, '[/table]'].join('\n'));
    const stats = report.statistics ?? [];
    const total = stats.find((s) => s.figure.text === '300万元');
    expect(total?.loc).toMatchObject({ paragraph: null, row: 2, col: 0 });
    expect(total?.section).toBe('项目基本情况');
    expect(stats.filter((s) => s.partOf === total?.id).map((s) => s.figure.text)).toEqual(['100万元', '200万元']);
    // the story's second paragraph belongs to the same section; a wide cell after a field row belongs to none
    expect(stats.find((s) => s.figure.text === '24次')?.section).toBe('项目基本情况');
    expect(stats.some((s) => s.figure.text === '12公里')).toBe(false);
    // the label row is not prose, and the story is read once
    expect(stats.filter((s) => s.figure.text === '300万元')).toHaveLength(1);
  }, 60_000);

  it('labels naming a report\'s content (年度绩效目标, 主要做法) read their prose, once, in their section', async () => {
    const report = await read([TITLE, '[table 2]', '项目名称 | 某市2021年污水处理费项目', `年度绩效目标 | ${GOAL}`, `主要做法 | ${PRACTICE}`, '[/table]'].join('\n'));
    const stats = report.statistics ?? [];
    const bySection = (section: string) => stats.filter((s) => s.section === section).map((s) => s.figure.text);
    expect(bySection('年度绩效目标')).toEqual(expect.arrayContaining(['12公里', '8公里']));
    expect(bySection('主要做法')).toEqual(expect.arrayContaining(['24次', '4次']));
    expect(stats.filter((s) => s.figure.text === '12公里')).toHaveLength(1);
  }, 60_000);

  it('a form\'s own goal fields (年度总体目标 | 预期目标 | 实际完成情况) are left to the form: no figure from its cells', async () => {
    const report = await read(
      [TITLE, `项目基本情况：${STORY}`, '[table 3]', '年度总体目标{r2} | 预期目标 | 实际完成情况', `${GOAL} | ${GOAL}`, `绩效目标 | ${GOAL} | ${GOAL}`, '[/table]'].join('\n'),
    );
    const fromCells = (report.statistics ?? []).filter((s) => s.loc.paragraph === null);
    expect(fromCells).toEqual([]);
  }, 60_000);

  const CONCLUSION = '经综合评价，该项目绩效评价得分为92分，评价等级为优，全年处理污水3,650万吨，出水水质达标率100%，项目实施效果良好。';
  const TABLE_ONLY = ['[table 2]', '某市2021年污水处理费项目绩效评价报告{c2}', '项目名称 | 某市2021年污水处理费项目', `项目基本情况 | ${STORY}`, `评价结论 | ${CONCLUSION}`, '[/table]'];

  it('a page whose only title is the table\'s first row is read as a report when its rows are sections in prose', async () => {
    const table = TABLE_ONLY;
    const report = await read(table.join('\n'));
    expect(report.narratives.map((n) => n.title)).toEqual(['某市2021年污水处理费项目绩效评价报告']);
    // the title is located at its cell, not at a paragraph the report does not have
    expect(report.narratives[0].titleLocation).toMatchObject({ table: 0, row: 0, col: 0, paragraph: null });
    const stats = report.statistics ?? [];
    const total = stats.find((s) => s.figure.text === '300万元');
    expect(total?.loc).toMatchObject({ paragraph: null, row: 2, col: 1 });
    expect(stats.filter((s) => s.partOf === total?.id).map((s) => s.figure.text)).toEqual(['100万元', '200万元']);
    expect(stats.find((s) => s.figure.text === '3,650万吨')?.section).toBe('评价结论');
    // the same table under a form's title (…自评表) is a form, not a report
    const form = await read(table.map((l) => l.replace('绩效评价报告{c2}', '绩效自评表{c2}')).join('\n'));
    expect(form.narratives).toEqual([]);
  }, 60_000);

  it('the same table-only page printed to PDF gives the same report and cells', async () => {
    const report = await read(TABLE_ONLY.join('\n'), 'pdf');
    expect(report.narratives.map((n) => n.title)).toEqual(['某市2021年污水处理费项目绩效评价报告']);
    expect(report.narratives[0].titleLocation).toMatchObject({ table: 0, row: 0, col: 0, page: 1, paragraph: null });
    const total = (report.statistics ?? []).find((s) => s.figure.text === '300万元');
    expect(total?.loc).toMatchObject({ paragraph: null, row: 2, col: 1 });
    expect(total?.section).toBe('项目基本情况');
  }, 60_000);
});
