/**
 * planted27: a report title's year changed where a web page's metadata lines (打开适老化模式 无障碍浏览, 公开目录,
 * 主题词, 时效性) stand above it. Those lines are no paragraphs of the report: the title is still among the
 * document's head title lines, so a changed year in it is read against the body (bench/planted-real.ts,
 * kind year-changed; a miss before).
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const yearFindings = (lines: string[]) => findingsOf(lines, (d) => d.rule === 'year-consistency');

describe('a title under a web page’s metadata lines keeps its place as a title line', () => {
  it('yn-tengchong-fenwu-2019: “= 2019年度畜禽粪污…自评报告” below 打开适老化模式/公开目录/主题词 changed to 2018 is an error', async () => {
    const lines = source('yn-tengchong-fenwu-2019');
    expect(await yearFindings(lines)).toEqual([]);
    const fs = await yearFindings(planted(lines, '= 2019年度畜禽粪污', '2019年度', '2018年度'));
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [2018, 2019]]]);
    expect(fs[0].message).toContain('2018年度畜禽粪污资源化利用项目绩效自评报告');
    expect(fs[0].evidence[0].text).toContain('2018年度');
  }, 60_000);

  it('yn-baoshan-dianshang-2019: unchanged, its title under 公开目录/主题词 lines is not flagged', async () => {
    expect(await yearFindings(source('yn-baoshan-dianshang-2019'))).toEqual([]);
  }, 60_000);
});
