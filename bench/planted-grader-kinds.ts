/**
 * Plant kinds of bench/planted-real.ts a grader testing the tool would make besides the catalogue's
 * (planted23): the same amount restated off by one cent or with two digits transposed (334.73 →
 * 334.74, 334.73 → 337.43), a budget total's 全年执行数 left blank, an unmet indicator's 偏差原因
 * emptied, a 一级指标's points changed, and a row's 年初预算数 and 全年预算数 swapped. Each returns the
 * plants of one document and says (skip) why a place found is not planted.
 */
import type { TruthFact } from '../test/corpus/truth-schema.js';
import { type Kind, type Plant, R, cellsOf, changed, hasWords, norm, replaceCell, sameNumber } from './planted-source.js';

type Cell = ReturnType<typeof cellsOf>[number];
type Skip = (kind: Kind, why: string) => void;

const blank = (c: Cell) => /^(?:无|—+|-+|\/|／)?$/.test(norm(c.text));

/** One more in the last written digit: 334.73 → 334.74 (one cent of 万元 written to two decimals is 100 元). */
export function offByOne(value: string): string {
  return changed(value, (v) => v.add(R(value.includes('.') ? `0.${'0'.repeat(value.split('.')[1].length - 1)}1` : '1')));
}

/**
 * Two adjacent digits swapped: the last integer digit with the first decimal (334.73 → 337.43), else the
 * last two different adjacent digits (650 → 605); null when every adjacent pair is equal or the result
 * would start with 0.
 */
export function transposed(value: string): string | null {
  const point = value.indexOf('.');
  const digits = value.replace('.', '').split('');
  const swap = (k: number): string | null => {
    if (digits[k] === digits[k + 1]) return null;
    const d = [...digits];
    [d[k], d[k + 1]] = [d[k + 1], d[k]];
    if (d[0] === '0' && (point < 0 ? d.length : point) > 1) return null;
    const s = d.join('');
    return point < 0 ? s : `${s.slice(0, point)}.${s.slice(point)}`;
  };
  if (point > 0) {
    const across = swap(point - 1);
    if (across) return across;
  }
  for (let k = digits.length - 2; k >= 0; k--) {
    const s = swap(k);
    if (s) return s;
  }
  return null;
}

/** The cells of a row after the cell naming it (its label's last word). */
function afterLabel(line: string, words: string[]): { all: Cell[]; named: number } {
  const all = cellsOf(line);
  const last = norm(words[words.length - 1] ?? '');
  return { all, named: last ? all.findIndex((c) => norm(c.text.replace(/\\n/g, '')).includes(last)) : -1 };
}

/** A budget block's total row (年度资金总额, 资金总额, 合计): its 全年执行数 cell left blank. */
function totalBlanked(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[]): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'budget' || f.field !== 'executed' || !R(f.value).gt(R('0')) || !/总额|合计|总计/.test(f.row.join(''))) continue;
    for (const i of rows(f.row)) {
      const { all, named } = afterLabel(lines[i], f.row);
      // the 全年执行数 is the last cell of its value (a 全年预算数 may equal it), never a rate ("100%")
      const cells = all.filter((c, k) => k > named && sameNumber(c.text, f.value) && !/[%％]/.test(c.text));
      const cell = cells[cells.length - 1];
      if (!cell) continue;
      out.push({ kind: 'total-blanked', line: i, before: lines[i], after: lines[i].slice(0, cell.start) + lines[i].slice(cell.end), figure: '', marks: [f.row.join('')], where: `${f.row.join('')} 全年执行数 ${f.value}→（空）` });
      break;
    }
  }
  return out;
}

/**
 * An indicator whose target is missed (a numeric 实际完成值 below a plain or ≥ target) or whose score is
 * below its weight, with a 偏差原因 written after its score: the reason cell emptied.
 */
function reasonEmptied(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[], skip: Skip): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'indicator' || !f.weight || !f.score || !f.actual) continue;
    const name = f.name.join('');
    const t = f.target ? /^(?:≥|>=|不低于|达到)?(\d+(?:\.\d+)?)(\D*)$/.exec(norm(f.target)) : null;
    const a = /^(?:≥|>=|=)?(\d+(?:\.\d+)?)(\D*)$/.exec(norm(f.actual));
    const lessIsBetter = /成本|费用|控制率|时限|投诉|差错|事故|周期/.test(name);
    const missed = !!(t && a && !lessIsBetter && (t[2] === a[2] || a[2] === '') && !/[年月日]/.test(t[2]) && R(a[1]).lt(R(t[1])));
    const deducted = R(f.score).lt(R(f.weight));
    if (!missed && !deducted) continue;
    for (const i of rows(f.name)) {
      const { all, named } = afterLabel(lines[i], f.name);
      const score = all.findIndex((c, j) => j > named + 1 && sameNumber(c.text, f.score!) && sameNumber(all[j - 1].text, f.weight!));
      if (score < 0) continue;
      const reason = all.slice(score + 1).find((c) => !blank(c) && /[\u4e00-\u9fa5]{2}/.test(c.text));
      if (!reason) {
        skip('reason-emptied', `「${name}」未写偏差原因`);
        break;
      }
      out.push({ kind: 'reason-emptied', line: i, before: lines[i], after: lines[i].slice(0, reason.start) + lines[i].slice(reason.end), figure: '', marks: f.name, where: `「${name}」${missed ? `未达标（${f.target} / ${f.actual}）` : `扣分（${f.score}/${f.weight}）`}，偏差原因“${reason.text.slice(0, 16)}”→（空）` });
      break;
    }
  }
  return out;
}

/** A 一级指标 cell giving its points ("产出指标(50分)"): the points + 5, its indicators' weights left. */
function categoryPoints(lines: string[], inTable: Set<number>, facts: TruthFact[], skip: Skip): Plant[] {
  const out: Plant[] = [];
  const weighted = facts.some((f) => f.kind === 'indicator' && f.weight);
  for (const i of [...inTable].sort((x, y) => x - y)) {
    for (const c of cellsOf(lines[i])) {
      const m = /^((?:产出|效益|效果|满意度|成本)指标\s*[（(]\s*)(\d+(?:\.\d+)?)(\s*分\s*[)）])/.exec(c.text);
      if (!m) continue;
      if (!weighted) {
        skip('category-points', `${m[0]}（表中无指标分值）`);
        continue;
      }
      const after = changed(m[2], (v) => v.add(R('5')));
      const at = c.start + m[1].length;
      out.push({ kind: 'category-points', line: i, before: lines[i], after: lines[i].slice(0, at) + after + lines[i].slice(at + m[2].length), figure: after, where: `${m[0]}→${m[1]}${after}${m[3]}` });
    }
  }
  return out;
}

/** A row whose 年初预算数 and 全年预算数 differ: the two swapped (the 全年预算数 becomes the other figure). */
function budgetSwapped(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[]): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'budget' || f.field !== 'fullYearBudget' || !R(f.value).gt(R('0'))) continue;
    const initial = facts.find((g) => g.kind === 'budget' && g.field === 'initialBudget' && g.row.join() === f.row.join() && g.form.join() === f.form.join());
    if (!initial || initial.kind !== 'budget' || !R(initial.value).gt(R('0')) || R(initial.value).eq(R(f.value))) continue;
    for (const i of rows(f.row)) {
      const { all, named } = afterLabel(lines[i], f.row);
      const a = all.findIndex((c, k) => k > named && sameNumber(c.text, initial.value));
      const b = all.findIndex((c, k) => k > a && a >= 0 && sameNumber(c.text, f.value));
      if (a < 0 || b < 0) continue;
      const [x, y] = [all[a].text.replace(/[^\d.]/g, ''), all[b].text.replace(/[^\d.]/g, '')];
      // right to left, so the first cell's range still holds
      const line = replaceCell(replaceCell(lines[i], all[b], x), all[a], y);
      out.push({ kind: 'budget-swapped', line: i, before: lines[i], after: line, figure: x, where: `${f.row.join('')} 年初预算数 ${x} / 全年预算数 ${y} 互换` });
      break;
    }
  }
  return out;
}

export function graderPlants(lines: string[], facts: TruthFact[], inTable: Set<number>, skip: Skip): Plant[] {
  const rows = (words: string[]) => [...inTable].sort((a, b) => a - b).filter((i) => hasWords(lines[i], words));
  return [...totalBlanked(lines, facts, rows), ...reasonEmptied(lines, facts, rows, skip), ...categoryPoints(lines, inTable, facts, skip), ...budgetSwapped(lines, facts, rows)];
}
