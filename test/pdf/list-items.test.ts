import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusModel } from '../helpers/corpus.js';
import { paragraphs, squeeze } from './helpers.js';

/**
 * Held-out H (north, 2026-12-07). 内蒙古 机关事务管理局's 2023 部门决算 is nothing but its contents and the list of the
 * two evaluation reports it publishes (附件：1.…项目绩效评价报告 / 2.…项目绩效评价报告). Its short items end at one place by
 * chance (六、…决算明细表 / 七、…决算明细表, 21 characters each), so the PDF's text column was measured there and every item
 * reaching it was read as wrapped into the next: 六、 to 九、 became one paragraph, and 十一、… with both attachments another.
 * The .docx read the second attachment as a report; the PDF read no report at all (未识别出任何…, an error).
 */

const texts = async (id: string, ext: string) => paragraphs(await corpusModel(id, ext)).map(squeeze);

describe('PDF: one-line list items of equal length are items, not a wrapped paragraph', () => {
  it('内蒙古 机关事务管理局 决算: contents items and attachments read one a paragraph, as in the .docx', async () => {
    const pdf = await texts('nm-jiguanshiwu-juesuan-2023', 'pdf');
    expect(pdf).toEqual(await texts('nm-jiguanshiwu-juesuan-2023', 'docx'));
    expect(pdf).toContain('七、一般公共预算财政拨款项目支出决算明细表');
    expect(pdf).toContain('附件:1.办公用房权属统一登记工作项目绩效评价报告');
  });

  it('the report the attachments name is read from the .pdf as from the .docx, with no coverage error', async () => {
    for (const ext of ['docx', 'pdf']) {
      const result = checkModel(await corpusModel('nm-jiguanshiwu-juesuan-2023', ext));
      expect(result.report.narratives.map((n) => n.title), ext).toEqual(['2.智慧机关事务综合平台项目绩效评价报告']);
      expect(result.findings.filter((f) => f.rule === 'coverage'), ext).toEqual([]);
    }
  });

  it('numbered paragraphs that wrap still join (绥芬河: (2)… over three lines, 1、… and 2、… headings apart)', async () => {
    const pdf = await texts('hl-suifenhe-xianjie-2022', 'pdf');
    expect(pdf).toEqual(await texts('hl-suifenhe-xianjie-2022', 'docx'));
    expect(pdf.some((p) => p.startsWith('(2)2022年度安排财政衔接资金134.3万元') && p.endsWith('指标评价得分4分。'))).toBe(true);
  });
});
