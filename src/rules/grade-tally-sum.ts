import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { documentView } from '../facts/document-view.js';
import { Rational } from '../numbers/decimal.js';
import { statStart, statsByParagraph } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * C2 for evaluation results (评价等级分布): a count of what was evaluated, then how many of them got each grade —
 *   "24个项目支出绩效评价中,绩效评价等级为“优”的项目计6个,绩效评价等级为“良”的项目计18个。"
 *   "…政策和项目,共计11个,涉及资金33258.4万元。评价结果显示,绩效评价结果为“优”的项目有1项…“良”的项目有6项…“中”的项目有4项。"
 * Every evaluated item gets one grade, so the tallies add up to the count. Read only when: two or more tallies
 * of distinct grades in one sentence (a grade quoted — “优秀”1812个 — or said with 为: 等级为中(70-80分)的项目有3个),
 * not announced as a part (其中) nor left open (等); the count is the last one before the first tally, in
 * its sentence or the sentence before in the same paragraph, that names what is counted (N个…项目 / 项目…共计N个),
 * is no part of a 其中 list, and is counted in 个 / 项 as the tallies are.
 */
export const rule: Rule = {
  meta: {
    id: 'grade-tally-sum',
    version: 1,
    severity: 'warning',
    catalogue: 'C2',
    title: { zh: '各评价等级的个数之和与评价总数不符', en: 'The counts per grade do not add up to the number evaluated' },
    description: {
      zh: '叙述先写明评价的项目（政策、单位）个数（“共24个项目”“政策和项目，共计11个”），随后在同一句或下一句逐一写出各等级的个数（“等级为‘优’的项目计6个，‘良’的项目计18个”）；每个被评价的对象只有一个等级，各等级个数之和应等于评价总数。仅在同一句中列出两个以上不同等级、列举不以“其中”引出且不以“等”结尾、总数写明所计对象（项目、政策、单位、部门）时检查。',
      en: 'A count of what was evaluated ("共24个项目") followed, in its sentence or the next, by the count of each grade ("为“优”的项目计6个，为“良”的项目计18个"): each item has one grade, so the tallies add up to the count. Read only with two or more distinct grades in one sentence, no 其中 before and no 等 after the list, and a count naming what it counts (项目, 政策, 单位, 部门).',
    },
    formula: '评价总数 = Σ 各等级个数',
    tolerance: '计数须相等',
    families: 'all',
    source: 'catalogue C2（总数与分项个数）用于评价结果的等级分布',
  },
  check(report, ctx) {
    const doc = ctx.document;
    if (!doc) return [];
    const paragraphs = documentView(doc);
    const drafts: FindingDraft[] = [];
    for (const [p, stats] of statsByParagraph(report.statistics)) {
      const counts = stats.filter((s) => s.dimension === 'count' && s.mention !== 'slogan');
      if (counts.length < 3) continue;
      const text = paragraphs.compactParagraph(p);
      const placed = counts
        .map((s) => ({ s, at: startOf(s, text) }))
        .filter((x): x is { s: NarrativeStat; at: number } => x.at !== null && isExact(x.s.figure) && COUNT_UNIT.test(x.s.figure.unit ?? ''))
        .sort((a, b) => a.at - b.at);
      const ends = sentenceEnds(text);
      /** How many sentences end before `at` (the sentence's index in the paragraph). */
      const sentenceAt = (at: number) => {
        let n = 0;
        while (n < ends.length && ends[n] < at) n++;
        return n;
      };
      const done = new Set<number>();
      for (let i = 0; i < placed.length; i++) {
        if (done.has(i)) continue;
        const first = gradeOf(text, placed[i].at);
        if (!first) continue;
        // the tallies of this sentence, in order
        const sentence = sentenceAt(placed[i].at);
        const tallies: Array<{ s: NarrativeStat; at: number; grade: string }> = [];
        for (let j = i; j < placed.length && sentenceAt(placed[j].at) === sentence; j++) {
          const grade = gradeOf(text, placed[j].at);
          if (grade) {
            tallies.push({ ...placed[j], grade });
            done.add(j);
          }
        }
        if (tallies.length < 2 || new Set(tallies.map((t) => t.grade)).size !== tallies.length) continue;
        // a part (其中评为优秀的3个…) or an open list (…等): not every grade is told
        if (/其中/.test(clauseBefore(text, tallies[0].at))) continue;
        const last = tallies[tallies.length - 1];
        if (/^[^，,。；;]{0,4}等/.test(text.slice(last.at + compact(last.s.figure.text).length))) continue;
        // the count of what was evaluated: the last naming its items before the first tally, this sentence or the one before
        const total = placed
          .slice(0, i)
          .reverse()
          .find((x) => sentence - sentenceAt(x.at) <= 1 && !gradeOf(text, x.at) && namesEvaluated(text, x.at, compact(x.s.figure.text)));
        if (!total) continue;
        // a count whose own 其中 parts no longer add up to it is narrative-total-parts' finding (one cause, one finding)
        const parts = report.statistics.filter((x) => x.partOf === total.s.id);
        const partsSum = parts.reduce((acc, x) => acc.add(Rational.parse(x.figure.value)), Rational.of(0));
        if (parts.length >= 2 && !partsSum.eq(Rational.parse(total.s.figure.value))) continue;
        const sum = tallies.reduce((acc, t) => acc.add(Rational.parse(t.s.figure.value)), Rational.of(0));
        const whole = Rational.parse(total.s.figure.value);
        if (sum.eq(whole)) continue;
        const list = tallies.map((t) => `“${t.grade}”${compact(t.s.figure.text)}`).join('、');
        drafts.push({
          message: {
            zh: `${placeName(report, total.s)}称${statPhrase(total.s)}，其后各评价等级个数（${list}）合计${sum.toString()}个，与评价总数${compact(total.s.figure.text)}不符（配对依据：各等级个数紧随评价总数之后，列举未以“其中”引出、未以“等”结尾）`,
            en: `${placeName(report, total.s)}: ${total.s.figure.text.trim()} evaluated, but the counts per grade after it (${list}) add up to ${sum.toString()}`,
          },
          values: [plain(total.s.figure), sum.toNumber(), ...tallies.map((t) => plain(t.s.figure))],
          evidence: [statEvidence(total.s, 'total'), ...tallies.map((t) => statEvidence(t.s, 'part'))],
          expected: whole.toString(),
          observed: sum.toString(),
          tolerance: '计数须相等 / counts must be equal',
          params: { grades: tallies.length },
          part: total.s.loc.part,
        });
      }
    }
    return drafts;
  },
};

/** 个 and 项 count the same items ("共计11个" / "为“优”的项目有1项"); 家 counts units. */
const COUNT_UNIT = /^(?:个|项|家)$/;
const SENTENCE_END = '。！？!?';
const CLAUSE_END = '，,、；;。！？!?';

/** Where the sentence ends (。！？!?) of a text are. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) if (SENTENCE_END.includes(text[i])) ends.push(i);
  return ends;
}

/** Where the run of text before `at` without any of `stops` begins (one pass back, not a search for [^…]*$ from every position). */
function runStart(text: string, at: number, stops: string): number {
  let i = at;
  while (i > 0 && !stops.includes(text[i - 1])) i--;
  return i;
}

/** The grades of the 四级 (优/良/中/差) and 优秀/良好/合格/不合格 scales, and 优良 as one tier ("等级为优良(80分以上)的项目有4个"). */
const GRADE = '(?:优秀|良好|优良|不合格|合格|中等|一般|较差|优|良|中|差)';
/** The words between a grade and its count: a band in brackets, 的, the items, 有 / 计 / 共 / 为. */
const TO_COUNT = '(?:[（(][^（）()]{0,14}[)）])?的?(?:项目|政策|单位|部门)?(?:有|计|共|为)?$';
/** A grade quoted (“优秀”1812个, “良”的8个, “中(一般)”的22个: the second name in brackets) or said with 为 (等级为中(70-80分)的项目有3个). */
const TALLY = new RegExp(`(?:[“"‘'](${GRADE})(?:[（(]${GRADE}[)）])?[”"’']|为(${GRADE}))${TO_COUNT}`);

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Where the statistic's figure starts in the compact paragraph (its id counts from there). */
function startOf(s: NarrativeStat, text: string): number | null {
  const start = statStart(s);
  if (start === null) return null;
  const at = text.indexOf(compact(s.figure.text), start);
  return at >= 0 && at - start < 4 ? at : null;
}

/** The clause before a figure (since the last comma, semicolon, enumeration comma or sentence end). */
function clauseBefore(text: string, at: number): string {
  return text.slice(runStart(text, at, CLAUSE_END), at);
}

/** The grade a count is the tally of, if any: its clause ends in “优”的项目计 / 为良好的. */
function gradeOf(text: string, at: number): string | null {
  const m = TALLY.exec(clauseBefore(text, at));
  return m ? (m[1] ?? m[2]) : null;
}

/** A count naming what was evaluated: N个(重点)项目 / 项目…共计N个, not an item of a 其中 list in its sentence. */
function namesEvaluated(text: string, at: number, figure: string): boolean {
  const sentence = runStart(text, at, SENTENCE_END);
  if (/其中/.test(text.slice(sentence, at))) return false;
  const after = text.slice(at + figure.length);
  if (/^[^，,。；;、]{0,6}?(?:项目|政策|单位|部门)/.test(after)) return true;
  const clause = clauseBefore(text, at);
  return /^(?:共计|共|合计|总计)$/.test(clause) && /(?:项目|政策|单位|部门)[，,]$/.test(text.slice(sentence, at - clause.length));
}
