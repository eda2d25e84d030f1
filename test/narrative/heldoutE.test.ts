import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

/**
 * Held-out E (部门决算 that publish the department's 绩效自评): 云南's 决算 template lists 十三、2023年度部门整体支出绩效自评情况 /
 * 十四、…自评表 / 十五、项目支出绩效自评表 and, in 第四部分, 四、部门绩效自评情况 (一)部门整体支出绩效自评情况; the stored copies end
 * before the section. At first look none of the six was recognized (a coverage error each): the title names accounts, and
 * every item naming the self-evaluation is numbered.
 */

const narratives = async (id: string, ext = 'docx') => checkModel(await corpusModel(id, ext)).report.narratives;

describe('held-out E: a 决算 whose contents name the department\'s self-evaluation', () => {
  it('is read as a 部门整体 report named by that item, on the .docx and on the .pdf that wraps the title over two lines', async () => {
    for (const ext of ['docx', 'pdf']) {
      const found = await narratives('yn-lincang-jiwei-juesuan-2023', ext);
      expect(found.map((n) => [n.title, n.reportKind])).toEqual([['2023年度部门整体支出绩效自评情况', 'dept']]);
    }
    // only 第四部分's 四、部门绩效自评情况 (保山), and a contents run into one paragraph (云县)
    expect((await narratives('yn-baoshan-shuiwu-juesuan-2024')).map((n) => n.title)).toEqual(['部门绩效自评情况']);
    expect((await narratives('yn-yunxian-zhengxie-juesuan-2023')).map((n) => n.title)).toEqual(['2023年度部门整体支出绩效自评情况']);
  });

  it('a 四川 单位决算 that lost its title: its contents name the 决算 (第二部分2022年度单位决算情况说明) and list the 附件 by its outline', async () => {
    for (const ext of ['docx', 'pdf']) expect((await narratives('sc-dazhou-fgw-juesuan-2022', ext)).map((n) => [n.title, n.reportKind])).toEqual([['部门整体绩效分析', 'dept']]);
    // without the contents line naming the 决算, the outline alone starts nothing
    const unnamed = await corpusEdited('sc-dazhou-fgw-juesuan-2022', ['第二部分2022年度单位决算情况说明', '第二部分 情况说明']);
    expect(checkModel(unnamed).report.narratives).toEqual([]);
  });

  it('needs both the 决算 title and an item naming the self-evaluation', async () => {
    const id = 'yn-lincang-jiwei-juesuan-2023';
    // the same 决算 with its items naming only the forms and 其他重要事项: nothing is read as a report
    const noItem = await corpusEdited(id, ['十三、2023年度部门整体支出绩效自评情况', '十三、国有资产使用情况说明'], ['四、部门绩效自评情况', '四、其他事项'], ['(一)部门整体支出绩效自评情况', '(一)其他事项']);
    expect(checkModel(noItem).report.narratives).toEqual([]);
    // … and with prose that only mentions the evaluation (not a numbered item of the contents)
    const mentioned = await corpusEdited(id, ['十三、2023年度部门整体支出绩效自评情况', '十三、国有资产使用情况说明'], ['四、部门绩效自评情况', '四、其他事项'], ['(一)部门整体支出绩效自评情况', '(一)其他事项'], ['组织协调反腐败', '组织协调反腐败,部门整体支出绩效自评情况良好']);
    expect(checkModel(mentioned).report.narratives).toEqual([]);
    // the same contents in a document that names no 决算 (title and parts renamed): a numbered section heading is never a title
    const noAccounts = await corpusEdited(id, ['2023年度部门决算', '2023年度工作安排'], ['第二部分 2023年度部门决算表', '第二部分 2023年度工作表'], ['第三部分 2023年度部门决算情况说明', '第三部分 2023年度工作说明']);
    expect(checkModel(noAccounts).report.narratives).toEqual([]);
  });
});
