import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { reportTitle } from '../../src/narrative/report-title.js';
import { runPipeline } from '../../src/pipeline.js';
import { checkModel } from '../helpers/check.js';
import { docOf, seriousFindings, statsOf } from './helpers.js';

/**
 * Held-out 23b (south and west, narrative-only pages, bench/results/corpus-2026-12-07-heldout23b-*): all 13 read at first
 * look; two classes found while reading them, on their published text.
 */

const yearOf = async (id: string): Promise<number | null | undefined> => {
  const bytes = readFileSync(new URL(`../corpus/real/${id}/${id}.docx`, import.meta.url));
  return (await runPipeline({ bytes, file: `${id}.docx` })).result.report?.year;
};

describe('held-out 23b: people counted in 名 and in 人 (儋州市人民法院 2018 部门整体支出绩效评价报告)', () => {
  const staffing = '儋州市人民法院核定编制141名,其中:公务员131人,工勤人员10人,内设17个职能部门。';

  it('公务员131人 and 工勤人员10人 are parts of the 编制141名 before 其中', () => {
    const stats = statsOf(staffing);
    const total = stats.find((s) => s.figure.value === '141')!;
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.value)).toEqual(['131', '10']);
  });

  it('parts of people falling short of a total in 名 are found; the page\'s own sum gives nothing', () => {
    const lines = (staff: string) => ['某县人民法院2018年度部门整体支出绩效评价报告', '一、部门概况', staff];
    const hits = seriousFindings(lines(staffing.replace('10人', '9人')));
    expect(hits.map((f) => f.rule)).toEqual(['narrative-total-parts']);
    expect(hits[0].message).toContain('141名');
    expect(seriousFindings(lines(staffing))).toEqual([]);
  });

  it('a count of things in 名 is still not added to one in 个', () => {
    const stats = statsOf('共有工作人员12名,其中:科室5个,在编人员7名。');
    const total = stats.find((s) => s.figure.value === '12')!;
    expect(stats.filter((s) => s.partOf === total.id).map((s) => s.figure.text)).not.toContain('5个');
  });
});

describe('held-out 23b: the year of a report published as prose only', () => {
  it('is its title\'s year when no form states one (…2018年森林防火专项资金绩效自评报告, 年 without 度)', async () => {
    expect(await yearOf('xx-senlinfanghuo-2018')).toBe(2018);
    expect(await yearOf('gd-maoming-fgj-2021')).toBe(2021);
    expect(await yearOf('he-chengan-jiaotong-2020')).toBe(2020);
    // a period's last year (关于2017-2019年省级…自评报告)
    expect(await yearOf('sc-anju-shengji-2017')).toBe(2019);
  });

  it('a title writing the year without 年 (惠州市交通运输局2021部门整体绩效自评报告) still names it; an amount does not', async () => {
    expect(await yearOf('gd-huizhou-jiaotong-2021')).toBe(2021);
    const body = ['一、部门基本情况', '本单位全年支出120万元，预算执行率100%。'];
    expect(checkModel(docOf(['#某县2000万元农田建设项目绩效自评报告', ...body])).report.year).toBeNull();
    expect(checkModel(docOf(['#某县民政局2022项目绩效自评报告', ...body])).report.year).toBe(2022);
  });

  it('stays unknown when neither a form, a title nor a cover names one (海南 公益林 without its 评价时间 line: held-out 24b)', async () => {
    const bytes = readFileSync(new URL('../corpus/real/hi-gongyilin-caizheng-2017/hi-gongyilin-caizheng-2017.docx', import.meta.url));
    const doc = await parseDocument(new Uint8Array(bytes));
    const blocks = doc.blocks.map((b) => (b.kind === 'paragraph' ? { ...b, text: b.text.replace(/评价时间[:：][^组]*/, '') } : b));
    expect(checkModel({ ...doc, blocks }).report.year).toBeNull();
  });
});

describe('held-out 23b batch B: a content site\'s collection of reports (开远 学校项目绩效自评报告范文)', () => {
  it('its title …报告范文(12篇) and its first item …篇一 open a report; a 模板 or a notice still does not', () => {
    expect(reportTitle('最热学校项目绩效自评报告范文(12篇)')?.kind).toBe('project');
    expect(reportTitle('最热学校项目绩效自评报告范文(12篇)篇一')).not.toBeNull();
    expect(reportTitle('项目支出绩效自评报告模板')).toBeNull();
    expect(reportTitle('关于报送项目绩效自评报告的通知')).toBeNull();
  });

  it('the page is read: 76.06万元 found, the masked years (20xx) give the report no year', async () => {
    const result = (await runPipeline({ bytes: readFileSync(new URL('../corpus/real/yn-kaiyuan-xuexiao-fanwen/yn-kaiyuan-xuexiao-fanwen.docx', import.meta.url)), file: 'x.docx' })).result;
    expect(result.report?.narratives.at(-1)?.title).toContain('篇一');
    expect(result.report?.statistics.some((s) => s.figure.text === '76.06万元')).toBe(true);
    expect(result.report?.year).toBeNull();
  });

  it('a standard per pupil and school year keeps both measures (1250元/生·学年), as per person and time (5元/人·次)', () => {
    const units = statsOf('寄宿制家庭经济困难学生中学1250元/生·学年,非寄宿制学生中学625元/生·学年,体检费5元/人·次。').map((s) => s.figure.unit);
    expect(units).toEqual(['元/生·学年', '元/生·学年', '元/人·次']);
  });
});
