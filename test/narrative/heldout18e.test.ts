import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countedSetsDiffer } from '../../src/rules/lib/restated-label.js';
import { statsOf } from './helpers.js';

/**
 * Held-out 18e (pages of thin provinces): the class the first look flagged, on the published text of its
 * page (bench/results/corpus-2026-12-06-heldout18e-*).
 */

const paragraphsOf = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('='));

describe('held-out 18e: totals of two sets of different kinds (阳高 重点绩效评价结果公开)', () => {
  const text = paragraphsOf('sx-yanggao-zhongdian-2024');
  const total = (needle: string) => statsOf(text.find((p) => p.includes(needle))!).find((s) => s.figure.text.includes(needle) && s.label.endsWith('总额'))!;
  const projects = total('55021.60');
  const units = total('5789.67');

  it('预算资金总额 of 24个项目 and of 2个单位 are two wholes', () => {
    expect(projects.label).toContain('预算资金总额');
    expect(countedSetsDiffer(projects, units)).toBe(true);
  });

  it('the same set counted twice with two totals is one measure', () => {
    const again = statsOf('本次项目支出绩效评价共24个项目，预算资金总额55000万元。').find((s) => s.label.endsWith('总额'))!;
    expect(countedSetsDiffer(projects, again)).toBe(false);
  });
});
