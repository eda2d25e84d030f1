/**
 * crosspart28: an indicator's 实际完成值 restated in its project's report, on a real document whose project report names
 * no project the pipeline can read (nx-yuanzhou-malingshu-2022: the form's name is garbled, "碟令薯樽轴示施项目") — the
 * document's only project report beside its only project form is paired with it by structure, so the restatement is
 * compared (narrative-actual-mismatch, a warning naming the paragraph and the form's cell). Planted on either side, as
 * `bench/planted-real.ts --crosspart` (xp-indicator) does.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

const ID = 'nx-yuanzhou-malingshu-2022';
const mismatches = (findings: ReturnType<typeof checkModel>['findings']) => findings.filter((f) => f.rule === 'narrative-actual-mismatch');

describe('crosspart28: an indicator actual restated in an unattributed project report', () => {
  it('the document as written: the restatement agrees (linked, no finding)', async () => {
    const { report, findings } = checkModel(await corpusModel(ID));
    const link = report.links.find((l) => l.basis === 'indicator-actual' && l.target.text === '200万粒');
    expect(link?.reason).toContain('按结构对应');
    expect(link!.confidence).toBeLessThan(0.8);
    expect(mismatches(findings)).toEqual([]);
  }, 60_000);

  it('the prose changed (企业自行采购马铃薯原原种220万粒): a warning naming the paragraph and the indicator cell', async () => {
    const { findings } = checkModel(await corpusEdited(ID, ['企业自行采购马铃薯原原种200万粒', '企业自行采购马铃薯原原种220万粒']));
    const hit = mismatches(findings).filter((f) => f.values.includes(220));
    expect(hit.map((f) => [f.severity, f.values])).toEqual([['warning', [220, 200]]]);
    expect(hit[0].message).toContain('“企业自行采购”实际完成值为200万粒');
    expect(hit[0].evidence.map((e) => e.location.table)).toEqual([null, 0]);
  }, 60_000);

  it('the form changed (实际完成值 220万粒): the prose 200万粒 is reported against it', async () => {
    const { findings } = checkModel(await corpusEdited(ID, ['8200万粒200万粒', '8200万粒220万粒']));
    const hit = mismatches(findings).filter((f) => f.values.includes(220));
    expect(hit.map((f) => [f.severity, f.values])).toEqual([['warning', [200, 220]]]);
  }, 60_000);
});
