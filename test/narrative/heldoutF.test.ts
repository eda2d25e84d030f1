import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

/**
 * Held-out F (narrative-only reports of townships, streets, third-party evaluations and 范文 sites). The first look showed
 * titles said twice (a page's or a site's title joined to the report's own: …評價報告項目支出績效評價報告), a contents item
 * joined to the body's title (6.2建议吉首市…绩效评价报告), a site's introduction taken for a title (下面是小编为大家整理的…报告),
 * one report split in three by its cover and contents, and a staffing form flattened one cell a line (人员编制 / 128) unread.
 */

const reportOf = async (id: string, ext = 'docx') => checkModel(await corpusModel(id, ext)).report;
const titles = async (id: string, ext = 'docx') => (await reportOf(id, ext)).narratives.map((n) => n.title);

describe('held-out F: one start for a title printed twice', () => {
  it('a whole title over another whole title names the report once, by the fuller (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) {
      expect(await titles('jx-donghu-caizheng-2020', ext)).toEqual(['2020東湖區(qū)財政局財政事務(wù)工作經(jīng)費項目支出及績效評價報告']);
      expect(await titles('yn-xishan-diqi-youeryuan-2024', ext)).toEqual(['昆明市西山区第七幼儿园2024年财政预算支出绩效自评情况报告']);
    }
    expect(await titles('xz-karuo-fuli-2022')).toEqual(['昌都市卡若区2022年度社会福利机构运行及人员经费项目绩效评价报告']);
    expect(await titles('hn-nanxian-zhujian-2018')).toEqual(['南县住房和城乡建设局2018年度整体支出绩效评价报告']);
  });

  it('a subject line under a title is still joined to it (保山 森林防火: no whole title of its own)', async () => {
    expect((await titles('yn-baoshan-senlinfanghuo-2021'))[0]).toContain('森林防火');
  });
});

describe('held-out F: a cover, a notice and a contents list before the body are one report', () => {
  it('吉首 乾州街道 范文: one narrative under the body\'s title, no 6.2建议 and no 下面是小编 title (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) expect(await titles('hn-jishou-qianzhou-fanwen', ext)).toEqual(['吉首市乾州街道办事处部门整体支出绩效评价报告']);
  });

  it('the same title again after the cover and contents (昌都 宗教事务局) is one report', async () => {
    for (const ext of ['docx', 'pdf']) expect(await titles('xz-changdu-zongjiao-2022', ext)).toEqual(['西藏昌都市宗教事务局2022年1-9月部门整体支出绩效评价报告']);
  });

  it('a content site\'s title and introduction (…以下是小编帮大家整理的…) fold into its first report', async () => {
    expect(await titles('xx-gonglu-yanghu-fanwen')).toEqual(['公路养护绩效评价报告1']);
    expect(await titles('sc-meishan-canlian-fanwen')).toHaveLength(1);
  });

  it('a different title after the contents stays a report of its own', async () => {
    const model = await corpusEdited('xz-changdu-zongjiao-2022', [/^西藏昌都市宗教事务局2022年1-9月部门整体支出绩效评价报告$/, '西藏昌都市宗教事务局2022年1-9月项目支出绩效评价报告']);
    expect(checkModel(model).report.narratives).toHaveLength(2);
  });
});

describe('held-out F: a list item after a longer one is no top-level heading (section-numbering v2)', () => {
  it('热市镇 (1. 贯彻执行… / 2. 对镇人民代表大会…), 元阳 挂沟 and 牟定 (1.数量指标… 3.时效指标…): no mixed-numbering finding', async () => {
    for (const id of ['hn-taoyuan-reshi-2024', 'yn-yuanyang-guagou-2021', 'yn-mouding-fanghu-2020']) {
      expect(checkModel(await corpusModel(id)).findings.filter((f) => f.rule === 'section-numbering'), id).toEqual([]);
    }
  });
});

describe('held-out F: a staffing field flattened one cell a line', () => {
  const counts = (stats: Array<{ label: string; figure: { value: string; unit: string | null } }>) => stats.map((s) => `${s.label}=${s.figure.value}${s.figure.unit ?? ''}`);

  it('新开镇: 人员编制 / 128 and 实有人数 / 185 are read as counts without a unit (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) expect(counts((await reportOf('hn-yueyang-xinkai-2021', ext)).statistics)).toEqual(['人员编制=128', '实有人数=185']);
  });

  it('another field\'s bare number stays unread (预算编码 / 128)', async () => {
    const model = await corpusEdited('hn-yueyang-xinkai-2021', [/^人员编制$/, '预算编码']);
    expect(counts(checkModel(model).report.statistics)).toEqual(['实有人数=185']);
  });
});
