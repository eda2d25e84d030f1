import type { Location } from '../../schemas/location.js';
import type { TextFact } from '../../schemas/fact.js';
import { textEvidence } from './finding.js';
import { datedLine, PUBLISHED_YEAR } from '../narrative/report-title.js';
import { selfEvalForms } from './lib/forms.js';
import { documentView, type DocumentView } from '../facts/document-view.js';
import { headTitleLines, titleSubject, titleTail, yearsNamingKey } from './lib/title-lines.js';
import type { FindingDraft, Rule } from './types.js';

const YEAR = /((?:19|20)\d{2})\s*年/;

function yearIn(text: string): number | null {
  const m = YEAR.exec(text.replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/**
 * A notice publishing results names the year it publishes them in (PUBLISHED_YEAR, report-title.ts). A title holding
 * such a year and another one ("…结果公开财政项目支出绩效自评表2020年度", the lines joined by a print) is titled by the
 * other; one holding only the publishing year is marked so (`published`).
 */
function titleYear(text: string): { year: number; published: boolean } | null {
  const compact = text.replace(/\s+/g, '');
  const pub = PUBLISHED_YEAR.exec(compact);
  if (!pub) {
    const y = yearIn(compact);
    return y === null ? null : { year: y, published: false };
  }
  const other = yearIn(compact.slice(0, pub.index) + compact.slice(pub.index + pub[0].length));
  return other !== null ? { year: other, published: false } : { year: Number(pub[1]), published: true };
}

/**
 * The report's year by vote: each table title counts 3, each paragraph or 年度指标值 that mentions a
 * year counts 1 for it ("截止2024年12月31日", "2024年1-12月") and 2 when it names it as the 年度
 * evaluated ("2024年度"); ties go to the report's own year. A report's own title (绩效自评报告) is
 * one of its paragraphs and counts as one: a narrative with one title and a body is judged by the
 * body; by one vote only, the finding is a warning (a 2021 fund's report written in 2022 mentions
 * 2022 too). One changed title cannot outvote the rest of the document even when there are only two tables.
 */
function referenceYear(titles: Array<{ year: number; votes: number }>, textYears: number[], fallback: number | null): { year: number | null; votes: (y: number) => number } {
  const score = new Map<number, number>();
  for (const t of titles) score.set(t.year, (score.get(t.year) ?? 0) + t.votes);
  for (const y of textYears) score.set(y, (score.get(y) ?? 0) + 1);
  let best: number | null = fallback;
  let bestN = fallback !== null ? (score.get(fallback) ?? 0) : 0;
  for (const [y, n] of score) if (n > bestN) [best, bestN] = [y, n];
  return { year: best, votes: (y) => score.get(y) ?? 0 };
}

const YEAR_MENTION = /((?:19|20)\d{2})\s*年(?!\s*度?\s*(?:决算|预算))/g;
const YEAR_EVALUATED = /((?:19|20)\d{2})\s*年\s*度(?!\s*(?:决算|预算))/g;

/** Each year `re` finds in `text` pushed once, in the order first found (no match list, Set or spread per text). */
function distinctYears(text: string, re: RegExp, out: number[]): void {
  const from = out.length;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const y = Number(m[1]);
    let known = false;
    for (let i = from; i < out.length && !known; i++) known = out[i] === y;
    if (!known) out.push(y);
  }
}

/** Years mentioned in the body text and in the indicator targets, once per paragraph/cell. */
function textYears(report: Parameters<Rule['check']>[0], doc: Parameters<Rule['check']>[1]['document']): number[] {
  const out: number[] = [];
  const add = (text: string) => {
    if (!text.includes('年')) return;
    distinctYears(text, YEAR_MENTION, out);
    // "2024年度" names the year evaluated: a second vote ("2018 年 度" of a PDF copied with spaces inside words too,
    // as the title's own votes read it compact)
    distinctYears(text, YEAR_EVALUATED, out);
  };
  // a 落款 or 页眉 date line (datedLine) is when the report was signed or printed, not a year it is about
  for (const b of doc?.blocks ?? []) if (b.kind === 'paragraph' && !datedLine(b.text)) add(b.text);
  for (const f of selfEvalForms(report)) for (const i of f.indicators) add(i.target.text);
  return out;
}

type Title = { part: string | null; fact: TextFact; year: number; paragraph: boolean; published: boolean };
/** A body paragraph naming a title's words with a year, and its sentence doing so. */
type Restatement = { text: string; location: Location; year: number; sentence: string };

/**
 * A paragraph naming the title's own words with another year ("现将我局2023年度部门整体支出绩效自评报告如下"
 * under the title "…2022年度部门整体支出绩效自评报告"), none naming them with the title's year, and the
 * rest of the document not leaning to the title's year over that one (a 2024 report citing the
 * 2023 report it follows up is outvoted by its own body): the report is named with two years.
 */
function restatedOtherYear(t: Title, view: DocumentView | null, votes: (y: number) => number): Restatement | null {
  // the title's words after its year, else its subject ("本专科生奖助学金项目" of "…项目自评结果")
  for (const words of new Set([titleTail(t.fact.text), titleSubject(t.fact.text)])) {
    if (!words) continue;
    const found: Restatement[] = [];
    const own = t.fact.loc;
    // the places naming the words (most texts do not): one search of the document view's keys
    for (const p of view?.placesContaining(words) ?? []) {
      if (p.table === null ? own.table === null && p.paragraph === own.paragraph : own.table === p.table && own.row === p.row && own.col === p.col) continue;
      // a form's cells ("项目名称 | 2023年马鹿坑国有林场…建设项目"): the form names its project with its year
      const location: Location = { part: t.part ?? '', table: p.table, row: p.row, col: p.col, page: p.page, paragraph: p.paragraph };
      for (const { year, sentence } of yearsNamingKey(p.key, words)) found.push({ text: p.text, location, year, sentence });
    }
    if (found.length === 0) continue;
    const year = found[0].year;
    if (found.some((f) => f.year === t.year || f.year !== year)) return null;
    // the title's own votes (a form title 3, a report title's paragraph 1 or 2) do not back it here
    return votes(t.year) - ownVotes(t) <= votes(year) ? found[0] : null;
  }
  return null;
}

/** Results are published the year after the year evaluated: a title naming only its publishing year, one year after the report year, is no disagreement. */
function publishedYearAfter(t: Title, ref: number): boolean {
  return t.published && t.year === ref + 1;
}

/** The votes a title gives its own year: a table title 3, a report title's paragraph 1, or 2 with 年度. */
const ownVotes = (t: Title) => (t.paragraph ? (/(?:19|20)\d{2}\s*年度/.test(t.fact.text) ? 2 : 1) : 3);

/**
 * The year the rest of the document names when a report title's own mention is what holds its year
 * (a tie of title and body, the report year read from that title): another year named at least
 * twice more often than the title's is a warning.
 */
function bodyLean(t: Title, votes: (y: number) => number, body: number[]): number | null {
  if (!t.paragraph) return null;
  const mine = votes(t.year) - ownVotes(t);
  let best: number | null = null;
  for (const y of new Set(body)) if (y !== t.year && votes(y) >= mine + 2 && (best === null || votes(y) > votes(best))) best = y;
  return best;
}

function leanFinding(t: Title, year: number, where: string, refs: Title[]): FindingDraft {
  return {
    severity: 'warning',
    message: {
      zh: `${where}“${t.fact.text.trim()}”的年度为${t.year}年，正文多处所述为${year}年，不一致`,
      en: `${t.part ?? 'report'}: title "${t.fact.text.trim()}" says ${t.year}, its body mostly names ${year}`,
    },
    values: [t.year, year],
    evidence: [textEvidence(t.fact, 'title'), ...refs.filter((x) => x.year === year).map((x) => textEvidence(x.fact, 'reference-title'))],
    expected: String(year),
    observed: String(t.year),
    tolerance: '0（精确）',
    part: t.part,
  };
}

function restatedFinding(t: Title, r: Restatement, where: string): FindingDraft {
  const sentence = r.sentence.length > 80 ? `…${r.sentence.slice(-80)}` : r.sentence;
  return {
    severity: 'warning',
    message: {
      zh: `${where}“${t.fact.text.trim()}”的年度为${t.year}年，${r.location.table === null ? '正文' : '表中'}“${sentence}”称同一${/表$/.test(t.fact.text.trim()) ? '表' : '报告'}为${r.year}年，两处不一致`,
      en: `${t.part ?? 'report'}: title "${t.fact.text.trim()}" says ${t.year}, the body names the same report with ${r.year}`,
    },
    values: [t.year, r.year],
    evidence: [textEvidence(t.fact, 'title'), { text: r.text, value: null, location: r.location, role: 'restated-title' }],
    expected: null,
    observed: String(t.year),
    tolerance: '0（精确）',
    part: t.part,
  };
}

/** Every table title and the 基础数据表 year columns agree on the report year. */
export const rule: Rule = {
  meta: {
    id: 'year-consistency',
    version: 8,
    severity: 'error',
    catalogue: 'F (年度)',
    title: { zh: '年度一致', en: 'Year consistency' },
    description: {
      zh: '各表标题与报告标题（含文档开头的标题行；网页转载时标题上方的索引号、发布机构、发布日期、来源、公开目录、主题词、时效性、“打开适老化模式 无障碍浏览”等信息行不计入开头；文档分享页的页图说明“……自评报告表_第1页”亦为标题行）中的年度（如“2023年度项目支出绩效自评表”）应与报告年度一致；正文或表格（如项目名称栏）以另一年度称同一报告（“现将我局2023年度部门整体支出绩效自评报告如下”）或其具体对象（标题年份后、“绩效/自评/评价”前，除通用词外四字以上，如“2021年本专科生奖助学金项目”）、且无一处以标题年度称之、其余正文不偏向标题年度时为警告；报告标题与正文打平、只靠标题自身一票时，正文另一年度多出两次以上亦为警告；基础数据表的年度列应为“上年决算数、本年预算数、本年决算数”。落款或页眉的日期行（以“××××年×月×日”结尾的短行）不计入正文年份（v8）。某一张表的年度不同，多为沿用旧表未改。',
      en: 'Every table title and report title (the title lines at the document head included; a web page\'s metadata lines above a republished report — 索引号, 发布日期, 来源, 公开目录, 主题词, 时效性, the accessibility switch — are not part of the head; a document-sharing page\'s page captions, …自评报告表_第1页, are title lines) states the report year; a body or table cell (the project name of a form) naming the same report (or its specific subject) with another year and never with the title year, the rest of the body not leaning to the title, is a warning, as is a report title holding its year by its own mention only while the body names another year twice more; the basic-data columns are last year final, this year budget, this year final. A signature or page-header date line (a short line ending with a calendar day) is no body year (v8). One table with another year was likely reused without updating.',
    },
    formula: '标题年度 = 报告年度（按标题与正文年份投票确定）；标题年度 = 正文称同一报告（标题年份后的文字，八字以上）时的年度；基础数据表列年度 = (报告年度−1, 报告年度, 报告年度)',
    tolerance: '精确比较；公布评价结果的标题（……结果公开/公示/公告/通报）晚于报告年度一年时不比较（结果次年公布）',
    families: 'all',
    source: '表样标题“××××年度……自评表”；基础数据表列头',
  },
  check(report, ctx) {
    const titles: Title[] = [];
    const add = (part: string | null, fact: TextFact | null | undefined, paragraph = false) => {
      const y = fact ? titleYear(fact.text) : null;
      if (fact && y !== null) titles.push({ part, fact, year: y.year, paragraph, published: y.published });
    };
    if (report.basicData) add(report.basicData.part, report.basicData.title);
    for (const f of selfEvalForms(report)) add(f.part, f.title);
    // a narrative's title is already counted as its paragraph; a form's title is the form's own word
    for (const n of report.narratives) add(n.part, { text: n.title, loc: n.titleLocation ?? { part: n.part, table: null, row: null, col: null, page: null, paragraph: n.firstParagraph } }, true);
    // the document's own title lines (标题行) at its head, when no part took them as its title
    const taken = new Set(titles.map((t) => t.fact.text.replace(/\s+/g, '')));
    for (const { paragraph: p } of headTitleLines(ctx.document)) {
      if (taken.has(p.text.replace(/\s+/g, ''))) continue;
      const part = report.narratives.find((n) => n.firstParagraph <= p.paragraph && p.paragraph <= n.lastParagraph)?.part ?? null;
      add(part, { text: p.text, loc: { part: part ?? '', table: null, row: null, col: null, page: p.page, paragraph: p.paragraph } }, true);
    }
    const body = textYears(report, ctx.document);
    const vote = referenceYear(titles.map((t) => ({ year: t.year, votes: t.paragraph || t.published ? 0 : 3 })), body, report.year);
    const ref = vote.year;
    if (ref === null) return [];
    const out: FindingDraft[] = [];
    const view = ctx.document ? documentView(ctx.document) : null;
    const others = (t: (typeof titles)[number]) => titles.filter((x) => x !== t && x.year === ref).slice(0, 2);
    const where = (t: (typeof titles)[number]) => (t.part ? `${t.part}标题` : '报告标题');
    for (const t of titles) {
      if (publishedYearAfter(t, ref)) continue;
      if (t.year === ref) {
        const restated = restatedOtherYear(t, view, vote.votes);
        const lean = restated ? null : bodyLean(t, vote.votes, body);
        if (restated) out.push(restatedFinding(t, restated, where(t)));
        else if (lean !== null) out.push(leanFinding(t, lean, where(t), others(t)));
        continue;
      }
      // a report title outvoted by its body by one mention only: a warning for the reviewer to confirm
      const narrow = t.paragraph && vote.votes(ref) < vote.votes(t.year) + 2;
      out.push({
        ...(narrow ? { severity: 'warning' as const } : {}),
        message: {
          zh: t.paragraph
            ? `${where(t)}“${t.fact.text.trim()}”的年度为${t.year}年，与正文多处所述${ref}年不一致`
            : `${where(t)}“${t.fact.text.trim()}”的年度为${t.year}年，与报告年度${ref}年不一致`,
          en: t.paragraph ? `${t.part ?? 'report'}: title "${t.fact.text.trim()}" says ${t.year}, its body mostly names ${ref}` : `${t.part}: title "${t.fact.text.trim()}" says ${t.year}, the report is for ${ref}`,
        },
        values: [t.year, ref],
        evidence: [textEvidence(t.fact, 'title'), ...others(t).map((x) => textEvidence(x.fact, 'reference-title'))],
        expected: String(ref),
        observed: String(t.year),
        tolerance: '0（精确）',
        part: t.part,
      });
    }
    const bd = report.basicData;
    if (bd) {
      const want: Record<string, number> = { previousFinal: ref - 1, budget: ref, final: ref };
      for (const c of bd.spendingColumns) {
        const y = yearIn(c.label);
        const w = want[c.field];
        if (y === null || w === undefined || y === w) continue;
        out.push({
          message: {
            zh: `${bd.part}列头“${c.label.replace(/\s+/g, '')}”的年度为${y}年，按报告年度${ref}年应为${w}年`,
            en: `${bd.part}: column "${c.label}" says ${y}, expected ${w} for a ${ref} report`,
          },
          values: [y, w],
          evidence: [{ text: c.label, value: null, location: { part: bd.part, table: bd.tables[0] ?? null, row: null, col: null, page: null, paragraph: null }, role: 'column' }],
          expected: String(w),
          observed: String(y),
          tolerance: '0（精确）',
          part: bd.part,
        });
      }
    }
    return out;
  },
};
