import type { TableBlock } from '../../schemas/document.js';
import { rowKey } from './table-view.js';

/**
 * A performance-target table (项目绩效目标表, 绩效目标申报表): the targets a project set and the standards
 * it will be graded by (绩效标准 优 | 良 | 中 | 差), printed before a report (海南's 财政支出项目绩效自评报告
 * opens with one). It holds no actual value, no execution and no score, so it is no self-evaluation form,
 * whatever its 项目名称 row says: read as one, its head "could not be recognized" and its budget was "not
 * found" — two notes on a form that is not there.
 */
const TARGET_TITLE = /绩效目标(?:申报)?表$/;
const GRADE_STANDARDS = /绩效标准.*优\|良\|中\|差/;
/** Words of a form that reports results: an actual value, the money spent, a score. */
const RESULT_WORDS = /实际|完成值|完成情况|执行数|执行率|支出数|得分|自评|分值|权重/;

export function isTargetTable(table: TableBlock): boolean {
  const rows = Array.from({ length: table.nRows }, (_, r) => rowKey(table, r));
  const head = rows.slice(0, 6).join('|');
  const titled = rows.slice(0, 2).some((k) => k.split('|').some((cell) => TARGET_TITLE.test(cell)));
  if (!titled && !GRADE_STANDARDS.test(head)) return false;
  return !rows.some((k) => RESULT_WORDS.test(k));
}
