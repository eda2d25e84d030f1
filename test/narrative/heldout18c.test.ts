import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { corpusLines, docOf, statsOf, find } from './helpers.js';

/**
 * Held-out 18c (pages found by other fund names and report kinds): the classes the first look missed,
 * each on the published text of its page (bench/results/corpus-2026-12-06-heldout18c-*).
 */

const lines = corpusLines;

describe('held-out 18c: a 区域绩效目标自评表 flattened to lines', () => {
  it('reads the indicator block whose 一级 / 指标 wrapped onto two lines (遂宁经开区 2021)', () => {
    const { report } = check(docOf(lines('sc-suining-jingkai-lpyx-2021')));
    expect(report.projects).toHaveLength(1);
    const ind = report.projects[0].indicators.find((i) => i.level3.includes('药品监管企业数'));
    expect([ind?.target?.text, ind?.actual?.text]).toEqual(['≥124', '253']);
  });

  it('no block when the line after 一级 is not the header\'s 指标', () => {
    const ls = lines('sc-suining-jingkai-lpyx-2021').map((l) => (l === '指标' ? '说明' : l));
    expect(check(docOf(ls)).report.projects).toHaveLength(0);
  });
});

describe('held-out 18c: a form published one cell a line names its project by the line after 专项名称', () => {
  const ANJU = lines('sc-anju-shipin-2021');

  it('takes the value line after the label line (安居区 食品监管补助资金)', () => {
    const { report } = check(docOf(ANJU));
    expect(report.projects[0].part).toContain('食品监管补助资金');
  });

  it('and after a label a PDF ran onto the end of the line before (…自评表专项名称)', () => {
    const at = ANJU.indexOf('专项名称');
    const joined = [...ANJU.slice(0, at - 1), `${ANJU[at - 1]}${ANJU[at]}`, ...ANJU.slice(at + 1)];
    const { report } = check(docOf(joined));
    expect(report.projects[0].part).toContain('食品监管补助资金');
  });

  it('a label followed by another label names nothing', () => {
    const at = ANJU.indexOf('专项名称');
    const ls = [...ANJU.slice(0, at + 1), ...ANJU.slice(at + 2)];
    expect(check(docOf(ls)).report.projects[0].part).not.toContain('中央主管部门');
  });
});

describe('held-out 18c: a bracket note of what there only is', () => {
  const SENTENCE = '2020年分配到经开区任务为0家(经开区仅有2家临时经营区域,2018年已整治完毕)。';

  it('is not the parts of the figure before it (芜湖经开区 2020)', () => {
    expect(find(statsOf(SENTENCE), '2家').partOf).toBeNull();
  });

  it('while a bracket listing parts still is', () => {
    const stats = statsOf('共创建示范店3家(经开区2家、三山区1家)。');
    expect(find(stats, '2家').partOf).toBe(find(stats, '3家').id);
  });
});
