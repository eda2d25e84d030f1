import type { Fact } from '../../schemas/fact.js';
import type { Figure } from '../../schemas/figure.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Indicator } from '../../schemas/records.js';
import type { Report } from '../../schemas/report.js';
import { halfUnit, Rational } from '../numbers/decimal.js';
import { normalize } from '../narrative/compare.js';
import { unitInfo } from '../narrative/units.js';
import { listedItems, measureOf } from './measure.js';
import type { IndexedFact, Statement, Subject } from './types.js';

export type { FactPair, IndexedFact, Measure, Statement, Subject } from './types.js';
export { explainPair, restatementGroups } from './pair.js';
export { measureOf, listedItems, sharedWords } from './measure.js';

/**
 * The fact index (docs/seams.md §5): every figure of the report — prose statistics, indicator
 * targets and actuals, budget cells, 基础数据表 rows — with its measure, subject, year, statement and
 * location. Built once per report object and shared by every cross-part rule (the rules stage runs
 * several rules over the same report; normalisation is cached per text in measure.ts).
 */
export interface FactIndex {
  facts: IndexedFact[];
  byId: Map<string, IndexedFact>;
  /** Facts by measure key (exact key match is the cheapest pairing). */
  byKey: Map<string, IndexedFact[]>;
  /** Prose facts by statistic id (a "各一件" statistic gives several). */
  byStat: Map<string, IndexedFact[]>;
}

const built = new WeakMap<Report, FactIndex>();

export function factIndex(report: Report): FactIndex {
  let index = built.get(report);
  if (!index) {
    index = buildFactIndex(report);
    built.set(report, index);
  }
  return index;
}

const DEPT: Subject = { kind: 'dept', project: null, name: null };

export function buildFactIndex(report: Report): FactIndex {
  const facts: IndexedFact[] = [];
  const year = report.year ?? null;

  // prose statistics
  report.statistics.forEach((stat) => {
    if (stat.mention === 'slogan' || !stat.label) return;
    const n = stat.narrative != null ? report.narratives[stat.narrative] : undefined;
    const subject: Subject =
      n?.reportKind === 'project' ? { kind: 'project', project: n.projectIndex ?? null, name: n.project ?? null } : DEPT;
    const statement = statementOf(stat.figure, stat.dimension === 'money' ? '万元' : null, stat.dimension);
    const base = { source: 'narrative' as const, subject, year: statYear(stat) ?? year, statement, location: stat.loc, text: stat.sentence, stat };
    const items = stat.each && stat.each > 1 ? listedItems(stat.label) : [];
    if (items.length === stat.each) {
      items.forEach((item, k) => facts.push({ ...base, id: `stat:${stat.id}#${k}`, measure: measureOf(item), eachOf: stat.label }));
    } else {
      facts.push({ ...base, id: `stat:${stat.id}`, measure: measureOf(stat.label) });
    }
  });

  // self-evaluation forms: indicators and the budget block
  const forms = [...(report.deptSelfEval ? [{ form: report.deptSelfEval, base: 'deptSelfEval', subject: DEPT }] : [])];
  report.projects.forEach((p, i) => forms.push({ form: p as never, base: `projects[${i}]`, subject: { kind: 'project', project: i, name: p.name?.text.trim() || null } }));
  for (const { form, base, subject } of forms) {
    const formYear = form.year ?? year;
    form.indicators.forEach((ind: Indicator, i: number) => {
      if (ind.notApplicable) return;
      const measure = measureOf(ind.level3);
      const add = (field: 'actual' | 'target', fact: Fact, figure: Figure | null) => {
        if (!figure) return;
        facts.push({
          id: `${base}.indicators[${i}].${field}`,
          source: field === 'actual' ? 'indicator-actual' : 'indicator-target',
          measure,
          subject,
          year: formYear,
          statement: statementOf(figure, null, null),
          location: fact.loc,
          text: fact.text,
        });
      };
      add('actual', ind.actual, ind.actualMeasure.figure ?? ind.actual.figure);
      add('target', ind.target, ind.targetMeasure.figure ?? ind.target.figure);
    });
    const unit = form.budget?.unit ?? '万元';
    form.budget?.rows.forEach((row, r) => {
      for (const field of ['initialBudget', 'fullYearBudget', 'executed'] as const) {
        const fact = row[field];
        if (!fact?.figure) continue;
        facts.push({
          id: `${base}.budget.rows[${r}].${field}`,
          source: 'budget',
          measure: measureOf(`${row.label}${field}`),
          subject,
          year: formYear,
          statement: statementOf(fact.figure, unit, 'money'),
          location: fact.loc,
          text: fact.text,
        });
      }
    });
  }

  // 基础数据表 经费控制情况
  const bd = report.basicData;
  bd?.spending.forEach((row, r) => {
    for (const column of ['previousFinal', 'budget', 'final'] as const) {
      const fact = row[column];
      if (!fact?.figure) continue;
      facts.push({
        id: `basicData.spending[${r}].${column}`,
        source: 'basic-data',
        measure: measureOf(row.label),
        subject: DEPT,
        year: columnYear(bd.year ?? year, column),
        statement: statementOf(fact.figure, '万元', 'money'),
        location: fact.loc,
        text: fact.text,
        parentLabel: row.parent,
        column,
      });
    }
  });

  const byId = new Map(facts.map((f) => [f.id, f]));
  const byKey = new Map<string, IndexedFact[]>();
  const byStat = new Map<string, IndexedFact[]>();
  for (const f of facts) {
    const list = byKey.get(f.measure.key) ?? [];
    list.push(f);
    byKey.set(f.measure.key, list);
    if (f.stat) {
      const s = byStat.get(f.stat.id) ?? [];
      s.push(f);
      byStat.set(f.stat.id, s);
    }
  }
  return { facts, byId, byKey, byStat };
}

function columnYear(y: number | null, column: string): number | null {
  if (y === null) return null;
  return column === 'previousFinal' ? y - 1 : y;
}

/** "2022年…" at the start of the sentence: the figure's own year when the prose names one. */
function statYear(stat: NarrativeStat): number | null {
  const m = /(20\d\d)\s*年(?!\d)/.exec(stat.sentence.slice(0, Math.max(0, stat.sentence.indexOf(stat.figure.text))));
  return m ? Number(m[1]) : null;
}

/** The statement of a written figure in the comparison unit, with the interval its writing allows. */
export function statementOf(figure: Figure, defaultUnit: string | null, dimension: Statement['dimension'] | null): Statement {
  const n = normalize(figure, defaultUnit);
  const dim = dimension ?? unitInfo(n.unit)?.dimension ?? (n.unit === '%' ? 'percent' : 'count');
  const v = Rational.parse(n.value);
  const h = dim === 'count' && n.decimals === 0 ? Rational.of(0) : halfUnit(n.decimals);
  let lo: Rational | null = v.sub(h);
  let hi: Rational | null = v.add(h);
  const exact = figure.comparator === '=' && !figure.approximate;
  if (figure.comparator === '>=' || figure.comparator === '>') hi = null;
  else if (figure.comparator === '<=' || figure.comparator === '<') lo = null;
  else if (figure.comparator === '~') [lo, hi] = [null, null];
  return { figure, value: n.value, decimals: n.decimals, unit: n.unit, dimension: dim, exact, lo, hi };
}

/** Do two statements allow a common value? */
export function statementsMeet(a: Statement, b: Statement): boolean {
  const aboveB = a.lo !== null && b.hi !== null && a.lo.gt(b.hi);
  const aboveA = b.lo !== null && a.hi !== null && b.lo.gt(a.hi);
  return !aboveA && !aboveB;
}
export { copiedClausePairs } from './copied.js';
export { proseTargets, type ProseTarget } from './targets.js';
export { findClaims, type Claim } from './claims.js';
