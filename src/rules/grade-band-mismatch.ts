import type { Evidence } from '../../schemas/finding.js';
import type { Location } from '../../schemas/location.js';
import type { GradeBand, GradeStatement } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { factIndex } from '../facts/index.js';
import { NATIONAL_BANDS } from '../narrative/grades.js';
import { intervalOf, Rational } from '../numbers/decimal.js';
import { formOfSubject, printedTotalScore } from './lib/forms.js';
import { STATED_SCORE_LABEL } from './stated-score-mismatch.js';
import type { FindingDraft, Rule } from './types.js';

/** A score the grade is checked against, with where it stands and what to call it. */
interface Score {
  text: string;
  value: string;
  decimals: number;
  loc: Location;
  /** 文中所述自评得分 / 自评表总分得分 …, for the message. */
  name: string;
  byStructure: boolean;
}

const R = Rational.parse;

/** Is a value inside a band, by the band's own inclusion of its ends? */
function inside(b: GradeBand, v: Rational): boolean {
  if (b.min !== null && (b.minInclusive ? v.lt(R(b.min)) : v.le(R(b.min)))) return false;
  if (b.max !== null && (b.maxInclusive ? v.gt(R(b.max)) : v.ge(R(b.max)))) return false;
  return true;
}

/** 80（含）–90分, 90分（含）以上, 60分以下. */
function bandText(b: GradeBand): string {
  if (b.text) return b.text;
  if (b.min !== null && b.max !== null) return `${b.min}${b.minInclusive ? '（含）' : ''}–${b.max}分${b.maxInclusive && b.max !== '100' ? '（含）' : ''}`;
  if (b.min !== null) return `${b.min}分${b.minInclusive ? '（含）' : ''}以上`;
  return `${b.max}分${b.maxInclusive ? '（含）' : ''}以下`;
}

/**
 * The score a grade is given for: the one its own sentence states ("自评得分95.5分，评价等级为优"); else, for a
 * self-evaluation's grade of the report's own subject and year, the total score the same narrative report states
 * (one value), else its form's 总分 得分 (or the score at the form's head) on a 100-point form.
 */
function scoreOf(report: Report, g: GradeStatement): Score | null {
  if (g.score) return { ...g.score, name: '同句所述得分', byStructure: false };
  if (g.evaluator !== 'self' || g.subject === null || (g.year !== null && report.year !== null && g.year !== report.year)) return null;
  const stated = factIndex(report).facts.filter(
    (f) => f.source === 'narrative' && f.stat?.narrative === g.narrative && f.statement.unit === '分' && f.statement.exact && STATED_SCORE_LABEL.test(f.stat.label),
  );
  const values = new Set(stated.map((f) => R(f.statement.value).toString(4)));
  if (values.size === 1) {
    const f = stated[0];
    if (Number(f.statement.value) > 100) return null;
    return { text: f.statement.figure.text.trim(), value: f.statement.value, decimals: f.statement.decimals, loc: f.location, name: '文中所述得分', byStructure: false };
  }
  if (values.size > 1) return null;
  const paired = formOfSubject(report, { kind: g.subject, project: g.projectIndex });
  if (!paired) return null;
  const own = printedTotalScore(paired.form);
  const weight = paired.form.total?.weight?.figure;
  if (!own || (weight && !R(weight.value).eq(R('100')))) return null;
  const figure = own.fact.figure!;
  return { text: own.fact.text.trim(), value: figure.value, decimals: figure.decimals, loc: own.fact.loc, name: `${paired.form.part}${own.name}`, byStructure: paired.byStructure };
}

/**
 * grade30: the grade a report states (评价等级/等次 优/良/中/差, 优秀/良好/合格/不合格) must be the band its score falls in —
 * the report's own printed bands when it prints them, else 财预〔2020〕10号's (90（含）–100 优, 80（含）–90 良, 60（含）–80 中,
 * 60以下 差). A score clearly inside another band → warning; one whose ±½ unit of its last decimal reaches the grade's band
 * (90分 written for 89.6) → info. Tallies, several things graded at once, other years' and other things' grades are not
 * read as grades (src/narrative/grades.ts); v2: a grade in another evaluator's report (evaluatedByOther: its title names a
 * 重点评价, or its opening says the finance bureau commissioned it) is that evaluator's — checked against the score its own
 * sentence states, never against the unit's self-evaluation score or form.
 */
export const rule: Rule = {
  meta: {
    id: 'grade-band-mismatch',
    version: 2,
    severity: 'warning',
    catalogue: 'D11',
    title: { zh: '评价等级与得分所在档次不符', en: 'Stated grade does not fit the band of the score' },
    description: {
      zh: '文中所述评价等级（等次）应为其得分所在档次：得分取同句所述得分，否则取同一叙述报告所述自评总得分，再无则取同一主体自评表的总分得分（满分100分时）；档次以报告自列的分档标准为准，未列时按财预〔2020〕10号（90（含）–100优、80（含）–90良、60（含）–80中、60以下差；优秀/良好/合格/不合格同档）。得分明显落在他档为警告；得分按书写精度±½末位可落入所写等级之档为提示。他年、他单位、第三方对他事的评价等级，以及“等级为优的项目6个”之类统计不查；他方评价报告（题目写明重点评价或第三方，或开头写明财政部门委托他方评价）所写等级，除同句写明自评外视为他方评价：同句写有得分时照查，未写得分时不与本单位自评得分或自评表总分比对（v2）。',
      en: 'A stated grade (评价等级/等次) must be the band its score falls in: the score stated in the same sentence, else the total score the same narrative states, else the 总分 score of the same subject’s form (on 100 points); the report’s own printed bands govern, else the national bands of 财预〔2020〕10号. A score clearly inside another band is a warning; one whose ±½ unit of its last decimal reaches the stated grade’s band is info. Grades of other years, other units and tallies are not checked. A grade in another evaluator’s report (its title names a 重点评价 or a third party, or its opening says the finance bureau commissioned the evaluation) is that evaluator’s unless its sentence says 自评: checked against a score its own sentence states, never against the unit’s self-evaluation score or form (v2).',
    },
    formula: '所写等级 = 得分所在档次（报告自列分档，否则 90（含）–100 优 / 80（含）–90 良 / 60（含）–80 中 / 60以下 差）',
    tolerance: '得分按书写精度±½末位：区间触及所写等级之档为提示，否则为警告',
    families: 'all',
    source: '财预〔2020〕10号 项目支出绩效评价管理办法 第二十九条（评价结果等级）',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    const seen = new Set<string>();
    for (const g of report.grades ?? []) {
      const score = scoreOf(report, g);
      if (!score) continue;
      const bands = g.bands ?? NATIONAL_BANDS;
      const own = bands.find((b) => b.rank === g.rank);
      const v = R(score.value);
      if (!own || inside(own, v)) continue;
      const fits = bands.find((b) => inside(b, v));
      if (!fits) continue;
      const key = `${g.subject}:${g.projectIndex}:${g.rank}:${score.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // the score's rounding interval reaching the grade's band (its ends taken closed): a band's edge, not a clear mismatch
      const { lo, hi } = intervalOf(score.value, score.decimals);
      const nearEdge = (own.min === null || hi.ge(R(own.min))) && (own.max === null || lo.le(R(own.max)));
      const printed = g.bands !== null;
      const expectedGrade = printed ? fits.grade : sameScale(fits, g.grade);
      const basis = printed ? '按报告所列分档' : '按财预〔2020〕10号分档';
      const evidence: Evidence[] = [
        { text: g.sentence, value: null, location: g.loc, role: 'grade' },
        { text: score.text, value: v.toNumber(), location: score.loc, role: 'score' },
      ];
      const edgeNote = nearEdge ? `（得分按书写精度可能为${bandText(own)}，请核对）` : '';
      const pairNote = score.byStructure ? '（报告未写明项目，按文档唯一的项目自评表对应，请核对）' : '';
      drafts.push({
        severity: nearEdge || score.byStructure ? 'info' : 'warning',
        message: {
          zh: `${score.name}${score.text}${basis}应为“${expectedGrade}”（${bandText(fits)}），${g.loc.part ?? '报告'}写为“${g.grade}”${edgeNote}${pairNote}`,
          en: `A score of ${score.text} is “${expectedGrade}” (${bandText(fits)}) by ${printed ? 'the report’s own bands' : 'the national bands'}, but ${g.loc.part ?? 'the report'} states “${g.grade}”${nearEdge ? ' (at a band edge with rounding)' : ''}`,
        },
        values: [v.toNumber()],
        evidence,
        expected: `${expectedGrade}（${bandText(fits)}）`,
        observed: g.grade,
        tolerance: nearEdge ? `得分${score.text}按±½末位区间[${lo.toString(4)}, ${hi.toString(4)}]触及“${g.grade}”档（${bandText(own)}）` : `得分${score.text}按±½末位区间[${lo.toString(4)}, ${hi.toString(4)}]不触及“${g.grade}”档（${bandText(own)}）`,
        params: { bands: printed ? 'report' : 'national', scoreFrom: score.name, subject: g.subject, evaluator: g.evaluator },
        part: g.loc.part,
      });
    }
    return drafts;
  },
};

/** The national band's grade in the words the report uses: 优秀/良好/合格/不合格 when it writes one of them, else 优/良/中/差. */
function sameScale(b: GradeBand, written: string): string {
  if (!['优秀', '良好', '合格', '不合格'].includes(written)) return b.grade;
  return ['优秀', '良好', '合格', '不合格'][b.rank - 1];
}
