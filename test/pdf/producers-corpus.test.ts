import { describe, expect, it } from 'vitest';
import { producerPdf } from '../../bench/producers-corpus.js';
import { tables } from './helpers.js';
import { compare, corpusFile } from './producer-compare.js';
import { findBorderlessTables } from '../../parsers/pdf/borderless.js';
import { groupLines } from '../../parsers/pdf/lines.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { toTextRuns, type Matrix } from '../../parsers/pdf/text-runs.js';

/**
 * Real reports of the corpus (test/corpus/real) printed by other programs than LibreOffice, each a
 * file made here by the program itself (bench/producers-corpus.ts runs all 51 documents; these are
 * representatives of the divergences it found). Each must give the findings of its .docx — same
 * rule, same values.
 */
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

  it('a form\'s 项目名称 whose value lies past a column with no text in that row: the project named as in the .docx, its facts found', async () => {
    const { reference, run } = await compare('hb-ezhou-czj-2019', 'chromium-ruleless');
    const names = (r: typeof run) => r.report.projects.map((p) => p.name?.text ?? null);
    expect(names(reference).filter(Boolean).length).toBeGreaterThan(0);
    expect(names(run)).toEqual(names(reference));
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

  it('a header wrapped a character a line, its last characters at the top of the next page: one form, the header one cell', async () => {
    // Found: 析/及/改/进/措/施 (the rest of 偏差原因分析及改进措施) above the first indicator row of
    // page 2 were left as paragraphs, so the page's rows were a table of their own with other
    // columns; read into the table, they were a row of their own (an indicator with no text).
    const { run, missed, extra } = await compare('ah-guichi-cunji-2022', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const forms = tables(run.document).filter((t) => t.cells.some((c) => c.text.includes('三级指标')));
    expect(forms.map((t) => [t.page, t.pageEnd])).toEqual([[1, 2]]);
    expect(forms[0].cells.some((c) => c.text.replace(/\s+/gu, '') === '偏差原因分析及改进措施')).toBe(true);
  }, 240_000);

  it('a second form in a smaller font (its own leading) whose narrow columns wrap one character a line: each cell one block, no indicator per character', async () => {
    // Found: the 8.7 pt lines of 吕梁市远航职业培训学校 sit 0.6 em apart, wider than the 9.7 pt
    // indicator rows' leading the whole table was measured by: one row per character, ten
    // indicators 「梁」「市」… with no 完成值.
    const { run, missed, extra } = await compare('sx-lvliang-hugong-2021', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const form = tables(run.document).find((t) => t.cells.some((c) => c.text.includes('学校性质')))!;
    expect(form.cells.some((c) => c.text.replace(/\s+/gu, '').startsWith('吕梁市远航职业培'))).toBe(true);
  }, 240_000);

  it('a 得分 column left blank but for its header, and the 评价结论 rows alone on the next page: the form\'s columns and rows, the .docx findings', async () => {
    // Found: 得/分, the only text of its column, was dropped as a stray band and read into 权重
    // ("权得重分"), so no indicator table was found; the three rows after the page break (a row
    // gap of 2.8 em, seen twice on that page) were no table, and read with their own columns
    // their text did not span the form's.
    const { run, missed, extra } = await compare('sc-qingshen-fgj-2023', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const [form] = tables(run.document);
    expect([form.page, form.pageEnd, form.nCols]).toEqual([1, 2, 11]);
    // The indicator header: 权重, 得分 and 未完成原因分析 each a column of its own.
    const header = form.cells.find((c) => c.text.includes('未完成原因分析'))!.row;
    const cell = (text: string) => form.cells.find((c) => c.row === header && c.text.replace(/\s+/gu, '') === text)!;
    expect([cell('权重').col, cell('得分').col]).toEqual([8, 9]);
    const remark = form.cells.find((c) => c.text.startsWith('结合自评情况,分析存在的问题'))!;
    expect([remark.col, remark.colSpan]).toEqual([2, 9]);
  }, 240_000);

  it('rows 2.5 em apart with ≥ from a larger fallback font, a "……" row in that font and 总分 after it: one form over two pages, labels between two rows over both', async () => {
    // Found: the form broke into two tables at a row gap a little narrower than the table's usual
    // one (lines with ≥ are taller); the "……" row, set in the fallback font's size, ended the
    // table so 总分 was lost; 总分 alone in the first column was stretched up as a group label;
    // 时效指标, alone in the gap between its two rows, was a row of its own.
    const { run, missed, extra } = await compare('sc-zhongjiang-shuili-2022', 'chromium-ruleless');
    expect({ missed, extra: extra.filter((k) => !k.startsWith('coverage')) }).toEqual({ missed: [], extra: [] });
    const forms = tables(run.document).filter((t) => t.cells.some((c) => c.text.includes('三级指标')));
    expect(forms.map((t) => [t.page, t.pageEnd])).toEqual([[1, 2]]);
    const cell = (text: string) => forms[0].cells.find((c) => c.text.replace(/\s+/gu, '') === text)!;
    expect(cell('时效指标').rowSpan).toBe(2);
    expect(cell('总分').rowSpan).toBe(1);
  }, 240_000);

  it('一级指标 and 二级指标 labels centred between the rows they cover: each label over its rows, the group sums of the .docx', async () => {
    // Found: 服务对象满意度指标等, alone in the gap between its two rows, was a row of its own, and
    // 效益指标 was stretched from the wrong row, so the groups counted the wrong indicators
    // ("「产出指标」…其下3个三级指标分值合计30分", "「效益指标」…合计20分").
    const { missed, extra } = await compare('yn-yongde-mingliang-2022', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  }, 240_000);

  it('a header row whose columns are sparse elsewhere (全年预算数(A) beside a label merged down the first column), and the form\'s last rows alone on the next page: its own row, one form, the .docx warnings', async () => {
    // Found: the wrapped header 全年预算数/(A) sat in the gap between two rows of the dense
    // columns and was read into the values row below it ("全年预算数(A)808.1"), so no 执行率 was
    // read (budget-change-reason missed); page 2 (价。 — the rest of a cell across two columns —
    // 支出责任履行情况, 总体目标) had one cell on most rows and was no table.
    const { run, missed } = await compare('ah-tianjiaan-jiuye-2024', 'chromium-ruleless');
    expect(missed.filter((k) => !k.startsWith('coverage'))).toEqual([]);
    const [form] = tables(run.document);
    expect([form.page, form.pageEnd]).toEqual([1, 2]);
    const cell = (text: string) => form.cells.find((c) => c.text.replace(/\s+/gu, '') === text)!;
    expect(cell('全年预算数(A)').row).toBe(cell('全年执行数(B)').row);
    // Page 2 holds no text in the first column above 总体目标完成情况: those empty cells are the
    // cut label of page 1 continued, not this label's. It covers the rows it is centred on
    // (总体目标 and its text), and the cell cut by the break reads whole, as in the .docx.
    const label = cell('总体目标完成情况');
    expect([label.row, label.rowSpan]).toEqual([cell('总体目标').row, 2]);
    expect(cell('支出责任履行情况').row).toBeLessThan(label.row);
    expect(form.cells.some((c) => c.text.replace(/\s+/gu, '').endsWith('开展绩效监控和绩效评价。'))).toBe(true);
  }, 240_000);

  it('wide gaps inside a form (rows left blank, a "……" row, a remark of paragraphs): the lines under them keep to its columns, one form over both pages, the .docx findings', async () => {
    // Found: a 57 pt gap (a blank row) and a 40 pt one after a "……" row ended the table on page
    // 2 of ah-xiaoxian-hexi (the 效益指标 rows lost); in hn-jichu-53hao
    // the header of the 评价指标表 and its 过程 rows were cut off by gaps of 2.7 font sizes.
    const xiaoxian = await compare('ah-xiaoxian-hexi-2023', 'chromium-ruleless');
    const form = tables(xiaoxian.run.document).find((t) => t.cells.some((c) => c.text.includes('其中桃树种植面积')))!;
    expect([form.page, form.pageEnd]).toEqual([1, 2]);
    expect(form.cells.some((c) => c.text.replace(/\s+/gu, '') === '可持续影响指标')).toBe(true);
    const jichu = await compare('hn-jichu-53hao-2018', 'chromium-ruleless');
    expect(jichu.extra).toEqual([]);
    const sheet = tables(jichu.run.document).find((t) => t.cells.some((c) => c.text.includes('评价标准')))!;
    expect(sheet.cells.some((c) => c.text.replace(/\s+/gu, '') === '预算控制率')).toBe(true);
  }, 480_000);

  it('a header cell wrapped a line per row in a form with no cell padding (偏差原因 / 分析及 / 改进措施): one header cell, the deviation reasons checked as in the .docx', async () => {
    const { run, missed, extra } = await compare('hn-lingling-linye-2021', 'chromium-ruleless');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const form = tables(run.document).find((t) => t.cells.some((c) => c.text.includes('三级指标')))!;
    expect(form.cells.some((c) => c.text.replace(/\s+/gu, '') === '偏差原因分析及改进措施')).toBe(true);
    expect(form.cells.some((c) => c.text.replace(/\s+/gu, '') === '改进措施')).toBe(false);
  }, 240_000);
});

describe('Chromium "print to PDF" of the web page in a TrueType CJK font (half-width spaces of 0.5 em, as Word and WPS set 宋体)', () => {
  it('a flattened form, label and figure apart by one space glyph (预算资金总额): a paragraph as in the .docx, not a table of two columns that loses 1084.25', async () => {
    const { run, missed, extra } = await compare('cq-pengshui-jisheng-2024', 'chromium-truetype');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(tables(run.document)).toEqual([]);
  }, 240_000);

  it('a web page\'s head (发布日期 / 索引号 / 主题词) over the report\'s first paragraphs: the prose is no row of a rule-less table, also with its words apart by gaps alone', async () => {
    const { missed, extra } = await compare('he-chengan-jiaotong-2020', 'chromium-truetype');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    // The head's words apart by gaps without space glyphs (a print that positions each word): the
    // first page's paragraphs stay out of whatever table the head's lines may make.
    const id = 'he-chengan-jiaotong-2020';
    const pdf = await openPdf(await producerPdf('chromium-truetype', corpusFile(id, 'docx'), corpusFile(id, 'pdf')));
    try {
      const page = await pdf.getPage(1);
      const runs = toTextRuns((await page.getTextContent()).items, page.getViewport({ scale: 1 }).transform as Matrix).map(({ spaced: _, ...r }) => r);
      const { tables: found, rest } = findBorderlessTables(groupLines(runs), 1);
      expect(found.flatMap((t) => t.cells).some((c) => c.text.includes('为做好'))).toBe(false);
      expect(rest.some((l) => l.text.includes('为做好'))).toBe(true);
    } finally {
      await pdf.destroy();
    }
  }, 240_000);
});
