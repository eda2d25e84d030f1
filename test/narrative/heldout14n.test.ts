import { describe, expect, it } from 'vitest';
import { find, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out 14 (narrative classes left in /work/heldout14 at first look), each on the published text of its page:
 * numbered subtotals under a 其中, each itemised after 即 (红河 粮储局 2024); a balance after a semicolon in a
 * list of spending (昆明 文旅 2024); a spending whole in one section, its 基本支出 and 项目支出 in the next
 * two (南县 编办 2024).
 */


/** 红河州粮食和物资储备局 2024 项目支出绩效单位自评报告 (a spam mirror injected a phone number into the first sentence). */
const HONGHE_TITLE = '红河州粮食和物资储备局2024年度项目支出绩效单位自评报告';
const HONGHE = "红河州粮食和物资储备局2024年年初预算项目共14个,白事一条龙服务价格 4008341834项目支出预算资金为2836.14万元,其中:1.本年一般公共预算财政拨款收入预算安排项目11个,预算资金为2827.23万元,即:红河州冻猪肉储备费用补助及第三方监管经费82.8万元、红河州粮库智能化升级改造项目工程尾款项目经费30.61万元、粮库智能化升级改造项目其间费用项目经费4.82万元、粮库智能化系统联网网络租用费项目经费18万元、红河州州级粮食风险基金专项资金2,000万元、县市级储备粮食风险基金专项资金226万元、红河州社会粮食流通统计及价格监测经费5万元、红河州粮食质量安全监测经费30万元、救灾物资采购专项资金416万元、红河州粮食流通监督检查经费5万元、救灾物资储备管理经费9万元。2.上年结转结余项目3个,预算资金为8.91万元,即:2023年省级救灾物资管理及救灾物资调运经费8.64万元、州粮食和物资储备局往年结余上级补助资金0.1万元;2022年至2023年单位自有资金利息收入资金0.17万元。";
const HONGHE_ADDED = "年中追加项目资金79.53万元,涉及项目4个,其中:2024年张更、张强死亡一次性抚恤金及丧葬费补助资金52.94万元;2024年粮食和物资储备工作会议经费1.29万元;执收部门成本专项补助经费10.35万元;2023年省级救灾物资管理及救灾物资调运经费14.95万元。";

describe('held-out 14: a 其中 opening numbered subtotals, each itemised after 即 (红河 粮储局 2024)', () => {
  it('the subtotals are the parts of the whole, the items after 即 the parts of their subtotal', () => {
    const stats = statsOf(HONGHE);
    const whole = find(stats, '2836.14万元');
    const thisYear = find(stats, '2827.23万元');
    const carried = find(stats, '8.91万元');
    expect(thisYear.partOf).toBe(whole.id);
    expect(carried.partOf).toBe(whole.id);
    expect(find(stats, '11个').partOf).toBe(find(stats, '14个').id);
    expect(find(stats, '3个').partOf).toBe(find(stats, '14个').id);
    for (const item of ['82.8万元', '2,000万元', '9万元']) expect(find(stats, item).partOf).toBe(thisYear.id);
    // the last item after a semicolon completes 8.91 exactly: it stays in the list
    for (const item of ['8.64万元', '0.1万元', '0.17万元']) expect(find(stats, item).partOf).toBe(carried.id);
  });

  it('no error or warning on the paragraph or the one after it', () => {
    expect(serious([HONGHE_TITLE, '(一)项目概况', HONGHE, HONGHE_ADDED])).toEqual([]);
  });

  it('a numbered subtotal that does not add up is still found, at its own level', () => {
    // one item mistyped (30 → 40): its subtotal is flagged, not the whole above it
    const wrong = HONGHE.replace('红河州粮食质量安全监测经费30万元', '红河州粮食质量安全监测经费40万元');
    const found = serious([HONGHE_TITLE, '(一)项目概况', wrong], 'narrative-total-parts');
    expect(found.map((f) => f.values)).toEqual([[2827.23, 2837.23]]);
  });

  it('bracketed numbers (（1）…（2）…) run on the same way; a list of another numbering ends at its sentence', () => {
    const bracketed = HONGHE.replace('其中:1.', '其中:(1)').replace('。2.上年', '。(2)上年');
    const stats = statsOf(bracketed);
    expect(find(stats, '8.91万元').partOf).toBe(find(stats, '2836.14万元').id);
    const mixed = HONGHE.replace('。2.上年', '。(2)上年');
    expect(find(statsOf(mixed), '8.91万元').partOf).toBeNull();
  });

  it('without the numbering the next sentence is not part of the 其中 list', () => {
    const unnumbered = HONGHE.replace('其中:1.', '其中:').replace('。2.上年', '。上年');
    expect(find(statsOf(unnumbered), '8.91万元').partOf).toBeNull();
  });
});

/** 昆明市文化和旅游局 2024 部门整体支出绩效自评报告, 预算批复及资金基本情况. */
const KUNMING_TITLE = '昆明市文化和旅游局2024年度部门整体支出绩效自评报告';
const KUNMING = "市文旅局2024年收入决算数为35,820.29万元(含部分上级资金,不含县市区转移性支出),其中,一般公共预算财政拨款收入18,879.06万元,政府性基金预算收入16,812.20万元,其他收入129.03万元;年初结转结余41.34万元。总支出决算数为35,837.94万元。其中:基本支出13,819.134万元,项目支出22,018.81万元;年末结转结余23.68万元。";

describe('held-out 14: a balance after a semicolon ends a list of spending (昆明 文旅 2024)', () => {
  it('年末结转结余 is not a part of 总支出, and 35,837.94 is 35,837.944 rounded', () => {
    const stats = statsOf(KUNMING);
    expect(find(stats, '23.68万元').partOf).toBeNull();
    expect(find(stats, '13,819.134万元').partOf).toBe(find(stats, '35,837.94万元').id);
    expect(serious([KUNMING_TITLE, '一、预算批复及资金基本情况', KUNMING])).toEqual([]);
  });

  it('spending parts that fall short are still reported', () => {
    const short = KUNMING.replace('项目支出22,018.81万元', '项目支出21,018.81万元');
    expect(serious([KUNMING_TITLE, '一、预算批复及资金基本情况', short], 'narrative-total-parts')).toHaveLength(1);
  });

  it('a balance after a semicolon in a list of income stays a part', () => {
    const text = '收入合计120万元,其中:财政拨款收入100万元,其他收入10万元;年初结转结余10万元。';
    expect(find(statsOf(text), '10万元').partOf).not.toBeNull();
  });
});

/** 中共南县县委机构编制委员会办公室 2024 整体支出绩效自评报告, 二、一般公共预算支出情况. */
const NANXIAN = [
  "2024年度整体支出绩效自评报告为了加强财政资金绩效管理,提高资金使用效益,按照《南县财政局关于做好2024年度预算绩效自评工作的通知》(南财函〔2025〕25号)等文件精神要求,我办认真组织开展了2024年部门整体支出绩效自评工作。现将有关情况报告如下:",
  "中共南县县委机构编制委员会办公室为中共南县县委委机构编制委员会的办事机构,为县委正科级工作机关,内设3个科室,核定行政编制7名,截至2024年底实有在编人员7名,退休人员2名。",
  "二、一般公共预算支出情况",
  "2024年我办一般公共预算财政拨款收入100.57万元,一般公共预算财政拨款支出100.57万元。",
  "1.基本支出情况",
  "2024年我办一般公共预算财政拨款基本支出收入100.57万元,一般公共预算财政拨款基本支出100.57万元,其中:工资福利支出70.07万元、商品和服务支出25.95万元、对个人和家庭的补助支出0.19万元、其他资本性支出4.36万元(办公椅、电脑、打印机等购置费)。",
  "2.项目支出情况",
  "2024年我办一般公共预算财政拨款项目收入21万元,一般公共预算财政拨款项目支出21万元,其中:商品和服务支出20.22万元,主要是机构改革调研差旅费、行政事业单位中文域名注册管理费用、湖南省机构编制综合管理平台运行维护等支出蛔时拘灾С�0.78万元,主要用于办公设备更新。",
  "3.“三公”经费情况",
];

describe('held-out 14: a spending whole and its split by nature in the sections after it (南县 编办 2024)', () => {
  it('基本支出 100.57 and 项目支出 21 against 支出 100.57 is one error', () => {
    const found = serious(NANXIAN, 'narrative-total-parts');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].values).toEqual([100.57, 121.57]);
  });

  it('parts that add up are not flagged', () => {
    const fixed = NANXIAN.map((l) => l.replace('一般公共预算财政拨款支出100.57万元', '一般公共预算财政拨款支出121.57万元'));
    expect(serious(fixed, 'narrative-total-parts')).toEqual([]);
  });

  it('parts of another 口径 or another year are not the whole\'s', () => {
    const otherScope = NANXIAN.map((l) => l.replace('一般公共预算财政拨款项目支出21万元', '政府性基金项目支出21万元'));
    expect(serious(otherScope, 'narrative-total-parts')).toEqual([]);
    const otherYear = NANXIAN.map((l) => l.replace('2024年我办一般公共预算财政拨款项目收入', '2023年我办一般公共预算财政拨款项目收入'));
    expect(serious(otherYear, 'narrative-total-parts')).toEqual([]);
  });
});

/** Held-out 16, on the published text of each page. */
const FUTIAN_TITLE = '深圳市福田区民政局关于“2021年中央财政困难群众救助补助资金”管理使用情况';
const FUTIAN =
  '2021年中央财政困难群众救助补助资金下达我区111万元(福财直〔2020〕67号),其中低保、特困和临时救助资金100万元,孤儿基本生活保障金11万元,调减40万元(福财直〔2021〕29号),全年实际下达71万元,已全额划转至各街道纳入年度预算并执行发放,发放率100%。';

describe('held-out 16: an adjustment ends a 其中 list whose parts already add up (福田 民政局 2021)', () => {
  it('100 + 11 are the parts of 111; the 调减40 and the 实际下达71 after it are not', () => {
    const stats = statsOf(FUTIAN);
    const whole = find(stats, '111万元');
    expect(find(stats, '100万元').partOf).toBe(whole.id);
    expect(find(stats, '11万元').partOf).toBe(whole.id);
    expect(find(stats, '40万元').partOf).toBeNull();
    expect(find(stats, '71万元').partOf).toBeNull();
    expect(serious([FUTIAN_TITLE, '一、资金基本情况', FUTIAN])).toEqual([]);
  });

  it('parts that do not add up before the adjustment are still summed, and the wrong sum found', () => {
    const wrong = FUTIAN.replace('孤儿基本生活保障金11万元', '孤儿基本生活保障金12万元');
    expect(serious([FUTIAN_TITLE, '一、资金基本情况', wrong], 'narrative-total-parts')).not.toEqual([]);
  });

  it('a rate per person and month (1300元/人/月) and a span of calendar days (45个日历日) keep their units', () => {
    const stats = statsOf('2021年最低生活保障标准为1300元/人/月,按综合评估收入补差发放;该项目开发周期为45个日历日。');
    expect(find(stats, '1300元/人/月').figure.unit).toBe('元/人/月');
    expect(find(stats, '45个日历日').figure.unit).toBe('个日历日');
  });
});
