import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { producerPdf, type Producer } from '../../bench/producers-corpus.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { tables } from './helpers.js';

/**
 * Real reports of the corpus (test/corpus/real) printed by other programs than LibreOffice, each a
 * file made here by the program itself (bench/producers-corpus.ts runs all 51 documents; these are
 * representatives of the divergences it found). Each must give the findings of its .docx — same
 * rule, same values.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

async function compare(id: string, producer: Producer) {
  const dir = join('test/corpus/real', id);
  const docx = new Uint8Array(readFileSync(join(dir, `${id}.docx`)));
  const pdf = await producerPdf(producer, docx, new Uint8Array(readFileSync(join(dir, `${id}.pdf`))));
  const [reference, run] = [await pipeline(docx, `${id}.docx`), await pipeline(pdf, `${id}-${producer}.pdf`)];
  const m = matchFindings(reference.findings, run.findings);
  return { reference, run, missed: m.missed.map(key), extra: m.extra.map(key) };
}

describe('Chromium "print to PDF" of the report as a web page, tables ruled', () => {
  it('a merged 绩效指标 column over two page breaks, not redrawn by the browser on the continuation: one table, the .docx findings', async () => {
    const { run, missed, extra } = await compare('he-langfang-shipin-2019', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    // One indicator table over pages 1–3, not three tables with shifted columns.
    const form = tables(run.document).filter((t) => t.cells.some((c) => c.text.includes('三级指标')));
    expect(form.map((t) => [t.page, t.pageEnd, t.nCols])).toEqual([[1, 3, 9]]);
  }, 240_000);

  it('a line that ends before "元。" because the pair would not fit (行首禁则) is wrapped, not a paragraph end: the narrative sum reads all five parts', async () => {
    const { missed, extra } = await compare('ah-guichi-cunji-2022', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  }, 240_000);
});

describe('Chromium "print to PDF" of the report as a web page, tables without any border', () => {
  it('generous cell padding (every row gap wider than 2.5 font sizes) and ≥ from a fallback font: the form is found, the .docx findings', async () => {
    const { run, missed, extra } = await compare('ah-guichi-tangxi-2022', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(run.report.projects[0]?.indicators.length).toBeGreaterThanOrEqual(8);
    // Resting on an inferred grid: never an error.
    expect(run.findings.filter((f) => f.severity === 'error' && f.evidence.some((e) => e.location.gridInferred))).toEqual([]);
  }, 240_000);

  it('the 总分 row alone at the top of the next page is the table\'s last row: the score sums are checked as in the .docx', async () => {
    const { missed, extra } = await compare('hb-ezhou-czj-2019', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  }, 240_000);

  it('a 分值 alone in a sparse column is a value of its row, not a merged label stretched over the 其中 rows', async () => {
    const { run, extra } = await compare('ah-xiaoxian-hexi-2023', 'chromium-ruleless');
    expect(extra.filter((k) => !k.startsWith('coverage'))).toEqual([]);
    const form = tables(run.document).find((t) => t.cells.some((c) => c.text.includes('其中桃树种植面积')))!;
    expect(form.cells.filter((c) => /^\d+(\.\d+)?$/u.test(c.text.trim()) && c.rowSpan > 1)).toEqual([]);
  }, 240_000);

  it('a 原因 cell merged over five rows beside them does not make the rows one: each fund source its own row, no "split number"', async () => {
    const { run, extra } = await compare('sc-qingshen-fgj-2023', 'chromium-ruleless');
    expect(extra.filter((k) => k.startsWith('split-numbers'))).toEqual([]);
    const form = tables(run.document).find((t) => t.cells.some((c) => c.text.includes('财政专户管理资金')))!;
    const rowOf = (label: string) => form.cells.find((c) => c.text.replace(/\s+/gu, '').includes(label))!.row;
    expect(new Set([rowOf('其中:财政资金'), rowOf('财政专户管理资金'), rowOf('单位资金')]).size).toBe(3);
  }, 240_000);

  it('a 预期目标 cell merged over columns, its last line "元。" under a wide line and a line of dot leaders below: one cell, the narrative sum reads all five parts', async () => {
    // Found: "元。.." reached no column's text and was read into the narrow first column; the dot
    // leaders became a row of their own (模板占位符) and the 实际完成情况 cell was cut at a line
    // set at the table's own leading (wider than the fixed 0.45 em of wrapped lines).
    const { run, missed, extra } = await compare('ah-guichi-cunji-2022', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const goal = tables(run.document)[0].cells.find((c) => c.text.includes('本项目共申请预算资金'))!;
    expect(goal.text.replace(/\s+/gu, '')).toMatch(/奖励100000元。\.+$/u);
    expect(tables(run.document)[0].cells.some((c) => c.text.replace(/\s+/gu, '').endsWith('村级工作目标奖励50000元。'))).toBe(true);
  }, 240_000);
});
