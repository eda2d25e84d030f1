/**
 * The 40 most important statistics of the seed's narrative reports (samples/seed.*), written by hand
 * from the text of shared/seeds/000_3957157c7c0f0ef5.txt. `report` names the narrative report
 * (部门 = 部门整体支出绩效自评报告, else the project of the 项目支出绩效评价报告); `label` is a part of
 * the words that say what is counted; `cmp` is the comparator when the figure is hedged (约/余/多).
 */
export interface SeedStatistic {
  report: '部门' | '质量安全' | '招投标' | '工作经费';
  value: string;
  unit: string;
  label: string;
  cmp?: '=' | '~' | '>=';
}

export const SEED_STATISTICS: SeedStatistic[] = [
  // 部门整体支出绩效自评报告 — staffing and spending
  { report: '部门', value: '79', unit: '人', label: '干职工' },
  { report: '部门', value: '59', unit: '人', label: '在编' },
  { report: '部门', value: '20', unit: '人', label: '退休干职工' },
  { report: '部门', value: '10', unit: '个', label: '站室' },
  { report: '部门', value: '592.17', unit: '万元', label: '基本支出' },
  { report: '部门', value: '572.61', unit: '万元', label: '人员经费' },
  { report: '部门', value: '19.56', unit: '万元', label: '公用经费' },
  { report: '部门', value: '359.74', unit: '万元', label: '项目支出' },
  { report: '部门', value: '5', unit: '万元', label: '招投标监督管理专项' },
  { report: '部门', value: '20', unit: '万元', label: '质量安全监管专项' },
  { report: '部门', value: '334.74', unit: '万元', label: '工作经费' },
  // 部门整体支出绩效自评报告 — work done
  { report: '部门', value: '12', unit: '次', label: '党日活动' },
  { report: '部门', value: '101', unit: '个', label: '房屋工程项目' },
  { report: '部门', value: '285.17', unit: '万平方米', label: '总建筑面积', cmp: '~' },
  { report: '部门', value: '51.53', unit: '亿元', label: '总造价', cmp: '~' },
  { report: '部门', value: '38', unit: '个', label: '竣工验收项目' },
  { report: '部门', value: '74', unit: '个', label: '在建房屋和市政项目' },
  { report: '部门', value: '68', unit: '个', label: '房屋工程' },
  { report: '部门', value: '44', unit: '个', label: '在建项目' },
  { report: '部门', value: '16', unit: '个', label: '停工项目' },
  { report: '部门', value: '14', unit: '个', label: '未开工项目' },
  { report: '部门', value: '825', unit: '次', label: '检查' },
  { report: '部门', value: '232', unit: '份', label: '隐患整改通知书' },
  { report: '部门', value: '2092', unit: '条', label: '质量安全隐患' },
  { report: '部门', value: '930', unit: '处', label: '安全隐患', cmp: '>=' },
  { report: '部门', value: '14', unit: '个', label: '公开招标项目' },
  { report: '部门', value: '78089.7763', unit: '万元', label: '总金额' },
  { report: '部门', value: '82', unit: '个', label: '竣工验收备案' },
  { report: '部门', value: '350773.89', unit: '万元', label: '工程总造价' },
  { report: '部门', value: '1913714.87', unit: '平方米', label: '建筑面积' },
  { report: '部门', value: '284', unit: '件', label: '投诉、信访、交办' },
  { report: '部门', value: '239', unit: '件', label: '12345信箱' },
  // 项目支出绩效评价报告
  { report: '质量安全', value: '20', unit: '万元', label: '质量安全监督管理专项资金' },
  { report: '质量安全', value: '932', unit: '处', label: '安全隐患', cmp: '>=' },
  { report: '质量安全', value: '38', unit: '台套', label: '设备' },
  { report: '招投标', value: '5', unit: '万元', label: '招投标监督管理专项资金' },
  { report: '招投标', value: '14', unit: '个', label: '公开招标项目' },
  { report: '招投标', value: '2', unit: '种', label: '定期检查和不定期抽查' },
  { report: '工作经费', value: '334.74', unit: '万元', label: '项目资金' },
  { report: '工作经费', value: '334.73', unit: '万元', label: '全年支出' },
];
