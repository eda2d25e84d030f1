import {
  restatementAgrees,
  restatementOf,
  restatementTolerance,
  placeName,
  plain,
  printedUnit,
  statEvidence,
  statPhrase,
  targetEvidence,
} from '../narrative/compare.js';
import type { FigureLink, NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { matchEntity, type EntityMatch } from '../facts/entity.js';
import type { Normalized } from '../narrative/compare.js';
import type { FindingDraft, Rule } from './types.js';

/** A link at or above this confidence is "sure": a disagreement is an error, below it a warning. */
export const SURE_LINK = 0.8;
/** Below this a link is not made sure by names alone. */
const NAMED_LINK = 0.5;

/** Role words of a prose amount that are not part of the entity's name ("招投标监督管理专项项目5万元", "工作经费开支"). */
const ROLE_WORDS = /(?:全年|年度)?(?:实际)?(?:支出|开支|执行数?|使用|花费|拨付|支付)(?:数|金额)?(?:为|了)?$|^(?:其中[：:]?|市财政安排|财政安排|安排)/g;

/**
 * The entity a table target belongs to (a project's form, a 基础数据表 row) against the entity the
 * prose names (its label, or the project its report is about): F3 names compared (src/facts/entity.ts).
 */
function entityOf(report: Report, link: FigureLink, stat: NarrativeStat): EntityMatch | null {
  const ref = link.target.ref;
  const project = /^projects\[(\d+)\]/.exec(ref);
  const row = /^basicData\.spending\[(\d+)\]/.exec(ref);
  const tableName = project ? report.projects[Number(project[1])]?.name?.text : row ? report.basicData?.spending[Number(row[1])]?.label : undefined;
  if (!tableName) return null;
  const narrative = stat.narrative != null ? report.narratives[stat.narrative] : undefined;
  const spoken = stat.label.replace(ROLE_WORDS, '');
  const byLabel = spoken.length >= 2 ? matchEntity(spoken, tableName) : null;
  if (byLabel?.sure || !narrative?.project || narrative.reportKind !== 'project') return byLabel;
  // a project's own report: its project is the entity of "本项目/此项目/全年支出"
  const byReport = matchEntity(narrative.project, tableName);
  return byReport ? { sure: byReport.sure, reason: `项目报告所述本项目：${byReport.reason}` } : byLabel;
}

/**
 * A money amount in a form column of two-decimal amounts written as an integer ("5", "20") has two
 * decimals with the zeros omitted (catalogue: Rounding): 5.5万元 in the prose is not the form's 5.
 */
function asFormAmount(n: Normalized, link: FigureLink, money: boolean): Normalized {
  if (!money || link.target.kind !== 'table' || n.coarse || n.decimals >= 2) return n;
  return { ...n, decimals: 2 };
}

/**
 * B1: one figure for the same thing agrees everywhere — a narrative figure against the table figure
 * it restates (项目全年执行数, 按支出性质分, 基础数据表 rows, staffing) and against the same
 * statement in another narrative section. Approximate figures are B3's business.
 */
export const rule: Rule = {
  meta: {
    id: 'figure-mismatch',
    version: 8,
    severity: 'error',
    catalogue: 'B1',
    title: { zh: '同一数字前后不一致', en: 'The same figure stated differently' },
    description: {
      zh: '叙述报告中的数字与其复述的表格数字（或另一处叙述）不一致；链接确定时为错误，链接模糊时为警告并写明配对依据。项目名称按同一对象比较（不计年度、括号、“项目”后缀；“专项/经费”后缀或仅差一字为模糊）；金额按元/万元/亿元换算；约数（约、近、余）不在此列（B3 提示）；另一处叙述的数等于此数所列分项之一（“下达113万元，其中A项目48万元…”与“A项目：下达48万元”）时，复述的是该分项，不作比较；两处百分比所在句子各有金额或数量而无一相同（“收、支总计…增长11.87%”与“本年收入合计…增长17.79%”）时，是不同基数之比，不作比较；一处是以“绩效目标：”“目标：”“计划：”开头的目标句、另一处不是（“绩效目标：…资金完成173万元”与“…资金完成61.99万元”）时，是目标与完成情况，不作比较。',
      en: 'A narrative figure disagrees with the table figure (or other narrative statement) it restates; error when the link is sure, warning (with the pairing basis) when it is fuzzy. Names are compared as one entity (years, brackets, a 项目 suffix set aside); amounts in 元/万元/亿元 are converted; approximate figures are left to B3 (a note); a statement whose value is one of the parts the other lists ("下达113万元，其中A项目48万元…" / "A项目：下达48万元") restates that part and is not compared; two percentages whose sentences each name amounts, none of them equal ("收、支总计… 增长11.87%" / "本年收入合计… 增长17.79%"), are ratios of different bases and are not compared; a goal (a sentence opening 绩效目标： / 目标： / 计划：) and a statement that is not one ("绩效目标：…资金完成173万元" / "…资金完成61.99万元") are a target and its result, not compared.',
    },
    formula: '叙述数字 = 被复述的表格数字（同精度须相同，不同精度按舍入区间）',
    tolerance: '同一精度书写须完全相同（以较大单位书写者同一单位同一精度亦然：“3亿元”与“4亿元”）；不同精度时按书写精度的舍入区间（±½末位）相交即可；表格中的万元整数视为两位小数',
    families: 'all',
    source: '部门整体支出绩效自评报告与自评表须一致（财预〔2020〕10号 自评要求）；catalogue B1',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    for (const link of report.links) {
      const r = restatementOf(report, link);
      if (!r) continue; // approximate figures (约/近/余) are B3's: approximate-restatement notes them (info)
      const b = asFormAmount(r.b, link, r.stat.dimension === 'money');
      if (restatementAgrees(r.a, b)) continue;
      const { stat, target, narrativeTarget, a } = r;
      const entity = narrativeTarget ? null : entityOf(report, link, stat);
      const byName = link.confidence < SURE_LINK && link.confidence >= NAMED_LINK && !!entity?.sure;
      const sure = link.confidence >= SURE_LINK || byName;
      const basis = entity ? `${entity.reason}；${link.reason}` : link.reason;
      const here = placeName(report, stat);
      const unitB = printedUnit(target, stat.dimension === 'money' ? '万元' : stat.figure.unit);
      const there = narrativeTarget
        ? `${placeName(report, narrativeTarget)}称${statPhrase(narrativeTarget)}`
        : `${link.target.loc.part ?? '表格'}${link.target.measure ?? ''}${target.value}${unitB}`;
      drafts.push({
        severity: sure ? 'error' : 'warning',
        message: {
          zh: `${here}称${statPhrase(stat)}，与${there}不一致${sure && !byName ? '' : `（配对依据：${basis}；关联置信度 ${link.confidence.toFixed(2)}）`}`,
          en: `${here} states ${stat.figure.text} (${stat.label}), but ${narrativeTarget ? 'another narrative section' : link.target.loc.part ?? 'the table'} gives ${target.value}${unitB}${sure ? '' : ` (link confidence ${link.confidence.toFixed(2)})`}`,
        },
        values: [plain(stat.figure), plain(target)],
        evidence: [statEvidence(stat, 'narrative'), narrativeTarget ? statEvidence(narrativeTarget, 'restated') : targetEvidence(link, 'table')],
        expected: `${target.value}${unitB}`,
        observed: stat.figure.text.trim(),
        tolerance: restatementTolerance(a, b),
        params: { linkConfidence: link.confidence, linkReason: link.reason, sureLinkThreshold: SURE_LINK, ...(entity ? { pairReasons: [entity.reason], entitySure: entity.sure } : {}) },
        part: stat.loc.part,
      });
    }
    return drafts;
  },
};
