import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../schemas/document.js';
import { parseDocument } from '../../parsers/index.js';
import { fileNameTitle, reportTitle } from '../../src/narrative/report-title.js';
import { checkModel } from '../helpers/check.js';

/**
 * Held-out C (narrative-only 部门整体 reports and single-project / single-fund reports): a finance department's
 * 全周期跟踪问效报告 is a report on performance, and a fund's arrangement listed a section after the fund's amount is
 * summed against it (泾县 体育强省: nine allocations of 59.2万元 under 63.2万元, said as information).
 */

const docs = new Map<string, Promise<DocumentModel>>();
const modelOf = (id: string, ext: string): Promise<DocumentModel> => {
  const file = `${id}.${ext}`;
  if (!docs.has(file)) docs.set(file, parseDocument(new Uint8Array(readFileSync(new URL(`../corpus/real/${id}/${file}`, import.meta.url)))));
  return docs.get(file)!;
};
const resultOf = async (id: string, ext: string) => checkModel(await modelOf(id, ext));

describe('held-out C: titles', () => {
  it('…补助资金全周期跟踪问效报告 names a report on performance; a line naming 问效 without being a report title does not', () => {
    expect(reportTitle('2020年度山东省老旧小区改造补助资金全周期跟踪问效报告')?.kind).toBe('project');
    expect(reportTitle('关于开展2021年度财政资金跟踪问效工作的通知')).toBeNull();
    expect(reportTitle('坚持花钱必问效、无效必问责，现将有关情况报告如下')).toBeNull();
  });

  it('a document site\'s file name carries a title (…绩效评价报告Word文档格式.docx, …报告(山东).pdf), given only to a report without one; a form\'s file name carries none', () => {
    expect(fileNameTitle('XX市渔业增殖放流项目绩效评价报告Word文档格式.docx')?.title).toBe('XX市渔业增殖放流项目绩效评价报告');
    expect(fileNameTitle('2015年产粮大县奖励资金绩效评价报告(山东).pdf')?.kind).toBe('project');
    expect(fileNameTitle('博物馆免费开放自评报告.docx_第1页')?.kind).toBe('project');
    expect(fileNameTitle('项目支出绩效自评表.docx')).toBeNull();
    expect(fileNameTitle('2015年产粮大县奖励资金绩效评价报告')).toBeNull();
    // where it stands (an attachment listed by name) a file name starts no report
    expect(reportTitle('附件1:2021年构树产业发展及体验服务综合体建设补助资金项目绩效评价报告.pdf')).toBeNull();
  });

  for (const ext of ['docx', 'pdf']) {
    it(`渔业增殖放流 (${ext}): titled by its file name, its fry counted in 万尾 (30 + 70 + 20 + 20 + 10 = 150) apart from the 30万元 of money`, async () => {
      const { report, findings } = await resultOf('xx-yuye-zengzhi-2019', ext);
      expect(report.narratives[0].title).toBe('XX市渔业增殖放流项目绩效评价报告');
      const fry = report.statistics.filter((s) => s.figure.unit === '万尾').map((s) => s.figure.value);
      expect(fry).toEqual(['30', '70', '20', '20', '10', '150', '150']);
      expect(findings.filter((f) => f.severity !== 'info' && f.rule !== 'template-leftovers')).toEqual([]);
    });
  }

  for (const ext of ['docx', 'pdf']) {
    it(`山东 老旧小区 跟踪问效 (${ext}): recognized, its 258172 = 178172 + 80000 read and left alone`, async () => {
      const { report, findings } = await resultOf('sd-laojiu-genzong-2020', ext);
      expect(report.narratives.map((n) => n.title)).toEqual(['2020年度山东省老旧小区改造补助资金全周期跟踪问效报告']);
      expect(report.year).toBe(2020);
      const values = report.statistics.filter((s) => s.dimension === 'money').map((s) => s.figure.value);
      expect(values).toEqual(expect.arrayContaining(['258172', '178172', '80000']));
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    });
  }
});

describe('held-out C: a fund\'s arrangement against its amount', () => {
  for (const ext of ['docx', 'pdf']) {
    it(`泾县 体育强省 (${ext}): 5 + 13 + 5 + 5 + 5 + 10 + 1.2 + 3 + 12 = 59.2 of 63.2 — one info finding, nothing louder`, async () => {
      const { findings } = await resultOf('ah-jingxian-tiyu-2023', ext);
      const sum = findings.filter((f) => f.rule === 'narrative-allocation-sum');
      expect(sum).toHaveLength(1);
      expect(sum[0].severity).toBe('info');
      expect(sum[0].values).toEqual([63.2, 59.2]);
      expect(sum[0].message).toContain('少4万元');
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    });
  }

  it('兴化 校安改薄: 2657 = 1984 + 110 + 300 + 263 (the separate allocations are parts of the investment, not of the 1984): nothing said', async () => {
    const { findings } = await resultOf('js-xinghua-xiaoan', 'docx');
    expect(findings.filter((f) => f.rule !== 'coverage')).toEqual([]);
  });
});

describe('held-out C: a unit slip in a 其中 list', () => {
  for (const ext of ['docx', 'pdf']) {
    it(`中小企业发展专项资金 (${ext}): 1709.98元 among 万元 — the warning states the sum as written and names the slip (5356.48 in 万元, 3 above 5353.48)`, async () => {
      const { findings } = await resultOf('xx-zhongxiao-qiye-2011', ext);
      const parts = findings.filter((f) => f.rule === 'narrative-total-parts');
      expect(parts).toHaveLength(1);
      expect(parts[0].severity).toBe('warning');
      expect(parts[0].values).toEqual([5353.48, 3646.670998]);
      expect(parts[0].message).toContain('疑为单位笔误，按万元计分项合计5356.48万元，仍与总数相差3万元');
    });
  }
});
