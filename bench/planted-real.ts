/**
 * Planted errors in REAL layouts: each corpus document (test/corpus/real/<id>/source.txt) gets one
 * error at a time, planted where its truth.json says a figure is — the way a reviewer testing the
 * tool would edit a submitted report — and the .docx is rebuilt and read. A plant is caught when a
 * new error/warning finding (one the unchanged document did not have) carries the planted figure in
 * its values or evidence.
 *
 *   npx tsx bench/planted-real.ts [--dir test/corpus/real] [--only ID] [--kind KIND] [--details] [--caught] [--label L] [--pdf] [--sample N]
 *
 * --pdf reads each planted .docx as LibreOffice prints it (soffice --convert-to pdf, as the corpus PDFs were
 * made; cached by content under the system's temporary directory); --sample N takes every Nth document.
 * Per kind: tried, caught (a new error/warning names it), as error, and "info only" (missed, but a new info
 * finding names it).
 *
 * Kinds (each needs a figure the report states twice or derives, or a rule that bounds it):
 *   score-above-weight  an indicator's 得分 set to its 分值 + 2            (catalogue D1)
 *   weight-changed      an indicator's 分值 + 3 (its 得分 left)            (D2 / D3: group or total points)
 *   executed-changed    a budget row's 全年执行数 × 1.1                    (A1 rate, A4 其中 sum, B1 restatement)
 *   rate-changed        a budget row's 执行率 − 7 points                   (A1)
 *   basic-changed       a 基础数据表 figure × 1.1                            (E, B1)
 *   stat-restated       one of two places stating the same narrative figure, changed (B1 / X2 / X3); a
 *                       percentage only at a second place its words name it in its clause (another
 *                       measure's "100%" restates nothing: listed as not planted, never as a miss); an
 *                       amount or count whose second place is another truth fact's (its words, not this
 *                       fact's, in the sentence) or whose two clauses name different subjects or roles
 *                       (省级/市级, 应/实际, 收入/支出, 第一批 of the whole) is not planted either
 *   share-above-100     a prose share (合格率, 到位率, 满意度 … stated ≥ 90%) written 10 points higher (at least 105%),
 *                       100%, where its words name it (C3 for rates; 完成率 and 增长率 may exceed 100: not planted)
 *   unmet-full-marks    a met numeric target (plain or ≥, 实际完成值 ≥ 年度指标值, 得分 = 分值, 偏差原因 blank) whose
 *                       实际完成值 is set to 80% of the target, score and blank reason left (D5 / D8); a ≤ target,
 *                       a text target or a reason already written: not planted
 *   total-score         a form's 总分 得分 − 3, its 分值 100 left (D4); a 总分 row without 100 and a score: not planted
 *   budget-changed      a budget row's 全年预算数 × 1.1 (A1 rate, A4 sums; the 年初预算数 beside it left)
 *   budget-part         a 其中：财政拨款 row's last amount (全年执行数) × 1.1 (A4: 资金总额 = its parts, per column)
 *   income-part         a 按收入性质分 line (一般公共预算 …) × 1.1 (A5); a zero or blank line: not planted
 *   three-public-part   a 三公 part row (公务接待费, 公务用车运行费 …) of a table with a 三公经费 row, first
 *                       nonzero amount × 1.1 (E2)
 *   narrative-part      a prose 其中 part ("共X万元，其中A万元、B万元") × 1.1 where the parts add up exactly to the
 *                       total before the change (C1); parts that do not add up (a partial list): not planted
 *   garbled             a 全年执行数 written with a letter for a digit ("1O0", "l71") (G2 / F1): caught when a new
 *                       finding quotes the garbled text; a figure with no 0 or 1: not planted
 *   year-changed        the report year in a title line (the first line or a heading naming the report or form)
 *                       changed to the year before (year-consistency); a year written only there: not planted
 * Kinds a grader would make (planted23, bench/planted-grader-kinds.ts):
 *   restated-cent       a stat-restated money figure (3+ digits) restated one more in its last digit (334.73 → 334.74)
 *   restated-transposed the same place with two adjacent digits swapped (334.73 → 337.43; 650 → 605)
 *   total-blanked       a budget total row's (年度资金总额, 合计) 全年执行数 cell left blank: caught when a new
 *                       finding names the row (no figure to carry)
 *   reason-emptied      an indicator missed (numeric actual below a plain or ≥ target) or scored below its 分值,
 *                       its written 偏差原因 emptied: caught when a new finding names the indicator
 *   category-points     a 一级指标 cell's points ("产出指标(50分)") + 5, its indicators' 分值 left; a form with
 *                       no indicator 分值: not planted
 *   budget-swapped      a row's 年初预算数 and 全年预算数 (differing) swapped
 * Cross-part kinds (--crosspart; on the corpus documents with two or more parts and on the real seed
 * report samples/seed.docx, planted in the parsed document: one paragraph or cell changed). A figure of
 * one part (a project's 全年执行数, 按支出性质分, a 基础数据表 row, a narrative 基本支出/人员经费/三公/project
 * amount) whose value is also written in another part is changed (× 1.1) in one place only:
 *   xp-project-executed  a project's 全年执行数 in its 项目支出绩效自评表 only
 *   xp-narrative         the narrative restatement of a table figure
 *   xp-basic-data        a 基础数据表 project or 三公 amount only there
 *   xp-basic-spending    基本支出 / 人员经费 / 公用经费 in one part
 *   xp-other             another figure of a form (项目支出, 全年预算数 …)
 * and figures other than money written in two parts (crosspart28, `measurePairs`: a rate or score lowered × 0.9, a count × 1.1):
 *   xp-rate              a form's 预算执行率 / the prose 执行率 of its subject
 *   xp-score             a form's 总分 得分 (or head 自评得分) / the prose 自评得分 of its subject
 *   xp-staffing          the 基础数据表's 编制数 / 实际在职人数 and the prose count of the same people
 *   xp-indicator         an indicator's 实际完成值 (a count or quantity) / the prose figure naming it
 * Caught only when a new error/warning carries the planted figure AND its evidence names both places
 * (the changed paragraph or cell and the other place the figure is written). Links: per document, the
 * cross-part pairs of one figure, and how many are linked (changing either side is caught).
 * Figures: plants tried, plants caught, per kind; with --details each miss names the document, cell
 * and the finding rules that did appear. Results → bench/results/planted-real-<date>[-label].json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentModel } from '../schemas/document.js';
import type { Fact } from '../schemas/fact.js';
import type { Finding as ContractFinding } from '../schemas/finding.js';
import type { Report } from '../schemas/report.js';
import type { Result } from '../schemas/result.js';
import { parseDocument } from '../parsers/index.js';
import { analyzeNarrative } from '../src/narrative/index.js';
import { recognizeReport } from '../src/recognize/index.js';
import { runRules } from '../src/rules/index.js';
import { Rational } from '../src/numbers/decimal.js';
import { runPipeline } from '../src/pipeline.js';
import { listCorpus, loadTruth } from '../test/corpus/score.js';
import { parseSource } from '../test/corpus/source-format.js';
import type { TruthFact } from '../test/corpus/truth-schema.js';
import { writeBlocksDocx } from '../test/fixtures/generator/docx.js';
import { docxToPdf } from '../test/fixtures/generator/pdf.js';
import { flag, opt } from '../scripts/lib/args.js';
import { KINDS, type Kind, type Plant, R, cellsOf, changed, decimals, hasWords, norm, replaceCell, sameNumber, tableLines } from './planted-source.js';
import { reviewerPlants } from './planted-reviewer-kinds.js';
import { graderPlants, offByOne, transposed } from './planted-grader-kinds.js';

const root = opt('--dir') ?? 'test/corpus/real';
const only = opt('--only');
const onlyKind = opt('--kind');
const details = flag('--details');
const label = opt('--label');




/** Plants not made because the place found is not a restatement of the fact (listed in the results). */
const filtered: string[] = [];

/** Do the fact's words name the figure at `at` (in its clause since the previous percentage, or score: "…得分10分、预算资金执行率自评得分10分")? */
function namedBefore(line: string, at: number, words: string[], unit = '%'): boolean {
  const before = line.slice(0, at);
  const clause = before.slice(unit === '分' ? Math.max(0, ...[...before.matchAll(/\d\s*分/g)].map((m) => m.index! + m[0].length)) : Math.max(before.lastIndexOf('%'), before.lastIndexOf('％')) + 1);
  return words.some((w) => w.length >= 2 && norm(clause).includes(norm(w)));
}

/** Sentence around a figure (between 。；！？ and the line's ends), whitespace and brackets normalized. */
function sentenceOf(line: string, at: number, length: number): string {
  const before = line.slice(0, at);
  const start = Math.max(...['。', '；', ';', '！', '？'].map((c) => before.lastIndexOf(c))) + 1;
  const rest = line.slice(at + length);
  const ends = ['。', '；', ';', '！', '？'].map((c) => rest.indexOf(c)).filter((k) => k >= 0);
  return norm(line.slice(start, at + length + (ends.length ? Math.min(...ends) : rest.length)));
}

/** The clause before a figure (since the last comma, colon or sentence end). */
function clauseOf(line: string, at: number): string {
  const before = line.slice(0, at);
  return before.slice(Math.max(...['，', ',', '：', ':', '。', '；', ';'].map((c) => before.lastIndexOf(c))) + 1);
}

/** Words saying whose or which figure it is: two clauses naming different ones state two measures. */
const ROLES: Array<[string, RegExp, boolean]> = [
  // (the traditional forms too: "應采購金額650.31萬元實際采購金額650.31萬元")
  ['应/实际', /[应應](?=[补補发發支拨撥到缴繳采採购購])|计划|計劃|预计|預計|实际|實際/g, false],
  ['收入/支出', /收入|支出/g, false],
  ['级次', /中央|省级|市级|州级|县级|区级|乡级|村级/g, false],
  // 第一批 of a whole named without a batch is a part of it
  ['批次', /第[一二三四五六七八九十\d]+批/g, true],
  // 核定编制 is a quota, 实有 / 在编 / 在职 the people: two staffing measures
  ['年初/全年', /年初|全年|调整后/g, false],
];

/** Money or works at two stages: allotted (预算, 安排, 下达, 计划, 目标) or spent / done (支出, 拨付, 完成 …). */
const STAGES: Array<[string, RegExp]> = [
  ['安排', /预算|安排|下达|计划|目标/g],
  // 决算 is the year's final account, not its budget ("全年预算为63501.78万元，收支总决算63501.78万元")
  ['支出/完成', /支出|支付|拨付|使用|执行|完成|结算|决算|兑付|兑现|发放|建成/g],
  // money received (收到 / 到位) is neither what was allotted nor what was spent ("共收到财政资金…元" / "全年预算资金…元")
  ['到位', /收到|到位|到账/g],
  // staffing: 核定编制 is a quota, 实有 / 在职 the people ("在职人员编制" is the quota), 在编 those of them on
  // the establishment ("人员实有数6人，在编人员6人": two counts)
  ['编制', /核定|编制/g],
  ['实有', /实有|在职/g],
  ['在编', /在编/g],
];

/** The stage the words nearest before the figure name (for a count with none before it: the words after it, to the clause's end). */
function stageOf(line: string, at: number, length: number, count: boolean): string | null {
  const last = (text: string) => {
    let best: [number, string] | null = null;
    for (const [name, re] of STAGES) for (const m of text.matchAll(re)) if (!best || m.index! > best[0]) best = [m.index!, name];
    return best?.[1] ?? null;
  };
  const before = last(clauseOf(line, at));
  if (before || !count) return before;
  const rest = line.slice(at + length);
  const end = Math.min(...['，', ',', '：', ':', '。', '；', ';'].map((c) => rest.indexOf(c)).filter((k) => k >= 0), rest.length);
  return last(rest.slice(0, end));
}

/** The last works named before the figure in its sentence ("功能室改造工程"), if any. */
function worksBefore(line: string, at: number): string | null {
  const before = line.slice(0, at);
  const start = Math.max(...['。', '；', ';', '！', '？'].map((c) => before.lastIndexOf(c))) + 1;
  return [...before.slice(start).matchAll(/[\u4e00-\u9fa5]{2,12}工程/g)].at(-1)?.[0] ?? null;
}

/** The list item a line opens with ("(4)", "2、"), if any, and its style ("(1)", "1、": items of one list share it). */
function itemMarker(line: string): { marker: string; style: string } | null {
  const m = /^\s*(?:[（(]\s*[0-9一二三四五六七八九十]+\s*[)）]|[0-9一二三四五六七八九十]+[、.．])/.exec(line)?.[0].replace(/[\s（）]/g, (c) => (c === '（' ? '(' : c === '）' ? ')' : ''));
  return m ? { marker: m, style: m.replace(/[0-9]+/, '1').replace(/[一二三四五六七八九十]+/, '一') } : null;
}

/** Characters two names end alike in. */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * Why the second place is not a restatement of the first, if it is not: another stage of the money or
 * works (安排 / 支出, 计划 / 完成), another works or list item named, or — for a count — a sentence that does
 * not name the counted thing (the last two characters of the fact's words: 学校, 农户, 督导).
 */
function notRestated(lines: string[], first: [number, number], second: [number, number], text: string, words: string[], count: boolean): string | null {
  const [fa, sa] = [stageOf(lines[first[0]], first[1], text.length, count), stageOf(lines[second[0]], second[1], text.length, count)];
  if (fa && sa && fa !== sa) return `两处阶段不同：“${fa}”与“${sa}”`;
  const [fw, sw] = [worksBefore(lines[first[0]], first[1]), worksBefore(lines[second[0]], second[1])];
  if (fw && sw && commonTail(fw, sw) < 6) return `两处是不同工程：“${fw}”与“${sw}”`;
  const own = norm(words.join(''));
  const sentence = sentenceOf(lines[second[0]], second[1], text.length);
  const [fm, sm] = [itemMarker(lines[first[0]]), itemMarker(lines[second[0]])];
  // items of one list, each figure in its item's title ("(4)教练员培训1.00万元：…", "(5)图书、资料1.00万元：…")
  const inTitle = ([k, a]: [number, number]) => !/[，,。；;：:]/.test(lines[k].slice(0, a));
  if (fm && sm && fm.style === sm.style && fm.marker !== sm.marker && inTitle(first) && inTitle(second) && !sentence.includes(own)) return `两处是清单中的不同项：“${fm.marker}”与“${sm.marker}”`;
  if (count && own.length >= 2 && !sentence.includes(own.slice(-2))) return `第二处未称“${own.slice(-2)}”`;
  return null;
}

/** Both clauses name a subject or role of one kind, not the same one (a batch: one side is enough). */
function roleConflict(a: string, b: string): string | null {
  for (const [name, re, oneSide] of ROLES) {
    const x = [...new Set(a.match(re) ?? [])].sort().join('/');
    const y = [...new Set(b.match(re) ?? [])].sort().join('/');
    if (x !== y && ((x && y) || oneSide)) return `两处${name}不同：“${x || '—'}”与“${y || '—'}”`;
  }
  return null;
}

/** The first place a figure is stated, other than (i, at). */
function firstPlace(lines: string[], where: number[], text: string, i: number, at: number): [number, number] | null {
  for (const k of where) for (let a = lines[k].indexOf(text); a >= 0; a = lines[k].indexOf(text, a + 1)) if (k !== i || a !== at) return [k, a];
  return null;
}

/** The number standing alone in a line other than `line` (another form's cell, the prose). */
function restatedElsewhere(lines: string[], line: number, value: string): boolean {
  const re = new RegExp(`(?<![\\d.])${value.replace('.', '\\.')}(?![\\d])`);
  return lines.some((l, j) => j !== line && re.test(l));
}

/**
 * The cell (line, column) adds up with other cells of its column in the rows around it (the same table): it is
 * the sum of two or more of them, or one of two or more that sum to another ("三公经费 29.08" = 11.86 + 17.22;
 * "公务接待 4.99" one of 39.30 + 4.99 = 44.29). Blank and zero cells count for nothing.
 */
function inColumnSum(lines: string[], line: number, column: number): boolean {
  const inTable = tableLines(lines);
  const valueAt = (j: number): Rational | null => {
    if (!inTable.has(j)) return null;
    const text = cellsOf(lines[j])[column]?.text.replace(/[\s,]/g, '') ?? '';
    return /^\d+(?:\.\d+)?$/.test(text) && R(text).gt(R('0')) ? R(text) : null;
  };
  const own = valueAt(line);
  if (!own) return false;
  const around: Rational[] = [];
  for (let j = line - 8; j <= line + 8; j++) {
    if (j === line || j < 0 || j >= lines.length) continue;
    // the same table: no line between them outside it
    const [a, b] = j < line ? [j, line] : [line, j];
    let same = true;
    for (let t = a; t <= b; t++) if (!inTable.has(t)) same = false;
    const v = same ? valueAt(j) : null;
    if (v) around.push(v);
  }
  const sums = (values: Rational[], target: Rational, least: number): boolean => {
    for (let mask = 1; mask < 1 << values.length; mask++) {
      let n = 0;
      let sum = R('0');
      for (let k = 0; k < values.length; k++) if (mask & (1 << k)) { n++; sum = sum.add(values[k]); }
      if (n >= least && sum.eq(target)) return true;
    }
    return false;
  };
  if (sums(around, own, 2)) return true;
  // one of the parts of another cell: that cell minus this one is a sum of one or more of the rest
  return around.some((total, t) => total.gt(own) && sums(around.filter((_, k) => k !== t), total.sub(own), 1));
}

/** Plants for one document, at most one per kind and fact (the first place its figure is found). */
function plantsFor(lines: string[], facts: TruthFact[], doc = '', year: number | null = null): Plant[] {
  const inTable = tableLines(lines);
  const skip = (kind: Kind, why: string) => {
    if (!onlyKind || onlyKind === kind) filtered.push(`${kind} ${doc} ${why}`);
  };
  const plants: Plant[] = [];
  const rowLines = (words: string[]) => [...inTable].sort((a, b) => a - b).filter((i) => hasWords(lines[i], words));
  const cellPlant = (kind: Kind, words: string[], value: string, pick: 'first' | 'last' | number, next: (v: Rational) => Rational, where: string, beforeScore?: string, checkable?: (line: number, column: number) => boolean) => {
    for (const i of rowLines(words)) {
      // the figure sits after the cell naming the row: a 序号 "3" before the name is not the 分值 3
      const all = cellsOf(lines[i]);
      const last = norm(words[words.length - 1] ?? '');
      // the first cell naming it (an explanation further on may name the indicator again)
      const named = last ? all.findIndex((c) => norm(c.text.replace(/\\n/g, '')).includes(last)) : -1;
      // a 分值 sits before its 得分: the last cell of its value before the (last) score cell, not a
      // 年度指标值 or 实际完成值 of the same number further left ("=8个 | 8 | 8 | 8")
      let score = all.length;
      if (beforeScore !== undefined) all.forEach((c, k) => { if (k > named && sameNumber(c.text, beforeScore)) score = k; });
      const cells = all.filter((c, k) => k > named && sameNumber(c.text, value));
      const beforeIt = beforeScore !== undefined && score < all.length ? cells.filter((c) => all.indexOf(c) < score) : [];
      if (cells.length === 0) continue;
      const cell = beforeIt.length ? beforeIt[beforeIt.length - 1] : pick === 'first' ? cells[0] : pick === 'last' ? cells[cells.length - 1] : cells[Math.min(pick, cells.length - 1)];
      if (checkable && !checkable(i, all.indexOf(cell))) {
        skip(kind, `${where} ${value}（别处未写此数，也不与同列其他数构成合计）`);
        continue;
      }
      const after = changed(value, next);
      plants.push({ kind, line: i, before: lines[i], after: replaceCell(lines[i], cell, after), figure: after, where: `${where} ${value}→${after}` });
      return;
    }
  };
  for (const f of facts) {
    if (f.kind === 'indicator' && f.weight && f.score && R(f.weight).gt(R('0'))) {
      cellPlant('score-above-weight', f.name, f.score, 'last', () => R(f.weight!).add(R('2')), `「${f.name.join('')}」得分`);
      cellPlant('weight-changed', f.name, f.weight, 'first', (v) => v.add(R('3')), `「${f.name.join('')}」分值`, f.score);
    }
    if (f.kind === 'budget' && f.field === 'executed' && R(f.value).gt(R('0'))) cellPlant('executed-changed', f.row, f.value, 'last', (v) => v.mul(R('1.1')), `${f.row.join('')} 全年执行数`);
    if (f.kind === 'budget' && f.field === 'rate' && R(f.value).gt(R('10'))) cellPlant('rate-changed', f.row, f.value, 'last', (v) => v.sub(R('7')), `${f.row.join('')} 执行率`);
    // a 基础数据表 figure nothing else states or adds up to (a prior year's 决算数, a 其中 line of a partial list) bounds nothing
    if (f.kind === 'basic' && R(f.value).gt(R('0')) && f.row.length > 0) cellPlant('basic-changed', f.row, f.value, 'last', (v) => v.mul(R('1.1')), `基础数据表 ${f.row.join('')}`, undefined, (i, k) => restatedElsewhere(lines, i, f.value) || inColumnSum(lines, i, k));
    if (f.kind === 'stat' && f.unit && R(f.value).gt(R('0'))) {
      // Stated twice in prose (same figure and unit): change the second statement.
      const text = `${f.value}${f.unit}`;
      const where = lines.map((l, i) => (!inTable.has(i) && l.includes(text) ? i : -1)).filter((i) => i >= 0);
      // standing alone: the "2个" ending "12个" is not a statement of 2个
      const alone = (l: string, a: number) => !(a > 0 && /[\d.]/.test(l[a - 1]));
      const count = lines.reduce((n, l, i) => {
        if (inTable.has(i)) return n;
        for (let a = l.indexOf(text); a >= 0; a = l.indexOf(text, a + 1)) if (alone(l, a)) n++;
        return n;
      }, 0);
      if (count < 2 && lines.reduce((n, l, i) => n + (!inTable.has(i) ? l.split(text).length - 1 : 0), 0) >= 2) {
        if (!onlyKind || onlyKind === 'stat-restated') filtered.push(`${doc} ${f.words.join('')} ${text}（另一处是更长数字的尾部）`);
      }
      if (count >= 2) {
        let i = where.length >= 2 ? where[1] : where[0];
        let at = where.length >= 2 ? lines[i].indexOf(text) : lines[i].indexOf(text, lines[i].indexOf(text) + 1);
        // A percentage is a restatement only where its own words name it: "100%" is written for many
        // measures (完成预算的100%, 验收合格率100%), and changing another measure's 100% restates nothing.
        // The second place the fact's words name the percentage is changed; with fewer than two, no plant.
        // a score likewise: "满意度指标自评得分10分、预算资金执行率自评得分10分" are two measures' 10分
        if (f.unit === '%' || f.unit === '分') {
          const named: Array<[number, number]> = [];
          for (const k of where) for (let a = lines[k].indexOf(text); a >= 0; a = lines[k].indexOf(text, a + 1)) if (namedBefore(lines[k], a, f.words, f.unit)) named.push([k, a]);
          if (named.length < 2) {
            if (!onlyKind || onlyKind === 'stat-restated') filtered.push(`${doc} ${f.words.join('')} ${text}（只有${named.length}处以“${f.words.join('')}”称之，其余${count - named.length}处属其他指标）`);
            continue;
          }
          [i, at] = named[1];
        }
        // Only a figure standing alone (not the tail of a longer number).
        if (at > 0 && /[\d.]/.test(lines[i][at - 1])) continue;
        // Another measure's figure that happens to be equal is no restatement: the second place is
        // another fact of the truth (its words, not this fact's, in the sentence), or its clause says
        // another subject or role than the first place's (省级/市级, 应/实际, 收入/支出, 第一批 …).
        if (f.unit !== '%') {
          const first = firstPlace(lines, where, text, i, at);
          const sentence = sentenceOf(lines[i], at, text.length);
          const own = norm(f.words.join(''));
          const other = sentence.includes(own) ? undefined : facts.find((g): g is Extract<TruthFact, { kind: 'stat' }> => g !== f && g.kind === 'stat' && g.unit === f.unit && g.value === f.value && sentence.includes(norm(g.words.join(''))));
          const why = other ? `第二处是“${other.words.join('')}”的数字` : first && (roleConflict(clauseOf(lines[first[0]], first[1]), clauseOf(lines[i], at)) ?? notRestated(lines, first, [i, at], text, f.words, f.unit !== '%' && !/元$/.test(f.unit)));
          if (why) {
            if (!onlyKind || onlyKind === 'stat-restated') filtered.push(`${doc} ${f.words.join('')} ${text}（${why}）`);
            continue;
          }
        }
        // a money figure restated off by one in its last digit, or with two digits transposed (334.73 → 334.74, → 337.43)
        if (/元$/.test(f.unit) && f.value.replace('.', '').length >= 3) {
          const line = (v: string) => lines[i].slice(0, at) + v + lines[i].slice(at + f.value.length);
          const cent = offByOne(f.value);
          plants.push({ kind: 'restated-cent', line: i, before: lines[i], after: line(cent), figure: cent, where: `叙述 ${f.words.join('')} ${text}→${cent}${f.unit}` });
          const swapped = transposed(f.value);
          if (swapped) plants.push({ kind: 'restated-transposed', line: i, before: lines[i], after: line(swapped), figure: swapped, where: `叙述 ${f.words.join('')} ${text}→${swapped}${f.unit}` });
        }
        const after = changed(f.value, (v) => v.mul(R('1.1')));
        plants.push({ kind: 'stat-restated', line: i, before: lines[i], after: lines[i].slice(0, at) + after + lines[i].slice(at + f.value.length), figure: after, where: `叙述 ${f.words.join('')} ${text}→${after}${f.unit}` });
      }
    }
  }
  // A share above 100% (written 10 points higher, at least 105%): the first place the share's own words name it.
  for (const f of facts) {
    if (f.kind !== 'stat' || f.unit !== '%' || !R(f.value).ge(R('90')) || !R(f.value).le(R('100'))) continue;
    const name = f.words.join('');
    if (!/(?:率|度)$/.test(name) || /完成率|增长|增幅|提高|比上年|同比/.test(name)) continue;
    const text = `${f.value}%`;
    const place = lines.flatMap((l, k) => {
      if (inTable.has(k)) return [];
      const out: Array<[number, number]> = [];
      for (let a = l.indexOf(text); a >= 0; a = l.indexOf(text, a + 1)) if (!(a > 0 && /[\d.]/.test(l[a - 1])) && namedBefore(l, a, f.words)) out.push([k, a]);
      return out;
    })[0];
    if (!place) continue;
    const [k, a] = place;
    const after = Rational.max(R(f.value).add(R('10')), R('105')).toFixed(decimals(f.value));
    plants.push({ kind: 'share-above-100', line: k, before: lines[k], after: lines[k].slice(0, a) + after + lines[k].slice(a + f.value.length), figure: after, where: `叙述 ${name} ${text}→${after}%` });
  }
  // A grade two bands from its score (grade30): the grade word after the score its sentence states (80.10分…“良” → “优”).
  for (const f of facts) {
    if (f.kind !== 'grade') continue;
    if (f.score === null) {
      skip('grade-changed', `${f.grade}（句中未写得分）`);
      continue;
    }
    const text = `${f.score}分`;
    const k = lines.findIndex((l, i) => !inTable.has(i) && norm(l).includes(text) && norm(l).indexOf(f.grade, norm(l).indexOf(text)) > 0);
    if (k < 0) continue;
    const at = lines[k].indexOf(f.grade, lines[k].replace(/\s/g, ' ').indexOf(f.score));
    if (at < 0) continue;
    const score = R(f.score);
    const rank = score.ge(R('90')) ? 1 : score.ge(R('80')) ? 2 : score.ge(R('60')) ? 3 : 4;
    const words = f.grade.length === 1 ? ['优', '良', '中', '差'] : ['优秀', '良好', '合格', '不合格'];
    const wrong = words[rank <= 2 ? rank + 1 : rank - 3];
    plants.push({ kind: 'grade-changed', line: k, before: lines[k], after: lines[k].slice(0, at) + wrong + lines[k].slice(at + f.grade.length), figure: f.score, where: `叙述 ${text}“${f.grade}”→“${wrong}”` });
  }
  plants.push(...reviewerPlants(lines, facts, inTable, skip, year));
  plants.push(...graderPlants(lines, facts, inTable, skip));
  // One plant per kind and changed line.
  const seen = new Set<string>();
  return plants.filter((p) => (!onlyKind || p.kind === onlyKind) && !seen.has(`${p.kind}:${p.line}`) && seen.add(`${p.kind}:${p.line}`));
}

type Finding = Result['discrepancies'][number];
const loud = (r: Result) => r.discrepancies.filter((d) => d.severity !== 'info');
const key = (d: Finding) => `${d.rule}|${d.message}`;
/** The finding names the plant: its figure, or for a blanked cell every word of its row or indicator. */
const namesPlant = (d: Finding, p: Plant) =>
  p.marks ? p.marks.every((w) => norm(d.message).includes(norm(w)) || d.evidence.some((e) => norm(e.text ?? '').includes(norm(w)))) : carries(d, p.figure);
const carries = (d: Finding, figure: string) => {
  // a garbled figure ("1O0") is carried as written, in the evidence or the message
  if (!/^\d+(?:\.\d+)?$/.test(figure)) return d.evidence.some((e) => (e.text ?? '').includes(figure)) || d.message.includes(figure);
  const n = R(figure);
  // values are plain numbers (output contract): compared as their shortest decimal text.
  const eq = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && R(String(v)).eq(n);
  return d.values.some(eq) || d.evidence.some((e) => eq(e.value) || norm(e.text ?? '').includes(figure)) || d.message.includes(figure);
};

/** --pdf: the planted .docx printed by LibreOffice, as the corpus PDFs were made (build.json: soffice --convert-to pdf). */
const asPdf = flag('--pdf');
/** --sample N: every Nth document of the corpus (a PDF run converts each plant: ~1 s CPU apiece). */
const sample = Number(opt('--sample') ?? '1');

async function read(lines: string[], title: string): Promise<Result> {
  const blocks = parseSource(lines.join('\n'));
  const docx = writeBlocksDocx(blocks, { title, creator: 'planted' }, { producer: 'word' });
  if (asPdf) return (await runPipeline({ bytes: await docxToPdf(docx), file: 'planted.pdf' })).result;
  return (await runPipeline({ bytes: docx, file: 'planted.docx' })).result;
}

async function main(): Promise<void> {
  if (flag('--crosspart')) return crossPart();
  const docs = listCorpus(root).filter((d, k) => (!only || d.id === only) && k % sample === 0);
  const tally = new Map<Kind, { tried: number; caught: number; asError: number; asInfo: number }>(KINDS.map((k) => [k, { tried: 0, caught: 0, asError: 0, asInfo: 0 }]));
  const misses: string[] = [];
  const cpu0 = process.cpuUsage();
  for (const doc of docs) {
    const dir = join(root, doc.id);
    const truth = loadTruth(join(dir, 'truth.json'));
    const lines = readFileSync(join(dir, 'source.txt'), 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const plants = plantsFor(lines, truth.facts, doc.id, truth.meta.year);
    if (plants.length === 0) continue;
    const first = await read(lines, truth.meta.title);
    const base = new Set(loud(first).map(key));
    const baseAll = new Set(first.discrepancies.map(key));
    for (const p of plants) {
      const changed = [...lines];
      changed[p.line] = p.after;
      let result: Result;
      try {
        result = await read(changed, truth.meta.title);
      } catch {
        continue; // a plant that breaks the source format (a span marker) is not a plant
      }
      const t = tally.get(p.kind)!;
      t.tried++;
      const fresh = loud(result).filter((d) => !base.has(key(d)));
      const hit = fresh.filter((d) => namesPlant(d, p));
      // caught only as a note: a new info finding names it (counted apart, not as caught)
      const note = result.discrepancies.filter((d) => d.severity === 'info' && !baseAll.has(key(d)) && namesPlant(d, p));
      if (hit.length > 0) {
        t.caught++;
        if (hit.some((d) => d.severity === 'error')) t.asError++;
        if (flag('--caught')) console.log(`  caught ${doc.id} ${p.kind}: ${p.where} → ${hit.map((d) => `${d.rule}/${d.severity}`).join(', ')}`);
      } else {
        if (note.length > 0) t.asInfo++;
        misses.push(`${doc.id} ${p.kind}: ${p.where}; new findings: ${fresh.map((d) => d.rule).join(', ') || '—'}${note.length ? `; as info: ${note.map((d) => d.rule).join(', ')}` : ''}`);
      }
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log('kind                 tried  caught  as error  info only (missed, but a new info finding names it)');
  for (const [k, t] of tally) console.log(`${k.padEnd(20)} ${String(t.tried).padStart(5)}  ${String(t.caught).padStart(6)}  ${String(t.asError).padStart(8)}  ${String(t.asInfo).padStart(9)}`);
  const all = [...tally.values()].reduce((a, t) => ({ tried: a.tried + t.tried, caught: a.caught + t.caught }), { tried: 0, caught: 0 });
  console.log(`total ${all.caught}/${all.tried} caught; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  if (filtered.length > 0) console.log(`${filtered.length} plants not made: a place nothing can check (stat-restated: another measure’s figure; other kinds: named by kind)`);
  if (details) for (const m of misses) console.log(`  missed ${m}`);
  if (details) for (const f of filtered) console.log(`  not planted ${f}`);
  mkdirSync('bench/results', { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const out = `bench/results/planted-real-${date}${label ? `-${label}` : ''}.json`;
  writeFileSync(out, `${JSON.stringify({ root, ...(asPdf ? { read: 'pdf (LibreOffice)' } : {}), ...(sample > 1 ? { sample } : {}), kinds: Object.fromEntries(tally), misses, notPlanted: filtered }, null, 2)}\n`);
  console.log(`→ ${out}`);
}


// ---------------------------------------------------------------------------------------------
// Cross-part plants (--crosspart): one figure changed in one part of a parsed document.

type XpKind = 'xp-project-executed' | 'xp-narrative' | 'xp-basic-data' | 'xp-basic-spending' | 'xp-other' | XpMeasureKind;
/** Figures other than money one report states in two parts (crosspart28): planted by their own pairing, `measurePairs`. */
type XpMeasureKind = 'xp-rate' | 'xp-score' | 'xp-staffing' | 'xp-indicator';
const MEASURE_KINDS: XpKind[] = ['xp-rate', 'xp-score', 'xp-staffing', 'xp-indicator'];
const XP_KINDS: XpKind[] = ['xp-project-executed', 'xp-narrative', 'xp-basic-data', 'xp-basic-spending', 'xp-other', 'xp-rate', 'xp-score', 'xp-staffing', 'xp-indicator'];

/** A place a figure is written: a table cell or a paragraph, with the part it belongs to. */
interface XpPlace {
  table: number | null;
  row: number | null;
  col: number | null;
  paragraph: number | null;
  part: string;
  /** The number as written at the place, and where it sits in the text. */
  text: string;
  start: number;
  /** Value in 万元. */
  wan: Rational;
  decimals: number;
  kind: XpKind;
  /** What the figure is of: the project name, the row label, or the prose clause before the number. */
  context: string;
  /** Table cells: the records name this cell (a project's 全年执行数, a 基础数据表 row …). */
  role: boolean;
  /** Table cells: executed (全年执行数, 决算数) or budget (全年预算数, 预算数) column. */
  column?: 'executed' | 'budget';
  /** A cell of a form rebuilt from a paragraph (its text run together): the paragraph written, `start` counted in it. */
  rebuilt?: number;
}

const placeKey = (p: XpPlace) => (p.rebuilt !== undefined ? `p${p.rebuilt}@${p.start}` : p.table !== null ? `t${p.table}r${p.row}c${p.col}` : `p${p.paragraph}@${p.start}`);
const placeName = (p: XpPlace) => `${p.part}${p.table !== null ? `[表${p.table} 行${p.row} 列${p.col}]` : `[段${p.paragraph}]`}`;

function checkModel(model: DocumentModel): ContractFinding[] {
  const recognized = recognizeReport(model);
  const narrative = analyzeNarrative(model, recognized);
  const report: Report = { ...recognized, narratives: narrative.narratives, statistics: narrative.statistics, links: narrative.links, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } };
  return runRules(report, { document: model, lang: 'zh' });
}

function reportOf(model: DocumentModel): Report {
  const recognized = recognizeReport(model);
  const narrative = analyzeNarrative(model, recognized);
  return { ...recognized, narratives: narrative.narratives, statistics: narrative.statistics, links: narrative.links, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } };
}

const NUMBER = /(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)?(?![\d])/g;

/** Parts of the document: which record owns each table, which narrative each paragraph. */
function partsOf(report: Report): { table: Map<number, string>; paragraph: (p: number) => string; project: (p: number) => string } {
  const table = new Map<number, string>();
  report.projects.forEach((p, i) => p.tables.forEach((t) => table.set(t, `${p.part}#${i}`)));
  report.deptSelfEval?.tables.forEach((t) => table.set(t, report.deptSelfEval!.part));
  report.basicData?.tables.forEach((t) => table.set(t, report.basicData!.part));
  return {
    table,
    paragraph: (p) => {
      const k = report.narratives.findIndex((n) => n.firstParagraph <= p && p <= n.lastParagraph);
      return k >= 0 ? `${report.narratives[k].part}#n${k}` : '正文';
    },
    project: (p) => report.narratives.find((n) => n.firstParagraph <= p && p <= n.lastParagraph && n.reportKind === 'project')?.project ?? '',
  };
}

function toWan(value: string, unit: string | undefined): Rational {
  const v = R(value.replace(/,/g, ''));
  return unit === '亿元' ? v.mul(R('10000')) : unit === '元' ? v.div(R('10000')) : v;
}

/** Every money figure of the document (cells that are a number, prose numbers with a money unit). */
function placesOf(model: DocumentModel, report: Report): XpPlace[] {
  const parts = partsOf(report);
  const unitOf = new Map<number, string>();
  for (const f of [...report.projects, ...(report.deptSelfEval ? [report.deptSelfEval] : [])]) for (const t of f.tables) unitOf.set(t, f.budget?.unit ?? '万元');
  const out: XpPlace[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'paragraph') {
      for (const m of b.text.matchAll(NUMBER)) {
        if (!m[2]) continue;
        const before = b.text.slice(0, m.index!);
        // the clause before the number; in a project's report, 本项目/此项目 is that project
        const clause = before.slice(Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf('，'), before.lastIndexOf(',')) + 1);
        const context = `${parts.project(b.paragraph)}${clause}`;
        // the sentence of the number; a 其中 sentence continues the one before it ("项目支出数为…。其中：…5万元")
        const from = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'));
        const own = b.text.slice(from + 1).split(/[。；]/)[0];
        const sentence = /^\s*其中/.test(own) ? `${b.text.slice(0, Math.max(0, from)).split(/[。；]/).pop()}${own}` : own;
        // the column the figure restates: the sentence's words, else — a sentence naming both — its own clause's ("…收回指标1640万元，剩余指标1760万元继续用于该项目"
        // is an allotment — 指标, 预算指标 — though the sentence speaks of 拨付使用), else the sentence's
        const columnOf = (text: string) => {
          const spent = /支出|开支|执行|使用|花费|拨付|支付/.test(text);
          const budgeted = /安排|预算|下达|批复|指标/.test(text);
          return spent && !budgeted ? 'executed' : budgeted && !spent ? 'budget' : undefined;
        };
        const column = columnOf(sentence) ?? columnOf(clause);
        out.push({ table: null, row: null, col: null, paragraph: b.paragraph, part: parts.paragraph(b.paragraph), text: m[1], start: m.index!, wan: toWan(m[1], m[2]), decimals: decimals(m[1].replace(/,/g, '')), kind: 'xp-narrative', context, role: false, column });
      }
    } else {
      const part = parts.table.get(b.table) ?? `表${b.table}`;
      for (const c of b.cells) {
        // a number ending the cell ("592.17", "其中：基本支出：592.17", "20万元")
        const m = /(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)?\s*$/.exec(c.text);
        if (!m) continue;
        out.push({ table: b.table, row: c.row, col: c.col, paragraph: null, part, text: m[1], start: m.index, wan: toWan(m[1], m[2] ?? unitOf.get(b.table)), decimals: decimals(m[1].replace(/,/g, '')), kind: 'xp-other', context: '', role: false });
      }
    }
  }
  return out;
}

/** The roles the records give cells and prose figures (what kind of plant changing them is). */
function assignKinds(places: XpPlace[], report: Report): void {
  const at = (f: Fact | null | undefined, kind: XpKind, context: string, column: 'executed' | 'budget') => {
    if (!f?.loc || f.loc.table === null) return;
    for (const p of places) if (p.table === f.loc.table && p.row === f.loc.row && p.col === f.loc.col) Object.assign(p, { kind, context, role: true, column });
  };
  for (const p of report.projects) {
    const total = p.budget?.rows.find((r) => r.kind === 'total');
    const name = p.name?.text ?? '';
    at(total?.executed, 'xp-project-executed', name, 'executed');
    at(total?.fullYearBudget, 'xp-other', name, 'budget');
  }
  const dept = report.deptSelfEval;
  for (const i of dept?.budget?.bySpending ?? []) at(i.amount, i.key === 'basic' ? 'xp-basic-spending' : 'xp-other', i.label, 'executed');
  if (dept) at(dept.budget?.rows.find((r) => r.kind === 'total')?.executed, 'xp-other', '部门整体支出', 'executed');
  for (const r of report.basicData?.spending ?? []) {
    const kind: XpKind = /basic|personnel|public/.test(r.key) ? 'xp-basic-spending' : 'xp-basic-data';
    at(r.budget, kind, r.label, 'budget');
    at(r.final, kind, r.label, 'executed');
  }
  for (const s of report.statistics) {
    if (s.dimension !== 'money' || !/基本支出|人员经费|公用经费/.test(s.label)) continue;
    for (const p of places) if (p.paragraph === s.loc.paragraph && p.table === null && s.figure.text.includes(p.text)) p.kind = 'xp-basic-spending';
  }
}

/** Same figure: equal in 万元, or the coarser one (with decimals) is the finer one rounded to its written decimals. */
function sameFigure(a: XpPlace, b: XpPlace): boolean {
  if (a.wan.eq(b.wan)) return true;
  const coarse = a.decimals <= b.decimals ? a : b;
  const fine = coarse === a ? b : a;
  return coarse.decimals > 0 && coarse.decimals < fine.decimals && fine.wan.toFixed(coarse.decimals) === coarse.wan.toFixed(coarse.decimals);
}

/** Same thing: the two contexts share four characters (or the whole of the shorter), generic words left out. */
const cleanContext = (s: string) => s.replace(/[\s\p{P}\p{S}\d]|其中|本年|全年|年度|合计|万元|决算数|预算数/gu, '');
function lcs(x: string, y: string): number {
  let best = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
      best = Math.max(best, k);
    }
  return best;
}
/**
 * Same thing: the two contexts share four characters (or the whole of the shorter), generic words
 * left out, and prose names no other figure of the records better ("质量安全监督管理专项资金" shares
 * 监督管理专项 with 招投标监督管理专项 but all of 质量安全监督管理专项).
 */
function sameThing(a: XpPlace, b: XpPlace, roles: string[]): boolean {
  const [x, y] = [cleanContext(a.context), cleanContext(b.context)];
  const best = lcs(x, y);
  if (!(best >= 4 || (best >= 2 && best === Math.min(x.length, y.length)))) return false;
  for (const [one, other] of [[a, b], [b, a]] as const) {
    if (other.table === null) continue;
    const p = cleanContext(one.context);
    if (roles.some((r) => r !== cleanContext(other.context) && r !== p && lcs(p, r) > best)) return false;
  }
  return true;
}

/** Pairs of one figure written in two parts (two projects' tables are two facts: never paired). */
function crossPairs(places: XpPlace[]): Array<[XpPlace, XpPlace]> {
  const out: Array<[XpPlace, XpPlace]> = [];
  const roles = [...new Set(places.filter((p) => p.role).map((p) => cleanContext(p.context)))];
  const interesting = (p: XpPlace) => p.wan.gt(R('0')) && !p.wan.eq(R('100'));
  for (let i = 0; i < places.length; i++) {
    for (let j = i + 1; j < places.length; j++) {
      const [a, b] = [places[i], places[j]];
      if (a.part === b.part || !interesting(a) || !interesting(b) || !sameFigure(a, b)) continue;
      // a table cell pairs only as a figure the records name; prose with prose is the stat-restated kind
      if ((a.table !== null && !a.role) || (b.table !== null && !b.role)) continue;
      if (a.table === null && b.table === null && a.kind !== 'xp-basic-spending' && b.kind !== 'xp-basic-spending') continue;
      if (a.column && b.column && a.column !== b.column) continue;
      if (/项目支出绩效自评表/.test(a.part) && /项目支出绩效自评表/.test(b.part)) continue;
      if (!sameThing(a, b, roles)) continue;
      out.push([a, b]);
    }
  }
  return out;
}

/**
 * Figures other than money stated in two parts of one report (crosspart28), paired by the bench from the records and the
 * prose statistics — never from the pipeline's own links:
 *   xp-rate       a form's 预算执行率 (its total row) and the prose 执行率 of the same subject (the project's own report,
 *                 the department report for the 部门整体 form)
 *   xp-score      a form's 总分 得分 (or the 自评得分 at its head) and the prose 自评得分/总得分/综合评分 of the same subject
 *   xp-staffing   the 基础数据表's 编制数 / 实际在职人数 and a prose count of 编制 / 实有/在职 people
 *   xp-indicator  an indicator's 实际完成值 (a count or amount with its unit, not a %) and the prose figure of the same
 *                 subject naming it (the two names share four characters, one unit, one value)
 * Each pair is planted on either side; the value written in the other part is left.
 */
function measurePairs(model: DocumentModel, report: Report): Array<[XpPlace, XpPlace]> {
  const parts = partsOf(report);
  const paragraphs = new Map<number, string>();
  const cells = new Map<string, string>();
  for (const b of model.blocks) {
    if (b.kind === 'paragraph') paragraphs.set(b.paragraph, b.text);
    else for (const c of b.cells) cells.set(`${b.table}:${c.row}:${c.col}`, c.text);
  }
  const cellPlace = (f: Fact | null | undefined, kind: XpKind, context: string): XpPlace | null => {
    if (!f?.figure || !f.loc || f.loc.table === null || f.loc.row === null || f.loc.col === null) return null;
    if (f.loc.rebuilt && f.loc.paragraph !== null && f.loc.span) {
      // a form rebuilt from a paragraph: the figure at its span of that paragraph
      const text = (paragraphs.get(f.loc.paragraph) ?? '').slice(f.loc.span[0], f.loc.span[1]);
      const m = /^\d+(?:\.\d+)?/.exec(text);
      if (!m || !R(m[0]).eq(R(f.figure.value))) return null;
      return { table: f.loc.table, row: f.loc.row, col: f.loc.col, paragraph: null, part: f.loc.part ?? `表${f.loc.table}`, text: m[0], start: f.loc.span[0], wan: R(m[0]), decimals: decimals(m[0]), kind, context, role: true, rebuilt: f.loc.paragraph };
    }
    const text = cells.get(`${f.loc.table}:${f.loc.row}:${f.loc.col}`);
    if (text === undefined) return null;
    for (const m of text.matchAll(/(?<![\d.])\d+(?:\.\d+)?(?![\d])/g)) {
      if (!R(m[0]).eq(R(f.figure.value))) continue;
      return { table: f.loc.table, row: f.loc.row, col: f.loc.col, paragraph: null, part: parts.table.get(f.loc.table) ?? `表${f.loc.table}`, text: m[0], start: m.index!, wan: R(m[0]), decimals: decimals(m[0]), kind, context, role: true };
    }
    return null;
  };
  const prosePlace = (s: Report['statistics'][number], kind: XpKind): XpPlace | null => {
    if (s.loc.table !== null || s.loc.paragraph === null) return null;
    const text = paragraphs.get(s.loc.paragraph);
    if (!text) return null;
    // the occurrence whose words before it end the statistic's label ("…自评得分" + "99.5分")
    const tail = s.label.replace(/\s/g, '').slice(-2);
    for (const m of text.matchAll(/(?<![\d.])\d+(?:\.\d+)?(?![\d])/g)) {
      if (!R(m[0]).eq(R(s.figure.value))) continue;
      if (tail && !text.slice(Math.max(0, m.index! - 24), m.index!).replace(/\s/g, '').includes(tail)) continue;
      return { table: null, row: null, col: null, paragraph: s.loc.paragraph, part: parts.paragraph(s.loc.paragraph), text: m[0], start: m.index!, wan: R(m[0]), decimals: decimals(m[0]), kind, context: s.label, role: false };
    }
    return null;
  };
  // the form whose subject a statistic's narrative is: its own project's form, or the department's
  const formOf = (s: Report['statistics'][number]) => {
    const n = s.narrative != null ? report.narratives[s.narrative] : undefined;
    if (n?.reportKind === 'project') return n.projectIndex != null ? report.projects[n.projectIndex] : report.projects.length === 1 && !report.deptSelfEval ? report.projects[0] : undefined;
    return report.deptSelfEval ?? (report.projects.length === 1 && n?.reportKind !== 'dept' ? report.projects[0] : undefined);
  };
  const same = (s: Report['statistics'][number], f: Fact | null | undefined) => !!f?.figure && f.figure.comparator === '=' && !s.figure.approximate && R(s.figure.value).eq(R(f.figure.value));
  const out: Array<[XpPlace, XpPlace]> = [];
  const push = (a: XpPlace | null, b: XpPlace | null) => {
    // (a rebuilt form's cell read again as prose is the one figure, not two)
    if (a && b && a.part !== b.part && !(b.rebuilt === a.paragraph && b.start === a.start)) out.push([a, b]);
  };
  for (const s of report.statistics) {
    if (s.mention === 'slogan') continue;
    const form = formOf(s);
    const unit = s.figure.unit ?? '';
    if (form && s.dimension === 'percent' && /执行率$|执行率(?:为|达到?|是)?$/.test(s.label)) {
      const total = form.budget?.rows.find((r) => r.kind === 'total');
      if (same(s, total?.rate)) push(prosePlace(s, 'xp-rate'), cellPlace(total!.rate, 'xp-rate', `${form.part}执行率`));
    }
    if (form && unit === '分' && /(?:自评|总|综合|评价)(?:得分|评分)(?:为|是|达到?)?$/.test(s.label.replace(/\s/g, ''))) {
      const printed = form.total?.score?.figure ? form.total.score : form.headScore;
      if (same(s, printed)) push(prosePlace(s, 'xp-score'), cellPlace(printed, 'xp-score', `${form.part}总分`));
    }
    const staffing = report.basicData?.staffing;
    if (staffing && s.dimension === 'count' && /人/.test(unit)) {
      const which = /编制/.test(s.label) && !/在编|实有|在职/.test(s.label) ? staffing.authorized : /实有|在职|在编/.test(s.label) ? staffing.actual : null;
      if (same(s, which)) push(prosePlace(s, 'xp-staffing'), cellPlace(which, 'xp-staffing', s.label));
    }
    if (form && (s.dimension === 'count' || s.dimension === 'other' || s.dimension === 'area') && unit && s.figure.comparator === '=') {
      for (const ind of form.indicators) {
        const actual = ind.actualMeasure.figure;
        if (!actual || actual.unit !== unit || ind.notApplicable || !R(actual.value).eq(R(s.figure.value)) || !R(actual.value).gt(R('1'))) continue;
        if (lcs(cleanContext(ind.level3), cleanContext(s.label)) < 4) continue;
        push(prosePlace(s, 'xp-indicator'), cellPlace(ind.actual, 'xp-indicator', ind.level3));
      }
    }
  }
  return out;
}

function plantAt(model: DocumentModel, p: XpPlace, after: string): DocumentModel {
  const m = structuredClone(model);
  for (const b of m.blocks) {
    if (p.rebuilt !== undefined) {
      if (b.kind === 'paragraph' && b.paragraph === p.rebuilt) b.text = b.text.slice(0, p.start) + after + b.text.slice(p.start + p.text.length);
      continue;
    }
    if (p.table === null && b.kind === 'paragraph' && b.paragraph === p.paragraph) b.text = b.text.slice(0, p.start) + after + b.text.slice(p.start + p.text.length);
    if (p.table !== null && b.kind === 'table' && b.table === p.table) {
      const c = b.cells.find((x) => x.row === p.row && x.col === p.col)!;
      c.text = c.text.slice(0, p.start) + after + c.text.slice(p.start + p.text.length);
    }
  }
  return m;
}

const names = (e: ContractFinding['evidence'][number], p: XpPlace) =>
  p.table !== null ? e.location.table === p.table && e.location.row === p.row && (e.location.col === p.col || e.location.col === null) : e.location.table === null && e.location.paragraph === p.paragraph;

/**
 * Variants of a whole document, as other reports write the same facts (catalogue F3 and B1): the prose
 * amounts in 元 instead of 万元 ("334.74万元" → "3347400元"); the projects named with a year and a
 * suffix in their forms ("工作经费" → "工作经费项目（2023年度）") and the 基础数据表 fund rows with a year
 * before them ("2023年度工作经费"); the prose with other role words
 * (开支 → 使用, 全年支出 → 全年实际支出); the prose amounts approximate ("约334.74万元": a change is then
 * caught as a note — info naming both places — and never as an error or warning). The unchanged
 * variant must add no error/warning.
 */
const VARIANTS = ['as-is', 'yuan', 'names', 'roles', 'approx'] as const;
type Variant = (typeof VARIANTS)[number];

function variantOf(model: DocumentModel, report: Report, v: Variant): DocumentModel {
  if (v === 'as-is') return model;
  const m = structuredClone(model);
  const inNarrative = (p: number) => report.narratives.some((n) => n.firstParagraph <= p && p <= n.lastParagraph);
  for (const b of m.blocks) {
    if (b.kind !== 'paragraph' || !inNarrative(b.paragraph)) continue;
    if (v === 'yuan')
      b.text = b.text.replace(/(?<![\d.])(\d+(?:\.\d{1,4})?)\s*万元/g, (_all, x: string) => `${R(x).mul(R('10000')).toFixed(0)}元`);
    if (v === 'roles') b.text = b.text.replace(/开支/g, '使用').replace(/全年支出/g, '全年实际支出');
    if (v === 'approx') b.text = b.text.replace(/(?<![\d.约近余])(\d+(?:\.\d+)?)\s*万元/g, '约$1万元');
  }
  if (v === 'names') {
    for (const p of report.projects) {
      const loc = p.name?.loc;
      if (!loc || loc.table === null) continue;
      const t = m.blocks.find((b) => b.kind === 'table' && b.table === loc.table);
      const c = t?.kind === 'table' ? t.cells.find((x) => x.row === loc.row && x.col === loc.col) : undefined;
      if (c && p.name) c.text = c.text.replace(p.name.text.trim(), `${p.name.text.trim().replace(/项目$/, '')}项目（${report.year ?? 2023}年度）`);
    }
    // and the 基础数据表's fund rows with a year before them ("2023年度工作经费")
    for (const row of report.basicData?.spending ?? []) {
      if (row.key !== 'project-item' || row.loc.table === null) continue;
      const t = m.blocks.find((b) => b.kind === 'table' && b.table === row.loc.table);
      const c = t?.kind === 'table' ? t.cells.find((x) => x.row === row.loc.row && x.text.trim() === row.label.trim()) : undefined;
      if (c) c.text = `${report.year ?? 2023}年度${c.text.trim()}`;
    }
  }
  return m;
}

async function crossPart(): Promise<void> {
  const docs: Array<{ id: string; file: string }> = listCorpus(root).map((d) => ({ id: d.id, file: join(root, d.id, `${d.id}.docx`) }));
  if (!flag('--no-seed')) docs.push({ id: 'seed', file: 'samples/seed.docx' }, { id: 'seed.pdf', file: 'samples/seed.pdf' });
  const variants = flag('--variants') ? VARIANTS : (['as-is'] as const);
  const tally = new Map<string, { tried: number; caught: number; asError: number }>();
  const links: Record<string, { pairs: number; linked: number; via: number; unlinked: string[]; all: string[] }> = {};
  const unchangedExtra: Record<string, string[]> = {};
  const misses: string[] = [];
  const cpu0 = process.cpuUsage();
  for (const doc of docs.filter((d) => !only || d.id === only)) {
    const original = await parseDocument(new Uint8Array(readFileSync(doc.file)));
    const first = reportOf(original);
    const nParts = first.narratives.length + first.projects.length + (first.deptSelfEval ? 1 : 0) + (first.basicData ? 1 : 0);
    if (nParts < 2) continue;
    const asIsLoud = checkModel(original).filter((d) => d.severity !== 'info');
    for (const variant of variants) {
      const id = variant === 'as-is' ? doc.id : `${doc.id}/${variant}`;
      const model = variantOf(original, first, variant);
      const report = variant === 'as-is' ? first : reportOf(model);
      const places = placesOf(model, report);
      assignKinds(places, report);
      const pairs = [...crossPairs(places), ...measurePairs(model, report)];
      const baseFindings = checkModel(model).filter((d) => d.severity !== 'info');
      // the unchanged variant: error/warning findings beyond those of the document as it is (by rule)
      const left = new Map<string, number>();
      for (const d of asIsLoud) left.set(d.rule, (left.get(d.rule) ?? 0) + 1);
      const extra = baseFindings.filter((d) => {
        const n = left.get(d.rule) ?? 0;
        left.set(d.rule, n - 1);
        return n <= 0;
      });
      if (variant !== 'as-is') unchangedExtra[id] = extra.map((d) => `${d.rule} ${d.severity}: ${d.message.slice(0, 120)}`);
      const base = new Set((variant === 'approx' ? checkModel(model) : baseFindings).map((d) => `${d.rule}|${d.message}`));
      const caughtPair = new Set<string>();
      const planted = new Set<string>();
      for (const x of pairs.flat()) {
        if (planted.has(placeKey(x))) continue;
        planted.add(placeKey(x));
        // the partners of x: every other-part place of the same figure
        const partners = pairs.filter(([p, q]) => p === x || q === x).map(([p, q]) => (p === x ? q : p));
        const kind = x.kind;
        if (onlyKind && onlyKind !== kind) continue;
        // a rate or score is lowered (× 0.9: 100% → 90%, never above the whole), a money figure or a count raised (× 1.1)
        const after = changed(x.text.replace(/,/g, ''), (v) => v.mul(R(kind === 'xp-rate' || kind === 'xp-score' ? '0.9' : '1.1')));
        const all = checkModel(plantAt(model, x, after)).filter((d) => !base.has(`${d.rule}|${d.message}`));
        // approximate prose: a change is a note (info) naming both places; an error or warning carrying it is a wrong finding
        // (the variant writes 约 before money amounts only: a rate, score or count stays as written)
        const approx = variant === 'approx' && !MEASURE_KINDS.includes(kind) && (x.table === null || partners.every((p) => p.table === null));
        const fresh = all.filter((d) => (approx ? d.severity === 'info' : d.severity !== 'info'));
        // (other rules' findings about the changed form itself — A1, A6 — are not the restatement)
        const loudHit = approx ? all.filter((d) => d.severity !== 'info' && carries(d as Finding, after) && d.evidence.some((e) => names(e, x)) && partners.some((p) => d.evidence.some((e) => names(e, p)))) : [];
        const hit = fresh.filter((d) => carries(d as Finding, after) && d.evidence.some((e) => names(e, x)));
        const key = `${variant}|${kind}${approx ? ' 约' : ''}`;
        const t = tally.get(key) ?? tally.set(key, { tried: 0, caught: 0, asError: 0 }).get(key)!;
        t.tried++;
        const named = partners.filter((p) => hit.some((d) => d.evidence.some((e) => names(e, p))));
        for (const p of named) caughtPair.add([placeKey(x), placeKey(p)].sort().join('|'));
        if (approx) t.asError += loudHit.length > 0 ? 1 : 0; // for approximate prose: plants drawing an error/warning (should be none)
        if (named.length > 0 && !(approx && loudHit.length > 0)) {
          t.caught++;
          if (!approx && hit.some((d) => d.severity === 'error' && d.evidence.some((e) => named.some((p) => names(e, p))))) t.asError++;
        } else misses.push(`${id} ${kind}: ${placeName(x)} ${x.text}→${after} (also ${partners.map(placeName).join('、')}); new findings: ${fresh.map((d) => `${d.rule}${hit.includes(d) ? '(one place)' : ''}`).join(', ') || '—'}`);
      }
      const unordered = new Map(pairs.map(([a, b]) => [[placeKey(a), placeKey(b)].sort().join('|'), `${placeName(a)} ${a.text} ~ ${placeName(b)} ${b.text}`]));
      // linked through a third place: prose ↔ its project's form ↔ the 基础数据表 row (one finding each, not one per pair)
      const root = new Map<string, string>();
      const find = (k: string): string => (root.get(k) ?? k) === k ? k : find(root.get(k)!);
      for (const k of caughtPair) {
        const [x, y] = k.split('|').map(find);
        if (x !== y) root.set(x, y);
      }
      const direct = [...unordered.keys()].filter((k) => caughtPair.has(k));
      const via = [...unordered.keys()].filter((k) => !caughtPair.has(k) && find(k.split('|')[0]) === find(k.split('|')[1]));
      links[id] = { pairs: unordered.size, linked: direct.length, via: via.length, unlinked: [...unordered].filter(([k]) => !caughtPair.has(k) && !via.includes(k)).map(([, v]) => v), all: [...unordered.values()] };
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log('variant  kind                 tried  caught  as error   (… 约: the other places are approximate prose — caught = an info naming both places; "as error" = plants that drew an error/warning there, should be 0)');
  for (const v of variants)
    for (const k of XP_KINDS.flatMap((k) => [k, `${k} 约`])) {
      const t = tally.get(`${v}|${k}`);
      if (t) console.log(`${v.padEnd(8)} ${k.padEnd(20)} ${String(t.tried).padStart(5)}  ${String(t.caught).padStart(6)}  ${String(t.asError).padStart(8)}`);
    }
  console.log('links (documents with ≥2 parts): pairs of one figure in two parts — linked directly (+ through a third place)');
  for (const [id, l] of Object.entries(links)) console.log(`  ${id.padEnd(36)} ${l.linked}/${l.pairs}${l.via ? ` (+${l.via})` : ''}`);
  for (const [id, e] of Object.entries(unchangedExtra)) console.log(`  unchanged ${id}: ${e.length} error/warning beyond the document as it is${e.length ? `: ${e.join(' | ')}` : ''}`);
  console.log(`CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  if (details) for (const m of misses) console.log(`  missed ${m}`);
  if (details) for (const [id, l] of Object.entries(links)) for (const u of l.unlinked) console.log(`  unlinked ${id}: ${u}`);
  if (flag('--pairs')) for (const [id, l] of Object.entries(links)) for (const u of l.all) console.log(`  pair ${id}: ${u}`);
  mkdirSync('bench/results', { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const out = `bench/results/planted-real-${date}${label ? `-${label}` : ''}.json`;
  writeFileSync(out, `${JSON.stringify({ root, seed: !flag('--no-seed'), variants, kinds: Object.fromEntries(tally), links, unchangedExtra, misses }, null, 2)}\n`);
  console.log(`→ ${out}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
