import { describe, expect, it } from 'vitest';
import { paragraphs, tables } from './helpers.js';
import { compare } from './corpus-prints.js';

/**
 * Corpus reports (test/corpus/real) printed by Chromium, cairo and an incremental save, each file made here by
 * the program itself: the divergences bench/producers-corpus.ts found over the documents never run through every
 * producer before (bench/results/producers-corpus-2026-12-08-producers32-*.json). Each print must give the
 * findings of its .docx — same rule, same values — and read what it reads.
 */
describe('a ruled table cut by a page break (Chromium: the cut row keeps its side borders, no bottom rule)', () => {
  it('the merged 预算执行情况 label running into the open band does not swallow the budget rows beside it', async () => {
    const { reference, run, missed, extra } = await compare('sc-daying-anke-2023', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const form = tables(run.document).find((t) => t.cells.some((c) => c.text.includes('财政专户管理资金')))!;
    const cell = (text: string) => form.cells.find((c) => c.text.replace(/\s+/gu, '') === text);
    // each budget figure in its own cell of its row, as in the .docx (was one cell over 8 columns and 6 rows)
    expect(cell('总额')).toMatchObject({ rowSpan: 1, colSpan: 1 });
    expect(form.cells.find((c) => c.row === cell('总额')!.row && c.col === cell('总额')!.col + 2)?.text).toBe('3.36');
    // no cell overlaps another
    const taken = new Set<string>();
    for (const c of form.cells)
      for (let r = c.row; r < c.row + c.rowSpan; r++)
        for (let k = c.col; k < c.col + c.colSpan; k++) {
          expect(taken.has(`${r}:${k}`)).toBe(false);
          taken.add(`${r}:${k}`);
        }
    // the budget rows and their 年初预算 / 调整后预算数 as in the .docx (the page-2 其他资金 row, two grid rows high
    // beside the continued 原因 cell, is read twice: a matter of the page join, counted once here)
    const rows = (r: typeof run) => [...new Set(r.report.projects.flatMap((p) => p.budget?.rows ?? []).map((b) => [b.label, b.initialBudget?.text, b.fullYearBudget?.text].join(' ')))];
    expect(rows(reference).length).toBe(5);
    expect(rows(run)).toEqual(rows(reference));
  }, 240_000);
});

describe('Chromium "print to PDF": a line wrapped before a number that an opening quotation mark follows', () => {
  it('"…占比" over "46%,“中(一般)”…" is one paragraph (the number, its comma, the quote and 中 go down together): no false grade tally', async () => {
    const { run, missed, extra } = await compare('zj-wencheng-pingjia-2024', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(paragraphs(run.document).some((p) => p.includes('占比46%,“中(一般)”的22个'))).toBe(true);
  }, 240_000);
});

describe('Chromium "print to PDF" in a TrueType CJK font: a line wrapped before "(B/A)"', () => {
  it('"…執行率" over "(B/A)得分…" is one paragraph (the slash does not part B from A): the form run into the prose is read', async () => {
    const { reference, run, missed, extra } = await compare('hb-huanggang-danganguan-2020', 'chromium-truetype');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(paragraphs(run.document).some((p) => p.startsWith('(B/A)'))).toBe(false);
    expect(run.report.projects.length).toBe(reference.report.projects.length);
    expect(run.report.projects.length).toBeGreaterThan(0);
  }, 240_000);
});

describe('cairo (pdftocairo -pdf, Firefox / Evince "打印到文件"): each space drawn in a font of its own', () => {
  it('a space before a run that repeats the start of the run before ("总体目标完成情况 总体目标") is kept: the form read from its lines finds the narrative sum', async () => {
    const { run, missed, extra } = await compare('sc-wangcang-jiyao-2021', 'cairo');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(paragraphs(run.document)).toContain('总体目标完成情况 总体目标 全年实际完成情况');
    expect(paragraphs(run.document).some((p) => p.startsWith('数量指标 指标1'))).toBe(true);
  }, 240_000);

  it('a cover whose field lines the print runs two to a line (部門(單位)名稱：… 預算編碼：…) still opens the report: its story and counts are read', async () => {
    const { reference, run, missed, extra } = await compare('hn-yueyangxian-zhengxie-2019', 'cairo');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    // the cover's lines as cairo lays them out: no paragraph that the .docx's title rule would read as a title
    expect(paragraphs(run.document).some((p) => /^報告日期/u.test(p))).toBe(true);
    expect(reference.report.narratives.length).toBe(1);
    expect(run.report.narratives.length).toBe(1);
    const counts = (r: typeof run) => r.report.statistics.map((s) => `${s.figure.value}${s.figure.unit ?? ''}`).sort();
    expect(counts(run)).toEqual(counts(reference));
    expect(counts(run)).toEqual(expect.arrayContaining(['9次', '7次']));
  }, 240_000);
});

describe('reviewed and saved incrementally: a stamp drawn into the page above the first line', () => {
  it('a report titled by its site caption (the file name) keeps that title under the stamp ("APPROVED")', async () => {
    const { reference, run, missed, extra } = await compare('xx-yuye-zengzhi-2019', 'incremental');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(paragraphs(run.document)[0]).toBe('APPROVED');
    const titles = (r: typeof run) => r.report.narratives.map((n) => n.title);
    expect(titles(reference)[0]).toContain('渔业增殖放流');
    expect(titles(run)).toEqual(titles(reference));
  }, 240_000);
});
