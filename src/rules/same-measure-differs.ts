import type { Severity } from '../../schemas/finding.js';
import { explainPair, factIndex, measureOf, MONEY_TOLERANCE, pairMoney, sharedWords, type FactPair, type IndexedFact, type MoneyPair } from '../facts/index.js';
import { Rational } from '../numbers/decimal.js';
import { evidenceOf, pairParams, plainValue, severityFor, WARN_PAIR } from './lib/cross-part.js';
import { paramsOf } from './lib/forms.js';
import { spendingColumnLabel } from './lib/spending.js';
import type { Report } from '../../schemas/report.js';
import type { FindingDraft, Rule, RuleContext } from './types.js';

/**
 * Measures that belong to one subject: a project's money, its execution rate, its cost. The same
 * name in two forms is two facts (each project's own), never one fact stated twice.
 */
const OWN_TO_SUBJECT = /执行率|预算|资金|经费|成本|支出|金额|费用|投资|到位|拨付|时间|时限|进度/;

/** Words of project names that do not tell one project from another. */
const GENERIC_NAME = /专项|资金|项目|经费|工作|管理|建设|补助|补贴|服务|中央|省级|市级|县级|财政|转移支付/g;

/**
 * The measure names the project the other fact belongs to ("公开招投标项目监管服务满意率" and the
 * 招投标监督管理专项): the department's indicator is then about that project, and the two tables state
 * one fact. Returns the shared words, or null.
 */
function namesProject(f: IndexedFact, other: IndexedFact): string | null {
  const project = other.subject.kind === 'project' ? other.subject.name : f.subject.kind === 'project' ? f.subject.name : null;
  if (!project) return null;
  const words = measureOf(project).key.replace(GENERIC_NAME, '|');
  for (const w of words.split('|')) {
    const shared = sharedWords(w, f.measure.key);
    if (shared.length >= 2) return shared;
  }
  return null;
}

/**
 * X2 (issue 19): the same indicator reported differently in two tables — 公开招投标项目监管服务满意率
 * 实际完成值 100% in the 部门整体支出绩效自评表, "95%以上" in the 招投标监督管理专项 project table.
 * Overlapping intervals are not an arithmetic error, but one measure of one year in one department
 * stated two ways is: a warning when the written values differ, info when one is only less precise
 * (95% / 95%以上, 95% / 95.0%). One finding per measure, listing every way it is stated.
 *
 * A name alone does not make one fact: 群众满意度, 政策知晓率, 培训人次 are indicators of every
 * project and of the department, each its own. Two statements are paired only when the measure names
 * the project (招投标 in both the indicator and the project's name); the reasons say so.
 */
export const rule: Rule = {
  meta: {
    id: 'same-measure-differs',
    version: 3,
    severity: 'warning',
    catalogue: 'X2',
    title: { zh: '同一指标在两张表中填报不同', en: 'The same indicator reported differently in two tables' },
    description: {
      zh: '同一年度、同一部门的同一绩效指标（名称相同，满意度/满意率、招投标/招标视为同词）在不同自评表中的实际完成值不同；数值不同为警告，仅精度或限定词不同为提示。同一支出性质的支出金额（基础数据表“项目支出”“公用经费”本年决算数与部门整体支出绩效自评表“按支出性质分”同名行）两表不一致亦为警告（两表口径可能不同，故不为错误）。',
      en: 'The same indicator (same name) has different actual values in two self-evaluation tables of the same department and year; the same line of spending by nature (the 基础数据表’s 项目支出 / 公用经费 final amounts, the department form’s 按支出性质分 lines) stated with amounts that cannot be equal is a warning too.',
    },
    formula: '同一指标的实际完成值在各表相同；基础数据表 项目支出（公用经费）本年决算数 = 自评表 按支出性质分 项目支出（公用经费）',
    tolerance: `指标按书写值比较：数值不同即提示（区间相交也提示，因书写者改了数字）；数值相同仅精度/限定词不同为 info。${MONEY_TOLERANCE}，区间不相交为警告`,
    families: 'all',
    source: 'issue 19 class 2；湖南部门整体支出绩效评价基础数据表与部门整体支出绩效自评表（同一部门同一年度），catalogue B1',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const index = factIndex(report);
    const drafts: FindingDraft[] = spentDiffers(report, index.facts, ctx);
    const groups = new Map<string, IndexedFact[]>();
    for (const f of index.facts) {
      if (f.source !== 'indicator-actual' || f.statement.dimension === 'money') continue;
      if (f.measure.key.length < 4 || OWN_TO_SUBJECT.test(f.measure.key)) continue;
      const key = `${f.measure.key}|${f.statement.unit ?? ''}|${f.year ?? ''}`;
      const g = groups.get(key) ?? [];
      g.push(f);
      groups.set(key, g);
    }
    for (const facts of groups.values()) {
      if (new Set(facts.map((f) => f.location.part)).size < 2) continue;
      // distinct statements, each with the places stating it
      const byWriting = new Map<string, IndexedFact[]>();
      for (const f of facts) {
        const w = `${f.statement.figure.comparator}|${f.statement.figure.approximate}|${f.statement.figure.value}`;
        const list = byWriting.get(w);
        if (list) list.push(f);
        else byWriting.set(w, [f]);
      }
      if (byWriting.size < 2) continue;
      const firsts = [...byWriting.values()].map((list) => list[0]);
      let best: { pair: FactPair; severity: Severity } | null = null;
      for (let i = 0; i < firsts.length; i++) {
        for (let j = i + 1; j < firsts.length; j++) {
          const named = namesProject(firsts[i], firsts[j]);
          if (!named) continue;
          const pair = explainPair(firsts[i], firsts[j]);
          pair.reasons.push(`指标名称提及该项目（“${named}”）`);
          const valueDiffers = !Rational.parse(firsts[i].statement.value).eq(Rational.parse(firsts[j].statement.value));
          const severity: Severity = valueDiffers && pair.confidence >= WARN_PAIR ? 'warning' : 'info';
          if (!best || (severity === 'warning' && best.severity === 'info') || (severity === best.severity && pair.confidence > best.pair.confidence)) best = { pair, severity };
        }
      }
      if (!best) continue;
      const statements = [...byWriting.values()].map((list) => `${list.map((f) => f.location.part ?? '自评表').join('、')}为${list[0].statement.figure.text.trim() || list[0].text}`);
      const { pair, severity } = best;
      drafts.push({
        severity,
        message: {
          zh: `指标“${pair.a.measure.words}”的实际完成值在各表中不同：${statements.join('；')}${severity === 'info' ? '（仅精度或限定词不同）' : ''}（配对依据：${pair.reasons.join('，')}）`,
          en: `Indicator "${pair.a.measure.words}" has different actual values: ${[...byWriting.values()].map((l) => `${l[0].location.part}: ${l[0].statement.figure.text}`).join('; ')}`,
        },
        values: firsts.map(plainValue),
        evidence: [...byWriting.values()].flatMap((list, k) => list.map((f) => evidenceOf(f, k === 0 ? 'stated' : 'restated'))),
        expected: pair.a.statement.figure.text.trim(),
        observed: pair.b.statement.figure.text.trim(),
        tolerance: '同一指标同一年度的书写值须相同；仅精度或“以上/约”等限定词不同为提示',
        params: pairParams(pair),
        part: pair.a.location.part ?? null,
      });
    }
    return drafts;
  },
};

/** 按支出性质分 line names, for messages. */
const SPENT_NAMES: Record<string, string> = { basic: '基本支出', project: '项目支出', staff: '人员经费', operating: '公用经费' };

/** Where a spent amount is written, as the reviewer finds it: "部门整体支出绩效评价基础数据表「项目支出」2023年决算数", "部门整体支出绩效自评表按支出性质分项目支出". */
function spentPlace(report: Report, f: IndexedFact): string {
  const name = SPENT_NAMES[f.spent!];
  if (f.source === 'basic-data' && report.basicData) return `${f.location.part ?? report.basicData.part}「${name}」${spendingColumnLabel(report.basicData, 'final')}`;
  return `${f.location.part ?? '自评表'}按支出性质分${name}`;
}

/**
 * One line of spending by nature stated in two parts (the 基础数据表's 项目支出 本年决算数 and the
 * department form's 按支出性质分 项目支出 — hn-hengshan-guantang-2023: 1025.20 in both): one amount of
 * one department and year, from the fact index (facts carrying `spent`), compared on the index's
 * money-pair path (pairMoney: one unit, one rounding, one pairing explanation). A warning when the
 * two writings allow no common value; one finding per line and year, the 基础数据表 first.
 */
function spentDiffers(report: Report, facts: readonly IndexedFact[], ctx: RuleContext): FindingDraft[] {
  const p = paramsOf(ctx);
  const byLine = new Map<string, IndexedFact[]>();
  for (const f of facts) {
    if (!f.spent || f.subject.kind !== 'dept') continue;
    const list = byLine.get(f.spent);
    if (list) list.push(f);
    else byLine.set(f.spent, [f]);
  }
  const out: FindingDraft[] = [];
  for (const list of byLine.values()) {
    const stated = list.sort((x, y) => Number(y.source === 'basic-data') - Number(x.source === 'basic-data'));
    let found: MoneyPair | null = null;
    for (let i = 0; i < stated.length && !found; i++) {
      for (let j = i + 1; j < stated.length && !found; j++) {
        const [a, b] = [stated[i], stated[j]];
        // two years are two amounts; one part states each line once
        if (a.source === b.source || (a.year !== null && b.year !== null && a.year !== b.year)) continue;
        const pair = pairMoney(a, b, { line: SPENT_NAMES[a.spent!] }, p.moneyDecimals);
        if (pair && !pair.meet) found = pair;
      }
    }
    if (!found) continue;
    const { a, b } = found;
    // as written when in another unit (3597300元), else in the 万元 of the forms
    const written = (f: IndexedFact) => (f.statement.figure.unit && f.statement.figure.unit !== '万元' ? f.statement.figure.text.trim() : `${f.statement.figure.value}万元`);
    out.push({
      severity: severityFor(found.confidence),
      message: {
        zh: `${spentPlace(report, a)}${written(a)}，与${spentPlace(report, b)}${written(b)}不一致（同一部门同一年度的同一金额；配对依据：${found.reasons.join('，')}）`,
        en: `${SPENT_NAMES[a.spent!]}: ${a.location.part} ${a.statement.figure.value} vs ${b.location.part} ${b.statement.figure.value} (one amount of one department and year)`,
      },
      values: [plainValue(a), plainValue(b)],
      evidence: [evidenceOf(a, 'stated'), evidenceOf(b, 'restated')],
      expected: written(a),
      observed: written(b),
      tolerance: found.tolerance,
      params: { ...pairParams(found), family: p.family, moneyDecimals: p.moneyDecimals, line: a.spent },
      part: a.location.part ?? null,
    });
  }
  return out;
}
