import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 10 (narrative-only reports nobody had read): the classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-06-heldout10-*).
 */

const serious = (lines: string[], rule: string) => check(docOf(lines)).findings.filter((f) => f.rule === rule && f.severity !== 'info');

/** 吉林省 电子商务进农村 2021: a bracket after the total says what each county got, not the parts. */
const JILIN = [
  '吉林省电子商务进农村综合示范项目中央专项转移支付2021年度绩效自评报告',
  '一、绩效目标分解下达情况',
  '2.分解下达预算和绩效目标情况。依据《预算法》、《预算法实施条例》等规定,结合实际情况,及时分解下达榆树市、扶余市、长白县、图们市、农安县、公主岭市、永吉县、集安市、洮南市、东辽县、乾安县等11个县市共计8500万元补助资金(2021年度4个示范县每县补助1000万元,其它为72020年度示范县尾款)我省随《关于下达2021年度中央服务业发展预算资金的通知》。',
];

describe('held-out 10: an amount per unit is not a part of the total', () => {
  it('每县补助1000万元 in brackets after 8500万元 (吉林 2021) is no part of it', () => {
    expect(serious(JILIN, 'narrative-total-parts')).toEqual([]);
  });

  it('a bracketed list of real parts after the same total is still summed', () => {
    const wrong = JILIN.slice(0, 2).concat('分解下达11个县市共计8500万元补助资金(示范县补助4000万元,其它县市补助4000万元)。');
    expect(serious(wrong, 'narrative-total-parts')).toHaveLength(1);
  });
});

/** 元阳县大坪乡 2021: 其中 names the management fee; what has been paid so far is another statement. */
const YUANYANG = [
  '元阳县大坪乡人民政府2021年度项目支出绩效单位自评报告',
  '一、基本情况',
  '(一)项目概况',
  '1.2021年第一批统筹整合使用财政涉农资金虹鳟鱼鲟鱼养殖基地建设项目,项目实施确保巩固拓展大坪乡脱贫成果。统筹整合使用财政涉农资金303万元,其中项目管理费3万元,目前项目资金已拨付270万元。项目本年未整体竣工验收。',
  '2.2021年第一批统筹整合使用财政涉农资金基础设施建设项目,使项目村基础设施更加完善。统筹整合使用财政涉农资金107.13万元,其中项目管理费1.07万元,目前项目资金已拨付106.36万元。',
];

describe('held-out 10: money paid so far ends a 其中 list of what the total is made of', () => {
  it('其中项目管理费3万元,目前项目资金已拨付270万元 (元阳 2021): no sum of 3 + 270 against 303', () => {
    expect(serious(YUANYANG, 'narrative-total-parts')).toEqual([]);
  });

  it('a 其中 list that divides the total into paid and unpaid is still summed', () => {
    const lines = YUANYANG.slice(0, 3).concat('统筹整合使用财政涉农资金303万元,其中已拨付270万元,未拨付30万元。');
    expect(serious(lines, 'narrative-total-parts')).toHaveLength(1);
  });
});

describe('held-out 10: a finance bureau’s 预算绩效工作开展情况说明 is named by its title', () => {
  it('高新区(江海区)预算绩效工作开展情况说明 (江门 2018)', () => {
    const lines = [
      '高新区(江海区)预算绩效工作开展情况说明',
      '项目支出绩效情况:区本级财政支出预算绩效管理项目中选取7个项目开展重点评价,涉及预算金额为2298万元。经过第三方机构评审,等级为优良(80分以上)的项目有4个,占57%,等级为中(70-80分)的项目有3个,占43%。',
    ];
    const reports = findReports(docOf(lines));
    expect(reports).toHaveLength(1);
    expect(reports[0].title).toBe('高新区(江海区)预算绩效工作开展情况说明');
  });

  it('a numbered section heading 十、预算绩效情况说明 of a 决算 is no report title', () => {
    const lines = ['十、预算绩效情况说明', '2021年度本部门未开展预算绩效评价工作,无相关数据。'];
    expect(findReports(docOf(lines)).map((r) => r.title)).not.toContain('预算绩效情况说明');
  });
});

/** 汶川 2021 (a republishing site ran the whole report into one sentence): 上年结转结余资金 in 一 and again in 二. */
const WENCHUAN =
  '附件3四川省汶川县2021年中央食品监管专项转移支付绩效自评报告为进一步规范和提高中央对地方转移支付专项资金管理,按照《中央食品食品监管补助资金管理实施细则》(川财行〔2021〕94号)要求,对我局2021年中央对地方转移支付的食品监管补助资金进行自评,现将自评情况报告如下:一、绩效目标分解下达情况(一)中央下达2021年中央食品监管专项转移支付预算和绩效目标情况,2021年度我局食品监管资金上年结转结余资金2万元,2021年中央下达中央食品监管专项转移支付预算资金3万元,进一步细化和量化资金绩效指标,下达我局食品监管补助资金1.5万元、《关于提前下达中央食品食品监管补助资金预算通知》(川财行2020〕189号)补助资金1.5万元,二、绩效目标完成情况分析(一)资金投入情况分析,2021年度我局食品监管资金上年结转结余资金2万元,本年度收到州级《关于下达2021年中央食品监管补助资金预算补助资金预算的通知》(阿州财行〔2021〕61号)中央补助1.5万元、《关于下达2021年中央食品安全监管补助资金预算的通知》阿州财行〔2021〕15号)中央补助预算1.5万元,该项目由我局食品安全监管股负责项目资金的实施,3.项目资金管理情况分析,(二)绩效目标完成情况分析,合格率100%三、偏离绩效目标的原因和下一步改进措施我局工作虽未偏离绩效目标。';

describe('held-out 10: a report run into one sentence is still read section by section', () => {
  it('the same 上年结转结余资金 restated in section 二 with the same value is left alone', () => {
    expect(serious([WENCHUAN], 'narrative-restated-differs')).toEqual([]);
  });

  it('restated in section 二 with another value (2万元 → 4万元) is found, though no full stop parts them', () => {
    const changed = WENCHUAN.replace('资金投入情况分析,2021年度我局食品监管资金上年结转结余资金2万元', '资金投入情况分析,2021年度我局食品监管资金上年结转结余资金4万元');
    const f = serious([changed], 'narrative-restated-differs');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('4万元');
  });

  it('one name twice inside one section of the run-on text is still a list, not a restatement', () => {
    const list = WENCHUAN.replace('《关于提前下达中央食品食品监管补助资金预算通知》(川财行2020〕189号)补助资金1.5万元', '下达我局食品监管补助资金1.6万元');
    expect(serious([list], 'narrative-restated-differs')).toEqual([]);
  });
});

/** 昌宁县第一示范小学 2023 (test/corpus/real/yn-changning-yixiao-2023): a rate stated in 一 and again in 二. */
const CHANGNING = [
  '昌宁县第一示范小学2023年度项目支出绩效自评报告',
  '一、自评结论',
  '(二)绩效目标完成情况',
  '(1)产出指标',
  '②时效指标:教育专项工作经费资金到位率为100%。',
  '二、佐证材料',
  '(一)项目基本情况',
  '2.项目资金情况。',
  '教育专项工作经费资金到位率为100%。',
];

describe('held-out 10: a rate of the money (到位率, 执行率) restated with another value', () => {
  it('the same 资金到位率 stated twice alike is left alone', () => {
    expect(serious(CHANGNING, 'narrative-restated-differs')).toEqual([]);
  });

  it('教育专项工作经费资金到位率 100% in 一 and 95% in 二, in unlike sentences, is found once', () => {
    const lines = [...CHANGNING.slice(0, -1), '项目资金由县财政局直接拨付学校账户,教育专项工作经费资金到位率95%,保障了学校的正常运转。'];
    const all = check(docOf(lines)).findings.filter((f) => f.severity !== 'info');
    expect(all.map((f) => f.rule)).toEqual(['narrative-restated-differs']);
    expect(all[0].message).toContain('95%');
  });

  it('预算执行率 100% with its amounts in 一 and 96% alone in 二 is found; 96% with amounts that make 100% is narrative-rate’s only', () => {
    const base = ['昌宁县第一示范小学2023年度项目支出绩效自评报告', '一、自评结论', '1. 执行率情况。', '2023年度我校教育专项工作经费项目财政资金总额16.20万元,全部为县级配套资金,拨付使用16.20万元,预算执行率100%。', '二、佐证材料', '2.项目资金情况。'];
    const alone = check(docOf([...base, '项目资金由县财政局直接拨付学校账户,预算执行率96%,保障了学校的正常运转。'])).findings.filter((f) => f.severity !== 'info');
    expect(alone.map((f) => f.rule)).toEqual(['narrative-restated-differs']);
    const withAmounts = ['昌宁县第一示范小学2023年度项目支出绩效自评报告', '一、自评结论', '1. 执行率情况。', '项目资金由县财政局直接拨付学校账户,预算执行率100%,保障了学校的正常运转。', '二、佐证材料', '2.项目资金情况。', '2023年度我校教育专项工作经费项目财政资金总额16.20万元,全部为县级配套资金,拨付使用16.20万元,预算执行率96%。'];
    const once = check(docOf(withAmounts)).findings.filter((f) => f.severity !== 'info');
    expect(once.map((f) => f.rule)).toEqual(['narrative-rate']);
  });

});

/** 巴彦淖尔 2023 (batch B): a fund's total, then its two batches in two paragraphs under one name. */
const BAYANNAOER = [
  '我市2023年度中央专项资金转移支付涉及两类项目,分别是:土壤污染防治类和大气污染防治类。',
  '一、绩效目标分解下达情况',
  '土壤污染防治类:2023年度,中央下达我市土壤污染防治资金共1737万元,我市及时将中央资金下拨至相关旗县。具体情况如下:',
  '2022年12月23日,自治区财政厅以《关于提前下达2023年中央土壤污染防治专项资金预算的通知》(内财资环〔2022〕1706号)向我市下达2023年中央土壤污染防治资金1300万元。我市于2023年1月6日,以《关于下达2023年中央土壤污染防治资金的通知》(巴财资环〔2023〕2号)将该笔资金下拨至乌拉特前旗,用于实施“内蒙古乌拉山化肥厂有限公司地块土壤污染状况初步调查项目”(723万元)和“乌拉特前旗蓿亥滩污水暂存池应急工程地块土壤污染状况初步调查项目”(577万元)。',
  '2023年8月1日,自治区财政厅以《关于下达2023年中央土壤污染防治资金预算的通知》(内财资环〔2023〕974号)向我市下达2023年中央土壤污染防治资金437万元。我市于2023年8月7日,以《关于下达2023年第二批中央土壤污染防治资金预算的通知》(巴财资环〔2023〕762号)将该笔资金下拨至乌拉特前旗和乌拉特后旗,“巴彦淖尔市乌拉特前旗污染地块土壤污染状况详细调查”(272万元)和“内蒙古自治区巴彦淖尔市乌拉特后旗受污染耕地安全利用项目”(165万元)。',
  '二、绩效情况分析',
];

describe('held-out 10 batch B: two batches of one fund are not one amount restated', () => {
  it('下达…土壤污染防治资金1300万元 and …437万元, which add up to the 1737万元 stated before, are left alone (巴彦淖尔 2023)', () => {
    expect(serious(BAYANNAOER, 'narrative-restated-differs')).toEqual([]);
  });

  it('the same two statements without a total they add up to are still compared', () => {
    const lines = BAYANNAOER.map((l) => l.replace('共1737万元', '共1800万元'));
    expect(serious(lines, 'narrative-restated-differs')).toHaveLength(1);
  });
});

describe('held-out 10: a unit in brackets after the number', () => {
  it('覆盖服务人口4.52(万人) is read as 4.52 万人 (旌德 2021)', () => {
    const stats = statsOf('本项目总体的绩效目标是169处农村饮水工程维修养护,,覆盖服务人口4.52(万人)。');
    const s = find(stats, '4.52(万人)');
    expect(s.figure.unit).toBe('万人');
    expect(s.label).toContain('覆盖服务人口');
  });

  it('a bracket after a number that is no unit (一个注释) is not taken for one', () => {
    expect(statsOf('完成项目3(详见附表)。').map((s) => s.figure.text)).toEqual([]);
  });
});

/** 山东省住房和城乡建设厅 2021: the spending budget and what it includes, in one sentence. */
const SHANDONG = [
  '一、部门基本情况',
  '(二)部门预决算情况',
  '2021年初省住房和城乡建设厅收入预算51587.78万元,其中一般公共预算财政拨款收入28449.15万元、上级补助收入1500万元、事业收入7469.56万元、附属单位上缴收入2000万元、其他收入2064.02万元、使用非财政拨款结余10105.05万元。2021年初省住房和城乡建设厅支出预算51587.78万元,包括基本支出24642.4万元、项目支出26945.38万元。年中',
];

describe('held-out 10: 包括 right after a total lists its parts', () => {
  it('支出预算51587.78万元,包括基本支出24642.4万元、项目支出26945.38万元 holds (山东 住建厅 2021)', () => {
    expect(check(docOf(SHANDONG)).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the same sentence with a part mistyped (24642.4 → 24652.4) is found', () => {
    const lines = SHANDONG.map((l) => l.replace('基本支出24642.4万元', '基本支出24652.4万元'));
    const f = serious(lines, 'narrative-total-parts');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('51587.78万元');
  });
});

describe('held-out 10: 下达 is a word, not 下 + 达', () => {
  it('共计下达61.8万元 is labelled 下达 (旌德 2021), 达到 still trimmed', () => {
    const stats = statsOf('下达中央财政资金30.9万元,县财政资金30.9万元,共计下达61.8万元。受益人口达4.52万人。');
    expect(find(stats, '61.8万元').label).toBe('下达');
    expect(find(stats, '4.52万人').label).toBe('受益人口');
  });
});
