/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted30) missed, on the corpus document where the bench planted
 * them: two stages of the money a 100% rate says are one (执行率/使用率/分配率/完成进度 written as exactly 100%: the reached
 * amount equals its base to the last digit, in its own sentence or the nearest earlier amount of the same owner), and a plan
 * restated as done in a paragraph saying every output was done (全部完成, 均已按时按量完成). The unchanged document has no
 * error or warning of the rule; the planted one has one, carrying the changed figure. Where the text does not force the
 * equality (the paragraph's 均已…完成 taken away), the plan and the result may differ: no finding. And an excess over what
 * was due (应配套 / 实际配套到位 / 超规模配套) is the actual less the due.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, plantedIn, source } from './planted-real-helpers.js';

describe('planted30: two stages of the money at 100%, a plan done in full', () => {
  // "共落实棚户区改造258.8556万元,目前已支出258.8557万元,资金使用率为100%": 258.8557 ÷ 258.8556 rounds to 100%, but 100% says they are one
  it('gs-gangu-anju-2023: 已支出258.8557万元 (a cent more) of 落实258.8556万元 at 资金使用率100%', async () => {
    const fs = await plantedIn('gs-gangu-anju-2023', 'narrative-rate', '资金使用率为100%', '目前已支出258.8556', '目前已支出258.8557');
    expect(fs).toEqual([['warning', [258.8557, 258.8556, 100], expect.stringContaining('资金使用率为100%，即与同句我县共落实棚户区改造258.8556万元相等，但两数相差0.0001万元')]]);
  }, 60_000);

  // "使用统筹整合资金851万元,当年财政拨款,全年执行数850万元,执行率100%": the fund drawn on is the base
  it('he-weichang-cesuo-fanwen: 使用统筹整合资金851万元 against 全年执行数850万元 at 执行率100%', async () => {
    const fs = await plantedIn('he-weichang-cesuo-fanwen', 'narrative-rate', '全年执行数850万元', '统筹整合资金850万元', '统筹整合资金851万元');
    expect(fs).toEqual([['warning', [850, 851, 100], expect.stringContaining('全年执行数850万元，执行率100%')]]);
  }, 60_000);

  // "下达…绩效目标值2610.86万元。已下达补助2373.51万元,完成进度100%": the base in the sentence before
  it('fj-xiuyu-shifan-2024: 目标值2610.86万元 (× 1.1), then 已下达补助2373.51万元, 完成进度100%', async () => {
    const fs = await plantedIn('fj-xiuyu-shifan-2024', 'narrative-rate', '完成进度100%', '目标值2373.51', '目标值2610.86');
    expect(fs).toEqual([['warning', [2373.51, 2610.86, 100], expect.stringContaining('称下达补助2373.51万元，完成进度100%，即与')]]);
  }, 60_000);

  // "下达广州市…发展资金2166.00万元。其中,下达…400.00万元…" / next paragraph "已分配资金2166.01万元,资金分配率为100%":
  // the 其中 parts are passed over, the whole is the base; 资金实际到位2166.00万元 at 到位率100% stays silent
  it('gd-guangzhou-minying-2022: 已分配资金2166.01万元 at 资金分配率100% against 下达…2166.00万元 a paragraph before', async () => {
    const fs = await plantedIn('gd-guangzhou-minying-2022', 'narrative-rate', '资金分配率为100%', '已分配资金2166.00', '已分配资金2166.01');
    expect(fs).toEqual([['warning', [2166.01, 2166, 100], expect.stringContaining('下达广州市M301.民营经济及中小微企业发展资金2166.00万元相等，但两数相差0.01万元')]]);
  }, 60_000);

  // "中央资金完成…,省级资金完成…;地方资金完成965.79万元,预算执行率100%": the base is the earlier 地方 amount
  // ("地方投入…补助资金877.99万元"), not the 结转资金 nearer or the 中央/省级 ones
  it('sc-meishan-canlian-fanwen: 地方资金完成965.79万元 at 预算执行率100% against 地方投入877.99万元', async () => {
    const fs = await plantedIn('sc-meishan-canlian-fanwen', 'narrative-rate', '地方资金完成877.99', '地方资金完成877.99', '地方资金完成965.79');
    expect(fs).toEqual([['warning', [965.79, 877.99, 100], expect.stringContaining('地方投入残疾人事业发展补助资金877.99万元相等')]]);
  }, 60_000);

  // "地方应配套20970.10万元,实际配套到位资金104880.14万元,超规模配套83909.14万元": the excess is actual less due (83910.04)
  it('yn-liangshi-fengxianjijin-2022: 应配套20970.10万元 (two digits swapped) against 实际104880.14 and 超规模配套83909.14', async () => {
    const fs = await plantedIn('yn-liangshi-fengxianjijin-2022', 'narrative-rate', '超规模配套', '地方应配套20971.00', '地方应配套20970.10');
    expect(fs).toEqual([['warning', [83909.14, 83910.04, 104880.14, 20970.1], expect.stringContaining('按 104880.14万元 − 20970.10万元 计算超出83910.04万元')]]);
  }, 60_000);

  // "(二)项目实施主要内容:…烟路建设72.9公里…" / "…满意度指标全部完成。三、项目效益情况该项目已完成…烟路建设80.2公里"
  it('sn-zhenan-kaoyan-2023: 烟路建设72.9公里 planned, 80.2公里 done under 全部完成', async () => {
    const fs = await plantedIn('sn-zhenan-kaoyan-2023', 'narrative-restated-differs', '项目效益情况', '烟路建设72.9公里', '烟路建设80.2公里');
    expect(fs).toEqual([['warning', [72.9, 80.2], expect.stringContaining('所列计划为烟路建设72.9公里，项目支出绩效评价报告（第1份）称已完成烟路建设80.2公里，且称“全部完成”')]]);
  }, 60_000);

  // "用于…新建农产品储存冷藏库10个" / "…均已按时按量完成。已新建成农产品储存冷藏库11个"; without the 均已…完成 sentence
  // the report does not say the plan was met exactly: no finding
  it('ha-xiping-nongchanpin-2023: 冷藏库10个 planned, 已新建成11个 under 均已按时按量完成 (and silent without it)', async () => {
    const fs = await plantedIn('ha-xiping-nongchanpin-2023', 'narrative-restated-differs', '已新建成', '冷藏库10个', '冷藏库11个');
    expect(fs).toEqual([['warning', [10, 11], expect.stringContaining('且称“均已按时按量完成”，计划数与完成数应相同')]]);
    const unsaid = source('ha-xiping-nongchanpin-2023').map((l) => (l.includes('已新建成') ? l.replace(/[^。]*均已按时按量完成。/, '') : l));
    expect(unsaid.join('\n')).not.toContain('均已按时按量完成');
    const lines = planted(unsaid, '已新建成', '冷藏库10个', '冷藏库11个');
    expect(await findingsOf(lines, (f) => f.rule === 'narrative-restated-differs' && f.severity !== 'info')).toEqual([]);
  }, 60_000);
});
