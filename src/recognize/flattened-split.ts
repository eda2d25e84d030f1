import { divIntervals, intersects, intervalOf, Rational, scaleInterval } from '../numbers/decimal.js';

/**
 * Splitting a run of figures a copy or an OCR glued together (连排数字: "50万元47.6895.00%") into the
 * values of a form's columns. A unit (万元, %) or a space ends a value; within a glued chunk every
 * way of cutting it into well-formed numbers is a candidate. Candidates are narrowed by what the
 * form itself says — the column count of its header, the 执行率 column holding the % value, one
 * number of decimals for every figure of the row — and only then by arithmetic agreement (执行数 ÷
 * 预算数 = 执行率 within rounding), which may choose between candidates but never makes one.
 * More than one left → ambiguous, nothing is read.
 */

/** One figure of a split, with where it stands in the run and the unit written after it. */
export interface SplitValue {
  text: string;
  unit: '万元' | '元' | '%' | null;
  /** [start, end) of the figure's digits in the run. */
  span: [number, number];
}

export type SplitOutcome = { kind: 'split'; values: SplitValue[] } | { kind: 'ambiguous'; candidates: number } | { kind: 'unreadable' };

/** The columns of the header, as far as a split needs them: which one is a rate, which ones are money. */
export interface SplitColumns {
  kinds: Array<'budget' | 'executed' | 'rate' | 'points'>;
}

interface Chunk {
  digits: string;
  start: number;
  unit: SplitValue['unit'];
}

// 万 alone is 万元 written short ("年度财政资金总额10万10万100%20" in a block headed 预算执行情况(万元))
const CHUNK = /(\d[\d.]*)\s*(万元|万(?!元)|元|%)?/g;
// a well-formed number: no leading zero before more digits, at most one decimal point with digits after it
const NUMBER = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
const MAX_CANDIDATES = 200;

/** The chunks of a run: digits up to a unit or a gap; null when the run holds anything else. */
function chunksOf(run: string): Chunk[] | null {
  const chunks: Chunk[] = [];
  let last = 0;
  for (const m of run.matchAll(CHUNK)) {
    if (run.slice(last, m.index).trim()) return null;
    chunks.push({ digits: m[1], start: m.index!, unit: m[2] === '万' ? '万元' : ((m[2] as SplitValue['unit']) ?? null) });
    last = m.index! + m[0].length;
  }
  return run.slice(last).trim() ? null : chunks;
}

/**
 * Every split of the chunks into exactly `count` values, chunk by chunk; `apart`: figures printed apart are never cut.
 * `keep` prunes as the walk goes (a value that cannot stand in its column ends that branch), so that a long run
 * glued from many figures ("2456.182456.182456.1810100%10") is not cut off by the candidate limit before the cuts
 * that fit are reached. `keep` must hold of every beginning of a split it holds of (the checks below look at each
 * value against its column and the values before it): a chunk is cut value by value, and a branch whose first
 * values cannot stand ends there instead of after every way of cutting the rest of the chunk was tried.
 */
function splits(chunks: Chunk[], count: number, apart: boolean, keep: (values: SplitValue[]) => boolean = () => true): SplitValue[][] {
  const out: SplitValue[][] = [];
  const walk = (i: number, acc: SplitValue[]) => {
    if (out.length > MAX_CANDIDATES) return;
    if (i === chunks.length) {
      if (acc.length === count) out.push(acc);
      return;
    }
    const c = chunks[i];
    const room = count - acc.length - (chunks.length - i - 1);
    for (let parts = 1; parts <= (apart ? 1 : Math.min(room, c.digits.length)); parts++) cut(i, parts, 0, acc);
  };
  // chunk i's digits from `from` on, cut into `parts` well-formed numbers (the shorter first value first), after acc
  const cut = (i: number, parts: number, from: number, acc: SplitValue[]) => {
    if (out.length > MAX_CANDIDATES) return;
    const c = chunks[i];
    const at = c.start + from;
    if (parts === 1) {
      const text = c.digits.slice(from);
      if (!NUMBER.test(text)) return;
      const next = [...acc, { text, unit: c.unit, span: [at, at + text.length] as [number, number] }];
      if (keep(next)) walk(i + 1, next);
      return;
    }
    for (let end = from + 1; end < c.digits.length; end++) {
      const text = c.digits.slice(from, end);
      if (!NUMBER.test(text)) continue;
      const next = [...acc, { text, unit: null, span: [at, at + text.length] as [number, number] }];
      if (keep(next)) cut(i, parts - 1, end, next);
    }
  };
  walk(0, []);
  return out;
}

const decimals = (v: SplitValue) => (v.text.includes('.') ? v.text.length - v.text.indexOf('.') - 1 : 0);

const HUNDRED = Rational.of(100);

/**
 * The form's own conventions: the % value sits in the rate column and only there; money is never a %; points (分值,
 * 得分) never above 100, never written with a trailing zero past two decimals (56.1810 is a cut, not a score), and
 * the 得分 after a 分值 never above it.
 */
function fitsColumns(values: SplitValue[], columns: SplitColumns): boolean {
  const firstPoints = columns.kinds.indexOf('points');
  return values.every((v, i) => {
    const kind = columns.kinds[i];
    if (kind === 'points' && (v.unit !== null || Rational.parse(v.text).gt(HUNDRED) || /\.\d{2,}0$/.test(v.text))) return false;
    if (kind === 'points' && i > firstPoints && firstPoints >= 0 && Rational.parse(v.text).gt(Rational.parse(values[firstPoints].text))) return false;
    return v.unit === '%' ? kind === 'rate' : kind !== 'rate' || v.unit === null;
  });
}

/** One number of decimals for the money and rate figures that have decimals (47.68 | 95.00, not 47.689 | 5.00). */
function uniformDecimals(values: SplitValue[], columns: SplitColumns): boolean {
  const places = new Set(values.filter((v, i) => columns.kinds[i] !== 'points' && v.text.includes('.')).map(decimals));
  return places.size <= 1;
}

/** Money in 万元 is kept to at least two decimals ("50" stands for 50.00), as the execution-rate rule reads it. */
const MONEY_DECIMALS = 2;

/** 执行数 ÷ 预算数 agrees with the written 执行率 within the rounding of all three figures. */
export function rateAgrees(values: SplitValue[], columns: SplitColumns): boolean {
  const budget = values[columns.kinds.lastIndexOf('budget')];
  const executed = values[columns.kinds.indexOf('executed')];
  const rate = values[columns.kinds.indexOf('rate')];
  if (!budget || !executed || !rate) return false;
  const money = (v: SplitValue) => intervalOf(v.text, Math.max(decimals(v), MONEY_DECIMALS));
  const quotient = divIntervals(money(executed), money(budget));
  return quotient !== null && intersects(scaleInterval(quotient, Rational.of(100)), intervalOf(rate.text, decimals(rate)));
}

/** Split a run of glued figures into the header's columns, or say why not. */
export function splitGluedValues(run: string, columns: SplitColumns): SplitOutcome {
  const pool = splitCandidates(run, columns);
  if (pool === null) return { kind: 'unreadable' };
  if (pool.length === 1) return { kind: 'split', values: pool[0] };
  if (pool.length === 0) return { kind: 'unreadable' };
  const agreeing = pool.filter((v) => rateAgrees(v, columns));
  if (agreeing.length === 1) return { kind: 'split', values: agreeing[0] };
  // a nil rate (0%) agrees with any budget over a nil execution: cut from the zeros of a 100% ("390390100%"
  // → 3903901 | 0 | 0%), it is the weaker reading when one other split agrees with a rate that is not nil
  const notNil = agreeing.filter((v) => !nilRate(v, columns));
  return notNil.length === 1 && agreeing.length > 1 ? { kind: 'split', values: notNil[0] } : { kind: 'ambiguous', candidates: pool.length };
}

function nilRate(values: SplitValue[], columns: SplitColumns): boolean {
  const rate = values[columns.kinds.indexOf('rate')];
  return rate !== undefined && Rational.parse(rate.text).eq(Rational.of(0));
}

/**
 * The splits of a run that fit the header (the candidates splitGluedValues chooses among), for a
 * choice made with the other rows of the block (a total's figures are the sum of its parts').
 */
export function splitCandidates(run: string, columns: SplitColumns): SplitValue[][] | null {
  const chunks = chunksOf(run);
  if (!chunks || chunks.length === 0) return null;
  // a row whose figures the text prints apart ("0 0 0 10 0 0") is read as printed: a gap, not a cut, ends a value
  const apart = /\d\s+\d/.test(run);
  // the row's own format first (one number of decimals), then the arithmetic, to choose: the splits of one
  // number of decimals are looked for first, pruned as they grow, then any split that fits the columns
  const uniform = splits(chunks, columns.kinds.length, apart, (v) => fitsColumns(v, columns) && uniformDecimals(v, columns));
  return uniform.length ? uniform : splits(chunks, columns.kinds.length, apart).filter((v) => fitsColumns(v, columns));
}
