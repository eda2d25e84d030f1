import { describe, expect, it } from 'vitest';
import type { Report } from '../../schemas/report.js';
import { basicData, deptForm, projectForm, report } from '../rules/builders.js';
import { deptReportLines, find, projectReportLines, withNarrative } from './helpers.js';

/** Hand-made records shaped like the seed's tables, with the names as each part spells them. */
function seedLikeRecords(): Report {
  return report({
    basicData: basicData({
      staffing: ['61', '59', '96.72%'],
      spending: [
        ['质量安全监督管理专项', '', '5', '5', 'project-item', '3、县级专项资金'],
        ['招投标监督管理专项', '', '20', '20', 'project-item', '3、县级专项资金'],
        ['工作经费', '', '', '334.74', 'project-item', '3、县级专项资金'],
      ],
    }),
    dept: deptForm({
      budget: [['年度资金总额', '801.08', '951.90', '951.90', '10', '100%', '10']],
      bySpending: [['其中：基本支出', '592.17'], ['项目支出', '359.73']],
      indicators: [['产出指标(30分)', '数量指标', '做好公开招标项目监管', '16个', '15个', '1', '1', '']],
    }),
    projects: [
      projectForm({ name: '质量安全监督管专项', table: 2, budget: [['年度资金总额', '20', '20', '20', '10', '100%', '10']] }),
      projectForm({ name: '招投标监督管理专项', table: 3, budget: [['年度资金总额', '5', '5', '5', '10', '100%', '10']] }),
      projectForm({ name: '工作经费', table: 4, budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10']] }),
    ],
  });
}

const SHARED = '全年共开展专项检查11次，检测中共发现安全隐患930余处，强制拆除1台、现场封停9台。';

function seedLikeReport(): Report {
  return withNarrative(seedLikeRecords(), [
    ...deptReportLines(
      [
        '我单位下设10个站室，现有干职工79人，其中在编59人，退休干职工20人。',
        '2023年项目支出数为359.74万元。其中：招投标监督管理专项项目5万元，质量安全监管专项项目20万元，工作经费334.74万元。',
      ],
      [SHARED, '2023年度公开招标项目共计14个，总金额78089.7763万元。'],
    ),
    // the reports come in a different order from the tables, and none prints its project's name as the table does
    ...projectReportLines(
      '为建设工程招投标监督管理、建筑工程质量安全监管等工作经费支出。',
      '2023年项目资金334.74万元，全部为财政拨款资金。',
      '本项目全年支出334.73万元，任务已基本完成。',
      [SHARED],
    ),
    ...projectReportLines(
      '本项目为住建领域质量安全监管工作开展专项资金。',
      '2023年，市财政安排质量安全监督管理专项资金20万元，截止2023年12月31日，项目工作经费开支20万元。',
      '已全部完成任务。',
      [SHARED.replace('930余处', '932余处')],
    ),
    ...projectReportLines(
      '本项目为全市建筑工程领域招投标突出问题专项整治的工作经费开支。',
      '2023，市财政安排招投标监督管理专项资金5万元，此项目工作经费开支5万元。',
      '有效杜绝招投标市场乱象。',
    ),
  ]);
}

describe('which project each 项目支出绩效评价报告 is about', () => {
  it('matches names that vary between parts, helped by the amounts the report states', () => {
    const r = seedLikeReport();
    expect(r.narratives.map((n) => n.project)).toEqual([null, '工作经费', '质量安全监督管专项', '招投标监督管理专项']);
    expect(r.narratives.map((n) => n.part)).toEqual([
      '部门整体支出绩效自评报告',
      '项目支出绩效评价报告（工作经费）',
      '项目支出绩效评价报告（质量安全监督管专项）',
      '项目支出绩效评价报告（招投标监督管理专项）',
    ]);
    for (const n of r.narratives.slice(1)) {
      expect(n.projectConfidence).toBeGreaterThanOrEqual(0.9);
      expect(n.projectReason).toContain('金额');
    }
  });

  it('without a matching amount, a name alone gives a lower confidence; with no likeness, no project', () => {
    const records = report({ projects: [projectForm({ name: '工作经费', budget: [['年度资金总额', '325', '334.74', '334.74']] })] });
    const byName = withNarrative(records, projectReportLines('为建筑工程质量安全监管等工作经费支出。', '资金全部为财政拨款。', '任务已完成。'));
    expect(byName.narratives[0].project).toBe('工作经费');
    expect(byName.narratives[0].projectConfidence).toBeLessThan(0.9);
    const unrelated = withNarrative(records, projectReportLines('本项目为农村公路养护。', '资金全部为财政拨款。', '任务已完成。'));
    expect(unrelated.narratives[0].project).toBeNull();
    expect(unrelated.narratives[0].part).toBe('项目支出绩效评价报告（第1份）');
  });
});

describe('links from narrative figures to the figures they restate', () => {
  const r = seedLikeReport();
  const linksOf = (part: string, written: string) => {
    const stat = find(r.statistics.filter((s) => s.loc.part === part), written);
    return r.links.filter((l) => l.statId === stat.id);
  };

  it('a project report\'s spending → its own table\'s 全年执行数, its funding → 全年预算数', () => {
    const spent = linksOf('项目支出绩效评价报告（工作经费）', '334.73万元');
    expect(spent.map((l) => [l.target.ref, l.target.value, l.target.measure])).toEqual([['projects[2].budget.rows[0].executed', '334.74', '全年执行数']]);
    expect(spent[0].confidence).toBeGreaterThanOrEqual(0.8);
    expect(spent[0].target.loc.part).toBe('项目支出绩效自评表（工作经费）');
    const quality = r.statistics.filter((s) => s.loc.part === '项目支出绩效评价报告（质量安全监督管专项）' && s.figure.text === '20万元');
    expect(quality.map((s) => s.label)).toEqual(['市财政安排质量安全监督管理专项资金', '项目工作经费开支']);
    expect(quality.map((s) => r.links.filter((l) => l.statId === s.id).map((l) => l.target.ref))).toEqual([
      ['projects[0].budget.rows[0].fullYearBudget'],
      ['projects[0].budget.rows[0].executed'],
    ]);
  });

  it('one amount of a list of amounts (、) is a part of the project\'s money, never linked as its whole (gx-wenlv-feiyi-2021)', () => {
    const listed = withNarrative(seedLikeRecords(), projectReportLines(
      '为建设工程招投标监督管理、建筑工程质量安全监管等工作经费支出。',
      '2023年项目资金334.74万元，包含补助12个重点项目资金20万元、补助3个培训项目资金14.74万元、补助日常办公项目资金300万元，全部为财政拨款资金。',
      '本项目全年支出334.74万元，任务已基本完成。',
    ));
    const part = '项目支出绩效评价报告（工作经费）';
    const linked = (written: string) => {
      const stat = find(listed.statistics.filter((s) => s.loc.part === part), written);
      return listed.links.filter((l) => l.statId === stat.id && l.target.kind === 'table').map((l) => l.target.ref);
    };
    expect(linked('334.74万元')).toEqual(['projects[2].budget.rows[0].fullYearBudget']);
    expect([linked('20万元'), linked('14.74万元'), linked('300万元')]).toEqual([[], [], []]);
  });

  it('the department report\'s 项目支出 → 按支出性质分; named projects → their tables and the 基础数据表 rows', () => {
    const project = linksOf('部门整体支出绩效自评报告', '359.74万元');
    expect(project.map((l) => [l.target.ref, l.target.value])).toEqual([['deptSelfEval.budget.bySpending[1].amount', '359.73']]);
    const bidding = linksOf('部门整体支出绩效自评报告', '5万元');
    expect(bidding.map((l) => [l.target.ref, l.target.value])).toEqual([
      ['projects[1].budget.rows[0].executed', '5'],
      ['basicData.spending[1].final', '20'],
    ]);
    const quality = linksOf('部门整体支出绩效自评报告', '20万元');
    expect(quality[0].target.ref).toBe('projects[0].budget.rows[0].executed');
    // 质量安全监管专项 vs 质量安全监督管专项: a fuzzier name, a lower confidence than the exact 招投标 name
    expect(quality[0].confidence).toBeLessThan(bidding[0].confidence);
    expect(quality[0].reason).toContain('质量安全监督管专项');
  });

  it('staffing and indicator actuals', () => {
    expect(linksOf('部门整体支出绩效自评报告', '59人').map((l) => [l.target.ref, l.target.measure])).toEqual([['basicData.staffing.actual', '实际在职人数']]);
    const tenders = linksOf('部门整体支出绩效自评报告', '14个');
    expect(tenders.map((l) => [l.basis, l.target.ref, l.target.value])).toEqual([['indicator-actual', 'deptSelfEval.indicators[0].actual', '15']]);
  });

  it('the same statement in another narrative report, with a reason', () => {
    const restated = linksOf('部门整体支出绩效自评报告', '930余处').filter((l) => l.basis === 'narrative');
    expect(restated.map((l) => [l.target.text.includes('932余处') || l.target.text.includes('930余处'), l.target.value])).toEqual([
      [true, '930'],
      [true, '932'],
    ]);
    for (const l of restated) {
      expect(l.confidence).toBeGreaterThan(0.9);
      expect(l.reason).toContain('检测中共发现安全隐患');
    }
    // "11次" links to its restatements only, never to a different figure with another label
    for (const l of linksOf('部门整体支出绩效自评报告', '11次')) expect(l.target.value).toBe('11');
  });
});
