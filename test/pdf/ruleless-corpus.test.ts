import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { producerPdf } from '../../bench/producers-corpus.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { squeeze, tables } from './helpers.js';
import type { TableBlock } from '../../schemas/document.js';

/**
 * Real reports of the corpus (test/corpus/real) as web pages printed by Chromium with every table
 * border removed (bench/producers-corpus.ts, chromium-ruleless; files cached by
 * test/fixtures/producers/cache.ts): the grid comes from text positions alone and must give the
 * findings of the .docx — same rule, same values — and the cells the ruled form has.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

async function ruleless(id: string) {
  const dir = join('test/corpus/real', id);
  const docx = new Uint8Array(readFileSync(join(dir, `${id}.docx`)));
  const pdf = await producerPdf('chromium-ruleless', docx, new Uint8Array(readFileSync(join(dir, `${id}.pdf`))));
  const [reference, run] = [await pipeline(docx, `${id}.docx`), await pipeline(pdf, `${id}-ruleless.pdf`)];
  const m = matchFindings(reference.findings, run.findings);
  return { reference, run, missed: m.missed.map(key), extra: m.extra.map(key) };
}

const cell = (t: TableBlock, text: string) => t.cells.find((c) => squeeze(c.text) === text);
const rowOf = (t: TableBlock, text: string) => cell(t, text)?.row;

describe('Chromium print of a real report with no table borders', () => {
  it('a continuation past a blank row whose columns only the page before showed, and rows of labels alone after it: one form over three pages, the .docx findings', async () => {
    // Found: page 2's rows under the blank row (效益指标 …, a 0 in the 偏差原因 column empty above it
    // on that page) were a table of their own with eight columns, read against the form's header
    // shifted by one (指标「100」, six false warnings); 生态效益指标's rows with no values (指标1 /
    // 指标2 / ……) ended the region, so page 3 was no continuation.
    const { run, missed, extra } = await ruleless('he-langfang-shipin-2019');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const forms = tables(run.document).filter((t) => t.cells.some((c) => c.text.includes('三级指标')));
    expect(forms.map((t) => [t.page, t.pageEnd, t.nCols])).toEqual([[1, 3, 9]]);
    // A label of two paragraphs (经济效益 / 指标) around the row it is centred on: one cell.
    expect(cell(forms[0], '经济效益指标')?.rowSpan).toBe(3);
  }, 240_000);

  it('a page of one-line rows (no wrapped cell), a column with text on one line of the page, a label of two paragraphs around its value: the rows and columns of the ruled form', async () => {
    // Found: the row gaps of page 2 (all alike) were taken for the leading of wrapped text, so the
    // 三级指标 column became one cell "到位时效资金使用…"; 55 (一级 分值) was read into 项目产出's
    // column; 计划投资额 / (万元) were two rows with 570 between them, so no budget was read.
    const { run, missed, extra } = await ruleless('hi-shangwu-fuwumaoyi');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    // The 资金 form and the indicator form are two tables, as in the .docx.
    const form = tables(run.document).find((t) => cell(t, '到位时效'))!;
    const budget = tables(run.document).find((t) => cell(t, '计划投资额(万元)'))!;
    expect(rowOf(form, '资金使用')).toBe(rowOf(form, '到位时效')! + 1);
    expect(cell(form, '55')?.col).not.toBe(cell(form, '项目产出')?.col);
    expect(rowOf(budget, '计划投资额(万元)')).toBe(rowOf(budget, '570'));
  }, 240_000);

  it('a cover page and a heading set larger above a form: not its rows; its columns those of its first rows, however long its merged cells', async () => {
    // Found: 部门(单位)名称：…, 报告日期 and 一、部门(单位)基本概况 (11.8 pt over 9.9 pt cells) were taken
    // as the form's first rows and widened its first column; the 吴俊 | 联络电话 | 8690022 columns,
    // two lines among twenty of merged cells' wrapped text, were dropped as strays: a table of two
    // columns no part took (有1张表格未归入任何部分).
    const { run, missed, extra } = await ruleless('hn-yueyang-szcg-2018');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const form = tables(run.document).find((t) => t.cells.some((c) => squeeze(c.text) === '联系人'))!;
    expect(form.nCols).toBe(4);
    expect(form.cells.filter((c) => c.row === rowOf(form, '联系人')).map((c) => squeeze(c.text))).toEqual(['联系人', '吴俊', '联络电话', '8690022']);
    expect(form.cells.some((c) => c.text.includes('报告日期'))).toBe(false);
  }, 240_000);

  it('text set at the start of its cells: a row of a label and one value is the value merged over the rest of the row (总分 | 99.55分), as the .docx', async () => {
    const { reference, run, missed, extra } = await ruleless('hb-huangshi-haimian-2022');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const total = (t: TableBlock) => cell(t, '99.55分')!;
    const [ruled] = tables(reference.document);
    const [form] = tables(run.document);
    expect([total(form).col, total(form).col + total(form).colSpan]).toEqual([total(ruled).col, total(ruled).col + total(ruled).colSpan]);
  }, 240_000);
});
