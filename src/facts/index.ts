import type { Fact } from '../../schemas/fact.js';
import type { Figure } from '../../schemas/figure.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Indicator } from '../../schemas/records.js';
import type { Report } from '../../schemas/report.js';
import { halfUnit, Rational } from '../numbers/decimal.js';
import { normalize } from '../narrative/compare.js';
import { unitInfo } from '../narrative/units.js';
import { listedItems, measureOf } from './measure.js';
import type { Bounds, IndexedFact, Statement, Subject } from './types.js';

export type { Bounds, FactPair, IndexedFact, Measure, Statement, Subject } from './types.js';
export { explainPair, restatementGroups } from './pair.js';
export { MONEY_DECIMALS, MONEY_TOLERANCE, moneyInterval, moneyTolerance, pairMoney, type MoneyPair } from './money.js';
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

/** 按支出性质分 lines (src/recognize/budget-block.ts breakdownKey) that state money spent. */
const SPENT_LINES = new Set(['basic', 'project', 'staff', 'operating']);
/** 基础数据表 经费控制情况 rows (src/recognize/basic-data.ts) stating a 按支出性质分 line's money in their 决算数. */
const BASIC_DATA_SPENT: Record<string, string> = { project: 'project', public: 'operating' };

export function buildFactIndex(report: Report): FactIndex {
  const facts: IndexedFact[] = [];
  const year = report.year ?? null;

  // prose statistics
  const yearsBySentence = new Map<string, Array<[number, number]>>();
  for (const stat of report.statistics) {
    if (stat.mention === 'slogan' || !stat.label) continue;
    const n = stat.narrative != null ? report.narratives[stat.narrative] : undefined;
    const subject: Subject =
      n?.reportKind === 'project' ? { kind: 'project', project: n.projectIndex ?? null, name: n.project ?? null } : DEPT;
    const statement = statementOf(stat.figure, stat.dimension === 'money' ? '万元' : null, stat.dimension);
    const factYear = statYear(stat, yearsBySentence) ?? year;
    const sentenceKey = `${stat.loc.paragraph}:${stat.sentence.length}:${stat.sentence.slice(0, 12)}`;
    const items = stat.each && stat.each > 1 ? listedItems(stat.label) : [];
    if (items.length > 1 && items.length === stat.each) {
      for (let k = 0; k < items.length; k++) facts.push(proseFact(`stat:${stat.id}#${k}`, items[k], stat, subject, factYear, statement, sentenceKey, stat.label));
    } else facts.push(proseFact(`stat:${stat.id}`, stat.label, stat, subject, factYear, statement, sentenceKey, undefined));
  }

  // self-evaluation forms: indicators and the budget block
  const forms = [...(report.deptSelfEval ? [{ form: report.deptSelfEval, base: 'deptSelfEval', subject: DEPT }] : [])];
  report.projects.forEach((p, i) => forms.push({ form: p as never, base: `projects[${i}]`, subject: { kind: 'project', project: i, name: p.name?.text.trim() || null } }));
  for (const { form, base, subject } of forms) {
    const formYear = form.year ?? year;
    for (let i = 0; i < form.indicators.length; i++) {
      const ind: Indicator = form.indicators[i];
      if (ind.notApplicable) continue;
      const actual = ind.actualMeasure.figure ?? ind.actual.figure;
      const target = ind.targetMeasure.figure ?? ind.target.figure;
      if (actual) facts.push(indicatorFact(`${base}.indicators[${i}].actual`, 'indicator-actual', ind, ind.actual, actual, subject, formYear));
      if (target) facts.push(indicatorFact(`${base}.indicators[${i}].target`, 'indicator-target', ind, ind.target, target, subject, formYear));
    }
    const unit = form.budget?.unit ?? '万元';
    // 按支出性质分: the year's money spent by nature, the same lines the 基础数据表 states
    form.budget?.bySpending.forEach((line, k) => {
      if (!line.amount.figure || !SPENT_LINES.has(line.key)) return;
      facts.push({
        id: `${base}.budget.bySpending[${k}]`,
        source: 'spending-breakdown',
        measure: measureOf(line.label),
        subject,
        year: formYear,
        statement: statementOf(line.amount.figure, unit, 'money'),
        location: line.amount.loc,
        text: line.amount.text,
        spent: line.key,
      });
    });
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
        ...(column === 'final' && BASIC_DATA_SPENT[row.key] ? { spent: BASIC_DATA_SPENT[row.key] } : {}),
      });
    }
  });

  const byKey = new Map<string, IndexedFact[]>();
  for (const f of facts) {
    const list = byKey.get(f.measure.key);
    if (list) list.push(f);
    else byKey.set(f.measure.key, [f]);
  }
  // the lookups by id and by statistic are built when first asked for (no rule of the rules stage does)
  let byId: Map<string, IndexedFact> | undefined;
  let byStat: Map<string, IndexedFact[]> | undefined;
  return {
    facts,
    byKey,
    get byId() {
      return (byId ??= new Map(facts.map((f) => [f.id, f])));
    },
    get byStat() {
      if (!byStat) {
        byStat = new Map();
        for (const f of facts) {
          if (!f.stat) continue;
          const list = byStat.get(f.stat.id);
          if (list) list.push(f);
          else byStat.set(f.stat.id, [f]);
        }
      }
      return byStat;
    },
  };
}

/** One indicator fact (实际完成值 or 年度指标值). */
function indicatorFact(id: string, source: 'indicator-actual' | 'indicator-target', ind: Indicator, fact: Fact, figure: Figure, subject: Subject, year: number | null): IndexedFact {
  return { id, source, measure: measureOf(ind.level3), subject, year, statement: statementOf(figure, null, null), location: fact.loc, text: fact.text };
}

/** One prose fact (a plain function, not a closure per statistic: the index is built for every report). */
function proseFact(id: string, words: string, stat: NarrativeStat, subject: Subject, year: number | null, statement: Statement, sentenceKey: string, eachOf: string | undefined): IndexedFact {
  const f: IndexedFact = { id, source: 'narrative', measure: measureOf(words), subject, year, statement, location: stat.loc, text: stat.sentence, sentenceKey, stat };
  if (eachOf) f.eachOf = eachOf;
  return f;
}

function columnYear(y: number | null, column: string): number | null {
  if (y === null) return null;
  return column === 'previousFinal' ? y - 1 : y;
}

/** "2022年…" at the start of the sentence: the figure's own year when the prose names one. */
/** Years named in each sentence, found once per sentence of a build. */
function statYear(stat: NarrativeStat, yearsBySentence: Map<string, Array<[number, number]>>): number | null {
  const key = stat.sentence; // one string object per sentence, shared by its statistics: hashed once
  let years = yearsBySentence.get(key);
  if (!years) {
    years = [...stat.sentence.matchAll(/(20\d\d)\s*年(?!\d)/g)].map((m) => [m.index!, Number(m[1])] as [number, number]);
    yearsBySentence.set(key, years);
  }
  if (!years.length) return null;
  const at = stat.sentence.indexOf(stat.figure.text);
  let year: number | null = null;
  for (const [pos, y] of years) if (pos < at && year === null) year = y;
  return year;
}

/** The statement of a written figure in the comparison unit, with the interval its writing allows. */
export function statementOf(figure: Figure, defaultUnit: string | null, dimension: Statement['dimension'] | null): Statement {
  const n = normalize(figure, defaultUnit);
  const dim = dimension ?? unitInfo(n.unit)?.dimension ?? (n.unit === '%' ? 'percent' : 'count');
  const exact = figure.comparator === '=' && !figure.approximate;
  const statement: Statement = { figure, value: n.value, decimals: n.decimals, unit: n.unit, dimension: dim, exact };
  if (n.coarse) statement.coarse = n.coarse;
  return statement;
}

const bounds = new WeakMap<Statement, Bounds>();

/** The interval a statement allows (rounding of the written precision; open where qualified), memoized. */
export function boundsOf(s: Statement): Bounds {
  let b = bounds.get(s);
  if (!b) {
    const v = Rational.parse(s.value);
    const h = s.dimension === 'count' && s.decimals === 0 ? Rational.of(0) : halfUnit(s.decimals);
    let lo: Rational | null = v.sub(h);
    let hi: Rational | null = v.add(h);
    const c = s.figure.comparator;
    if (c === '>=' || c === '>') hi = null;
    else if (c === '<=' || c === '<') lo = null;
    else if (c === '~') [lo, hi] = [null, null];
    b = { lo, hi };
    bounds.set(s, b);
  }
  return b;
}

/** Do two statements allow a common value? */
export function statementsMeet(x: Statement, y: Statement): boolean {
  const a = boundsOf(x);
  const b = boundsOf(y);
  const aboveB = a.lo !== null && b.hi !== null && a.lo.gt(b.hi);
  const aboveA = b.lo !== null && a.hi !== null && b.lo.gt(a.hi);
  return !aboveA && !aboveB;
}
export { copiedClausePairs } from './copied.js';
export { proseTargets, type ProseTarget } from './targets.js';
export { findClaims, type Claim } from './claims.js';
