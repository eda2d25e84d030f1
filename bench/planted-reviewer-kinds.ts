/**
 * Plant kinds of bench/planted-real.ts for the catalogue checks a reviewer tests by editing a real
 * report (see the kinds list in its header): an unmet target left at full marks, a 总分 得分, a
 * 全年预算数, a 其中 part of a budget block, a 按收入性质分 line, a 三公 part, a prose 其中 part, a
 * garbled figure and a title year. Each returns the plants of one document and says (skip) why a
 * place found is not planted: a figure that nothing can check.
 */
import type { TruthFact } from '../test/corpus/truth-schema.js';
import { type Kind, type Plant, R, cellsOf, changed, decimals, hasWords, norm, replaceCell, sameNumber } from './planted-source.js';

type Cell = ReturnType<typeof cellsOf>[number];
type Skip = (kind: Kind, why: string) => void;

const NUM = /(?<![\d.])(\d+(?:\.\d+)?)/;
const isNumber = (c: Cell) => /^[-+]?\d[\d,]*(?:\.\d+)?(?:%|万元|元)?$/.test(c.text.replace(/\s/g, ''));
const blank = (c: Cell) => /^(?:无|—+|-+|\/|／)?$/.test(norm(c.text));

/** The table (first and last line) around line i. */
function tableAround(lines: string[], inTable: Set<number>, i: number): string[] {
  let a = i;
  let b = i;
  while (inTable.has(a - 1)) a--;
  while (inTable.has(b + 1)) b++;
  return lines.slice(a, b + 1);
}

/** How many cells follow the 全年执行数 header cell in the nearest header line above row i of its table, if any. */
function executedFromEnd(lines: string[], inTable: Set<number>, i: number): number | null {
  for (let j = i - 1; j >= 0 && inTable.has(j); j--) {
    const cells = cellsOf(lines[j]);
    const k = cells.findIndex((c) => /^全年执行数/.test(norm(c.text)));
    if (k >= 0) return cells.length - 1 - k;
  }
  return null;
}

/** Cells naming the row (the first cell with its last word) and the number cells after it equal to value. */
function valueCells(line: string, words: string[], value: string): Cell[] {
  const all = cellsOf(line);
  const last = norm(words[words.length - 1] ?? '');
  const named = last ? all.findIndex((c) => norm(c.text.replace(/\\n/g, '')).includes(last)) : -1;
  return all.filter((c, k) => k > named && sameNumber(c.text, value));
}

/** Met numeric target at full marks → 实际完成值 80% of the target (score and blank reason left). */
function unmetFullMarks(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[], skip: Skip): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'indicator' || !f.target || !f.actual || !f.weight || !f.score || !R(f.weight).gt(R('0')) || !R(f.score).eq(R(f.weight))) continue;
    const name = f.name.join('');
    // less is better (成本, 时限, 控制率 …): an actual below the target is met
    if (/成本|费用|控制率|时限|投诉|差错|事故|周期/.test(name) || rows(f.name).some((i) => lines[i].includes('成本指标'))) {
      skip('unmet-full-marks', `「${name}」越小越好的指标`);
      continue;
    }
    const t = /^(?:≥|>=|＞=|=|不低于|大于等于|达到)?(\d+(?:\.\d+)?)(\D*)$/.exec(norm(f.target));
    const a = /^(?:≥|>=|＞=|=)?(\d+(?:\.\d+)?)(\D*)$/.exec(norm(f.actual));
    // the actual may leave the target's unit out ("≥50个" / "50"); a date (2023年12月) is no quantity
    if (!t || !a || (t[2] !== a[2] && a[2] !== '') || /[年月日]/.test(t[2]) || !R(t[1]).gt(R('0')) || !R(a[1]).ge(R(t[1]))) {
      skip('unmet-full-marks', `「${name}」${f.target} / ${f.actual}（不是可比较的数值目标）`);
      continue;
    }
    const after = R(t[1]).mul(R('0.8')).toFixed(decimals(t[1]));
    if (R(after).ge(R(t[1]))) continue;
    for (const i of rows(f.name)) {
      const all = cellsOf(lines[i]);
      const last = norm(f.name[f.name.length - 1]);
      const named = all.findIndex((c) => norm(c.text.replace(/\\n/g, '')).includes(last));
      const same = all.map((c, k) => (k > named && norm(c.text) === norm(f.actual!) ? k : -1)).filter((k) => k >= 0);
      // "100人次 | 100人次": the second equal cell is the 实际完成值
      const k = norm(f.target) === norm(f.actual) ? same[1] : same[0];
      if (k === undefined) continue;
      const score = all.findIndex((c, j) => j > k + 1 && sameNumber(c.text, f.score!) && sameNumber(all[j - 1].text, f.weight!));
      if (score < 0) continue;
      if (!all.slice(score + 1).every(blank)) {
        skip('unmet-full-marks', `「${name}」已写偏差原因`);
        break;
      }
      const cell = all[k];
      const at = cell.start + cell.text.indexOf(a[1]);
      const line = lines[i].slice(0, at) + after + lines[i].slice(at + a[1].length);
      out.push({ kind: 'unmet-full-marks', line: i, before: lines[i], after: line, figure: after, where: `「${name}」实际完成值 ${f.actual}→${after}${a[2]}（目标 ${f.target}，得分仍为满分 ${f.score}）` });
      break;
    }
  }
  return out;
}

/** A form's 总分 row: its score − 3 (分值 100 left). */
function totalScore(lines: string[], inTable: Set<number>, skip: Skip): Plant[] {
  const out: Plant[] = [];
  for (const i of [...inTable].sort((x, y) => x - y)) {
    const all = cellsOf(lines[i]);
    if (!/^(?:总分|总得分|合计得分|综合得分|总计)$/.test(norm(all[0]?.text ?? ''))) continue;
    const hundred = all.findIndex((c) => sameNumber(c.text, '100'));
    // "总分 | 99.55分": a row with its score alone (below 100)
    const alone = all.slice(1).filter((c) => /^\d+(?:\.\d+)?分?$/.test(norm(c.text)));
    const score = hundred >= 0 ? all.find((c, k) => k > hundred && isNumber(c)) : alone.length === 1 && R(norm(alone[0].text).replace('分', '')).lt(R('100')) ? alone[0] : undefined;
    if (!score || !R(score.text.replace(/[^\d.]/g, '')).ge(R('3'))) {
      skip('total-score', `${all.map((c) => c.text).join('|').slice(0, 40)}（无分值100及得分）`);
      continue;
    }
    const value = score.text.replace(/[^\d.]/g, '');
    const after = changed(value, (v) => v.sub(R('3')));
    out.push({ kind: 'total-score', line: i, before: lines[i], after: replaceCell(lines[i], score, after), figure: after, where: `总分得分 ${value}→${after}` });
  }
  return out;
}

/** A 全年预算数 × 1.1: the second equal cell of its row when the 年初预算数 beside it is the same figure. */
function budgetChanged(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[]): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'budget' || f.field !== 'fullYearBudget' || !R(f.value).gt(R('0'))) continue;
    const initialSame = facts.some((g) => g.kind === 'budget' && g.field === 'initialBudget' && g.row.join() === f.row.join() && g.form.join() === f.form.join() && R(g.value).eq(R(f.value)));
    for (const i of rows(f.row)) {
      const cells = valueCells(lines[i], f.row, f.value);
      const cell = initialSame ? cells[1] : cells[0];
      if (!cell) continue;
      const after = changed(f.value, (v) => v.mul(R('1.1')));
      out.push({ kind: 'budget-changed', line: i, before: lines[i], after: replaceCell(lines[i], cell, after), figure: after, where: `${f.row.join('')} 全年预算数 ${f.value}→${after}` });
      break;
    }
  }
  return out;
}

/** A part row of a table with a parent row: its first nonzero amount (or its 全年执行数) × 1.1. */
function partRows(kind: Kind, lines: string[], inTable: Set<number>, label: RegExp, parent: RegExp, pick: 'first' | 'executed', skip: Skip): Plant[] {
  const out: Plant[] = [];
  for (const i of [...inTable].sort((x, y) => x - y)) {
    const all = cellsOf(lines[i]);
    const named = all.findIndex((c) => label.test(norm(c.text)));
    if (named < 0 || !tableAround(lines, inTable, i).some((l) => parent.test(norm(l)))) continue;
    // "一般公共预算:1873.66万元" holds its amount in the label cell
    const inLabel = NUM.exec(all[named].text.replace(label, ''));
    const numbers = all.filter((c, k) => k > named && isNumber(c) && !c.text.includes('%') && R(c.text.replace(/[^\d.]/g, '') || '0').gt(R('0')));
    // the 全年执行数 column by the header above, counted from the row's end (the label's merged cells shift the
    // start, not the end): "… | 全年执行数 | 分值 | 执行率 | 得分" over "… | 27.8 | 9 | 0.958 | 8" — a rate written
    // without % ("0.958") leaves the 得分 last, and a 其中 row's copied 得分 is not its 全年执行数
    const fromEnd = executedFromEnd(lines, inTable, i);
    const byHeader = fromEnd !== null ? all[all.length - 1 - fromEnd] : undefined;
    // else a budget row "预算 | 执行 | 分值 | 执行率% | 得分": the 全年执行数 is two cells before the rate
    const rate = all.findIndex((c, k) => k > named && c.text.includes('%'));
    const executed = byHeader && numbers.includes(byHeader) ? byHeader : rate >= 2 && numbers.includes(all[rate - 2]) ? all[rate - 2] : numbers[numbers.length - 1];
    const cell = inLabel && R(inLabel[1]).gt(R('0')) ? null : pick === 'first' ? numbers[0] : executed;
    if (!inLabel && !cell) {
      skip(kind, `${all[named].text}（无非零金额）`);
      continue;
    }
    const value = cell ? cell.text.replace(/[^\d.]/g, '') : inLabel![1];
    const after = changed(value, (v) => v.mul(R('1.1')));
    const c = all[named];
    const line = cell ? replaceCell(lines[i], cell, after) : (() => {
      const at = c.start + c.text.indexOf(value, c.text.search(label));
      return lines[i].slice(0, at) + after + lines[i].slice(at + value.length);
    })();
    out.push({ kind, line: i, before: lines[i], after: line, figure: after, where: `${c.text.slice(0, 20)} ${value}→${after}` });
  }
  return out;
}

/** A prose 其中 part × 1.1 where the parts after 其中 add up exactly to the total before it. */
function narrativePart(lines: string[], inTable: Set<number>, skip: Skip): Plant[] {
  const out: Plant[] = [];
  const AMOUNT = /(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|元|个|人|项|家|户|所|名)/g;
  lines.forEach((l, i) => {
    if (inTable.has(i)) return;
    for (let p = l.indexOf('其中'); p >= 0; p = l.indexOf('其中', p + 2)) {
      const start = Math.max(l.lastIndexOf('。', p), l.lastIndexOf('；', p)) + 1;
      const endAt = l.indexOf('。', p);
      const end = endAt < 0 ? l.length : endAt;
      const total = [...l.slice(start, p).matchAll(AMOUNT)].pop();
      if (!total) continue;
      const parts = [...l.slice(p, end).matchAll(AMOUNT)].filter((m) => m[2] === total[2]);
      if (parts.length < 2) continue;
      // all the parts of the sentence add up to the total (a partial list, or levels that happen to add
      // up — "12个指标，其中一级3个，二级9个，三级12个" — is not a breakdown)
      const sum = parts.reduce((t, m) => t.add(R(m[1])), R('0'));
      if (!sum.eq(R(total[1]))) {
        skip('narrative-part', `${total[0]} 其中 ${parts.map((m) => m[0]).join('、')}（各部分之和不等于总数）`);
        continue;
      }
      const first = parts.find((m) => R(m[1]).gt(R('0')))!;
      const at = p + first.index!;
      const after = changed(first[1], (v) => v.mul(R('1.1')));
      out.push({ kind: 'narrative-part', line: i, before: l, after: l.slice(0, at) + after + l.slice(at + first[1].length), figure: after, where: `叙述 ${total[0]} 其中 ${first[0]}→${after}${first[2]}` });
      return;
    }
  });
  return out;
}

/** Letters that an extraction or a typist puts for a digit. */
const LOOKALIKE = new Map([['0', 'O'], ['1', 'l'], ['5', 'S'], ['8', 'B'], ['2', 'Z']]);

/** A 全年执行数 with a letter for a digit ("1O0", "l71"). */
function garbled(lines: string[], facts: TruthFact[], rows: (w: string[]) => number[], skip: Skip): Plant[] {
  const out: Plant[] = [];
  for (const f of facts) {
    if (f.kind !== 'budget' || f.field !== 'executed' || !R(f.value).gt(R('0'))) continue;
    for (const i of rows(f.row)) {
      const cells = valueCells(lines[i], f.row, f.value);
      const cell = cells[cells.length - 1];
      if (!cell) continue;
      const digit = [...LOOKALIKE.keys()].find((d) => cell.text.includes(d));
      if (!digit) {
        skip('garbled', `${f.row.join('')} ${f.value}（无形近字母可替换的数字）`);
        break;
      }
      const text = cell.text.replace(digit, LOOKALIKE.get(digit)!);
      const after = lines[i].slice(0, cell.start) + text + lines[i].slice(cell.end);
      out.push({ kind: 'garbled', line: i, before: lines[i], after, figure: text, where: `${f.row.join('')} 全年执行数 ${cell.text}→${text}` });
      break;
    }
  }
  return out;
}

/** The report year in its first title line (a form or report title) changed to the year before. */
function yearChanged(lines: string[], inTable: Set<number>, year: number | null, skip: Skip): Plant[] {
  if (year === null) return [];
  // a title: the document's first line or a heading ("= …"), naming the report or form
  const first = lines.findIndex((l) => l.trim() !== '');
  const title = (l: string, k: number) => !inTable.has(k) && (k === first || l.startsWith('= ')) && l.includes(`${year}年`) && /自评|绩效|报告|表/.test(l) && l.length < 80;
  // the report's own heading before a file's name a web page printed above it ("…自评表单位名称….docx")
  const fileName = (l: string) => /\.(?:docx?|pdf|wps|xlsx?)\s*$/i.test(l.trim());
  const heading = lines.findIndex((l, k) => title(l, k) && !fileName(l));
  const i = heading >= 0 ? heading : lines.findIndex(title);
  if (i < 0) {
    skip('year-changed', `无含${year}年的标题行`);
    return [];
  }
  // the only place the year is written: nothing can check it
  if (!lines.some((l, k) => k !== i && l.includes(`${year}年`))) {
    skip('year-changed', `${year}年只写在标题`);
    return [];
  }
  const at = lines[i].indexOf(`${year}年`);
  const after = String(year - 1);
  return [{ kind: 'year-changed', line: i, before: lines[i], after: lines[i].slice(0, at) + after + lines[i].slice(at + 4), figure: after, where: `标题 ${lines[i].trim().slice(0, 30)} ${year}→${after}` }];
}

export function reviewerPlants(lines: string[], facts: TruthFact[], inTable: Set<number>, skip: Skip, year: number | null): Plant[] {
  const rows = (words: string[]) => [...inTable].sort((a, b) => a - b).filter((i) => hasWords(lines[i], words));
  return [
    ...unmetFullMarks(lines, facts, rows, skip),
    ...totalScore(lines, inTable, skip),
    ...budgetChanged(lines, facts, rows),
    ...partRows('budget-part', lines, inTable, /^其中[:：]?.*(?:财政拨款|财政资金)/, /资金总额/, 'executed', skip),
    ...partRows('income-part', lines, inTable, /一般公共预算(?:拨款|资金)?[:：]?/, /按收入性质分/, 'first', skip),
    ...partRows('three-public-part', lines, inTable, /^(?:\d+[、.])?(?:公务接待费?|公务用车运行(?:维护)?费?|公务用车购置费?|因公出国\(境\)费?)/, /三公经费/, 'first', skip),
    ...narrativePart(lines, inTable, skip),
    ...garbled(lines, facts, rows, skip),
    ...yearChanged(lines, inTable, year, skip),
  ];
}
