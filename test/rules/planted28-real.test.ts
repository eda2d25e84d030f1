/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted28) missed, on the corpus document where the bench planted
 * them: a 其中 part whose list notes each part's share (占收入合计的100%; the repeated 0% notes are no repeated columns), a
 * part of a staff count before a second whole with its own 其中 list, and a works' progress above 100%. The unchanged
 * document has no error or warning of the rule; the planted one has one, carrying the changed figure. Two edited sentences
 * (corpusEdited) show the other side: a figure with its own 其中 after a semicolon that the parts up to it add up with is the
 * last part, its list dividing it only.
 */
import { describe, expect, it } from 'vitest';
import { corpusEdited } from '../helpers/corpus.js';
import { checkModel } from '../helpers/check.js';
import { plantedIn } from './planted-real-helpers.js';

/** The 其中-list findings (narrative-total-parts, narrative-subset-exceeds) of yn-changning-binzang-2024 with its staffing sentence rewritten. */
async function staffing(sentence: string): Promise<Array<[string, string, string]>> {
  const model = await corpusEdited('yn-changning-binzang-2024', [/在职人员编制6人[^。]*。/, sentence]);
  return checkModel(model)
    .findings.filter((f) => f.rule === 'narrative-total-parts' || f.rule === 'narrative-subset-exceeds')
    .map((f) => [f.rule, f.severity, String(f.message)]);
}

describe('planted28: 其中 lists with share notes or a second whole, and a works’ progress', () => {
  // "本年收入合计2371.75万元,比上年减少…,其中:财政拨款收入X万元,占收入合计的100%;上级补助收入0万元,占收入合计的0%;…": the
  // 0% notes repeat, but they note the parts' shares — the money parts are the list
  it('bj-fengtai-shewu-juesuan-2022: 财政拨款收入2608.93万元 (× 1.1) of 本年收入合计2371.75万元', async () => {
    const fs = await plantedIn('bj-fengtai-shewu-juesuan-2022', 'narrative-total-parts', '本年收入合计2371.75万元', '财政拨款收入2371.75万元', '财政拨款收入2608.93万元');
    expect(fs).toEqual([['error', [2371.75, 2608.93], expect.stringContaining('其中分项（财政拨款收入2608.93万元、上级补助收入0万元')]]);
  }, 60_000);

  it('bj-fengtai-shewu-juesuan-2022: 财政拨款收入2371.76万元 (one cent more) of 本年收入合计2371.75万元', async () => {
    const fs = await plantedIn('bj-fengtai-shewu-juesuan-2022', 'narrative-subset-exceeds', '本年收入合计2371.75万元', '财政拨款收入2371.75万元', '财政拨款收入2371.76万元');
    expect(fs).toEqual([['warning', [2371.76, 2371.75], expect.stringContaining('其中财政拨款收入2371.76万元，分项大于总数')]]);
  }, 60_000);

  // "在职人员编制6人,其中:事业编制X人;在职实有6人,其中:财政全额保障6人": the 实有 count after the semicolon opens its own
  // 其中 list — another whole, not a second part of the 编制
  it('yn-changning-binzang-2024: 在职人员编制6人，其中：事业编制7人 (the 在职实有 whole after the semicolon no part)', async () => {
    const fs = await plantedIn('yn-changning-binzang-2024', 'narrative-subset-exceeds', '在职人员编制6人', '事业编制6人', '事业编制7人');
    expect(fs).toEqual([['warning', [7, 6], expect.stringContaining('在职人员编制6人，其中事业编制7人，分项大于总数')]]);
  }, 60_000);

  // a works' progress is a share of the works, like 形象进度: above 100% needs the works done beyond the plan said
  it('js-xibu-shuizhi-2024: 完成工程建设进度105% is a progress above 100%', async () => {
    const fs = await plantedIn('js-xibu-shuizhi-2024', 'rate-above-whole', '建设进度95%', '建设进度95%', '建设进度105%');
    expect(fs).toEqual([['warning', [105, 100], expect.stringContaining('工程建设进度为占比，不应超过100%（如确超计划完成')]]);
  }, 60_000);

  // the figure after the semicolon with its own 其中 is the last part when the parts up to it add up: its list divides it,
  // not the whole (before: 3 + 3 + 1 + 2 = 9 against 6, an error on a sentence that is right)
  it('yn-changning-binzang-2024 (edited): 编制6人，其中：事业编制3人；工勤编制3人，其中：驾驶员1人、保洁员2人 — no finding', async () => {
    expect(await staffing('在职人员编制6人,其中:事业编制3人;工勤编制3人,其中:驾驶员1人、保洁员2人。')).toEqual([]);
  }, 60_000);

  it('yn-changning-binzang-2024 (edited): …工勤编制3人，其中：驾驶员2人、保洁员2人 — the inner list against 工勤编制3人', async () => {
    const fs = await staffing('在职人员编制6人,其中:事业编制3人;工勤编制3人,其中:驾驶员2人、保洁员2人。');
    expect(fs).toEqual([['narrative-total-parts', 'error', expect.stringContaining('工勤编制3人，其中分项（驾驶员2人、保洁员2人）合计4人')]]);
  }, 60_000);
});
