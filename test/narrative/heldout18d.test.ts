import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentModel, TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { checkModel as check } from '../helpers/check.js';

/**
 * Held-out 18d: a 绩效评价报告 published as its summary table (项目名称 | … / 项目基本情况 | the whole story in one
 * cell). The prose of such cells is read as narrative, located by its cell (湘潭 污水处理费 2021).
 */

const DIR = new URL('../corpus/real/hn-xiangtan-wushuifei-2021/', import.meta.url);

/** A document of a title and one two-column table, one row per [label, value]. */
function tableDoc(title: string, rows: Array<[string, string]>, source: TableBlock['source'] = 'markup'): DocumentModel {
  const cells = rows.flatMap(([label, value], r) => [
    { row: r, col: 0, rowSpan: 1, colSpan: 1, text: label, page: null, bbox: null },
    { row: r, col: 1, rowSpan: 1, colSpan: 1, text: value, page: null, bbox: null },
  ]);
  const table: TableBlock = { kind: 'table', block: 1, table: 0, nRows: rows.length, nCols: 2, cells, grid: rows.map((_, r) => [2 * r, 2 * r + 1]), page: null, pageEnd: null, source, confidence: 1 };
  return { format: 'docx', pages: null, blocks: [{ kind: 'paragraph', block: 0, paragraph: 0, text: title, style: null, page: null, bbox: null }, table], issues: [] };
}

describe('held-out 18d: prose in the cells of a summary table', () => {
  it('reads the year\'s budget from the 项目基本情况 cell, located by the cell (湘潭 2021, .docx)', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('hn-xiangtan-wushuifei-2021.docx', DIR)));
    const { result } = await runPipeline({ bytes, file: 'hn-xiangtan-wushuifei-2021.docx' });
    const budget = (result.report?.statistics ?? []).filter((s) => s.normalizedValue === '25674.55' && s.normalizedUnit === '万元');
    // the 项目金额 cell is a field, not prose: the amount is read once, from the story
    expect(budget).toHaveLength(1);
    expect(budget[0].loc).toMatchObject({ paragraph: null, row: 5, col: 1 });
    expect(budget[0].loc.table).not.toBeNull();
    expect(budget[0].section).toBe('项目基本情况');
    expect(budget[0].id).toMatch(/^t\d+r5c1:\d+$/);
    expect(result.discrepancies.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  const STORY = '2021年市财政安排项目预算支出合计300万元，其中设备购置100万元，运行维护200万元，资金主要用于支付污水处理厂的运营服务费及污泥处理服务费。';

  it('a row whose label names no section of a report (a form\'s 年度目标) is left to the form', () => {
    const doc = tableDoc('某市2021年某某项目绩效评价报告', [['年度目标', STORY]]);
    expect(check(doc).report.statistics).toEqual([]);
  });

  it('a short value under a section label is a field, not prose', () => {
    const doc = tableDoc('某市2021年某某项目绩效评价报告', [['项目基本情况', '预算300万元。']]);
    expect(check(doc).report.statistics).toEqual([]);
  });

  it('a total and its parts in one cell are related as in a paragraph', () => {
    const stats = check(tableDoc('某市2021年某某项目绩效评价报告', [['项目基本情况', STORY]])).report.statistics;
    const total = stats.find((s) => s.figure.text === '300万元');
    expect(stats.filter((s) => s.partOf === total?.id).map((s) => s.figure.text)).toEqual(['100万元', '200万元']);
  });

  it('a cell of a table drawn without ruling lines keeps that its grid was inferred', () => {
    const stats = check(tableDoc('某市2021年某某项目绩效评价报告', [['项目基本情况', STORY]], 'borderless')).report.statistics;
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.every((s) => s.loc.gridInferred === true)).toBe(true);
  });
});
