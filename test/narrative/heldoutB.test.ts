import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

/**
 * Held-out B (thin provinces: 天津, 福建, 上海, 山西, 贵州). 徐汇 漕河泾街道's third-party 财政项目支出绩效评价报告 on a document
 * site — cover, contents and summary run into one paragraph — showed two classes: the cover's 项目名称: 2016年…项目 names the
 * year (the report is dated 二 O 一七 年), and a contents page number before the next heading's item number ("… . 1 二、…") was
 * read as a count of 二, as was a page number before a spaced heading ("1 摘 要").
 */

const reportOf = async (id: string, ext = 'docx') => checkModel(await corpusModel(id, ext)).report;
const edited = (id: string, from: string, to: string) => corpusEdited(id, [from, to]);

describe('held-out B: a cover field 项目名称 opening with the project\'s year names the report year', () => {
  it('漕河泾 (项目名称: 2016年漕河泾街道社区道路整治项目, dated 二 O 一七 年), 闵行 生态 and 湖北 演艺 covers, .docx and .pdf', async () => {
    expect((await reportOf('sh-caohejing-daolu-2016')).year).toBe(2016);
    expect((await reportOf('sh-caohejing-daolu-2016', 'pdf')).year).toBe(2016);
    expect((await reportOf('sh-minhang-shengtai-2018')).year).toBe(2018);
    expect((await reportOf('hb-yanyi-gongyi-2023', 'pdf')).year).toBe(2023);
  });

  it('a span or a month after the year names none: 项目名称: 2016年至2018年… / 2016年3月…', async () => {
    for (const to of ['2016年至2018年漕河泾', '2016年3月漕河泾', '2016-2018年漕河泾']) {
      const model = await edited('sh-caohejing-daolu-2016', '2016年漕河泾', to);
      expect(checkModel(model).report.year, to).toBeNull();
    }
  });
});

describe('held-out B: a report without a title opening with the documents it cites, then that year\'s money', () => {
  it('长泰 彩票公益金: 根据《…》(闽财综指﹝2025﹞2号)…文件,2024年省财政下达我区…资金440万元 → 2024, .docx and .pdf', async () => {
    expect((await reportOf('fj-changtai-caipiao-2024')).year).toBe(2024);
    expect((await reportOf('fj-changtai-caipiao-2024', 'pdf')).year).toBe(2024);
  });

  it('a date or a span after the citation names none (文件,2024年3月… / 文件,2024年以来…)', async () => {
    for (const to of ['文件,2024年3月省财政下达', '文件,2024年以来省财政下达']) {
      const model = await edited('fj-changtai-caipiao-2024', '文件,2024年省财政下达', to);
      expect(checkModel(model).report.year, to).toBeNull();
    }
  });
});

describe('held-out B: a Chinese numeral after a number is the next heading\'s item number, no unit', () => {
  it('漕河泾\'s contents (… . 1 二、绩效评价情况 . 1 (一)…) and 广东 医院管理\'s (…… 3 二、自评情况) give no count of 二', async () => {
    for (const id of ['sh-caohejing-daolu-2016', 'gd-yiyuan-guanli-2019', 'gx-nanning-xinsheng-2018']) {
      const units = (await reportOf(id)).statistics.map((s) => s.normalizedUnit);
      expect(units.filter((u) => /^[〇一二三四五六七八九十]$/.test(u ?? '')), id).toEqual([]);
    }
  });

  it('nor is an ideograph a space parts from the rest of its word, as a document site spaces a PDF: "… . 46 1 摘 要", "2 评 价机构"', async () => {
    for (const id of ['sh-caohejing-daolu-2016', 'sh-minhang-shengtai-2018']) {
      for (const ext of ['docx', 'pdf']) expect((await reportOf(id, ext)).statistics.filter((s) => s.unknownUnit).map((s) => s.figure.text), `${id}.${ext}`).toEqual([]);
    }
  });

  it('a real unknown unit is still kept: 河套 水利\'s 干流堤防工程 1 段 / 护岸工程共 4 段', async () => {
    const stats = (await reportOf('nm-hehe-shuili-2023')).statistics.filter((s) => s.normalizedUnit === '段');
    expect(stats.map((s) => s.figure.value)).toEqual(expect.arrayContaining(['1', '4', '3']));
  });
});
