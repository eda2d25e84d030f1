import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../src/narrative/numerals.js';
import { shiftDecimal } from '../../src/narrative/units.js';
import { find, paragraphs, statsOf } from './helpers.js';
import { extractStats } from '../../src/narrative/extract.js';

describe('narrative figures: values, units, qualifiers', () => {
  it('reads amounts with their written precision and normalizes money to 万元', () => {
    const stats = statsOf('2023年基本支出数为592.17万元，其中人员经费5,726,100.00元，总造价约51.53亿元。');
    const basic = find(stats, '592.17万元');
    expect(basic.figure).toMatchObject({ value: '592.17', decimals: 2, unit: '万元', comparator: '=', approximate: false });
    expect(basic.dimension).toBe('money');
    expect(basic.label).toBe('基本支出');
    const yuan = find(stats, '5,726,100.00元');
    expect(yuan.figure.value).toBe('5726100.00');
    expect(yuan.normalizedValue).toBe('572.61');
    expect(yuan.normalizedUnit).toBe('万元');
    const yi = find(stats, '约51.53亿元');
    expect(yi.normalizedValue).toBe('515300');
    expect(yi.figure.comparator).toBe('~');
    expect(yi.figure.approximate).toBe(true);
    expect(yi.figure.qualifiers).toEqual(['约']);
  });

  it('normalizes area units and keeps 余/多/以上/左右/全覆盖 as qualifiers', () => {
    const stats = statsOf('总建筑面积约285.17万平方米，发现安全隐患930余处，更新广告2万多平，面积达到30%左右，开展了4次全覆盖检测，满意度95%以上，实际规模120㎡。');
    expect(find(stats, '约285.17万平方米')).toMatchObject({ normalizedValue: '2851700', normalizedUnit: '平方米', dimension: 'area' });
    expect(find(stats, '930余处').figure).toMatchObject({ value: '930', unit: '处', comparator: '>=', approximate: true, qualifiers: ['余'] });
    expect(find(stats, '2万多平')).toMatchObject({ normalizedValue: '20000', normalizedUnit: '平方米' });
    expect(find(stats, '30%左右').figure).toMatchObject({ comparator: '~', approximate: true, unit: '%' });
    expect(find(stats, '4次全覆盖').figure.qualifiers).toEqual(['全覆盖']);
    expect(find(stats, '95%以上').figure.comparator).toBe('>=');
    expect(find(stats, '120㎡').normalizedUnit).toBe('平方米');
    const scaled = statsOf('惠及1.2万户，带动就业3万余人次，投入资金5万余元。');
    expect(find(scaled, '1.2万户')).toMatchObject({ normalizedValue: '12000', normalizedUnit: '户', dimension: 'count' });
    expect(find(scaled, '3万余人次')).toMatchObject({ normalizedValue: '30000', normalizedUnit: '人次' });
    expect(find(scaled, '5万余元')).toMatchObject({ normalizedValue: '5', normalizedUnit: '万元', dimension: 'money' });
    expect(find(scaled, '5万余元').figure).toMatchObject({ comparator: '>=', approximate: true });
  });

  it('reads counting words (人次, 台套, 家, 起, 宗 …), full-width digits and thousands separators', () => {
    const stats = statsOf('组织１９人次参加培训，新装设备共38台套，关停1家，记录不良行为29起，出让土地3宗，受益群众12,345人。');
    expect(find(stats, '１９人次').figure).toMatchObject({ value: '19', unit: '人次' });
    expect(find(stats, '38台套').figure.unit).toBe('台套');
    expect(find(stats, '29起').label).toBe('记录不良行为');
    expect(find(stats, '3宗').figure.unit).toBe('宗');
    expect(find(stats, '12,345人').figure.value).toBe('12345');
  });

  it('reads Chinese numerals with a counting word, and 各一件 as one each', () => {
    const stats = statsOf('分定期检查和不定期抽查两种形式，召开一次整治大会，开展十二次巡查，培训二十人，收到实名制举报和投诉质疑函各一件。');
    expect(find(stats, '两种').figure.value).toBe('2');
    expect(find(stats, '两种').listLength).toBe(2);
    expect(find(stats, '一次').figure.value).toBe('1');
    expect(find(stats, '十二次').figure.value).toBe('12');
    expect(find(stats, '二十人').figure.value).toBe('20');
    const each = find(stats, '一件');
    expect(each.each).toBe(2);
    expect(each.label).toContain('举报和投诉质疑函');
  });

  it('parses Chinese numerals exactly', () => {
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('二十')).toBe(20);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('三千二百')).toBe(3200);
    expect(parseChineseNumeral('三四')).toBeNull();
  });

  it('reads counts of times (册次, 场次, 户次, 台次) as their own unit, not as the things counted (东阳 2020)', () => {
    const stats = statsOf('全年共计送书和流通图书下乡116559册次,送戏下乡197场次,入户走访3000户次,出动车辆120台次,开展讲座三场次。');
    expect(find(stats, '116559册次').figure).toMatchObject({ value: '116559', unit: '册次' });
    expect(find(stats, '197场次').normalizedUnit).toBe('场次');
    expect(find(stats, '3000户次').figure.unit).toBe('户次');
    expect(find(stats, '120台次').figure.unit).toBe('台次');
    expect(find(stats, '三场次').figure).toMatchObject({ value: '3', unit: '场次' });
    // 次 opening a word (次生, 次要) leaves the counting word alone
    const secondary = statsOf('汛期发生地质灾害3处次生灾害未发生,完成2项次要任务,发现问题4处次日整改完毕。');
    expect(find(secondary, '3处').figure.unit).toBe('处');
    expect(find(secondary, '2项').figure.unit).toBe('项');
    expect(find(secondary, '4处').figure.unit).toBe('处');
  });

  it('reads an item number run into its first count as the list mark (6.… then 7.21个司法所, 青川 2021), a decimal elsewhere as a decimal', () => {
    const lines = ['5.对律师队伍进行监督;', '6.办案(业务)经费主要用于基层司法所业务费、普法宣传费等;', '7.21个司法所基本完成信息化建设。'];
    const stats = extractStats(paragraphs(lines), false, { part: '测试', narrative: 0, sectionOf: () => null });
    expect(stats.map((s) => [s.figure.value, s.figure.unit])).toEqual([['21', '个']]);
    // the first item of a list, or one out of sequence, keeps its decimal; so does an amount after 。
    const first = extractStats(paragraphs(['1.5个百分点的增幅已完成。']), false, { part: '测试', narrative: 0, sectionOf: () => null });
    expect(first.map((s) => s.figure.value)).toEqual(['1.5']);
    const outOfSequence = extractStats(paragraphs(['3.资金到位。', '7.21个司法所完成建设。']), false, { part: '测试', narrative: 0, sectionOf: () => null });
    expect(outOfSequence.map((s) => s.figure.value)).toEqual(['7.21']);
    expect(statsOf('1.资金到位情况。2.5万元用于购置设备。').map((s) => s.figure.value)).toEqual(['2.5']);
  });

  it('reads hospital beds (床) as a count, and a bare 万 after a money word with the verb right after it (儋州 中医院; 海南 学生资助 2016)', () => {
    expect(find(statsOf('新建市中医医院,按照三级中医医院500床设置。'), '500床')).toMatchObject({ dimension: 'count' });
    expect(statsOf('床位使用率90%，床单更换及时。').map((s) => s.figure.unit)).toEqual(['%']);
    const wan = find(statsOf('项目批复资金350万已全部到位,属于省财政下拨资金。'), '350万');
    expect(wan).toMatchObject({ dimension: 'money', normalizedValue: '350' });
    // a count in 万 (万人) is no amount
    expect(find(statsOf('覆盖人口3万人已全部受益。'), '3万人').dimension).toBe('count');
  });

  it('keeps a figure with an unknown unit instead of dropping it', () => {
    const stats = statsOf('新栽行道树120棵，打井3眼。');
    const well = find(stats, '3眼');
    expect(well.unknownUnit).toBe(true);
    expect(well.figure.unit).toBe('眼');
    expect(well.dimension).toBe('other');
  });

  it('shifts decimals exactly', () => {
    expect(shiftDecimal('334.74', -4)).toBe('0.033474');
    expect(shiftDecimal('51.53', 4)).toBe('515300');
    expect(shiftDecimal('5726100.00', -4)).toBe('572.61');
  });
});

describe('narrative figures: what is not a statistic', () => {
  it('dates, years and month ranges', () => {
    const stats = statsOf('截止2023年12月31日，2023年度1-12月共开展检查3次；吸取长沙4.29自建民房倒塌事故教训；2023，市财政安排资金5万元。');
    expect(stats.map((s) => s.figure.text)).toEqual(['3次', '5万元']);
  });

  it("a form's cells run together before a % (年度资金总额:21182118100% = 2118 | 2118 | 100%) are no figure (gx-wenlv-feiyi-2021)", () => {
    const text = readFileSync('test/corpus/real/gx-wenlv-feiyi-2021/source.txt', 'utf8');
    expect(text).toContain('年度资金总额:21182118100%');
    const rates = statsOf(text).filter((s) => s.figure.unit === '%');
    expect(rates.filter((s) => /^\d{6,}/.test(s.figure.value))).toEqual([]);
    expect(statsOf('执行率为100%，增长12345.6%。').map((s) => s.figure.text)).toEqual(['100%', '12345.6%']);
  });

  it('a dotted date is a real month and day; an amount that starts like a year is an amount (河北 临城)', () => {
    const stats = statsOf('截至2023.12，二批项目县级批复总投资2069.51万元，2022.10.5开工。');
    expect(stats.map((s) => s.figure.text)).toEqual(['2069.51万元']);
  });

  it('a batch or phase named at the head of a clause is an ordinal, "分三批实施" a count', () => {
    const stats = statsOf('该项目分三批实施，一批项目总投资3374.3万元，二批项目总投资2069.51万元，二期工程完成道路5公里。');
    expect(stats.map((s) => s.figure.text)).toEqual(['三批', '3374.3万元', '2069.51万元', '5公里']);
  });

  it('document numbers', () => {
    const stats = statsOf('本项目根据国办发【2017】19号、建质【2014】153号、湘政办发〔2020〕36号、岳公管委[2020]2号文件立项，安排资金20万元。');
    expect(stats.map((s) => s.figure.text)).toEqual(['20万元']);
  });

  it('ordinals and list markers', () => {
    for (const text of ['（二）抓实安全生产。', '1、每月一次巡查；2、每季度一次考评。', '(1) 项目支出概况。', '一是内部发力；二是带动行业。', '完成第三轮巡视整改。', '十、其他需要说明的情况']) {
      const stats = statsOf(text);
      expect(stats.every((s) => s.figure.unit === '次'), text).toBe(true);
    }
    expect(statsOf('1、每月一次巡查；2、每季度一次考评。').map((s) => [s.figure.text, s.per])).toEqual([['一次', '月'], ['一次', '季度']]);
  });

  it('phone numbers, hotlines and versions', () => {
    const stats = statsOf('联系电话：15292005668，0730-5222111；12345信箱239件；隐患判定标准（2022版）。');
    expect(stats.map((s) => s.figure.text)).toEqual(['239件']);
    expect(stats[0].label).toBe('12345信箱');
  });

  it('plan names and idioms with numerals', () => {
    const stats = statsOf('开展“三解三送三优”服务，落实“三会一课”和“三重一大”，学习党的二十大精神，发现一起、查处一起，形成一套机制，举一反三，这一条主线，是一项严肃的工作，实行一项目三承诺制。');
    expect(stats).toEqual([]);
  });

  it('首次 is an ordinal (for the first time), not a count', () => {
    expect(statsOf('首次开展质量安全观摩活动，第三方检测机构完成第三轮检测。')).toEqual([]);
  });

  it('"6个100%" is a countable mention of a slogan, not a measurement of 100%', () => {
    const stats = statsOf('将扬尘防治“6个100%”作为审查重点，督促做到六个百分百达标。');
    expect(stats.map((s) => [s.figure.text, s.mention, s.figure.value, s.figure.unit])).toEqual([
      ['6个100%', 'slogan', '6', '个'],
      ['六个百分百', 'slogan', '6', '个'],
    ]);
    expect(stats[0].label).toBe('扬尘防治');
    expect(stats.some((s) => s.figure.unit === '%')).toBe(false);
  });
});

describe('narrative figures: totals and parts', () => {
  it('bracketed components and 其中 subsets of the same total', () => {
    const stats = statsOf('目前在建房屋和市政项目共74个（房屋工程68个，市政工程6个），其中在建项目44个，停工项目16个，未开工项目14个。');
    const total = find(stats, '74个');
    expect(total.label).toBe('在建房屋和市政项目');
    for (const t of ['68个', '6个']) expect(find(stats, t)).toMatchObject({ partOf: total.id, relation: 'component' });
    for (const t of ['44个', '16个', '14个']) expect(find(stats, t)).toMatchObject({ partOf: total.id, relation: 'subset' });
  });

  it('a listed part named with digits ("12345信箱239件") belongs to the total', () => {
    const stats = statsOf('全年共办理建筑领域投诉、信访、交办284件（12345信箱239件、舆情11件、信访26件、市长信箱8件）。');
    const total = find(stats, '284件');
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['239', '11', '26', '8']);
    expect(total.label).toContain('投诉、信访、交办');
  });

  it('a bracket after a listed item names a group within it, not more parts (承德 农业农村局 2023)', () => {
    const text =
      '我局2023年预算安排专项资金项目共计113个,财政资金3267.28万元。其中绩效自评“优”的项目79个财政资金3038.38万元;绩效自评“良”的项目11个财政资金201.9万元,绩效自评“中”的项目3个财政资金7万元,绩效自评“差”的项目20个财政资金218.07万元(“三区”人才项目16个49万元),分别是:';
    const stats = statsOf(text);
    const count = find(stats, '113个');
    // the 16 projects are among the 差 item's 20: the list by grade is 79 + 11 + 3 + 20
    expect(stats.filter((s) => s.partOf === count.id).map((s) => s.figure.value)).toEqual(['79', '11', '3', '20']);
    expect(find(stats, '16个').partOf).toBeNull();
    // one amount in the bracket is a subset of the 218.07, never the list of all its parts
    expect(find(stats, '49万元')).toMatchObject({ partOf: find(stats, '218.07万元').id, relation: 'subset' });
    // a print that sets the bracket's opening quote before it (Chromium without rulings: 218.07万元“( 三区”…) reads the same
    const swapped = statsOf(text.replace('218.07万元(“三区”', '218.07万元“( 三区”'));
    expect(swapped.filter((s) => s.partOf === find(swapped, '113个').id).map((s) => s.figure.value)).toEqual(['79', '11', '3', '20']);
    expect(find(swapped, '49万元')).toMatchObject({ partOf: find(swapped, '218.07万元').id, relation: 'subset' });
    // two amounts in a bracket still list the parts
    const listed = statsOf('共74个（房屋工程68个，市政工程6个）。');
    expect(find(listed, '68个')).toMatchObject({ partOf: find(listed, '74个').id, relation: 'component' });
  });

  it('paragraphs run together: a section heading ends a 其中 list (湖南 耒阳)', () => {
    const stats = statsOf('共计239万元,其中上级资金179.25万元,本级59.75万元,项目绩效目标是保证学校的正常运转二、项目资金使用情况三、预算支出组织实施情况我校财政安排支出共计87.06万元');
    const total = find(stats, '239万元');
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['179.25', '59.75']);
    expect(find(stats, '87.06万元').partOf).toBeNull();
  });

  it('其中 after a full stop attaches each part to the total of its own kind', () => {
    const stats = statsOf('共办理竣工验收备案82个,工程总造价350773.89万元。其中房建类81个，工程总造价350391.39万元，建筑面积1913714.87平方米；市政工程1个，工程总造价382.5万元。');
    const count = find(stats, '82个');
    const money = find(stats, '350773.89万元');
    expect(find(stats, '81个').partOf).toBe(count.id);
    expect(find(stats, '1个').partOf).toBe(count.id);
    expect(find(stats, '350391.39万元').partOf).toBe(money.id);
    expect(find(stats, '382.5万元').partOf).toBe(money.id);
    expect(find(stats, '1913714.87平方米').partOf).toBeNull();
  });

  it('a 其中 list mixing a level and a change is not summed; its level parts stay with the level total', () => {
    // Hunan department report: the change (同比增加) is neither a part nor the total of the list
    const stats = statsOf('2023年度收入总计1001.50万元，同比上年度增加189.25万元，其中财政拨款收入792.22万元、同比上年度增加209.28万元，其他收入209.28万元、同比减少20.03万元。'.replace('其他收入209.28', '其他收入10.00'));
    const total = find(stats, '1001.50万元');
    expect(find(stats, '792.22万元')).toMatchObject({ partOf: total.id, relation: 'subset' });
    expect(find(stats, '10.00万元')).toMatchObject({ partOf: total.id, relation: 'subset' });
    for (const change of ['189.25万元', '20.03万元']) expect(find(stats, change).partOf).toBeNull();
    expect(stats.filter((s) => s.partOf === find(stats, '189.25万元').id)).toEqual([]);
    // the quoted sentence alone: the 其中 follows a change, nothing before it is a level
    const alone = statsOf('同比上年度增加189.25万元，其中财政拨款收入792.22万元、同比上年度增加209.28万元。');
    expect(alone.every((s) => s.partOf === null)).toBe(true);
  });

  it('a breakdown announced after a figure (分别支持 / 具体是) holds that figure’s parts, nested inside a 其中 list (江西 南昌, 西藏)', () => {
    const nanchang = statsOf(
      '我市获得2023年度中央水污染防治专项资金17347万元其中第一批资金9910万元,分别支持南昌市南塘湖水生态系统综合治理项目3000万元、进贤县外青岚湖水流域上游排水渠重点区域水污染综合治理项目3357.17万元、东湖区扬子洲地区电排站前池及中心渠水生态修复项目3552.83万元;第二批资金7437万元,分别支持南昌市南塘湖水生态系统综合治理项目3000万元、南桃花河水环境提升及生态修复项目(一期工程)3688万元、江西安义高新技术产业园区化工集中区地下水环境状况详细调查与风险评估项目730万元、南昌市加油站地下水环境状况初步调查评估项目19万元。',
    );
    const total = find(nanchang, '17347万元');
    const first = find(nanchang, '9910万元');
    const second = find(nanchang, '7437万元');
    expect(nanchang.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['9910', '7437']);
    expect(nanchang.filter((s) => s.partOf === first.id).map((s) => s.figure.value)).toEqual(['3000', '3357.17', '3552.83']);
    expect(nanchang.filter((s) => s.partOf === second.id).map((s) => [s.figure.value, s.relation])).toEqual([['3000', 'component'], ['3688', 'component'], ['730', 'component'], ['19', 'component']]);
    const tibet = statsOf('一是布达拉宫管理处,下达预算资金9378万元。具体是:布达拉宫雪城修缮展示工程项目3005万元;布达拉宫二期结构检测工程项目1235万元;布达拉宫古籍文献保护数字化与编目二期项目255万元;布达拉宫古籍文献保护预防性保护二期项目429万元;布达拉宫古籍文献保护抢救性保护二期项目1228万元;布达拉宫消防提升工程项目1613万元。');
    const potala = find(tibet, '9378万元');
    expect(tibet.filter((s) => s.partOf === potala.id).map((s) => s.figure.value)).toEqual(['3005', '1235', '255', '429', '1228', '1613']);
    // a page cut inside the list (重庆 双桥: no full stop after it): not a complete breakdown
    const cut = statsOf('预算项目经费15690.38万元,具体包括:交通秩序综合整治155.85万元,双桥经开区数字化城管管理系统运维费84.69万元、市容环境综合整治84.62万元、会计服务费5万元、2021年度市政消防栓建设工程2.');
    expect(cut.every((s) => s.partOf === null)).toBe(true);
  });

  it('a bracket that says what the total includes (含…) holds a subset, not the list of parts', () => {
    const stats = statsOf('实施项目共15个(含2023年转列暂付性款项项目5个),年初批复预算8个项目985万元(含1个年初结转结余项目50万元)。');
    expect(find(stats, '5个')).toMatchObject({ partOf: find(stats, '15个').id, relation: 'subset' });
    expect(find(stats, '50万元')).toMatchObject({ partOf: find(stats, '985万元').id, relation: 'subset' });
  });

  it('one item in brackets is an alias, not a list; a list with a part as large as the whole is not a partition', () => {
    const stats = statsOf('能有效解决15个乡镇(街道办事处)出行难问题。该项目共编制12个绩效目标指标,其中一级指标3个,二级指标9个,三级指标12个。');
    expect(find(stats, '15个').listLength).toBeNull();
    for (const t of ['3个', '9个']) expect(find(stats, t).partOf).toBeNull();
  });

  it('pinyin glosses are read past, figures keep their source text and offsets', () => {
    const stats = statsOf('本項(xiàng)目以遂溪縣13宗(東坑、湖仔洋、邁往)水庫(kù)除險(xiǎn)加固工程,設計洪水標(biāo)準(zhǔn)為 10 年一遇。');
    const reservoirs = find(stats, '13宗');
    expect(reservoirs.listLength).toBe(3);
    const flood = find(stats, '10 年');
    expect(flood.figure.unit).toBe('年');
    const text = '本項(xiàng)目以遂溪縣13宗(東坑、湖仔洋、邁往)水庫(kù)除險(xiǎn)加固工程,設計洪水標(biāo)準(zhǔn)為 10 年一遇。';
    expect(text.slice(flood.loc.span![0], flood.loc.span![1])).toBe('10 年');
  });

  it('a 其中 list joined by 、 ends at the next comma: what follows counts something else (浙江 衢州 2022)', () => {
    const stats = statsOf('2022年共对9个重点项目进行了评价,其中项目支出评价4个、政策评价3个、部门整体评价2个,涉及部门单位7个,资金17815.56万元。');
    const total = find(stats, '9个');
    for (const t of ['4个', '3个', '2个']) expect(find(stats, t)).toMatchObject({ partOf: total.id, relation: 'subset' });
    expect(find(stats, '7个').partOf).toBeNull();
    // a 其中 list joined by commas still runs to the end of the sentence
    const commas = statsOf('现有干职工79人，其中在编59人，退休干职工20人。');
    for (const t of ['59人', '20人']) expect(find(commas, t).partOf).toBe(find(commas, '79人').id);
    // a comma slipped into a 、 list: the item after it completes the total exactly, so it stays a part
    const slip = statsOf('全年共实施项目6个，其中新建项目2个、续建项目3个，改建项目1个。');
    for (const t of ['2个', '3个', '1个']) expect(find(slip, t).partOf).toBe(find(slip, '6个').id);
  });

  it('lists for the links: amounts joined by 、 and the amount a numbered item opens with, said again inside the item (gx-wenlv-feiyi-2021)', () => {
    const text = readFileSync('test/corpus/real/gx-wenlv-feiyi-2021/source.txt', 'utf8').split('\n').find((l) => l.includes('1.年度重点项目补助资金874万元'))!;
    const stats = statsOf(text);
    const money = stats.filter((s) => s.dimension === 'money');
    // 包含补助18个年度重点项目资金774万元、补助6名…240万元、…、补助国家级文化生态保护(实验)区资金750万元,
    expect(money.filter((s) => s.listItem === 'amounts').map((s) => s.figure.text)).toEqual(['774万元', '240万元', '140万元', '84万元', '750万元']);
    const [item, again] = money.filter((s) => s.figure.text === '874万元');
    expect([item.listItem, item.itemOf]).toEqual(['numbered', undefined]);
    expect([again.listItem, again.itemOf]).toEqual([undefined, item.id]);
    // a count in the list is no amount of it; an amount closing a clause without 、 is no list item
    expect(find(stats, '6名').listItem).toBeUndefined();
    expect(find(statsOf('安排资金100万元，其中培训费20万元，1.办公经费30万元。'), '100万元').listItem).toBeUndefined();
  });

  it('the phase of a named project is no count (内蒙古 阿拉善左旗 2023: 加工车间二期建设项目)', () => {
    const stats = statsOf('中央财政衔接推进乡村振兴补助资金-沙日扎嘎查特色产品加工车间二期建设项目资金,项目全年预算数*,执行数*元,完成预算的100%。项目分三期建设。');
    expect(stats.some((s) => s.figure.unit === '期' && s.figure.value === '2')).toBe(false);
    expect(find(stats, '三期').figure.value).toBe('3');
  });

  it('"一个亿" is an amount spoken, not one thing counted (江苏 扬州 2019)', () => {
    const stats = statsOf('2018年7月,市发改委、财政局联合制定出台了《扬州市特色小镇奖补资金管理办法》(扬财规[2018]5号),明确市财政三年扶持特色小镇建设一个亿。共建成小镇客厅一个。');
    expect(stats.filter((s) => s.figure.unit === '个').map((s) => s.figure.text)).toEqual(['一个']);
    expect(find(stats, '一个').label).toContain('小镇客厅');
  });

  it('a clause of placeholder figures is not a list of names (新疆 2021 衔接资金自评, figures published as X)', () => {
    const stats = statsOf('全县总户数X户X人,农业户籍户X户X人、低保户X户X人、已脱贫户X户X人、“三类户”X户X人(脱贫不稳定户X户X人、边缘易致贫户X户X人、突发严重困难户X户X人。');
    expect(stats.every((s) => s.listLength === null)).toBe(true);
    // “三类户” is the name of a category of households, not three kinds counted
    expect(stats.some((s) => s.figure.unit === '类')).toBe(false);
    // a count in quotes that is the whole quotation stays a count
    expect(find(statsOf('评价结论为“良”的8个,共“三个”。'), '三个').figure.value).toBe('3');
  });

  it('新增 states a level: its 其中 parts are summed', () => {
    const stats = statsOf('全年新增就业岗位120个，其中公益性岗位80个，其他岗位40个。');
    const total = find(stats, '120个');
    expect(find(stats, '80个').partOf).toBe(total.id);
    expect(find(stats, '40个').partOf).toBe(total.id);
  });

  it('a list marked 等 is open', () => {
    const stats = statsOf('共检查45个项目（包括房建项目30个、市政项目10个等）。');
    expect(find(stats, '30个')).toMatchObject({ relation: 'component', openList: true });
  });
});

describe('held-out 2: units and flattened forms', () => {
  it('reads metres (m), counting words 头/只/组/例/粒 and 万粒', () => {
    const stats = statsOf('道路总长度为4335.943m,红线宽度为20m。养殖能繁母牛300头,发放鸡苗5000只,组建服务队12组,救治12例,采购马铃薯原原种425万粒。');
    const road = find(stats, '4335.943m');
    expect(road).toMatchObject({ normalizedUnit: 'm', dimension: 'other' });
    expect(road.label).toContain('道路总长度');
    expect(find(stats, '300头').figure.unit).toBe('头');
    expect(find(stats, '5000只').figure.unit).toBe('只');
    expect(find(stats, '12组').figure.unit).toBe('组');
    expect(find(stats, '12例').figure.unit).toBe('例');
    expect(find(stats, '425万粒')).toMatchObject({ normalizedValue: '4250000', normalizedUnit: '粒', dimension: 'count' });
  });

  it('a letter after m makes another unit or a code, not metres (50mg, 3.0m×3.0m stays metres)', () => {
    expect(statsOf('每人50mg。').some((s) => s.figure.unit === 'm')).toBe(false);
    expect(statsOf('设备房1间(3.0m×3.0m)。').filter((s) => s.figure.unit === 'm').map((s) => s.figure.value)).toEqual(['3.0', '3.0']);
  });

  it('a form flattened to text: 分值 8 glued to the target 550万粒 ("8550万粒550万粒8") is not read as 8550万粒', () => {
    const stats = statsOf('产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8');
    expect(stats.some((s) => s.figure.value === '8550' || s.figure.value === '8200')).toBe(false);
    expect(stats.filter((s) => s.figure.unit === '万粒').map((s) => s.figure.value)).toEqual(['550', '200']);
    // a target and an actual written side by side stay two figures
    const same = statsOf('完成率100%100%,合格率98%95%');
    expect(same.map((s) => s.figure.value)).toEqual(['100', '100', '98', '95']);
  });
});

describe('held-out 2: a bare 万 after a money word', () => {
  it('reads "资金29.6万" and "执行数29.6万" as 万元, but not a count of people or a 万 inside a word', () => {
    const stats = statsOf('投入中央直达资金29.6万,执行数29.6万,执行率100%。市财政安排资金5万。惠及群众1.2万,覆盖5万亩。');
    const money = stats.filter((s) => s.dimension === 'money');
    expect(money.map((s) => [s.figure.text, s.normalizedValue, s.normalizedUnit])).toEqual([
      ['29.6万', '29.6', '万元'],
      ['29.6万', '29.6', '万元'],
      ['5万', '5', '万元'],
    ]);
    expect(stats.some((s) => s.figure.text === '1.2万')).toBe(false);
    expect(find(stats, '5万亩')).toMatchObject({ normalizedValue: '50000', normalizedUnit: '亩' });
  });
});

describe('held-out 2: a flattened form keeps its cells’ line breaks', () => {
  const ctx = { part: '测试', narrative: 0, sectionOf: () => null };
  it('a paragraph starting with a figure after an unclosed paragraph ending in one continues it (原州区 马铃薯 自评表)', () => {
    const stats = extractStats(
      paragraphs(['资金情况(万元)年度资金总额全年预算数(A)300全年执行数(B)执行率(B/A)其中中央补助自治区补助300万元', '259.45万元', '86.5%市县资金年度总体目标一是通过政府招标采购方式,采购马铃薯原原种425万粒']),
      false,
      ctx,
    );
    expect(find(stats, '259.45万元').sentence).toContain('全年执行数(B)');
    expect(find(stats, '86.5%').sentence).toContain('执行率(B/A)');
  });
  it('a closed sentence, or a paragraph starting with a year, stays apart', () => {
    const stats = extractStats(paragraphs(['项目资金100万元。', '95%的资金已拨付', '下达资金100万元', '2023年共支出80万元']), false, ctx);
    expect(find(stats, '95%').sentence).toBe('95%的资金已拨付');
    expect(find(stats, '80万元').sentence).toBe('2023年共支出80万元');
  });
  it('Word paragraphs that were PDF lines: a clause broken between its label and its figure is joined (部门整体支出绩效评价得分表 2017)', () => {
    const lines = ['2017 年整体支出开展绩 效自评,自评得分', '90 分,存在的问题:一是年初编制项目资金 预算时对对象摸底不够准确,造成预算资金过大.'];
    const stats = extractStats(paragraphs(lines), false, ctx);
    expect(find(stats, '90 分').label).toContain('自评得分');
    expect(find(stats, '90 分').loc.paragraph).toBe(1);
    // a heading has no clause before the break: it stays apart
    const apart = extractStats(paragraphs(['一、部门自评得分', '90 分,存在的问题:一是年初编制项目资金预算时对对象摸底不够准确.']), false, ctx);
    expect(find(apart, '90 分').label).not.toContain('自评得分');
  });
});

describe('held-out 2: an unknown unit is one ideograph before a boundary, nothing else', () => {
  it('"指标1免费发放", "300全年执行数" are no figures; "3眼。", "15家乡镇卫生院", "2437口回汉群众" are', () => {
    const flat = statsOf('全年预算数(A)300全年执行数(B)指标1免费发放原原种,指标2企业自行采购');
    expect(flat.map((s) => s.figure.text)).toEqual([]);
    const real = statsOf('打井3眼。依靠全县15家乡镇卫生院,带动2437口回汉群众受益。');
    expect(real.map((s) => [s.figure.text, s.unknownUnit])).toEqual([
      ['3眼', true],
      ['15家', false],
      ['2437口', false],
    ]);
  });
});
