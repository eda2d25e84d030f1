/**
 * Issue 19 on the real seed report in its three formats: the four cross-part inconsistencies a
 * reviewer finds by reading the whole report are reported with both locations, and the seed's true
 * sums (284 = 239+11+26+8, 74 = 68+6, 350773.89 = 350391.39+382.5, 592.17 = 572.61+19.56) draw no
 * error or warning from the cross-part rules.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { runPipeline } from '../../src/pipeline.js';

const FORMATS = ['docx', 'pdf', 'doc'] as const;
const CROSS_PART = ['cross-part-total-parts', 'same-measure-differs', 'approximate-restatement', 'prose-count-mismatch', 'claimed-met-contradicted', 'stated-score-mismatch', 'zero-total-nonzero-parts'];
const results = new Map<string, Result>();

beforeAll(async () => {
  for (const fmt of FORMATS) {
    const file = `samples/seed.${fmt}`;
    const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file });
    results.set(fmt, result);
  }
}, 300_000);

interface Item {
  what: string;
  rule: string;
  values: number[];
  /** Parts both evidence locations must name. */
  places: [RegExp, RegExp];
}

const ITEMS: Item[] = [
  { what: '公用经费 19.56 (prose) vs its 其中 lines 32.73 (基础数据表)', rule: 'cross-part-total-parts', values: [19.56, 32.73], places: [/部门整体支出绩效自评报告/, /基础数据表/] },
  { what: '满意率 100% (部门整体) vs 95%以上 (招投标 project table)', rule: 'same-measure-differs', values: [100, 95], places: [/部门整体支出绩效自评表/, /招投标监督管理专项/] },
  { what: '930余处 vs 932余处', rule: 'approximate-restatement', values: [930, 932], places: [/部门整体支出绩效自评报告/, /质量安全监督管专项/] },
  { what: '投诉 2 vs 1 (各一件)', rule: 'prose-count-mismatch', values: [2, 1], places: [/部门整体支出绩效自评报告/, /招投标监督管理专项/] },
];

const TRUE_SUMS = [
  ['284', '239'],
  ['74', '68'],
  ['350773.89', '350391.39'],
  ['592.17', '572.61'],
];

const carries = (f: Finding, figure: string) => f.values.includes(Number(figure)) || f.message.includes(figure);

for (const fmt of FORMATS) {
  describe(`seed.${fmt}: cross-part checks`, () => {
    for (const item of ITEMS) {
      it(`reports ${item.what} with both locations`, () => {
        const f = results.get(fmt)!.discrepancies.find((d) => d.rule === item.rule && JSON.stringify(d.values) === JSON.stringify(item.values));
        expect(f, results.get(fmt)!.discrepancies.filter((d) => d.rule === item.rule).map((d) => d.message).join('\n')).toBeDefined();
        expect(f!.severity).toBe('warning');
        const parts = f!.evidence.map((e) => e.location.part ?? '');
        expect(parts.some((p) => item.places[0].test(p)), parts.join(' | ')).toBe(true);
        expect(parts.some((p) => item.places[1].test(p)), parts.join(' | ')).toBe(true);
        expect(f!.params?.pairReasons, 'the pairing is explained').toBeTruthy();
      });
    }
    it('adds no other error or warning, and none on the true sums', () => {
      const found = results.get(fmt)!.discrepancies.filter((d) => CROSS_PART.includes(d.rule) && d.severity !== 'info');
      expect(found.length, found.map((d) => d.message).join('\n')).toBe(ITEMS.length);
      for (const [total, part] of TRUE_SUMS) expect(found.filter((d) => carries(d, total) && carries(d, part))).toEqual([]);
    });
  });
}

describe('seed across formats', () => {
  it('the cross-part findings have the same ids in .docx, .pdf and .doc', () => {
    const ids = (fmt: string) => results.get(fmt)!.discrepancies.filter((f) => CROSS_PART.includes(f.rule) && f.severity !== 'info').map((f) => f.id).sort();
    expect(ids('pdf')).toEqual(ids('docx'));
    expect(ids('doc')).toEqual(ids('docx'));
  });
});
