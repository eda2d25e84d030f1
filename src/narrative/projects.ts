import type { NarrativeStat } from '../../schemas/narrative.js';
import type { ProjectSelfEval } from '../../schemas/records.js';
import { Rational } from '../numbers/decimal.js';
import type { FoundReport } from './reports.js';
import { containment } from './similarity.js';

/**
 * Which project each 项目支出绩效评价报告 is about. The report rarely prints the project's name as
 * the table does (质量安全监督管专项 in the table, 质量安全监督管理专项资金 in the text), so two
 * signals are combined: how much of the project's name appears in the report's opening sections,
 * and whether an amount stated there equals the project's budget or executed amount.
 */

export interface ProjectAttribution {
  project: number | null;
  confidence: number | null;
  reason: string | null;
}

/** Sections where a project report says what it is about. */
const OPENING_KEYS = new Set(['project-basics', 'project-overview', 'funds-use', 'goal-completion']);

function openingText(r: FoundReport): string {
  const opening = new Set<number>();
  for (const s of r.sections) if (s.key && OPENING_KEYS.has(s.key)) for (const p of s.paragraphs) opening.add(p);
  const paragraphs = r.body.filter((p) => opening.has(p.paragraph));
  return (paragraphs.length > 0 ? paragraphs : r.body.slice(0, 6)).map((p) => p.text).join('\n');
}

function projectAmounts(p: ProjectSelfEval): Rational[] {
  const out: Rational[] = [];
  const total = p.budget?.rows.find((r) => r.kind === 'total') ?? p.budget?.rows[0];
  for (const f of [total?.initialBudget, total?.fullYearBudget, total?.executed]) {
    if (f?.figure && f.figure.comparator === '=') out.push(Rational.parse(f.figure.value));
  }
  return out;
}

export function attributeProjects(reports: FoundReport[], statsByReport: NarrativeStat[][], projects: ProjectSelfEval[]): ProjectAttribution[] {
  const result: ProjectAttribution[] = reports.map(() => ({ project: null, confidence: null, reason: null }));
  const pairs: Array<{ r: number; p: number; score: number; name: number; amount: boolean }> = [];
  reports.forEach((report, r) => {
    if (report.kind !== 'project') return;
    const text = openingText(report);
    const openingParagraphs = new Set(report.sections.filter((s) => s.key && OPENING_KEYS.has(s.key)).flatMap((s) => s.paragraphs));
    const money = statsByReport[r].filter(
      (s) => s.dimension === 'money' && (openingParagraphs.size === 0 || openingParagraphs.has(s.loc.paragraph ?? -1)),
    );
    projects.forEach((project, p) => {
      const name = project.name?.text ?? '';
      if (!name.trim()) return;
      const nameScore = containment(name, text);
      const amounts = projectAmounts(project);
      const amount = money.some((s) => amounts.some((a) => a.eq(Rational.parse(s.normalizedValue))));
      const score = nameScore + (amount ? 1 : 0);
      if (score >= 0.6) pairs.push({ r, p, score, name: nameScore, amount });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedReports = new Set<number>();
  const usedProjects = new Set<number>();
  for (const pair of pairs) {
    if (usedReports.has(pair.r) || usedProjects.has(pair.p)) continue;
    usedReports.add(pair.r);
    usedProjects.add(pair.p);
    const name = projects[pair.p].name?.text ?? '';
    const confidence = Math.min(1, pair.amount ? 0.5 + pair.name / 2 : pair.name * 0.8);
    const why: string[] = [`名称相似度 ${pair.name.toFixed(2)}（${name}）`];
    if (pair.amount) why.push('报告所述金额与该项目自评表预算/执行数相同');
    result[pair.r] = { project: pair.p, confidence: round2(confidence), reason: why.join('；') };
  }
  // the document's only project report and only project form, its name partly in the report but too little to pair
  // them without an amount: the report is most likely about that project (a form bound with its report), but only
  // likely — its links stay warnings. A wrong amount in the report must not hide the pairing that would show it (the
  // amount was the evidence); a report naming nothing of the project stays unpaired.
  const projectReports = reports.flatMap((r, i) => (r.kind === 'project' ? [i] : []));
  const sole = projectReports.length === 1 && projects.length === 1 ? projectReports[0] : -1;
  const soleName = projects[0]?.name?.text.trim() ?? '';
  if (sole >= 0 && result[sole].project === null && soleName && containment(soleName, openingText(reports[sole])) >= SOLE_PAIR_NAME) {
    result[sole] = { project: 0, confidence: SOLE_PAIR, reason: `文档中唯一的项目报告与唯一的项目自评表（${soleName}），名称部分相同` };
  }
  return result;
}

/** Attribution of a sole project report to the sole project form by structure and part of its name: below every sure link. */
const SOLE_PAIR = 0.5;
/** Share of the sole project's name the report must contain for that attribution. */
const SOLE_PAIR_NAME = 0.3;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
