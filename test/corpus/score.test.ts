import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { comparedValues, creditedFindings, figureDecimal, flagsMustNot, scoreResult, states } from './score.js';
import type { Inconsistency, MustNotFlag, Truth } from './truth-schema.js';

/**
 * The corpus scorer itself, on small hand-made Results: a finding is credited to an inconsistency only
 * when it states the inconsistency's figures as its own compared values — not when it quotes the
 * sentence they are in — and one cause is credited one rule's findings unless truth says rules overlap.
 * (天津 蓟州 雪亮工程: 其中 parts 16988 vs 共16954, with list-count warnings quoting that sentence.)
 */

const SENTENCE = '共建设和安装软硬件设备共16954套,其中:总平台安装软硬件设备558套;综治分平台1488套;公安分平台34套;前端视频监控补点14666台;综治精品社区242套。';
const loc = { part: '项目支出绩效评价报告（第1份）', table: null, row: null, col: null, page: null, paragraph: 3 };

function finding(rule: string, severity: Finding['severity'], message: string, values: number[], evidence: Array<[string, number | null]>, expected: string | null = null, observed: string | null = null): Finding {
  return {
    rule,
    severity,
    message,
    values,
    evidence: evidence.map(([text, value]) => ({ text, value, location: loc })),
    id: `${rule}-${values.join('-')}-${message.length}`,
    ruleVersion: 1,
    messageEn: '',
    expected,
    observed,
    tolerance: null,
    missing: [],
    params: null,
    part: loc.part,
  };
}

const real = finding('narrative-total-parts', 'error', '称建设和安装软硬件设备16954套，其中分项合计16988套，与总数不符', [16954, 16988], [[SENTENCE, 16954], [SENTENCE, 558], [SENTENCE, 1488], [SENTENCE, 34], [SENTENCE, 14666], [SENTENCE, 242]], '16954套', '16988套');
/** A list count in the same sentence: quotes 16954 in its evidence text, compares 5 with 4. */
const spurious = finding('narrative-list-count', 'warning', '称“其中”列出5项，但所列分项为4项', [5, 4], [[SENTENCE, 5]], '5', '4');
/** The same cause stated again by a second rule. */
const second = finding('funding-sources-sum', 'warning', '总数16954与分项之和16988不符', [16954, 16988], [['16954', 16954]]);

const inc: Inconsistency = { id: 'equipment-parts', class: 'C1', description: '16954 vs 16988', arithmetic: '558+1488+34+14666+242 = 16988 ≠ 16954', figures: ['16954', '16988'], rules: [], certainty: 'verified' };

function result(discrepancies: Finding[]): Result {
  return { file: 'x.docx', sha256: '', format: 'docx', status: 'ok', report: null, discrepancies, rulesVersion: '', timings: {} } as unknown as Result;
}
function truth(inconsistencies: Inconsistency[], mustNotFlag: MustNotFlag[] = []): Truth {
  return {
    meta: { id: 'x', province: '天津', publisher: '', url: 'https://example.org/', title: '', year: 2020, kind: 'narrative', family: '', cut: false, quirks: [] },
    facts: [{ kind: 'part', part: 'narrative', name: [] }],
    inconsistencies,
    mustNotFlag,
  };
}

describe('corpus scorer: matching findings to truth', () => {
  it('reads truth figures as decimals, words as words', () => {
    expect(figureDecimal('16954')?.toString()).toBe('16954');
    expect(figureDecimal('269,847,166.9')?.toString()).toBe('269847166.9');
    expect(figureDecimal('95%')?.toString()).toBe('95');
    expect(figureDecimal('39.2696万元')?.toString()).toBe('39.2696');
    expect(figureDecimal('合计')).toBeNull();
    expect(figureDecimal('100字以内')).toBeNull();
    expect(figureDecimal('20个左右')).toBeNull();
  });

  it("a finding's compared values are its values, evidence values and expected/observed — not its quoted text", () => {
    expect(comparedValues(spurious).map((r) => r.toString())).toEqual(['5', '4', '5', '5', '4']);
    expect(states(real, '16954')).toBe(true);
    expect(states(spurious, '16954')).toBe(false);
    // a float sum is the decimal it was written as
    expect(states(finding('r', 'error', '', [0.1 + 0.2], []), '0.3')).toBe(true);
  });

  it('credits the real finding; the one quoting the same sentence is an extra', () => {
    expect(creditedFindings([real, spurious], inc)).toEqual([real]);
    const s = scoreResult('x', 'x.docx', result([real, spurious]), truth([inc]));
    expect(s.inconsistencies.found).toBe(1);
    expect(s.extraFindings.count).toBe(1);
    expect(s.extraFindings.list[0]).toMatch(/^narrative-list-count/);
  });

  it('an inconsistency stated only by a quoting finding is not found', () => {
    const s = scoreResult('x', 'x.docx', result([spurious]), truth([inc]));
    expect(s.inconsistencies.found).toBe(0);
    expect(s.inconsistencies.missed).toHaveLength(1);
    expect(s.extraFindings.count).toBe(1);
  });

  it('one cause, one finding: a second rule stating the same figures is an extra unless truth says the rules overlap', () => {
    const s = scoreResult('x', 'x.docx', result([real, second]), truth([inc]));
    expect(s.inconsistencies.found).toBe(1);
    expect(s.extraFindings.list.map((l) => l.split(' ')[0])).toEqual(['funding-sources-sum']);
    const overlapping = scoreResult('x', 'x.docx', result([real, second]), truth([{ ...inc, rules: ['narrative-total-parts', 'funding-sources-sum'], overlap: true }]));
    expect(overlapping.extraFindings.count).toBe(0);
  });

  it('a rule named by truth must be the finding’s rule', () => {
    const s = scoreResult('x', 'x.docx', result([real]), truth([{ ...inc, rules: ['funding-sources-sum'] }]));
    expect(s.inconsistencies.found).toBe(0);
    expect(s.extraFindings.count).toBe(1);
  });

  it('a must-not-flag item is flagged only by a finding comparing two of its figures', () => {
    const holds: MustNotFlag = { id: 'parts-558-1488', description: '558 and 1488 are parts, not a relation', arithmetic: '—', figures: ['558', '1488'] };
    expect(flagsMustNot([spurious], holds)).toBeNull();
    expect(flagsMustNot([real], holds)).toBe(real);
    const compares = finding('narrative-total-parts', 'warning', '558与1488不符', [558, 1488], []);
    expect(flagsMustNot([compares], holds)).toBe(compares);
  });
});
