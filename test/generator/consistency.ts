import type { ProjectSpec, ReportSpec } from '../fixtures/generator/index.js';

/**
 * An independent arithmetic audit of a ReportSpec (written for the tests, sharing no code with the
 * generator): every sum, rate, score and weight the forms print. Returns one line per problem,
 * prefixed with its category, so a test can say "clean" or "exactly this kind broke".
 */

/** Written decimal → [units, decimals]; null when not a plain number. */
function dec(s: string): { v: bigint; d: number } | null {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(s);
  if (!m) return null;
  return { v: BigInt(m[1] + (m[2] ?? '')), d: m[2]?.length ?? 0 };
}
/** Value in millionths, exact for ≤ 6 decimals. */
function micro(s: string): bigint | null {
  const x = dec(s);
  return x ? x.v * 10n ** BigInt(6 - x.d) : null;
}
const blankAsZero = (s: string) => (s.trim() === '' ? 0n : micro(s));

export function consistencyProblems(spec: ReportSpec): string[] {
  const out: string[] = [];
  const forms: Array<{ name: string; form: ProjectSpec | NonNullable<ReportSpec['deptSelfEval']> }> = [];
  if (spec.deptSelfEval) forms.push({ name: 'dept', form: spec.deptSelfEval });
  for (const p of spec.projects) forms.push({ name: p.name, form: p });

  for (const { name, form } of forms) {
    const total = form.budget.find((r) => r.kind === 'total');
    if (!total) {
      out.push(`structure: ${name} has no total budget row`);
      continue;
    }
    const parts = form.budget.filter((r) => r.kind !== 'total');
    for (const col of ['initial', 'fullYear', 'executed'] as const) {
      if (!parts.length || total[col].trim() === '') continue;
      const sum = parts.reduce<bigint | null>((s, r) => (s === null ? null : ((v) => (v === null ? null : s + v))(blankAsZero(r[col]))), 0n);
      if (sum !== micro(total[col])) out.push(`funding-sum: ${name} ${col} total ${total[col]} ≠ Σ parts`);
    }
    // 执行率 at its printed precision: |rate − 100·exec/full| ≤ ½ unit of the last printed digit.
    const rate = /^(\d+(?:\.\d+)?)%$/.exec(total.rate.trim());
    const e = micro(total.executed);
    const f = micro(total.fullYear);
    if (rate && e !== null && f !== null && f > 0n) {
      const r = dec(rate[1])!;
      const printed = r.v * 10n ** BigInt(6 - r.d); // percent × 10⁶
      const exact = (e * 100n * 1_000_000n) / f;
      const half = 5n * 10n ** BigInt(5 - r.d);
      const diff = printed > exact ? printed - exact : exact - printed;
      if (diff > half + 1n) out.push(`rate: ${name} printed ${total.rate} vs ${e}/${f}`);
    }
    // Scores: 0 ≤ 得分 ≤ 分值 per indicator.
    for (const row of form.indicators) {
      const w = micro(row.weight);
      const s = micro(row.score);
      if (w !== null && s !== null && s > w) out.push(`score-above-weight: ${name} ${row.level3} ${row.score} > ${row.weight}`);
    }
    // Weights under each 一级 add up to its declared points.
    const groups = new Map<string, bigint>();
    for (const row of form.indicators) groups.set(row.level1, (groups.get(row.level1) ?? 0n) + (blankAsZero(row.weight) ?? 0n));
    for (const [level1, sum] of groups) {
      const m = /[（(](\d+)分[)）]/.exec(level1);
      if (m && sum !== BigInt(m[1]) * 1_000_000n) out.push(`group-weights: ${name} ${level1.replace(/\n/g, '')} Σ=${Number(sum) / 1e6}`);
    }
    // 总分 得分 = execution score + Σ indicator scores; 总分 must be filled.
    if (form.total.score.trim() === '') out.push(`total-score-missing: ${name}`);
    else {
      const sum = form.indicators.reduce((s, r) => s + (blankAsZero(r.score) ?? 0n), blankAsZero(total.score) ?? 0n);
      if (sum !== micro(form.total.score)) out.push(`total-score: ${name} ${form.total.score} ≠ ${Number(sum) / 1e6}`);
    }
  }
  // Every form title names the report year.
  const titles = [spec.basicData?.title, spec.deptSelfEval?.title, ...spec.projects.map((p) => p.title)].filter((t): t is string => !!t);
  for (const t of titles) {
    const years = [...t.matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
    if (years.some((y) => y !== spec.year)) out.push(`year: "${t.replace(/\n/g, '')}" ≠ ${spec.year}`);
  }
  // Project narratives restate the project's table amounts exactly.
  for (const n of spec.narratives) {
    const p = spec.projects.find((x) => x.name === n.project);
    if (!p) continue;
    const total = p.budget.find((r) => r.kind === 'total')!;
    const known = new Set([total.fullYear, total.executed].map((s) => micro(s)?.toString()));
    for (const para of n.paragraphs) {
      for (const m of para.text.matchAll(/(?:资金|支出)(\d+(?:\.\d+)?)万元/g)) {
        if (!known.has(micro(m[1])?.toString())) out.push(`narrative: ${p.name} states ${m[1]}万元`);
      }
    }
  }
  return out;
}
