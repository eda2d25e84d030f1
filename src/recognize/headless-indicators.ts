import type { TableBlock } from '../../schemas/document.js';
import { isGenericIndicatorHeader, isIndicatorHeader } from './header-map.js';
import { key, ownCells } from './table-view.js';

/**
 * An indicator block with no header of its own: a page that opens inside a form, below its
 * indicator header (a site splitting a long report into pages, a scan starting mid-form). Its rows
 * still say what they are — first-level names (产出指标, 效益指标 …) over second-level ones (数量指标 …),
 * a 合计/总分 row — and where a column holds nothing but comparison signs (=, ≤, ≥) it is the Sichuan
 * 部门预算项目支出绩效自评表's 指标性质, whose columns follow in the template's order: 指标值, 度量单位,
 * 完成值, 权重, 得分, 未完成原因分析. Without such a column nothing is guessed: the table stays unread.
 */
const LEVEL1 = /^(产出|效益|满意度|成本)指标/;
const LEVEL2 = /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)指标/;
const SIGN = /^(=|＝|≤|≥|<|>|<=|>=|≦|≧)$/;
const TOTAL = /^(合计|总分|总计)/;

/** The Sichuan columns right of the 指标性质 (signs) column, in the template's order. */
const AFTER_SIGN = [
  ['target', '指标值'],
  ['unit', '度量单位'],
  ['actual', '完成值'],
  ['weight', '权重'],
  ['score', '得分'],
  ['reason', '未完成原因分析'],
] as const;

export interface PresetColumns {
  cols: Map<string, number>;
  labels: Array<{ field: string; label: string }>;
}

export function headlessIndicatorColumns(table: TableBlock): PresetColumns | null {
  if (table.nCols < 8) return null;
  for (let r = 0; r < Math.min(table.nRows, 12); r++) if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) return null;
  const own = (r: number, c: number) => ownCells(table, r).find((x) => x.col === c);
  let level1 = -1;
  let firsts = 0;
  let total = false;
  for (let r = 0; r < table.nRows; r++) {
    const cells = ownCells(table, r).filter((c) => key(c.text));
    if (!cells.length) continue;
    const first = key(cells[0].text);
    if (TOTAL.test(first)) total = true;
    if (LEVEL1.test(first)) {
      if (level1 === -1) level1 = cells[0].col;
      if (cells[0].col === level1) firsts++;
    }
  }
  if (level1 < 0 || firsts < 2 || !total) return null;
  let seconds = 0;
  for (let r = 0; r < table.nRows; r++) if (LEVEL2.test(key(own(r, level1 + 1)?.text ?? ''))) seconds++;
  if (!seconds) return null;
  const signCol = level1 + 3;
  let signs = 0;
  for (let r = 0; r < table.nRows; r++) {
    const t = key(own(r, signCol)?.text ?? '');
    if (!t) continue;
    if (!SIGN.test(t)) return null;
    signs++;
  }
  if (signs < 2 || signCol + AFTER_SIGN.length >= table.nCols + 1) return null;
  const cols = new Map<string, number>([
    ['level1', level1],
    ['level2', level1 + 1],
    ['level3', level1 + 2],
    ['nature', signCol],
  ]);
  AFTER_SIGN.forEach(([field], i) => {
    if (signCol + 1 + i < table.nCols) cols.set(field, signCol + 1 + i);
  });
  const names: Record<string, string> = { level1: '一级指标', level2: '二级指标', level3: '三级指标', nature: '指标性质', ...Object.fromEntries(AFTER_SIGN) };
  const labels = [...cols.entries()].map(([field]) => ({ field, label: `${names[field]}（表头不在本页，按四川表式推定）` }));
  return { cols, labels };
}
