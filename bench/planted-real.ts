/**
 * Planted errors in REAL layouts: each corpus document (test/corpus/real/<id>/source.txt) gets one
 * error at a time, planted where its truth.json says a figure is — the way a reviewer testing the
 * tool would edit a submitted report — and the .docx is rebuilt and read. A plant is caught when a
 * new error/warning finding (one the unchanged document did not have) carries the planted figure in
 * its values or evidence.
 *
 *   npx tsx bench/planted-real.ts [--dir test/corpus/real] [--only ID] [--kind KIND] [--details] [--label L]
 *
 * Kinds (each needs a figure the report states twice or derives, or a rule that bounds it):
 *   score-above-weight  an indicator's 得分 set to its 分值 + 2            (catalogue D1)
 *   weight-changed      an indicator's 分值 + 3 (its 得分 left)            (D2 / D3: group or total points)
 *   executed-changed    a budget row's 全年执行数 × 1.1                    (A1 rate, A4 其中 sum, B1 restatement)
 *   rate-changed        a budget row's 执行率 − 7 points                   (A1)
 *   basic-changed       a 基础数据表 figure × 1.1                            (E, B1)
 *   stat-restated       one of two places stating the same narrative figure, changed (B1 / X2 / X3); a
 *                       percentage only at a second place its words name it in its clause (another
 *                       measure's "100%" restates nothing: listed as not planted, never as a miss)
 *   share-above-100     a prose share (合格率, 到位率, 满意度 … stated ≥ 90%) written 10 points higher (at least 105%),
 *                       100%, where its words name it (C3 for rates; 完成率 and 增长率 may exceed 100: not planted)
 * Figures: plants tried, plants caught, per kind; with --details each miss names the document, cell
 * and the finding rules that did appear. Results → bench/results/planted-real-<date>[-label].json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../schemas/result.js';
import { Rational } from '../src/numbers/decimal.js';
import { runPipeline } from '../src/pipeline.js';
import { listCorpus, loadTruth } from '../test/corpus/score.js';
import { parseSource } from '../test/corpus/source-format.js';
import type { TruthFact } from '../test/corpus/truth-schema.js';
import { writeBlocksDocx } from '../test/fixtures/generator/docx.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = opt('--dir') ?? 'test/corpus/real';
const only = opt('--only');
const onlyKind = opt('--kind');
const details = args.includes('--details');
const label = opt('--label');

type Kind = 'score-above-weight' | 'weight-changed' | 'executed-changed' | 'rate-changed' | 'basic-changed' | 'stat-restated' | 'share-above-100';
const KINDS: Kind[] = ['score-above-weight', 'weight-changed', 'executed-changed', 'rate-changed', 'basic-changed', 'stat-restated', 'share-above-100'];

interface Plant {
  kind: Kind;
  /** 0-based line of source.txt changed. */
  line: number;
  before: string;
  after: string;
  /** The planted figure as a number (a finding must carry it). */
  figure: string;
  where: string;
}

const R = (s: string) => Rational.parse(s);
const norm = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
const hasWords = (text: string, words: string[]) => words.every((w) => norm(text).includes(norm(w)));

/** Cells of a table row line, with their character ranges in the line (a "\|" is not a separator). */
function cellsOf(line: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim().replace(/\{(?:r\d+)?(?:c\d+)?\}$/, '').trim();
      out.push({ text, start: start + lead, end: start + lead + text.length });
      start = i + 1;
    }
  }
  return out;
}

/** Line ranges of [table]…[/table]. */
function tableLines(lines: string[]): Set<number> {
  const set = new Set<number>();
  let inside = false;
  lines.forEach((l, i) => {
    if (/^\[table \d+\]$/.test(l.trim())) inside = true;
    else if (l.trim() === '[/table]') inside = false;
    else if (inside) set.add(i);
  });
  return set;
}

const sameNumber = (cell: string, value: string) => {
  const m = /^[-+]?\d[\d,]*(?:\.\d+)?/.exec(cell.replace(/\s/g, ''));
  if (!m || m[0].replace(/,/g, '').length === 0) return false;
  try {
    return R(m[0].replace(/,/g, '')).eq(R(value)) && /^[-+]?\d[\d,]*(?:\.\d+)?(?:%|万元|元)?$/.test(cell.replace(/\s/g, ''));
  } catch {
    return false;
  }
};

const decimals = (v: string) => (v.includes('.') ? v.split('.')[1].length : 0);

function replaceCell(line: string, cell: { text: string; start: number; end: number }, value: string): string {
  const m = /^([-+]?\d[\d,]*(?:\.\d+)?)/.exec(cell.text)!;
  return line.slice(0, cell.start) + value + cell.text.slice(m[1].length) + line.slice(cell.end);
}

/** The planted figure, with the value's decimals; never equal to it (2 × 1.1 rounds back to 2: then 3). */
function changed(value: string, next: (v: Rational) => Rational): string {
  const after = next(R(value)).toFixed(decimals(value));
  return R(after).eq(R(value)) ? R(value).add(R('1')).toFixed(decimals(value)) : after;
}

/** Plants not made because the place found is not a restatement of the fact (listed in the results). */
const filtered: string[] = [];

/** Do the fact's words name the figure at `at` (in its clause since the previous percentage)? */
function namedBefore(line: string, at: number, words: string[]): boolean {
  const before = line.slice(0, at);
  const clause = before.slice(Math.max(before.lastIndexOf('%'), before.lastIndexOf('％')) + 1);
  return words.some((w) => w.length >= 2 && norm(clause).includes(norm(w)));
}

/** Plants for one document, at most one per kind and fact (the first place its figure is found). */
function plantsFor(lines: string[], facts: TruthFact[], doc = ''): Plant[] {
  const inTable = tableLines(lines);
  const plants: Plant[] = [];
  const rowLines = (words: string[]) => [...inTable].sort((a, b) => a - b).filter((i) => hasWords(lines[i], words));
  const cellPlant = (kind: Kind, words: string[], value: string, pick: 'first' | 'last', next: (v: Rational) => Rational, where: string) => {
    for (const i of rowLines(words)) {
      const cells = cellsOf(lines[i]).filter((c) => sameNumber(c.text, value));
      if (cells.length === 0) continue;
      const cell = pick === 'first' ? cells[0] : cells[cells.length - 1];
      const after = changed(value, next);
      plants.push({ kind, line: i, before: lines[i], after: replaceCell(lines[i], cell, after), figure: after, where: `${where} ${value}→${after}` });
      return;
    }
  };
  for (const f of facts) {
    if (f.kind === 'indicator' && f.weight && f.score && R(f.weight).gt(R('0'))) {
      cellPlant('score-above-weight', f.name, f.score, 'last', () => R(f.weight!).add(R('2')), `「${f.name.join('')}」得分`);
      cellPlant('weight-changed', f.name, f.weight, 'first', (v) => v.add(R('3')), `「${f.name.join('')}」分值`);
    }
    if (f.kind === 'budget' && f.field === 'executed' && R(f.value).gt(R('0'))) cellPlant('executed-changed', f.row, f.value, 'last', (v) => v.mul(R('1.1')), `${f.row.join('')} 全年执行数`);
    if (f.kind === 'budget' && f.field === 'rate' && R(f.value).gt(R('10'))) cellPlant('rate-changed', f.row, f.value, 'last', (v) => v.sub(R('7')), `${f.row.join('')} 执行率`);
    if (f.kind === 'basic' && R(f.value).gt(R('0')) && f.row.length > 0) cellPlant('basic-changed', f.row, f.value, 'last', (v) => v.mul(R('1.1')), `基础数据表 ${f.row.join('')}`);
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
        if (f.unit === '%') {
          const named: Array<[number, number]> = [];
          for (const k of where) for (let a = lines[k].indexOf(text); a >= 0; a = lines[k].indexOf(text, a + 1)) if (namedBefore(lines[k], a, f.words)) named.push([k, a]);
          if (named.length < 2) {
            if (!onlyKind || onlyKind === 'stat-restated') filtered.push(`${doc} ${f.words.join('')} ${text}（只有${named.length}处以“${f.words.join('')}”称之，其余${count - named.length}处属其他指标）`);
            continue;
          }
          [i, at] = named[1];
        }
        // Only a figure standing alone (not the tail of a longer number).
        if (at > 0 && /[\d.]/.test(lines[i][at - 1])) continue;
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
  // One plant per kind and changed line.
  const seen = new Set<string>();
  return plants.filter((p) => (!onlyKind || p.kind === onlyKind) && !seen.has(`${p.kind}:${p.line}`) && seen.add(`${p.kind}:${p.line}`));
}

type Finding = Result['discrepancies'][number];
const loud = (r: Result) => r.discrepancies.filter((d) => d.severity !== 'info');
const key = (d: Finding) => `${d.rule}|${d.message}`;
const carries = (d: Finding, figure: string) => {
  const n = R(figure);
  // values are plain numbers (output contract): compared as their shortest decimal text.
  const eq = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && R(String(v)).eq(n);
  return d.values.some(eq) || d.evidence.some((e) => eq(e.value) || norm(e.text ?? '').includes(figure)) || d.message.includes(figure);
};

async function read(lines: string[], title: string): Promise<Result> {
  const blocks = parseSource(lines.join('\n'));
  const docx = writeBlocksDocx(blocks, { title, creator: 'planted' }, { producer: 'word' });
  return (await runPipeline({ bytes: docx, file: 'planted.docx' })).result;
}

async function main(): Promise<void> {
  const docs = listCorpus(root).filter((d) => !only || d.id === only);
  const tally = new Map<Kind, { tried: number; caught: number; asError: number }>(KINDS.map((k) => [k, { tried: 0, caught: 0, asError: 0 }]));
  const misses: string[] = [];
  const cpu0 = process.cpuUsage();
  for (const doc of docs) {
    const dir = join(root, doc.id);
    const truth = loadTruth(join(dir, 'truth.json'));
    const lines = readFileSync(join(dir, 'source.txt'), 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const plants = plantsFor(lines, truth.facts, doc.id);
    if (plants.length === 0) continue;
    const base = new Set(loud(await read(lines, truth.meta.title)).map(key));
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
      const hit = fresh.filter((d) => carries(d, p.figure));
      if (hit.length > 0) {
        t.caught++;
        if (hit.some((d) => d.severity === 'error')) t.asError++;
      } else misses.push(`${doc.id} ${p.kind}: ${p.where}; new findings: ${fresh.map((d) => d.rule).join(', ') || '—'}`);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log('kind                 tried  caught  as error');
  for (const [k, t] of tally) console.log(`${k.padEnd(20)} ${String(t.tried).padStart(5)}  ${String(t.caught).padStart(6)}  ${String(t.asError).padStart(8)}`);
  const all = [...tally.values()].reduce((a, t) => ({ tried: a.tried + t.tried, caught: a.caught + t.caught }), { tried: 0, caught: 0 });
  console.log(`total ${all.caught}/${all.tried} caught; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  if (filtered.length > 0) console.log(`${filtered.length} stat-restated plants not made: the second place is not a restatement (another measure’s percentage, the tail of a longer number)`);
  if (details) for (const m of misses) console.log(`  missed ${m}`);
  if (details) for (const f of filtered) console.log(`  not planted ${f}`);
  mkdirSync('bench/results', { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const out = `bench/results/planted-real-${date}${label ? `-${label}` : ''}.json`;
  writeFileSync(out, `${JSON.stringify({ root, kinds: Object.fromEntries(tally), misses, notPlanted: filtered }, null, 2)}\n`);
  console.log(`→ ${out}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
