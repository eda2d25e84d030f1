/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted24) missed: a restated amount one more in its last digit
 * (restated-cent), on the corpus document where the bench planted it. The unchanged document has no error or warning
 * of the rule; the planted one has one, carrying the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { plantedIn } from './planted-real-helpers.js';

describe('planted24: a restated amount one more in its last digit', () => {
  // "其中500万元为中央水利发展资金": the name after the figure, behind a copula — the label is the fund, not "为…"
  it('sc-lushan-shuitu: 其中501万元为中央水利发展资金 against 下达我县中央水利发展资金500万元', async () => {
    const fs = await plantedIn('sc-lushan-shuitu', 'narrative-restated-differs', '其中500万元为', '500万元', '501万元');
    expect(fs).toEqual([['warning', [500, 501], expect.stringContaining('名称相同（“中央水利发展资金”')]]);
  }, 60_000);

  // the part ≥ 76.365 and the total < 76.365: above it, zeros (项目支出0万元, 结余结转0万元) beside it or not
  it('hn-hetang-fulian-2022: 支出76.36万元，其中基本支出76.37万元 is a part above its total', async () => {
    const fs = await plantedIn('hn-hetang-fulian-2022', 'narrative-subset-exceeds', '其中基本支出76.36万元', '基本支出76.36万元', '基本支出76.37万元');
    expect(fs).toEqual([['warning', [76.37, 76.36], expect.stringContaining('分项大于总数')]]);
  }, 60_000);

  it('hn-nanxian-zhengxie-2021: 收入792.22万元，其中财政拨款收入792.23万元 (one part) is above its total', async () => {
    const fs = await plantedIn('hn-nanxian-zhengxie-2021', 'narrative-subset-exceeds', '财政拨款收入792.22万元', '财政拨款收入792.22', '财政拨款收入792.23');
    expect(fs).toEqual([['warning', [792.23, 792.22], expect.stringContaining('分项大于总数')]]);
  }, 60_000);

  // both totals list 中央补助资金226.7万元 and 省级补助资金19.5万元, adding up to 246.2 and, within their rounding, to 246.3:
  // narrative-total-parts is silent, and the project's fund named two ways (下达补助资金 / 下达我区补助资金) is compared
  it('ah-xuanzhou-weifang-2023: 共下达我区补助资金246.3万元 (其中 226.7 + 19.5) against 共下达补助资金246.2万元', async () => {
    const fs = await plantedIn('ah-xuanzhou-weifang-2023', 'narrative-restated-differs', '項目資金到位情況分析', '246.2萬元', '246.3萬元');
    expect(fs).toEqual([['warning', [246.2, 246.3], expect.stringContaining('同一项目资金前后不一致')]]);
  }, 60_000);

  // 4.68 + 1.76 + 0.02 = 6.46 against 6.47: inside the summed rounding intervals, so narrative-total-parts is silent
  // and the project's fund named two ways is compared
  it('yn-changning-tejiao-2023: 全年预算资金6.47万元 (其中 4.68 + 1.76 + 0.02) against 项目资金总额6.46万元', async () => {
    const fs = await plantedIn('yn-changning-tejiao-2023', 'narrative-restated-differs', '全年预算资金6.46万元', '6.46万元', '6.47万元');
    expect(fs).toEqual([['warning', [6.46, 6.47], expect.stringContaining('同一项目资金前后不一致')]]);
  }, 60_000);

  // 1372.8 + 98.6 + 859.6 = 2331.0 against 2330.9: inside the summed rounding, but 收到中央下达…资金1372.7万元 elsewhere
  // makes the 其中 list add up exactly — the gap is the part written two ways, not rounding
  it('nm-linhe-youfu-2023: 共2330.9万元，其中：中央资金1372.8万元… against 收到中央下达…资金1372.7万元', async () => {
    const fs = await plantedIn('nm-linhe-youfu-2023', 'narrative-total-parts', '其中:中央资金1372.7万元', '中央资金1372.7万元', '中央资金1372.8万元');
    expect(fs).toEqual([['warning', [1372.8, 1372.7, 2330.9], expect.stringContaining('按此数分项合计恰为总数')]]);
  }, 60_000);

  it('ah-jinzhai-chegoushui-2024: 共43485.32万元，其中：中央资金10401.22万元、地方资金33084.11万元 against 车辆购置税…资金10401.21万元', async () => {
    const fs = await plantedIn('ah-jinzhai-chegoushui-2024', 'narrative-total-parts', '其中:中央资金10401.21万元', '中央资金10401.21万元', '中央资金10401.22万元');
    expect(fs).toEqual([['warning', [10401.22, 10401.21, 43485.32], expect.stringContaining('按此数分项合计恰为总数')]]);
  }, 60_000);
});
