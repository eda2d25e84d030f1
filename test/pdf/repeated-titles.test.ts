import { describe, expect, it } from 'vitest';
import { layoutDocument, plantError, randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { paragraphs, squeeze, tables } from './helpers.js';

/**
 * Titles that repeat at the top of many pages are not always running headers (页眉).
 * - A browser prints with small margins: every project form starts a page with its title
 *   "#年度项目支出绩效自评表" inside the top margin band, on many pages — the titles were dropped as
 *   furniture, and a planted wrong year in one of them went unseen.
 * - A form printed with its title repeated on every page (a spreadsheet's 打印标题; here a table
 *   header Chromium repeats on each page): the repeated title must neither split the table nor
 *   appear once per page.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const notInfo = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== 'info');

describe('form titles at the top of pages (Chromium print, small margins)', () => {
  it('keeps every project form title; a wrong year in one title is found as in the .docx', async () => {
    const planted = plantError(toFamily(randomReportSpec('pl-1', { projects: 4 }), 'mof-2020'), 'year-changed', 'rt-1');
    const docx = await pipeline(writeDocx(planted.spec), 'titles.docx');
    const pdf = await pipeline(chromiumPdf(reportHtml(layoutDocument(planted.spec))), 'titles.pdf');
    const m = matchFindings(notInfo(docx.findings), notInfo(pdf.findings));
    expect(m.missed.map(key)).toEqual([]);
    expect(m.extra.map(key)).toEqual([]);
    expect(pdf.findings.filter((f) => f.rule === 'year-consistency').length).toBeGreaterThan(0);
    const titles = paragraphs(pdf.document).filter((p) => /项目支出绩效自评表/u.test(p) && p.length < 40);
    expect(titles.length).toBe(4);
  }, 180_000);
});

/** One long indicator table whose <thead> carries the form title above the ruled header row. */
function repeatedTitleHtml(): string {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
  const rows: string[] = [];
  for (let i = 1; i <= 90; i++) {
    rows.push(`<tr><td>产出指标</td><td>数量指标</td><td>完成事项${i}</td><td>${i}个</td><td>${i}个</td><td>1</td><td>1</td></tr>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4 portrait; margin: 24pt; }
body { font-family: 'Noto Sans CJK SC'; font-size: 10.5pt; margin: 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.75pt solid #000; padding: 2pt 4pt; font-weight: normal; }
th.title { border: none; font-size: 18pt; padding: 0 0 8pt 0; }
</style></head><body><table>
<thead><tr><th class="title" colspan="7">2023年度项目支出绩效自评表</th></tr>
<tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></body></html>`;
}

describe('a title repeated on every page of one form', () => {
  it('is one title over one table with every row once', async () => {
    const pdf = await pipeline(chromiumPdf(repeatedTitleHtml()), 'repeated-title.pdf');
    const found = tables(pdf.document);
    expect(found.length).toBe(1);
    const texts = found[0].cells.map((c) => squeeze(c.text));
    expect(texts.filter((t) => t === '一级指标').length).toBe(1);
    for (const n of [1, 45, 90]) expect(texts.filter((t) => t === `完成事项${n}`).length).toBe(1);
    expect(paragraphs(pdf.document).filter((p) => squeeze(p) === '2023年度项目支出绩效自评表').length).toBe(1);
  }, 120_000);
});
