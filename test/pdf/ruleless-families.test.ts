import { describe, expect, it } from 'vitest';
import { layoutDocument, seedSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { squeeze, tables } from './helpers.js';
import type { TableBlock } from '../../schemas/document.js';

/**
 * Generated reports with planted errors (bench/producers-planted.ts), printed by Chromium twice
 * from the same HTML: with the tables' borders and with none. The grid read from text positions
 * alone must be the ruled print's — each form's rows with text, each cell's column, columns
 * spanned and text — and the findings the .docx's.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

/** Rows with text: each cell's first column, columns spanned and text (blank rows show nothing). */
const rows = (t: TableBlock) =>
  Array.from({ length: t.nRows }, (_, r) => t.cells.filter((c) => c.row === r && squeeze(c.text)).map((c) => `${c.col}+${c.colSpan} ${squeeze(c.text)}`)).filter((r) => r.length);
/** The same, texts only. */
const texts = (t: TableBlock) => rows(t).map((r) => r.map((c) => c.replace(/^\d+\+\d+ /u, '')));

async function prints(i: number) {
  const { spec } = plantedReport(i);
  const blocks = layoutDocument(spec);
  const [docx, ruled, ruleless] = [
    await pipeline(writeDocx(spec), `planted-${i}.docx`),
    await pipeline(chromiumPdf(reportHtml(blocks, { tables: 'ruled' })), `planted-${i}-ruled.pdf`),
    await pipeline(chromiumPdf(reportHtml(blocks, { tables: 'ruleless' })), `planted-${i}-ruleless.pdf`),
  ];
  const m = matchFindings(docx.findings, ruleless.findings);
  return { ruled: tables(ruled.document), ruleless: tables(ruleless.document), missed: m.missed.map(key), extra: m.extra.map(key), docx };
}

describe('generated reports printed by Chromium without table borders: the ruled grid, the .docx findings', () => {
  it('sichuan-linkage (二级指标 and 三级指标 columns, 得分 over two columns): every form the ruled grid', async () => {
    // Found: 预期目标, centred over four columns, lay beside a 全年预算数 figure and split the
    // 三级指标 texts over two columns (二级+三级 read as one); 社会效益指标 of two lines, over a row of
    // one line and a row of two, made them one row ("6⏎7"); 得分 over the last two columns of the
    // 项目资金 rows was put in the last; 总分's 得分 was stretched over empty columns to the edge.
    const { ruled, ruleless, missed, extra, docx } = await prints(3);
    expect(docx.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(ruleless.length).toBe(ruled.length);
    for (const [k, t] of ruled.entries()) expect(rows(ruleless[k])).toEqual(rows(t));
  }, 240_000);

  it('sichuan (一级指标 labels over a remark of five lines, rows carried over the page break, a two-row header): the ruled grid', async () => {
    // Found: 产出指标, centred over seven rows, was measured from a row border under the first
    // row's five-line remark and put on two rows (its first indicator then counted under no group:
    // "「产出指标」标明50分，其下5个三级指标分值合计32分"); the 合计 and 评价结论 rows over the page
    // break, and a last row 改进/措施 beside 无, were left out of the form; the headers centred over
    // both header rows (三级指标, 完成值, 权重, 得分) were read with the second, and 年度指标值 over
    // the columns they left empty in the first.
    const { ruled, ruleless, missed, extra } = await prints(2);
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(ruleless.map((t) => [t.page, t.pageEnd])).toEqual(ruled.map((t) => [t.page, t.pageEnd]));
    const carried = /评价结论|存在问题|改进措施|合计/u;
    for (const [k, t] of ruled.entries()) {
      expect(texts(ruleless[k])).toEqual(texts(t));
      // Columns too, but for the rows carried over a page (spans measured on the page they are on).
      const own = (rs: string[][]) => rs.filter((r) => !carried.test(r.join('')));
      expect(own(rows(ruleless[k]))).toEqual(own(rows(t)));
    }
  }, 240_000);

  it('hunan and mof-2020 (one-row headers, 得分 over the last columns): the forms the ruled grid', async () => {
    for (const i of [5, 9]) {
      const { ruled, ruleless, missed, extra } = await prints(i);
      expect({ i, missed, extra }).toEqual({ i, missed: [], extra: [] });
      const forms = ruled.map((t, k) => k).filter((k) => ruled[k].nCols === 9);
      expect(forms.length).toBeGreaterThan(1);
      for (const k of forms) expect({ i, k, rows: rows(ruleless[k]) }).toEqual({ i, k, rows: rows(ruled[k]) });
    }
  }, 240_000);

  it('mof-2020 with the target split (指标性质/指标值/度量单位): a lone 定性 in a blank indicator row stays in its column, 得分 and 偏差原因 two columns — the .docx findings', async () => {
    // Found: the 工作经费 form's blank indicator row holds only 定性 (its 指标性质), centred like the
    // column's other 定性; on page 6, where the 绩效指标 column has no text, it was stretched over
    // the hierarchy's columns and cut 产出指标 short (「产出指标」标明30分，其下15个三级指标分值合计17分).
    // And 年只有27个 of the 偏差原因 cell reached 0.3 pt into 得分 / 10 centred over the 项目资金
    // rows' merged 得分: one band, so 得分 | 偏差原因 and 0.5 | 根据市场… were each one cell.
    const spec = toFamily(seedSpec(), 'mof-2020');
    const options = { splitTarget: true };
    const [docx, run] = [
      await pipeline(writeDocx(spec, options), 'mof-2020-split.docx'),
      await pipeline(chromiumPdf(reportHtml(layoutDocument(spec, options), { tables: 'ruleless' })), 'mof-2020-split-ruleless.pdf'),
    ];
    const notInfo = <T extends { severity: string }>(fs: readonly T[]) => fs.filter((f) => f.severity !== 'info');
    const m = matchFindings(notInfo(docx.findings), notInfo(run.findings));
    expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
    const form = tables(run.document).find((t) => t.cells.some((c) => squeeze(c.text) === '工作经费'))!;
    const cell = (text: string) => form.cells.find((c) => squeeze(c.text) === text);
    const header = form.cells.filter((c) => c.row === cell('三级指标')!.row);
    expect(header.map((c) => `${c.colSpan} ${squeeze(c.text)}`).slice(-3)).toEqual(['1 分值', '1 得分', '1 偏差原因分析及改进措施']);
    const lone = form.cells.filter((c) => squeeze(c.text) === '定性' && !form.cells.some((o) => o !== c && o.row === c.row && squeeze(o.text)));
    expect(lone.map((c) => [c.col, c.colSpan])).toEqual([[cell('指标性质')!.col, 1]]);
  }, 240_000);
});
