/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted26) missed: a restated amount one more in its last digit
 * or with two digits transposed, × 1.1, and a 一级指标's points + 5, on the corpus document where the bench planted it.
 * The unchanged document has no error or warning of the rule; the planted one has one, carrying the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, plantedIn, show, source } from './planted-real-helpers.js';

describe('planted26: restatements and category points the bench planted', () => {
  // "其中:非税收入清算返回20.35万元" / "非税收入清算返回资金20.36万元": the head noun 资金 said once and left out once
  it('yn-changning-binzang-2019: 非税收入清算返回资金20.36万元 against 其中:非税收入清算返回20.35万元', async () => {
    const fs = await plantedIn('yn-changning-binzang-2019', 'narrative-restated-differs', '到位资金20.35万元', '返回资金20.35万元', '返回资金20.36万元');
    expect(fs).toEqual([['warning', [20.35, 20.36], expect.stringContaining('一处另写中心词“资金”')]]);
  }, 60_000);

  // "项目使用统筹整合资金X万元,当年财政拨款,全年执行数850万元,执行率100%": the fund the project draws on is the rate's base
  it('he-weichang-cesuo-fanwen: 使用统筹整合资金805万元, 全年执行数850万元, 执行率100% (850 ÷ 805 = 105.59%)', async () => {
    const fs = await plantedIn('he-weichang-cesuo-fanwen', 'narrative-rate', '全年执行数850万元', '统筹整合资金850万元', '统筹整合资金805万元');
    expect(fs).toEqual([['warning', [100, 105.59, 850, 805], expect.stringContaining('按 850万元 ÷ 805万元 计算为105.59%')]]);
  }, 60_000);

  // a cut form (no 总分 row): its last group 效益指标 lists 10 + 10 + 10 = 30, the template's 效益 points, and 产出指标(50分)
  // adds up to its 50 — the group is complete, so 效益指标(35分) is off; cunji's 效益指标(30分) over 10 + 10 stays silent (a
  // row off the page: truth mustNotFlag benefit-points-cut)
  it('ah-guichi-tangxi-2022: 效益指标(35分) over 10 + 10 + 10 on a form cut before 总分', async () => {
    const fs = await plantedIn('ah-guichi-tangxi-2022', 'group-weights', '效益指标(30分)', '效益指标(30分)', '效益指标(35分)');
    expect(fs).toEqual([['warning', [35, 30], expect.stringContaining('已列出的分值恰为模板该一级指标的30分')]]);
  }, 60_000);

  it('ah-suixi-linshijiuzhu-2019: 效益指标(35分) over one indicator of 30 on a form cut inside 满意度', async () => {
    const fs = await plantedIn('ah-suixi-linshijiuzhu-2019', 'group-weights', '效益指标(30分)', '效益指标(30分)', '效益指标(35分)');
    expect(fs).toEqual([['warning', [35, 30], expect.stringContaining('标明35分')]]);
  }, 60_000);

  it('ah-guichi-cunji-2022: 效益指标(30分) over 10 + 10 of a cut form is not reported (rows off the page)', async () => {
    const fs = await findingsOf(source('ah-guichi-cunji-2022'), (d) => d.rule === 'group-weights');
    expect(fs, show(fs)).toEqual([]);
  }, 60_000);
  // 489.00 + 14661.00 = 15150.00 against 15150.01: inside the summed rounding, but "中央补助15150.00万元" elsewhere states the
  // whole as exactly the parts' sum — the whole written two ways, not rounding
  it('yn-liangshi-fengxianjijin-2022: 收到中央补助资金15150.01万元，其中489.00 + 14661.00 against 中央补助15150.00万元', async () => {
    const fs = await plantedIn('yn-liangshi-fengxianjijin-2022', 'narrative-total-parts', '收到中央补助资金15150.00万元', '资金15150.00万元', '资金15150.01万元');
    expect(fs).toEqual([['warning', [15150.01, 15150], expect.stringContaining('恰为分项合计，总数两处写法不一致')]]);
  }, 60_000);
  // a count of posts divided by the posts' titles: "领导职数3名,其中馆长1名,副馆长2名" (posts under a staff count stay unsummed)
  it('yn-xundian-danganguan-2024: 领导职数3名，其中馆长2名，副馆长2名 (2 + 2 = 4)', async () => {
    const fs = await plantedIn('yn-xundian-danganguan-2024', 'narrative-total-parts', '领导职数3名', '馆长1名', '馆长2名');
    expect(fs).toEqual([['error', [3, 4], expect.stringContaining('领导职数3名，其中分项（馆长2名、副馆长2名）')]]);
  }, 60_000);

  // 151.8 + 37.48 = 189.28 against 189.29, inside the rounding; "中央下达公共文化服务体系建设专项资金预算189.28万元" states the whole
  it('sc-yanbian-gonggong-2021: 专项资金189.29万元，其中151.8 + 37.48 against 专项资金预算189.28万元', async () => {
    const fs = await plantedIn('sc-yanbian-gonggong-2021', 'narrative-total-parts', '其中一般项目151.8万元', '专项资金189.28万元', '专项资金189.29万元');
    expect(fs).toEqual([['warning', [189.29, 189.28], expect.stringContaining('恰为分项合计')]]);
  }, 60_000);
  // 火化率 is a share of the deceased: above 100% is impossible
  it('yn-changning-binzang-2019: 火化率达109.9% is a share above 100%', async () => {
    const fs = await plantedIn('yn-changning-binzang-2019', 'rate-above-whole', '火化率达99.9%', '火化率达99.9%', '火化率达109.9%');
    expect(fs).toEqual([['error', [109.9, 100], expect.stringContaining('火化率为占比')]]);
  }, 60_000);
});
