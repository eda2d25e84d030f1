import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusYear } from '../helpers/corpus.js';

/**
 * Held-out 24b, part 1: corpus documents with no year in the output though a reader sees one (truth.json meta.year).
 * The year sits in a row or a line of its own under a form's title, in a cover field (评价年度:2022), in the period a
 * cover or form gives (项目起止时间 2016年1月起至2016年12月), in the base-data table's year columns, or in the opening
 * sentence of a report without a title ("现将我厅2020年…绩效报告"); a date of signature's own year or a cited document's year is none.
 */

const yearOf = corpusYear;
const edited = corpusEdited;

describe('held-out 24b: a form\'s year set apart from its title', () => {
  it('in a row of its own under the title row (霍山 医疗救助 自评表: "(2024年度)"; 阜康 统计局 "(2023年度)"), or in the title row itself (古城 卫片 2020年度项目支出绩效自评表)', async () => {
    expect(await yearOf('ah-huoshan-yiliaojiuzhu-2024')).toBe(2024);
    expect(await yearOf('ah-huoshan-yiliaojiuzhu-2024', 'pdf')).toBe(2024);
    expect(await yearOf('xj-fukang-tongji-2023')).toBe(2023);
    expect(await yearOf('yn-gucheng-weipian-2020')).toBe(2020);
    // under a web page's 索引号 table read as the form's head (宣城 动物防疫 自评表, 2023 and 2024)
    expect(await yearOf('ah-xuancheng-dongwu-2023')).toBe(2023);
    expect(await yearOf('ah-xuancheng-dongwu-2024')).toBe(2024);
  });

  it('in the title line a few lines above a form flattened one field a line (遂宁经开区 2021年中央对地方专项转移支付区域绩效目标自评表)', async () => {
    expect(await yearOf('sc-suining-jingkai-lpyx-2021')).toBe(2021);
  });

  it('in the base-data table\'s 预算 and 决算 columns when its title names none (湖南 基础数据表: 2017年决算数 / 2018年预算数 / 2018年决算数)', async () => {
    expect(await yearOf('hn-jichu-53hao-2018')).toBe(2018);
  });

  it('never the year of a date of signature: 绥阳 太白镇\'s form signed 填报日期:2022年2月3日 is 2021, the year before (year27: weak evidence, read last), never 2022', async () => {
    expect(await yearOf('gz-suiyang-taibai-2021')).toBe(2021);
  });
});

describe('held-out 24b: a report\'s cover and period', () => {
  it('a cover field 评价年度:2022 (遂溪 水库 自评报告, 填报日期:2023年4月25日 beside it) names the year', async () => {
    expect(await yearOf('gd-suixi-shuiku-2022')).toBe(2022);
  });

  it('a period covering one whole year names it (南湖 优抚: 项目起止时间 2016年1月起至2016年12月; 海南 公益林: 评价时间:2017年1月1日至2017年12月)', async () => {
    expect(await yearOf('hn-nanhu-youfu-2016')).toBe(2016);
    expect(await yearOf('hn-yueyangxian-gonglu-2020')).toBe(2020);
    expect(await yearOf('hi-gongyilin-caizheng-2017')).toBe(2017);
  });

  it('a period across years names none (评价时间:2016年7月至2017年12月)', async () => {
    const doc = await edited('hi-gongyilin-caizheng-2017', [/2017年1月1日/, '2016年7月1日']);
    expect(checkModel(doc).report.year).toBeNull();
  });
});

describe('held-out 24b: the opening sentence of a report without a title', () => {
  it('names the year evaluated: 现将…2020年…绩效报告, 对2023年…开展了绩效自评, 开展了2022年…绩效评价, 为做好2022年…绩效管理工作', async () => {
    expect(await yearOf('gz-zjt-caipiao-wushui-2020')).toBe(2020);
    expect(await yearOf('ha-gushi-zushimiao-2024')).toBe(2024);
    expect(await yearOf('nm-linhe-fangzai-2023')).toBe(2023);
    expect(await yearOf('yn-banpozhai-zonggai-2025')).toBe(2025);
    expect(await yearOf('zj-quzhou-zhongdian-2022')).toBe(2022);
    expect(await yearOf('ha-xiping-jtj-2022')).toBe(2022);
    expect(await yearOf('hn-lukou-laojiu-2020')).toBe(2020);
    // the year written without 年 (现将黄南州体育场2020免费低收费开放补助资金…自评报告公示如下)
    expect(await yearOf('qh-jianzha-tiyuchang-2020')).toBe(2020);
  });

  it('the year of a document it cites is none (根据《关于做好2020年…的通知》, 〔2021〕98号), nor a date (现将2024年3月…)', async () => {
    // 渌口: the cited notice's 2020 left alone, the sentence's own year taken out
    const cited = await edited('hn-lukou-laojiu-2020', ['积极组织开展2020年预算绩效管理', '积极组织开展预算绩效管理']);
    expect(checkModel(cited).report.year).toBeNull();
    const dated = await edited('ha-gushi-zushimiao-2024', ['现将2024年固始县', '现将2024年3月固始县'], ['对2024年固始县', '对固始县']);
    expect(checkModel(dated).report.year).toBeNull();
  });
});

describe('held-out 24b: a narrative title\'s year before a year the body mentions', () => {
  it('the title names the year; a cited notice (《关于开展2024年度…评价工作的通知》) or a 2017年度 project in the body does not outvote it', async () => {
    expect(await yearOf('zj-yongjia-xunzhai-2023')).toBe(2023);
    expect(await yearOf('js-nanjing-shuichan-2018')).toBe(2018);
    expect(await yearOf('yn-honghe-daqi-2021')).toBe(2021);
    // 2016-2020年…工作总结: the period's last year, not the body's 2017年度
    expect(await yearOf('gs-qingshui-guopin-2020')).toBe(2020);
  });

  it('a results notice\'s title names the year it publishes them in (关于2024年财政支出绩效评价结果的通报): the body decides', async () => {
    expect(await yearOf('zj-wencheng-pingjia-2024')).toBe(2023);
    expect(await yearOf('sx-yanggao-zhongdian-2024')).toBe(2024);
  });

  it('a closing (2024年度) is the year evaluated, beside the fund\'s 2023年 (寻甸 异地造林 自评报告)', async () => {
    expect(await yearOf('yn-xundian-linye-2024')).toBe(2024);
  });
});

describe('year25: an untitled report\'s sentence that opens with the year its money or staff is of', () => {
  it('郴州 殡葬 "2016年,在市民政局党组的正确领导下…", 昌宁 殡葬 "2019年昌宁县殡葬服务中心向县级财政争取资金…", 保山 地震局 "2021年末实有在职在编人员19人" — not the web record\'s 发布日期 (2020-06-30, 2022-07-07)', async () => {
    expect(await yearOf('hn-chenzhou-binzang-2016')).toBe(2016);
    expect(await yearOf('yn-changning-binzang-2019')).toBe(2019);
    expect(await yearOf('yn-baoshan-dizhen-2021')).toBe(2021);
    // a year and a comma opening the sentence, whatever follows (医院管理 "2019 年,XX 省财政厅通过《…》…")
    expect(await yearOf('gd-yiyuan-guanli-2019')).toBe(2019);
  });

  it('the latest of the years such sentences name (水稻育秧: 2023年中央下达… / 2024年结转2023年…: 2024); a date (2021年3月) or a cited document\'s 〔2021〕 is none', async () => {
    expect(await yearOf('xx-shuidao-yuyang-2024')).toBe(2024);
    const dated = await edited('yn-baoshan-dizhen-2021', ['2021年末实有', '2021年3月实有']);
    expect(checkModel(dated).report.year).toBeNull();
  });
});
