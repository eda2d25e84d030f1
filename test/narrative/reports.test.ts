import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../schemas/document.js';
import { findReports } from '../../src/narrative/reports.js';
import { paragraphs } from './helpers.js';

function table(block: number, index: number): Block {
  return { kind: 'table', block, table: index, nRows: 1, nCols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '1', page: null, bbox: null }], grid: [[0]], page: null, pageEnd: null, source: 'markup', confidence: 1 };
}

/** Lines without heading styles (as a PDF gives them); "<table>" stands for a table block. */
function doc(lines: string[]): DocumentModel {
  const blocks: Block[] = [];
  let paragraph = 0;
  let tables = 0;
  lines.forEach((line, i) => {
    if (line === '<table>') blocks.push(table(i, tables++));
    else blocks.push({ ...paragraphs([line], paragraph++)[0], block: i });
  });
  return { format: 'pdf', pages: 1, blocks, issues: [] };
}

describe('narrative reports and sections', () => {
  it('finds sections by heading text whatever the numbering, and folds the cover page', () => {
    const reports = findReports(
      doc([
        '2023年度汨罗市建筑工程服务中心',
        '部门整体支出',
        '绩效自评报告',
        '部门名称：汨罗市建筑工程服务中心(盖章)',
        '2023年度汨罗市建筑工程服务中心部门整体支出绩效自评报告',
        '1、 部门基本情况',
        '我单位下设10个站室。',
        '二、一般公共预算支出情况',
        '（一）基本支出情况',
        '2023年基本支出数为592.17万元。',
        '4、 国有资本经营预算支出情况',
        '2023年度本单位无国有资本经营安排的支出',
        '8、 下一步改进措施',
        '一是深化“清廉机关”建设。',
        '报告需要以下附件：',
        '1、部门整体支出绩效评价基础数据表',
        '2、部门整体支出绩效自评表',
      ]),
    );
    expect(reports).toHaveLength(1);
    const r = reports[0];
    expect(r.kind).toBe('dept');
    expect(r.first).toBe(0);
    expect(r.sections.map((s) => [s.key, s.level])).toEqual([
      ['dept-basics', 1],
      ['general-budget', 1],
      ['basic-spending', 2],
      ['state-capital', 1],
      ['improvements', 1],
    ]);
    // the attachment list after "…附件：" is not a run of headings
    expect(r.body.map((p) => p.text)).toContain('2、部门整体支出绩效自评表');
  });

  it('a report ends where a captioned form begins; a table inside the prose does not end it', () => {
    const reports = findReports(
      doc([
        '项目支出绩效评价报告',
        '一、项目支出基本情况',
        '本项目资金20万元，明细如下：',
        '<table>',
        '截止2023年12月31日，项目开支20万元。',
        '附件：2023年度项目支出绩效自评表',
        '<table>',
        '填表人：柳灿  联系电话：15292005668',
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].kind).toBe('project');
    expect(reports[0].body.map((p) => p.text)).toEqual(['本项目资金20万元，明细如下：', '截止2023年12月31日，项目开支20万元。']);
  });
});
