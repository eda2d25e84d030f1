import type { Severity } from '../../schemas/finding.js';
import { explainPair, factIndex, measureOf, sharedWords, type FactPair, type IndexedFact } from '../facts/index.js';
import { Rational } from '../numbers/decimal.js';
import { evidenceOf, pairParams, plainValue, WARN_PAIR } from './lib/cross-part.js';
import type { FindingDraft, Rule } from './types.js';

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
    version: 1,
    severity: 'warning',
    catalogue: 'X2',
    title: { zh: '同一指标在两张表中填报不同', en: 'The same indicator reported differently in two tables' },
    description: {
      zh: '同一年度、同一部门的同一绩效指标（名称相同，满意度/满意率、招投标/招标视为同词）在不同自评表中的实际完成值不同；数值不同为警告，仅精度或限定词不同为提示。',
      en: 'The same indicator (same name) has different actual values in two self-evaluation tables of the same department and year.',
    },
    formula: '同一指标的实际完成值在各表相同',
    tolerance: '按书写值比较：数值不同即提示（区间相交也提示，因书写者改了数字）；数值相同仅精度/限定词不同为 info',
    families: 'all',
    source: 'issue 19 class 2',
  },
  check(report) {
    const index = factIndex(report);
    const drafts: FindingDraft[] = [];
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
