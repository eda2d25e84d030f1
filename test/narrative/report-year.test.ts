import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel, corpusYear } from '../helpers/corpus.js';
import { findReports } from '../../src/narrative/reports.js';
import { openingYear } from '../../src/narrative/report-year.js';

/**
 * year26: where an untitled report's opening names its year without opening a sentence with it (src/narrative/report-year.ts,
 * statedYear): the unit's own year (我校2022年…), a clause beginning with the year and going on to
 * its money (…,2022年已拨付资金6亿元), the money handed down by its year (下达2022年…专项资金). Read last, after forms, titles,
 * the body's 年度 and the opening sentence; dates, spans, carried-over money and next year's money stay none.
 */

const modelOf = corpusModel;
const yearOf = corpusYear;

/** The year read from the document with paragraphs' text changed (corpusEdited). */
async function edited(id: string, ...edits: Array<[from: string | RegExp, to: string]>): Promise<number | null> {
  return checkModel(await corpusEdited(id, ...edits)).report.year;
}

describe('year26: the year an untitled report\'s opening states', () => {
  it('the unit\'s own year: 耒阳 四中 "我校2022年项目为一个…", as .docx and .pdf', async () => {
    expect(await yearOf('hn-leiyang-sizhong-2022')).toBe(2022);
    expect(await yearOf('hn-leiyang-sizhong-2022', 'pdf')).toBe(2022);
    // "将作为我校2022年…经费使用" is next year's use of the money, not the year evaluated
    expect(await edited('hn-leiyang-sizhong-2022', [/我校2022年/g, '将作为我校2023年'])).toBeNull();
  });

  it('a cover\'s 项目名称 naming the project by its year (recognize\'s cover field, heldoutB): 湖北 演艺集团 "项目名称:2023年省演艺集团…补贴", 闵行 生态专项 "项目名称: 2018 年…"', async () => {
    expect(await yearOf('hb-yanyi-gongyi-2023')).toBe(2023);
    expect(await yearOf('sh-minhang-shengtai-2018')).toBe(2018);
  });

  it('a clause beginning with the year and going on to its money: 瓯海 排水 "…资金11亿元,2022年已拨付资金6亿元"; 长泰 彩票 "…文件,2024年省财政下达…资金" beside a cited 《关于2025年…》', async () => {
    expect(await yearOf('zj-ouhai-paishui-2022')).toBe(2022);
    expect(await yearOf('fj-changtai-caipiao-2024')).toBe(2024);
    // the money carried over (2022年结余资金) is none
    expect(await edited('zj-ouhai-paishui-2022', ['2022年已拨付资金', '2021年结余资金'])).toBeNull();
  });

  it('the money handed down by its year: 湖南 文旅 戏剧 "(湘财文指〔2022〕30号)下达2022年…专项资金20万元"; 提前下达 (next year\'s money) is none', async () => {
    expect(await yearOf('hn-wenlv-xiju-2022')).toBe(2022);
    expect(await edited('hn-wenlv-xiju-2022', ['下达2022年', '提前下达2023年'])).toBeNull();
  });

  it('never a date, a span or a web record\'s date: 贺兰 (贺财发〔2019〕271号, 发布日期 2020-01-15), 门源 (2020-2021年) stay without a year', async () => {
    expect(await yearOf('nx-helan-chanyeyuan-2019')).toBeNull();
    expect(await yearOf('qh-menyuan-zhuanxiangzhai-2023')).toBeNull();
  });

  it('a notice of 2021年市级预算执行 evaluations published 2022 is 2021 (天水); a 2020-2022年度 evaluation done in 2023 is the period\'s last, 2022 (祁东)', async () => {
    expect(await yearOf('gs-tianshui-czj-2022')).toBe(2021);
    expect(await yearOf('hn-qidong-nongtian-2023')).toBe(2022);
  });
});

describe('year26: the opening sentence read alone (openingYear)', () => {
  it('浔阳 发改委\'s third-party report: "组织开展了2025年财政重点绩效评价工作…承担了…2024年度部门整体支出" is 2024, the spending evaluated, not the year of the work', async () => {
    const doc = await modelOf('jx-xunyang-fgw-2024');
    expect(openingYear(findReports(doc).map((r) => r.body))).toBe(2024);
    expect(await yearOf('jx-xunyang-fgw-2024')).toBe(2024);
  });
});

describe('year27: the year where the body is ambiguous', () => {
  it('曲阳 彩票公益金: the body\'s first 年度 opens a sentence adding up 2019年度 and 2020年度 money — the latest, 2020, as .docx and .pdf', async () => {
    expect(await yearOf('he-quyang-caipiao-2021')).toBe(2020);
    expect(await yearOf('he-quyang-caipiao-2021', 'pdf')).toBe(2020);
    // one year's money alone stays the first 年度
    expect(await edited('he-quyang-caipiao-2021', ['2020年度中央专项彩票公益金99.49万元', '县级配套资金99.49万元'])).toBe(2019);
    // a later year that names no money (a date, 2020年度验收) is no year of money
    expect(await edited('he-quyang-caipiao-2021', ['2020年度中央专项彩票公益金99.49万元', '2020年度已验收'])).toBe(2019);
  });

  it('吕梁 护工培训: a form whose title was lost, its period of performance 2021.1.1-12.31 names 2021, as .docx and .pdf', async () => {
    expect(await yearOf('sx-lvliang-hugong-2021')).toBe(2021);
    expect(await yearOf('sx-lvliang-hugong-2021', 'pdf')).toBe(2021);
    // half a year is no whole-year period, nor are two periods naming different years
    const half: [RegExp, string] = [/2021\.1\.1-12\.31/, '2021.1.1-6.30'];
    expect(await edited('sx-lvliang-hugong-2021', half, half)).toBeNull(); // 目标值 and 完成值
    expect(await edited('sx-lvliang-hugong-2021', [/2021\.1\.1-12\.31/, '2020.1.1-12.31'])).toBeNull();
  });

  it('a form\'s 填报日期 in the first half of the year after: 绥阳 太白镇 填报日期:2022年2月3日 → 2021; filed in July it says nothing', async () => {
    expect(await yearOf('gz-suiyang-taibai-2021')).toBe(2021);
    expect(await yearOf('gz-suiyang-taibai-2021', 'pdf')).toBe(2021);
    expect(await yearOf('hb-tongcheng-tanghu-2020')).toBe(2020);
    // 填报日期 in July of the year after, or any later month, is no year (施甸 2022年7月 is of 2019)
    expect(await edited('gz-suiyang-taibai-2021', ['填报日期:2022年2月3日', '填报日期:2022年7月3日'])).toBeNull();
    // filed in that year's December it is the same year
    expect(await edited('gz-suiyang-taibai-2021', ['填报日期:2022年2月3日', '填报日期:2021年12月28日'])).toBe(2021);
  });
});
