import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../schemas/report.js';
import { explainPair, factIndex, listedItems, measureOf, pairMoney, statementOf, type IndexedFact } from '../../src/facts/index.js';
import { runPipeline } from '../../src/pipeline.js';

let report: Report;
beforeAll(async () => {
  const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync('samples/seed.docx')), file: 'seed.docx' });
  report = result.report!;
}, 60_000);

describe('measure normalisation', () => {
  it('folds 满意度/满意率 and 招投标/招标, keeps the counted noun after the handling verb', () => {
    expect(measureOf('公开招投标项目监管服务满意率').key).toBe(measureOf('公开招投标项目监管服务满意度').key);
    expect(measureOf('依法依规处理投诉').noun).toBe('投诉');
    expect(measureOf('检测中共发现安全隐患').noun).toBe('安全隐患');
    expect(listedItems('收到实名制举报和投诉质疑函')).toEqual(['实名制举报', '投诉质疑函']);
  });
});

describe('fact index of the seed', () => {
  it('holds prose, indicator, budget and 基础数据表 facts with subject, year and location', () => {
    const index = factIndex(report);
    expect(factIndex(report)).toBe(index); // built once per report
    const sources = new Set(index.facts.map((f) => f.source));
    expect([...sources].sort()).toEqual(['basic-data', 'budget', 'indicator-actual', 'indicator-target', 'narrative', 'spending-breakdown']);
    // 按支出性质分 lines and the 基础数据表 本年决算数 rows of the same spending share their 'spent' key
    const spent = index.facts.filter((f) => f.spent).map((f) => `${f.source} ${f.spent} ${f.year}`);
    expect(spent.length).toBeGreaterThan(0);
    expect(spent.every((s) => s.startsWith('spending-breakdown ') || s.startsWith('basic-data '))).toBe(true);
    expect(index.facts.filter((f) => f.spent && f.source === 'basic-data').every((f) => f.column === 'final')).toBe(true);
    const publicFunds = index.facts.find((f) => f.source === 'narrative' && f.measure.key === '公用经费');
    expect(publicFunds?.statement.value).toBe('19.56');
    expect(publicFunds?.subject.kind).toBe('dept');
    expect(publicFunds?.year).toBe(2023);
    const office = index.facts.find((f) => f.source === 'basic-data' && f.parentLabel === '公用经费' && f.column === 'final');
    expect(office?.location.table).not.toBeNull();
  });
  it('splits 各一件 into one fact per listed thing', () => {
    const each = factIndex(report).facts.filter((f) => f.eachOf);
    expect(each.map((f) => `${f.measure.noun}=${f.statement.value}`)).toEqual(['实名制举报=1', '投诉质疑函=1']);
    expect(each[0].subject.kind).toBe('project');
  });
  it('explains a pairing: shared words, unit, year, subject', () => {
    const index = factIndex(report);
    const a = index.facts.find((f) => f.source === 'indicator-actual' && f.subject.kind === 'dept' && /满意/.test(f.measure.key) && /招标/.test(f.measure.key))!;
    const b = index.facts.find((f) => f.source === 'indicator-actual' && f.subject.kind === 'project' && f.statement.figure.text === '95%以上' && /招标/.test(f.measure.key))!;
    const pair = explainPair(a, b);
    expect(pair.reasons.join('；')).toMatch(/度量名称相同.*单位相同（%）.*同一年度（2023）.*部门整体与所属项目/);
    expect(pair.confidence).toBeGreaterThanOrEqual(0.7);
  });
});

describe('one money-pair path (pairMoney)', () => {
  /** The seed form's 按支出性质分 项目支出 359.73万元, and the same amount written again in another unit. */
  const restated = (f: IndexedFact, value: string, unit: string): IndexedFact => {
    const figure = { ...f.statement.figure, value, unit, decimals: value.split('.')[1]?.length ?? 0, text: `${value}${unit}` };
    return { ...f, id: `${f.id}#${unit}`, statement: statementOf(figure, '万元', 'money') };
  };

  it('converts 元 and 亿元 to 万元, keeps a coarse writing’s own precision, and explains the pair', () => {
    const spent = factIndex(report).facts.find((f) => f.source === 'spending-breakdown' && f.spent === 'project')!;
    expect(spent.statement.figure.value).toBe('359.73');
    const meets = (value: string, unit: string) => pairMoney(spent, restated(spent, value, unit))!.meet;
    expect(meets('3597300', '元')).toBe(true);
    expect(meets('3598300', '元')).toBe(false);
    expect(meets('0.036', '亿元')).toBe(true); // ±0.0005亿元: 355–365万元
    expect(meets('0.0365', '亿元')).toBe(false); // 364.5–365.5万元
    expect(meets('359.730', '万元')).toBe(true);
    expect(meets('359.7', '万元')).toBe(false); // 万元 at two decimals at least: 359.70
    expect(meets('360', '万元')).toBe(false); // an integer 万元 amount has two decimals: 359.995–360.005
    const pair = pairMoney(spent, restated(spent, '360', '万元'))!;
    expect(pair.reasons).toContain('同一年度（2023）');
    expect(pair.tolerance).toMatch(/^±0\.01（2个金额各按书写精度±½末位，万元至少两位小数）：\[359\.725/);
    // 约 is no stated value: not compared
    expect(pairMoney(spent, { ...spent, statement: { ...spent.statement, exact: false } })).toBeNull();
  });
});
