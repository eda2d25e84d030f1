/**
 * score28: a form's own total read from its head and a prose 自评得分 compared with it, on a real document.
 * nx-yuanzhou-malingshu-2022 (宁夏 原州区, a form flattened into paragraphs) runs its score onto the form's title:
 * "马铃薯…项目绩效目标自评表(2022年度)项目总得分99分项目名称…". Only its 产出指标(40分) rows are rebuilt, so the
 * score below cannot bound the head (the 效益/满意度 groups are cut off entirely: total-score v2 says nothing).
 * Its project report names no project the pipeline can read: a stated score is paired with the document's only
 * project form by structure, so a mismatch is info (stated-score-mismatch v3).
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

const ID = 'nx-yuanzhou-malingshu-2022';
const GOAL_END = '平均亩产马铃薯原种2500公斤';
const scoreFindings = (findings: ReturnType<typeof checkModel>['findings']) => findings.filter((f) => f.rule === 'stated-score-mismatch' || f.rule === 'total-score');

describe('score28: the head score of a flattened form and a prose 自评得分 against it', () => {
  it('the document as written: the head score 99 is read with the paragraph and the characters it stands at; no score finding', async () => {
    const model = await corpusModel(ID);
    const { report, findings } = checkModel(model);
    const head = report.projects[0].headScore!;
    expect([head.text, head.loc.paragraph]).toEqual(['99', 0]);
    const p0 = model.blocks.find((b) => b.kind === 'paragraph' && b.paragraph === 0);
    expect(p0?.kind === 'paragraph' && p0.text.slice(...head.loc.span!)).toBe('99');
    expect(scoreFindings(findings)).toEqual([]);
  }, 60_000);

  it('the report states the same score: no finding', async () => {
    const { findings } = checkModel(await corpusEdited(ID, [GOAL_END, `${GOAL_END}。经自评，项目自评得分为99分`]));
    expect(scoreFindings(findings)).toEqual([]);
  }, 60_000);

  it('the report states another score: info (paired by structure) naming the head score and both places', async () => {
    const { findings } = checkModel(await corpusEdited(ID, [GOAL_END, `${GOAL_END}。经自评，项目自评得分为95分`]));
    const hit = scoreFindings(findings);
    expect(hit.map((f) => [f.rule, f.severity, f.values])).toEqual([['stated-score-mismatch', 'info', [95, 99]]]);
    expect(hit[0].message).toContain('表头自评得分为99');
    expect(hit[0].evidence.map((e) => [e.role, e.location.paragraph])).toEqual([['stated', 2], ['head', 0]]);
  }, 60_000);

  it('the head changed (项目总得分90分) against the prose 99: the same one finding', async () => {
    const { findings } = checkModel(await corpusEdited(ID, ['项目总得分99分', '项目总得分90分'], [GOAL_END, `${GOAL_END}。经自评，项目自评得分为99分`]));
    expect(scoreFindings(findings).map((f) => [f.rule, f.severity, f.values])).toEqual([['stated-score-mismatch', 'info', [99, 90]]]);
  }, 60_000);
});
