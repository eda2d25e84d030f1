import type { Evidence } from '../../schemas/finding.js';
import type { Indicator } from '../../schemas/records.js';
import type { Report } from '../../schemas/report.js';
import { factIndex, findClaims, proseTargets, type Claim } from '../facts/index.js';
import { factEvidence } from './finding.js';
import { attainment } from './lib/targets.js';
import { evidenceOf } from './lib/cross-part.js';
import type { FindingDraft, Rule } from './types.js';

interface Miss {
  /** "发放残疾人机动轮椅车燃油补贴人次数：年度指标值不低于180人，实际完成值164人". */
  text: string;
  values: [number, number];
  evidence: Evidence[];
}

/** An indicator-shaped view of a prose target and actual, to judge attainment by one rule (lib/targets). */
function asIndicator(name: string, target: Indicator['targetMeasure']['figure'], actual: Indicator['actualMeasure']['figure']): Indicator {
  const empty = { text: '', figure: null, loc: { part: null, table: null, row: null, col: null, page: null, paragraph: null } };
  return {
    level1: '', level1Points: null, level2: '', level3: name, nature: null,
    target: { ...empty, figure: target }, actual: { ...empty, figure: actual }, unit: null,
    weight: empty, score: empty, reason: { text: '', loc: empty.loc },
    targetMeasure: { text: target?.text ?? '', figure: target, qualitative: false },
    actualMeasure: { text: actual?.text ?? '', figure: actual, qualitative: false },
    notApplicable: false, loc: empty.loc,
  };
}

/** Indicators of the claim's own subject (the report's form) that missed their target. */
function tableMisses(report: Report, claim: Claim): Miss[] {
  const form = claim.subject.kind === 'dept' ? report.deptSelfEval : claim.subject.project !== null ? report.projects[claim.subject.project] : null;
  if (!form) return [];
  const out: Miss[] = [];
  for (const ind of form.indicators) {
    const a = attainment(ind);
    if (!a || a.status !== 'missed' || a.actual.comparator !== '=' || a.actual.approximate) continue;
    out.push({
      text: `${form.part}“${ind.level3}”年度指标值${ind.target.text.trim()}，实际完成值${ind.actual.text.trim()}`,
      values: [a.actualValue.toNumber(), a.targetValue.toNumber()],
      evidence: [factEvidence(ind.target, 'target'), factEvidence(ind.actual, 'actual')],
    });
  }
  return out;
}

/** Targets and actuals the same report states in prose that were missed. */
function proseMisses(report: Report, claim: Claim): Miss[] {
  const out: Miss[] = [];
  for (const p of proseTargets(factIndex(report))) {
    if (p.target.stat!.narrative !== claim.narrative) continue;
    const a = attainment(asIndicator(p.name, p.target.statement.figure, p.actual.statement.figure));
    if (!a || a.status !== 'missed' || a.actual.comparator !== '=' || a.actual.approximate) continue;
    out.push({
      text: `“${p.name}”指标值${p.target.statement.figure.text.trim()}，实际完成值${p.actual.statement.figure.text.trim()}`,
      values: [a.actualValue.toNumber(), a.targetValue.toNumber()],
      evidence: [evidenceOf(p.target, 'target'), evidenceOf(p.actual, 'actual')],
    });
  }
  return out;
}

/**
 * X5 (issue 19): a claim the numbers contradict. The report says its targets were met
 * ("该资金项目已按照计划完成目标", "全面完成年度目标任务", "各项指标均已完成") while its own indicator
 * table, or the targets and actuals it states in prose ("年初指标值为不低于180人，全年实际完成值164人"),
 * show a target missed. Only claims about the targets as a whole, unhedged (基本完成 is not a claim),
 * against the indicators of the same subject (a project report against its own form).
 */
export const rule: Rule = {
  meta: {
    id: 'claimed-met-contradicted',
    // v2: an indicator named across wrapped lines (财政供养人⏎员控制率) is read lower-is-better as its one-line name is (lib/targets.ts lowerIsBetter).
    version: 2,
    severity: 'warning',
    catalogue: 'X5',
    title: { zh: '称已完成目标而数字显示未完成', en: 'Targets claimed met while the figures show a miss' },
    description: {
      zh: '叙述称目标已全部完成（已按计划完成目标、全面完成、圆满完成等），而同一主体的绩效指标（自评表或文中所列指标值与实际完成值）显示有指标未达到年度指标值。',
      en: 'The narrative claims the targets were met while an indicator of the same subject (table, or target and actual stated in prose) missed its target.',
    },
    formula: '称“全部完成” ⇒ 每个定量指标 实际完成值 达到 年度指标值（按指标方向：不低于/不高于）',
    tolerance: '按书写值比较，不作舍入放宽：实际完成值未达到年度指标值（“不低于180人”对164人）即为未完成；约数与单侧实际值不判断',
    families: 'all',
    source: 'issue 19 class 5；财预〔2020〕10号 自评要求（未完成目标须说明原因）',
  },
  check(report, ctx) {
    const drafts: FindingDraft[] = [];
    if (!report.narratives.length) return drafts;
    const done = new Set<number>();
    for (const claim of findClaims(report, ctx.document)) {
      if (done.has(claim.narrative)) continue; // one finding per report: the first claim
      const misses = [...tableMisses(report, claim), ...proseMisses(report, claim)];
      if (!misses.length) continue;
      done.add(claim.narrative);
      drafts.push({
        message: {
          zh: `${claim.location.part}称“${claim.words}”，但${misses.map((m) => m.text).join('；')}，未达到年度指标值`,
          en: `${claim.location.part} claims the targets were met ("${claim.words}") but ${misses.length} indicator(s) missed their target`,
        },
        values: misses.flatMap((m) => m.values),
        evidence: [{ text: claim.sentence, value: null, location: claim.location, role: 'claim' }, ...misses.flatMap((m) => m.evidence)],
        expected: '实际完成值达到年度指标值',
        observed: misses.map((m) => m.text).join('；'),
        tolerance: '按书写值比较（计数与百分比不作舍入放宽）',
        params: { claim: claim.words, misses: misses.length },
        part: claim.location.part,
      });
    }
    return drafts;
  },
};
