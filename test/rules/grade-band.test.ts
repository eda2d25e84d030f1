import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { randomReportSpec, writeDocx } from '../fixtures/generator/index.js';
import { findingsOf, planted, resultOf, show, source } from './planted-real-helpers.js';

/**
 * grade30: the grade a report states (评价等级/等次) against the band of its score, on real corpus documents (source.txt
 * rebuilt as .docx, one grade or score changed) and on a generated report (the form's 总分 as the score).
 */
const RULE = 'grade-band-mismatch';
const ofRule = (lines: string[]) => findingsOf(lines, (f) => f.rule === RULE);

const reportOf = async (lines: string[]) => (await resultOf(lines)).report!;

describe('grade-band-mismatch on real reports', () => {
  it('reads the grade with its score and subject (渌口 残保金: 综合评价得分80.10分，评价等次为“良”) and leaves it alone', async () => {
    const lines = source('hn-lukou-canbaojin-2023');
    const report = await reportOf(lines);
    expect(report.grades?.map((g) => [g.grade, g.rank, g.score?.value, g.subject, g.evaluator, g.year, g.bands])).toEqual([['良', 2, '80.10', 'project', 'self', 2023, null]]);
    expect(report.grades![0].loc.paragraph).not.toBeNull();
    expect(await ofRule(lines)).toEqual([]);
  });

  it('a grade two bands from its score is a warning naming both (80.10分 written “优”)', async () => {
    const found = await ofRule(planted(source('hn-lukou-canbaojin-2023'), '评价等次', '“良”', '“优”'));
    expect(found.map((f) => [f.severity, f.values]), show(found)).toEqual([['warning', [80.1]]]);
    expect(found[0].message).toContain('80.10分按财预〔2020〕10号分档应为“良”');
    expect(found[0].message).toContain('写为“优”');
    expect(found[0].evidence.map((e) => e.role)).toEqual(['grade', 'score']);
  });

  it('the four-tier words keep their own scale (74.05分 合格 → 良好: 应为“合格”)', async () => {
    const lines = source('xx-shebei-gouzhi-2017');
    expect(await ofRule(lines)).toEqual([]);
    const found = await ofRule(planted(lines, '等级为合格', '等级为合格', '等级为良好'));
    expect(found.map((f) => [f.severity, f.values, f.expected, f.observed]), show(found)).toEqual([['warning', [74.05], '合格（60（含）–80分）', '良好']]);
  });

  it('自评为优 after 绩效评分100分 (保山 卫健): 差 is a warning, 优 nothing', async () => {
    const lines = source('yn-baoshan-weijian-2022');
    expect(await ofRule(lines)).toEqual([]);
    const found = await ofRule(planted(lines, '自评为优', '自评为优', '自评为差'));
    expect(found.map((f) => [f.severity, f.values]), show(found)).toEqual([['warning', [100]]]);
  });

  it('a score at a band edge (90分 with 良: 90（含） is 优, but 90 may be 89.6 rounded) is info only', async () => {
    const found = await ofRule(planted(source('cq-tongnan-chubeiliang-2023'), '最终评分结果为90分', '“优”', '“良”'));
    expect(found.map((f) => [f.severity, f.values]), show(found)).toEqual([['info', [90]]]);
  });

  it('bands the report prints govern: 90分 is 良好 under “95分以上为优秀，85-95分为良好…”, 优秀 under the national ones', async () => {
    const bands = '（评分标准：95分（含）以上为优秀，85（含）-95分为良好，60（含）-85分为合格，60分以下为不合格。）';
    const lines = planted(source('hn-yiyang-jiuye-2021'), '自评得分为98分', '自评得分为98分', '自评得分为90分');
    expect(await ofRule(lines)).toEqual([]);
    const withBands = planted(lines, '自评得分为90分', '2021年度市级', `${bands}2021年度市级`);
    const report = await reportOf(withBands);
    expect(report.grades?.[0].bands?.map((b) => [b.grade, b.min, b.max])).toEqual([['优秀', '95', null], ['良好', '85', '95'], ['合格', '60', '85'], ['不合格', null, '60']]);
    const found = await ofRule(withBands);
    expect(found.map((f) => [f.severity, f.values, f.expected]), show(found)).toEqual([['warning', [90], '良好（85（含）-95分为良好）']]);
    expect(found[0].message).toContain('按报告所列分档');
  });

  it('tallies, several things at once and a third party are not the report’s grade', async () => {
    // 等级为“优”的项目计6个 / 评价结论为“良”的8个 / 复核等次为“优秀”的5个: tallies, no grade read
    for (const id of ['sx-yanggao-zhongdian-2024', 'zj-quzhou-zhongdian-2022', 'zj-wencheng-pingjia-2024', 'cq-jiangbei-zhongdian-2021']) {
      expect((await reportOf(source(id))).grades ?? [], id).toEqual([]);
    }
    // 第三方机构最终绩效评价总得分为91.8分，评价等级为优秀: the third party's grade, with its own score
    const yumin = await reportOf(source('xj-yumin-zhongdian-2021'));
    expect(yumin.grades?.map((g) => [g.grade, g.evaluator, g.score?.value])).toEqual([
      ['优秀', 'other', '91.8'],
      ['优秀', 'other', '90.76'],
      ['优秀', 'other', '90.36'],
    ]);
  });

  it('a grade of last year is not read (上年度评价等级为“良”)', async () => {
    const lines = planted(source('hn-lukou-canbaojin-2023'), '评价等次', '评价等次为“良”', '评价等次为“良”，上年度该项目评价等级为“优”');
    const report = await reportOf(lines);
    expect(report.grades?.map((g) => g.grade)).toEqual(['良']);
    expect(await ofRule(lines)).toEqual([]);
  });
});

describe('grade-band-mismatch against the form', () => {
  it('a project report that states only its grade is checked against its form’s 总分 得分', async () => {
    const spec = randomReportSpec(2, { projects: 2 });
    const n = spec.narratives.find((x) => x.kind === 'project' && x.project)!;
    const p = spec.projects.find((x) => x.name === n.project)!;
    const para = n.paragraphs.find((x) => /总得分[\d.]+分/.test(x.text))!;
    const score = Number(p.total.score);
    const right = score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
    const wrong = score >= 80 ? '中' : '优';
    const read = async (grade: string) => {
      para.text = `经自评，该项目评价等级为“${grade}”。`;
      const { result } = await runPipeline({ bytes: writeDocx(spec), file: 'g.docx' });
      return result.discrepancies.filter((f) => f.rule === RULE);
    };
    expect(await read(right)).toEqual([]);
    const found = await read(wrong);
    expect(found.map((f) => [f.severity, f.values]), show(found)).toEqual([['warning', [score]]]);
    expect(found[0].message).toContain('总分得分');
  });
});
