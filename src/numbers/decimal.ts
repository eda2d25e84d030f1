import { boundedMemo } from '../memo.js';
/**
 * Exact decimal arithmetic for money and rates: rationals over BigInt, so no comparison ever
 * goes through a float. Values come in as the canonical decimal strings of Figure.value.
 */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    // an integer is already in lowest terms
    const g = d === 1n ? 1n : gcd(n < 0n ? -n : n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }

  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    // small whole numbers (0, 100, a weight) are asked for over and over: made once
    if (typeof n === 'number' && d === 1n && Number.isInteger(n) && n >= 0 && n < SMALL_WHOLES.length) return (SMALL_WHOLES[n] ??= new Rational(BigInt(n), 1n));
    return new Rational(BigInt(n), BigInt(d));
  }

  /**
   * "951.90" → 95190/100; "-3" → -3. Throws on anything that is not a plain decimal. Rules compare
   * the same written values many times over: short ones are remembered (a Rational never changes).
   */
  static parse(decimal: string): Rational {
    return parseDecimal(decimal);
  }

  add(o: Rational): Rational {
    if (this.d === o.d) return new Rational(this.n + o.n, this.d);
    return new Rational(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    if (this.d === o.d) return new Rational(this.n - o.n, this.d);
    return new Rational(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return new Rational(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    return new Rational(this.n * o.d, this.d * o.n);
  }
  neg(): Rational {
    return new Rational(-this.n, this.d);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  abs(): Rational {
    return this.n < 0n ? this.neg() : this;
  }
  static min(a: Rational, b: Rational): Rational {
    return a.le(b) ? a : b;
  }
  static max(a: Rational, b: Rational): Rational {
    return a.ge(b) ? a : b;
  }

  /** Decimal string rounded half away from zero to `dp` places ("0.3333" for 1/3, dp 4). */
  toFixed(dp: number): string {
    const scale = 10n ** BigInt(dp);
    const neg = this.n < 0n;
    const absN = neg ? -this.n : this.n;
    const q = (absN * scale * 2n + this.d) / (2n * this.d);
    const s = q.toString().padStart(dp + 1, '0');
    const body = dp > 0 ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
    return (neg && q !== 0n ? '-' : '') + body;
  }

  /** Shortest exact decimal when one exists within `maxDp` places, else rounded to `maxDp`. */
  toString(maxDp = 6): string {
    for (let dp = 0; dp <= maxDp; dp++) {
      const scale = 10n ** BigInt(dp);
      if ((this.n * scale) % this.d === 0n) return this.toFixed(dp);
    }
    return this.toFixed(maxDp);
  }

  /** For the output contract's plain numbers only (never for comparisons). */
  toNumber(): number {
    return Number(this.toString(10));
  }
}

/** Rational.parse, remembered for short texts (a Rational never changes). */
const parseDecimal = boundedMemo(
  (decimal) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
    if (!m) throw new RangeError(`not a decimal: ${decimal}`);
    const frac = m[3] ?? '';
    return Rational.of(BigInt(m[2] + frac) * (m[1] ? -1n : 1n), 10n ** BigInt(frac.length));
  },
  { maxEntries: 20_000, maxKeyLength: 40 },
);

/** Rational.of of 0–1000, made on first use. */
const SMALL_WHOLES: Rational[] = new Array<Rational>(1001);

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Greatest common divisor of two non-negative values (1 for two zeros); in doubles when both fit exactly. */
function gcd(a: bigint, b: bigint): bigint {
  if (a <= MAX_SAFE && b <= MAX_SAFE) return BigInt(smallGcd(Number(a), Number(b)));
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a === 0n ? 1n : a;
}

function smallGcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a === 0 ? 1 : a;
}

/** A closed interval [lo, hi] of exact values (intervalOf's are shared: never changed). */
export interface Interval {
  readonly lo: Rational;
  readonly hi: Rational;
}

/** Half a unit in the last written place: 0.005 for two decimals, 0.5 for integers. */
export function halfUnit(decimals: number): Rational {
  if (decimals >= 0 && decimals < HALF_UNITS.length) return HALF_UNITS[decimals];
  return Rational.of(5n, 10n ** BigInt(decimals + 1));
}

/** halfUnit of 0–11 decimals, made once. */
const HALF_UNITS: Rational[] = Array.from({ length: 12 }, (_, d) => Rational.of(5n, 10n ** BigInt(d + 1)));

/**
 * The interval a written value stands for (XBRL Calculations 1.1 rounding semantics):
 * "951.90" (2 decimals) → [951.895, 951.905]. `decimals` may be raised by the caller for an integer
 * standing in a column of two-decimal amounts ("20" in a 万元 column means 20.00).
 */
export function intervalOf(value: string, decimals: number): Interval {
  if (decimals >= 0 && decimals < HALF_UNITS.length) return (INTERVALS_BY_DECIMALS[decimals] ??= boundedMemo((v) => readInterval(v, decimals), { maxEntries: 5_000, maxKeyLength: 40 }))(value);
  return readInterval(value, decimals);
}

/** intervalOf per written precision, remembered (shared result: an Interval is never changed). */
const INTERVALS_BY_DECIMALS: Array<(value: string) => Interval> = [];

function readInterval(value: string, decimals: number): Interval {
  const v = Rational.parse(value);
  const h = halfUnit(decimals);
  return { lo: v.sub(h), hi: v.add(h) };
}

export function exact(value: Rational): Interval {
  return { lo: value, hi: value };
}

export function addIntervals(parts: Interval[]): Interval {
  let lo = Rational.of(0);
  let hi = Rational.of(0);
  for (const p of parts) {
    lo = lo.add(p.lo);
    hi = hi.add(p.hi);
  }
  return { lo, hi };
}

export function subIntervals(a: Interval, b: Interval): Interval {
  return { lo: a.lo.sub(b.hi), hi: a.hi.sub(b.lo) };
}

/** Quotient of two intervals whose divisor is strictly positive; null when it may contain 0. */
export function divIntervals(a: Interval, b: Interval): Interval | null {
  if (!b.lo.gt(Rational.of(0))) return null;
  const candidates = [a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)];
  let lo = candidates[0];
  let hi = candidates[0];
  for (const c of candidates) {
    lo = Rational.min(lo, c);
    hi = Rational.max(hi, c);
  }
  return { lo, hi };
}

export function scaleInterval(a: Interval, k: Rational): Interval {
  const x = a.lo.mul(k);
  const y = a.hi.mul(k);
  return x.le(y) ? { lo: x, hi: y } : { lo: y, hi: x };
}

export function intersects(a: Interval, b: Interval): boolean {
  return a.lo.le(b.hi) && b.lo.le(a.hi);
}

/** Distance between two intervals (0 when they meet). */
export function gap(a: Interval, b: Interval): Rational {
  if (intersects(a, b)) return Rational.of(0);
  return a.hi.lt(b.lo) ? b.lo.sub(a.hi) : a.lo.sub(b.hi);
}

export function formatInterval(i: Interval, dp = 4): string {
  return `[${i.lo.toString(dp)}, ${i.hi.toString(dp)}]`;
}
