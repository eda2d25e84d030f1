import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../schemas/document.js';
import { findReports } from '../../src/narrative/reports.js';
import { reportTitle } from '../../src/narrative/report-title.js';
import { paragraphs } from './helpers.js';

function table(block: number, index: number): Block {
  return { kind: 'table', block, table: index, nRows: 1, nCols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '1', page: null, bbox: null }], grid: [[0]], page: null, pageEnd: null, source: 'markup', confidence: 1 };
}

/** Lines without heading styles (as a PDF gives them); "<table>" stands for a table block. */
function doc(lines: string[]): DocumentModel {
  const blocks: Block[] = [];
  let paragraph = 0;
  let tables = 0;
  lines.forEach((line, i) => {
    if (line === '<table>') blocks.push(table(i, tables++));
    else blocks.push({ ...paragraphs([line], paragraph++)[0], block: i });
  });
  return { format: 'pdf', pages: 1, blocks, issues: [] };
}

describe('narrative reports and sections', () => {
  it('finds sections by heading text whatever the numbering, and folds the cover page', () => {
    const reports = findReports(
      doc([
        '2023年度汨罗市建筑工程服务中心',
        '部门整体支出',
        '绩效自评报告',
        '部门名称：汨罗市建筑工程服务中心(盖章)',
        '2023年度汨罗市建筑工程服务中心部门整体支出绩效自评报告',
        '1、 部门基本情况',
        '我单位下设10个站室。',
        '二、一般公共预算支出情况',
        '（一）基本支出情况',
        '2023年基本支出数为592.17万元。',
        '4、 国有资本经营预算支出情况',
        '2023年度本单位无国有资本经营安排的支出',
        '8、 下一步改进措施',
        '一是深化“清廉机关”建设。',
        '报告需要以下附件：',
        '1、部门整体支出绩效评价基础数据表',
        '2、部门整体支出绩效自评表',
      ]),
    );
    expect(reports).toHaveLength(1);
    const r = reports[0];
    expect(r.kind).toBe('dept');
    expect(r.first).toBe(0);
    expect(r.sections.map((s) => [s.key, s.level])).toEqual([
      ['dept-basics', 1],
      ['general-budget', 1],
      ['basic-spending', 2],
      ['state-capital', 1],
      ['improvements', 1],
    ]);
    // the attachment list after "…附件：" is not a run of headings
    expect(r.body.map((p) => p.text)).toContain('2、部门整体支出绩效自评表');
  });

  it('a report ends where a captioned form begins; a table inside the prose does not end it', () => {
    const reports = findReports(
      doc([
        '项目支出绩效评价报告',
        '一、项目支出基本情况',
        '本项目资金20万元，明细如下：',
        '<table>',
        '截止2023年12月31日，项目开支20万元。',
        '附件：2023年度项目支出绩效自评表',
        '<table>',
        '填表人：柳灿  联系电话：15292005668',
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].kind).toBe('project');
    expect(reports[0].body.map((p) => p.text)).toEqual(['本项目资金20万元，明细如下：', '截止2023年12月31日，项目开支20万元。']);
  });
  it('a report without a title whose figures are published as placeholders (X万元, X%) is still a report (新疆 2021)', () => {
    const lines = [
      '根据《中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见的实施意见》和自治区2021年度衔接资金绩效评价工作要求,沙县对照绩效评价指标,认线年度财政衔接推进乡村振兴补助资金绩效自评工作。现将自评情况汇报如下:',
      '2021年,各级财政安排我县用于巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金X万元,其中:下达我县中央财政衔接资金X万元,自治区财政衔接资金X万元,地区配套资金X万元,县本级财政安排资金X万元,资金主要用于巩固拓展脱贫成果同乡村振兴有效衔接产业发展项目,涉及4镇10乡164个村。',
      '2021年巩固拓展脱贫攻坚成果同乡村振兴有效衔接项目计划共计X个,总投X万元,截至X月X日已到位资金项目X个,到位资金为X万元,支付资金为X万元,支付率为X%。',
    ];
    const reports = findReports(doc(lines));
    expect(reports).toHaveLength(1);
    expect(reports[0].body).toHaveLength(3);
    // the same prose with the placeholders removed holds one figure: it is not told from any text about money
    expect(findReports(doc(lines.map((l) => l.replace(/X(?:万元|个|%)/g, ''))))).toHaveLength(0);
  });
  it('a notice titled after the report it publishes (…绩效评价报告公开) is that report (新疆 裕民 2021)', () => {
    const reports = findReports(
      doc([
        '裕民县2021年10个重点项目绩效评价报告公开',
        '来源:裕民县财政局 日期:2023-04-12 17:16:42',
        '1、哈拉布拉乡南哈拉布拉村农田道路建设项目,铺建砂石路11公里、修建4个桥涵以及配套设施、新建林间道路450平方米及相关配套实施。2021年下达财政专项扶贫资金197万元,截止到2021年12月31日,实际已支付186.98万元,支付完成率为94.91%。第三方机构最终绩效评价总得分为91.8分,评价等级为优秀。',
      ]),
    );
    expect(reports.map((r) => r.title)).toEqual(['裕民县2021年10个重点项目绩效评价报告公开']);
  });
  it('a title numbered by the site that republished it (…绩效自评报告 1) is a title; prose about 支付 is performance prose (乡村振兴 自评报告)', () => {
    const body = [
      '(二)资金安排情况',
      '20xx年,用于巩固拓展脱贫攻坚成果和乡村振兴建设任务安排资金19204.096万。其中,央省14059.11万元、市级1299万元、县级3845.986万元,资金已全部到位。',
      '(一)预算执行进度情况分析。',
      '20xx年,巩固拓展脱贫攻坚成果和乡村振兴建设任务资金支付18501.096万元,未支703万元,支付率95%。未支付资金属于部分项目暂未审计和预留的质保金,待审计结束和质保期满后,再办理结算和支付未付资金。',
      '(二)总体绩效目标完成情况分析。',
      '20xx年用于巩固拓展脱贫攻坚成果和乡村振兴建设任务资金安排的项目,实际完成的任务量达到绩效目标申报的任务量。用途均按照央、省衔接资金管理办法,未突破负面清单安排资金项目。',
    ];
    expect(findReports(doc(['乡村振兴项目绩效自评报告 1', ...body])).map((r) => r.title)).toEqual(['乡村振兴项目绩效自评报告1']);
    // without its title the two paragraphs of figures still report on performance (资金, 项目, 支付)
    expect(findReports(doc(body))).toHaveLength(1);
  });
  it('untitled prose that states its own self-evaluation result (自评得分 / 90 分, broken over PDF lines) is a report (部门整体支出绩效评价得分表 2017)', () => {
    const lines = [
      '10 10 总分 3.部门整体支出绩效自评开展情况. 按照预算绩效管理要求,本部门对',
      '2017 年整体支出开展绩 效自评,自评得分',
      '90 分,存在的问题:一是年初编制项目资金 预算时对对象摸底不够准确,造成预算资金过大.二是专项资 金申报不够及时.下一步改进措施:一是年初编制预算时应对',
      '15 项目实施对象准确摸底,确保预算安排的准确性.二是按要求 开展专项工作,按进度申报资金计划,及时拨付资金.',
    ];
    const reports = findReports(doc(lines));
    expect(reports).toHaveLength(1);
    expect(reports[0].kind).toBe('dept');
    // the same prose without its stated result has no figure to tell it by
    expect(findReports(doc(lines.map((l) => l.replace('自评得分', '').replace(/^90 分,/, ''))))).toHaveLength(0);
    // a rule naming a grade reports none (管理办法: 评价结果为优秀的…)
    const rule = ['第十条 绩效评价结果为优秀的项目,预算安排予以优先保障,资金拨付按进度执行,绩效目标管理纳入年度考核。', '第十一条 评价结果为差的项目,压减下年度预算,并责令项目单位整改,整改情况报财政部门备案。'];
    expect(findReports(doc(rule))).toHaveLength(0);
  });
  it('a page without a title whose opening announces the report (现将…自评报告公示如下, 尖扎 体育场 2020) is a report; a notice announcing its terms is not', () => {
    const body = [
      '一、项目基本情况',
      '尖扎县民族体育场于2013 年建成,投资总额 1631万元、用地面积 31860 平方米,建筑面积 636 平方米,无室内场地,室外场地面积 18860 平方米。',
      '二、开放服务情况',
      '2020年由于疫情因素,尖扎县体育场于4月20日开始正式开放,年开放天数为230天,每天开放时间为14个小时。',
      '四、补助资金使用情况',
      '大型场馆免费低收费开放补助资金主要用于场馆日常运转、维修维护、设备维护、设备更新、文化体育活动开展等。我单位严格按照资金管理要求,每年度专项资金均用于免费开放项目支出,无截留、挪用、挤占、平衡本级预算的情况。',
      '五、项目绩效情况',
    ];
    const opening = '根据《关于做好2020年大型体育场馆免费或低收费开放工作的通知》要求,现将黄南州体育场2020免费低收费开放补助资金使用和管理自评报告公示如下。';
    expect(findReports(doc([opening, ...body]))).toHaveLength(1);
    // without its announcing opening the same body is not told from other prose
    expect(findReports(doc(body))).toHaveLength(0);
    // a notice's "…有关事项通知如下" announces no report
    const notice = '为做好2020年度绩效自评工作,现将2020年度绩效自评工作有关事项通知如下。';
    expect(findReports(doc([notice, ...body]))).toHaveLength(0);
  });
  it('a letter reporting an evaluation (关于《…绩效评价》的报告, 青海 门源 2023) and a year’s published results (…绩效评价情况, 浙江 柯桥 2023) are report titles; notices and section headings are not', () => {
    expect(reportTitle('关于《海北州2020-2021年专项债券项目资金绩效评价》的报告')?.kind).toBe('project');
    expect(reportTitle('2023年度新增地方政府专项债券项目绩效评价情况')?.kind).toBe('project');
    // a township's page writes the report's own title after 关于 without 的 (寺下镇 2019, glosses folded)
    expect(reportTitle('关于2019年度高其坑通组道路工程绩效评价报告')?.kind).toBe('project');
    expect(reportTitle('关于报送2022年度项目支出绩效自评报告')).toBeNull();
    expect(reportTitle('关于开展2022年度项目支出绩效自评工作的报告')).toBeNull();
    expect(reportTitle('关于印发《项目支出绩效评价管理办法》的通知')).toBeNull();
    expect(reportTitle('三、绩效评价情况')).toBeNull();
    expect(reportTitle('二、绩效自评工作开展情况')).toBeNull();
    // the letter's own paragraph (no 。, ending in 如下:) folds into the project report it announces
    const reports = findReports(
      doc([
        '关于《海北州2020-2021年专项债券项目资金绩效评价》的报告',
        '门源县财政局:',
        '门源县工业商务和信息化局新增的2020-2021年海北州专项债项目有两项,分别是海北州生物园区农牧业科技创新标准化孵化基地建设项目、海北州生物园区水处理厂工程项目现将项目资金绩效评价报告如下:',
        '项目一:海北州生物园区农牧业科技创新标准化孵化基地建设项目支出绩效自评报告',
        '一、基本情况',
        '门源县地处青海省东北部,是2015年农业部确定的国家现代农业示范区。全地区耕地面积62.27万亩,农作物以油菜、青稞、为主。',
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].first).toBe(0);
    expect(reports[0].body.map((p) => p.paragraph)).toContain(2);
  });
  it('a notice publishing evaluation reports as attachments (甘肃 天水 财政局 2022) reports on performance; its prose alone does not', () => {
    const prose = '为加强财政支出管理,强化财政支出责任,切实提高财政资金使用效益,按照《中华人民共和国预算法》五十七条的规定,我局委托第三方评价机构,于8月25日至10月24日,对2021年市级预算执行的8个项目和2个预算部门,开展了项目绩效评价和部门整体支出绩效评价工作。目前评价工作以全面完成,现将绩效部分在门户网站公开,请社会各界予以监督。';
    const attachments = [
      '附件:',
      '附件1:2021年构树产业发展及体验服务综合体建设补助资金项目绩效评价报告.pdf',
      '附件2:陆港委2018年—2021年秦州三阳川隧道项目绩效评价报告.pdf',
      '附件9:2021年度天水市残疾人联合会部门整体支出绩效评价报告.pdf',
      '天水市财政局',
    ];
    const reports = findReports(doc([prose, ...attachments]));
    expect(reports).toHaveLength(1);
    // the attachment names are no report titles of their own
    expect(reports[0].title).toBe('');
    expect(findReports(doc([prose, '天水市财政局']))).toHaveLength(0);
  });

  it('a title with its subject line joined by the PDF (…自评报告2021年城乡临时救助备用金) and a district’s report on a fund’s use (…关于“…资金”管理使用情况) are titles', () => {
    expect(reportTitle('攀枝花市仁和区同德镇2021年度部门预算项目支出绩效自评报告2021年城乡临时救助备用金')?.runIn).toBe(false);
    expect(reportTitle('深圳市福田区民政局关于“2021年中央财政困难群众救助补助资金”管理使用情况')).not.toBeNull();
    // a report title followed by words that are not a subject, and a section heading on the use of funds, are not
    expect(reportTitle('2021年度部门预算项目支出绩效自评报告如下')).toBeNull();
    expect(reportTitle('(二)项目资金管理使用情况')).toBeNull();
    expect(reportTitle('关于2021年中央财政困难群众救助补助资金管理使用情况')).toBeNull();
  });
});
