import type { ParagraphBlock } from '../../schemas/document.js';
import type { GradeBand, GradeStatement } from '../../schemas/narrative.js';
import { isWhitespace } from '../text/spaces.js';
import { CompactCounter, pieceAt, statId, statLocation, textUnits, type TextUnit } from './extract.js';
import { cellPlace } from './prose-cells.js';

/**
 * Grades stated in prose (评价等级/等次): "自评得分95.5分，评价等级为“优”", "自评结论为优秀", "评定等次为良", with the
 * score the same sentence gives and the bands the report prints ("90分（含）以上为优秀，80（含）-90分为良好…").
 * Not grades of anything: tallies ("等级为“优”的项目6个"), several things at once (均为“优”), lists of grades
 * (优、良、中、差四个等次) and the band definitions themselves; a grade of last year (上年度…为优) is left out.
 */

/** Grade words, longest first (不合格 before 合格). */
export const GRADE_WORD = '(?:不合格|优秀|良好|合格|中等|[优良中差])';
/** 1 优(优秀), 2 良(良好), 3 中(合格), 4 差(不合格): the four tiers of 财预〔2020〕10号 and of the provinces' 优秀/良好/合格/不合格. */
const RANK: Record<string, number> = { 优: 1, 优秀: 1, 良: 2, 良好: 2, 中: 3, 中等: 3, 合格: 3, 差: 4, 不合格: 4 };

/** 财预〔2020〕10号 项目支出绩效评价管理办法: 90（含）–100 优, 80（含）–90 良, 60（含）–80 中, 60 以下 差. */
export const NATIONAL_BANDS: readonly GradeBand[] = [
  { grade: '优', rank: 1, min: '90', minInclusive: true, max: '100', maxInclusive: true, text: null },
  { grade: '良', rank: 2, min: '80', minInclusive: true, max: '90', maxInclusive: false, text: null },
  { grade: '中', rank: 3, min: '60', minInclusive: true, max: '80', maxInclusive: false, text: null },
  { grade: '差', rank: 4, min: '0', minInclusive: true, max: '60', maxInclusive: false, text: null },
];

const Q_OPEN = '[“"「『‘]?';
const Q_CLOSE = '[”"」』’]?';
/** What may follow a grade word: a quote's end, punctuation, 等级/等次, the text's end — never 的 (a tally) or more characters of a word. */
const AFTER_GRADE = '(?=$|[”"」』’。，,；;、）)(（]|等级|等次|级|档)';
/** The grade stated: 等级/等次/档次 为, 自评结论/评价结果 为, 自评为, 评定为/评为. */
const GRADE_STATED = new RegExp(
  `(?:(?:等级|等次|档次|级别|(?:自评|评价|评定|考评|考核)(?:结论|结果)|自评)(?<all>均|都|也|亦|同样)?(?:为|是|属于|达到|评定为|确定为|[:：])|(?<all2>均|都)?(?:评定为|评为|定为))${Q_OPEN}(?<grade>${GRADE_WORD})${Q_CLOSE}${AFTER_GRADE}`,
  'g',
);
/** The grade named by its suffix: 为良好等次, 评定为优秀等级 (no 等级 before it). */
const GRADE_SUFFIXED = new RegExp(`(?:为|属于|评定为|定为|达到)${Q_OPEN}(?<grade>${GRADE_WORD})${Q_CLOSE}(?:等次|等级|档次|档)`, 'g');
/** The score right after the grade, in brackets or the next clause: 良（85.5分）, 为“良”，得分86分. */
const SCORE_AFTER = /^[”"」』’]?(?:[（(](?:得分|自评得分)?[:：]?(?<p>\d+(?:\.\d+)?)分[)）]|[，,](?:自评|综合|评价|最终)?(?:得分|评分)(?:为|是|[:：])?(?<c>\d+(?:\.\d+)?)分(?![值以]))/;
/** A tally after the grade: 为“优”的项目6个, 为中(70-80分)的项目. */
const TALLY = /^[^。；;，,]{0,14}?的/;
/** Another grade word right after: a list of grades (优、良、中、差), not one grade. */
const MORE_GRADES = new RegExp(`^[、和及与或/／]${Q_OPEN}${GRADE_WORD}`);
/** A band's definition in the clause before the grade: 90分以上, 80-90分, 60分以下. */
const BAND_WORDS = /\d(?:分)?(?:[（(](?:含|不含)[)）])?(?:及以上|以上|及以下|以下|之间)|\d分?[-—–~～至到]\d|[≥≤＞＜><]|大于|小于|低于|不足/;
/** Several things, or another thing, graded: 各项目, 其他单位, 分别, 3个项目. */
const OTHER_SUBJECT = /各(?:项目|单位|部门|县|区)|其他|其它|下属|所属|分别|部分项目|\d+个(?:项目|单位|部门)/;
/** A grade of something other than the evaluation: 质量鉴定为合格, 工程质量等级为合格, a person's 年度考核为优秀. */
const NOT_PERFORMANCE = /质量|验收|鉴定|检测|检验|信用|资质|安全|卫生|公路|星级|职称|考试|成绩|同志|个人|职工|干部|教师|学生|人员/;
/** The sentence speaks of the evaluation before its grade: 绩效, 自评, 评价, 得分 …. */
const PERFORMANCE_WORD = /绩效|自评|评价|考评|考核|得分|评分|评定|等次/;
/** A grade of another year told without its number. */
const LAST_YEAR = /上年|去年|前年|上一年|以前年度|往年/;
/** Another evaluator's grade: a third party's, a review's, the finance bureau's 重点评价. */
const OTHER_EVALUATOR = /第三方|复核|重点评价|再评价|抽查|委托|专家组/;
/** A title naming another's evaluation: the finance bureau's 重点(绩效)评价, a 第三方 one. */
const OTHER_TITLE = /重点(?:绩效)?评价|第三方/;
/**
 * An opening saying the finance bureau had another evaluate: 财政局委托第三方机构对我单位负责的…项目开展了重点绩效评价,
 * 某会计师事务所受…财政局的委托对…实施绩效评价. A unit that commissioned a firm for its own evaluation (管委会…委托第三方机构
 * 开展…绩效评价工作) or had one help its self-evaluation (委托第三方协助开展自评) is still the evaluator.
 */
const COMMISSIONED = /财政[^。，,；;]{0,12}?委托[^。]{0,100}?(?:开展|进行|实施)了?[^。]{0,20}?评价|受[^。，,；;]{0,20}?财政[^。，,；;]{0,12}?委托[^。]{0,80}?(?:开展|进行|实施)了?[^。]{0,20}?评价/;
/** How many body paragraphs open a report (its opening, where the commission is told). */
const OPENING_PARAGRAPHS = 2;

/**
 * Another evaluator's report: its title names a 重点评价 or a third party, or its opening tells that the finance bureau
 * commissioned it (a third party's evaluation published as the unit's 评价结果 or under its own cover). Its grades are that
 * evaluator's unless their sentence says 自评.
 */
export function evaluatedByOther(title: string, body: readonly ParagraphBlock[]): boolean {
  if (OTHER_TITLE.test(compacted(title).k)) return true;
  return body.slice(0, OPENING_PARAGRAPHS).some((p) => {
    const k = compacted(p.text).k;
    const m = COMMISSIONED.exec(k);
    return m !== null && !/自评/.test(k.slice(...sentenceAround(k, m.index)));
  });
}
/** The score before the grade: 自评得分95.5分, 综合评分为90分, 评分结果为90分, 评定结果得分为90.15分. */
const SCORE = /(?:得分|评分|分数|打分|评分结果)(?:为|是|达到?|[:：])?(?<v>\d+(?:\.\d+)?)分(?![值以])/g;
const YEAR = /((?:19|20)\d{2})年/g;
const ANY_YEAR = /(?:19|20)\d{2}年/;

interface Compact {
  k: string;
  /** Offset in the unit text of each character of k (and of its end). */
  at: number[];
}

function compacted(text: string): Compact {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) if (!isWhitespace(text.charCodeAt(i))) at.push(i);
  at.push(text.length);
  return { k: compactText(text), at };
}

/** The text without its whitespace (compacted's k, without the offsets). */
function compactText(text: string): string {
  let k = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isWhitespace(text.charCodeAt(i))) continue;
    k += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : k + text.slice(from);
}

/** Sentence [start, end) of k around a position: 。！？ end one (a ；-clause stays inside). */
function sentenceAround(k: string, pos: number): [number, number] {
  let s = pos;
  while (s > 0 && !/[。！？!?]/.test(k[s - 1])) s--;
  let e = pos;
  while (e < k.length && !/[。！？!?]/.test(k[e])) e++;
  return [s, Math.min(k.length, e + 1)];
}

const G = `(?<![优良中差不])${Q_OPEN}(?<g>${GRADE_WORD})${Q_CLOSE}(?=$|[”"」』’、，,；;。）)（(]|等|级|档)`;
const NUM = (name: string) => `(?<${name}>\\d+(?:\\.\\d+)?)`;
const INC = (name: string) => `(?:[（(](?<${name}>含|不含)[)）])?`;
const VERB = '(?:的)?(?:为|评为|定为|属于|是|评定为|确定为)?';
/** 80（含）-90分为良好, 80-90分之间为良. */
const BAND_RANGE = new RegExp(`${NUM('lo')}分?${INC('loInc')}[-—–~～至到]${NUM('hi')}分?${INC('hiInc')}(?:之间)?${VERB}${G}`, 'g');
/** 90分（含）以上为优秀, ≥90分为优, 大于等于90分的为优. */
const BAND_ABOVE = new RegExp(`(?<pre>≥|>=|大于等于|不低于|高于|大于|超过|达到)?${NUM('lo')}分?${INC('loInc')}(?<w>及以上|以上)?${INC('loInc2')}${VERB}${G}`, 'g');
/** 60分以下为差, 低于60分为不合格. */
const BAND_BELOW = new RegExp(`(?<pre>低于|小于|不足|不满|<)?${NUM('hi')}分?${INC('hiInc')}(?<w>及以下|以下)?${VERB}${G}`, 'g');
/** 优（90分以上）, 良：80-90分, 中(70-80分). */
const BAND_AFTER = new RegExp(
  `(?<![优良中差不])${Q_OPEN}(?<g>${GRADE_WORD})${Q_CLOSE}[（(：:](?:得分)?(?:在)?${NUM('lo')}分?${INC('loInc')}(?:(?<w>及以上|以上)|[-—–~～至到]${NUM('hi')}分?${INC('hiInc')}|(?<below>及以下|以下))`,
  'g',
);

/** The score bands a text prints: two grades or more with their scores; null when it prints none. */
export function printedBands(texts: readonly string[]): GradeBand[] | null {
  return combinedBands(texts.map(bandsIn));
}

/**
 * The bands of several texts' candidates (`bandsIn`, in text order): the first of each grade, two
 * grades or more, else null. Fresh objects: the candidates stay as `bandsIn` made them.
 */
export function combinedBands(candidates: ReadonlyArray<readonly GradeBand[]>): GradeBand[] | null {
  const found: GradeBand[] = [];
  for (const list of candidates) for (const b of list) if (!found.some((f) => f.rank === b.rank)) found.push({ ...b });
  if (found.length < 2) return null;
  // a range's upper end not said inclusive or not: open where the next band starts (80-90分为良, 90分以上为优), else closed (90-100分为优)
  for (const b of found) {
    if ((b.maxInclusive as boolean | null) !== null) continue;
    b.maxInclusive = !found.some((o) => o !== b && o.min === b.max && o.minInclusive);
  }
  return found.sort((a, b) => a.rank - b.rank);
}

const NO_BANDS: readonly GradeBand[] = [];

/** Every band definition one text prints, in the order read (ranges, grade-first, above, below); a range's open end is null. */
export function bandsIn(text: string): readonly GradeBand[] {
  // 分 is no whitespace: a text without it has none once compacted either
  if (!text.includes('分')) return NO_BANDS;
  const k = compactText(text);
  const out: GradeBand[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  const take = (m: RegExpExecArray) => taken.push([m.index, m.index + m[0].length]);
  for (const m of k.matchAll(BAND_RANGE)) {
    const g = m.groups!;
    out.push({ grade: g.g, rank: RANK[g.g], min: g.lo, minInclusive: g.loInc !== '不含', max: g.hi, maxInclusive: g.hiInc === '含' ? true : g.hiInc === '不含' ? false : (null as never), text: m[0] });
    take(m);
  }
  for (const m of k.matchAll(BAND_AFTER)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const g = m.groups!;
    if (g.below) out.push({ grade: g.g, rank: RANK[g.g], min: null, minInclusive: true, max: g.lo, maxInclusive: g.below === '及以下' || g.loInc === '含', text: m[0] });
    else if (g.hi) out.push({ grade: g.g, rank: RANK[g.g], min: g.lo, minInclusive: g.loInc !== '不含', max: g.hi, maxInclusive: g.hiInc === '含' ? true : g.hiInc === '不含' ? false : (null as never), text: m[0] });
    else out.push({ grade: g.g, rank: RANK[g.g], min: g.lo, minInclusive: g.loInc !== '不含', max: null, maxInclusive: true, text: m[0] });
    take(m);
  }
  for (const m of k.matchAll(BAND_ABOVE)) {
    const g = m.groups!;
    if (!free(m.index, m.index + m[0].length) || (!g.pre && !g.w)) continue;
    const strict = g.pre === '高于' || g.pre === '大于' || g.pre === '超过' || g.loInc === '不含' || g.loInc2 === '不含';
    out.push({ grade: g.g, rank: RANK[g.g], min: g.lo, minInclusive: !strict, max: null, maxInclusive: true, text: m[0] });
    take(m);
  }
  for (const m of k.matchAll(BAND_BELOW)) {
    const g = m.groups!;
    if (!free(m.index, m.index + m[0].length) || (!g.pre && !g.w)) continue;
    out.push({ grade: g.g, rank: RANK[g.g], min: null, minInclusive: true, max: g.hi, maxInclusive: g.w === '及以下' || g.hiInc === '含', text: m[0] });
    take(m);
  }
  return out;
}

export interface GradeContext {
  part: string;
  narrative: number;
  kind: 'dept' | 'project';
  project: string | null;
  projectIndex: number | null;
  /** The report is another evaluator's (evaluatedByOther). */
  byOther?: boolean;
}

/** Every grade the paragraphs of one narrative report state, with the bands given (the report's own, or null). */
export function extractGrades(paragraphs: ParagraphBlock[], joinLines: boolean, ctx: GradeContext, bands: GradeBand[] | null): GradeStatement[] {
  const out: GradeStatement[] = [];
  for (const unit of textUnits(paragraphs, joinLines)) {
    if (!/等|自评|评定|评为|定为|结论|结果/.test(unit.text)) continue;
    const c = compacted(unit.text);
    const matches = [...c.k.matchAll(GRADE_STATED)];
    for (const m of c.k.matchAll(GRADE_SUFFIXED)) if (!matches.some((o) => m.index < o.index + o[0].length && o.index < m.index + m[0].length)) matches.push(m);
    for (const m of matches.sort((a, b) => a.index - b.index)) {
      const g = m.groups!;
      const gradeAt = m.index + m[0].lastIndexOf(g.grade);
      const end = m.index + m[0].length;
      const rest = c.k.slice(gradeAt + g.grade.length);
      if (g.all || g.all2 || TALLY.test(rest) || MORE_GRADES.test(rest.replace(/^[”"」』’]/, ''))) continue;
      const [s0, s1] = sentenceAround(c.k, m.index);
      const sentence = c.k.slice(s0, s1);
      const clauseStart = Math.max(s0, ...[...c.k.slice(s0, m.index).matchAll(/[，,；;：:]/g)].map((x) => s0 + x.index! + 1));
      if (BAND_WORDS.test(c.k.slice(clauseStart, end)) || NOT_PERFORMANCE.test(c.k.slice(clauseStart, gradeAt))) continue;
      const before = c.k.slice(s0, m.index);
      if (!PERFORMANCE_WORD.test(c.k.slice(s0, gradeAt))) continue;
      if (LAST_YEAR.test(before)) continue;
      const score = scoreAfter(c, unit, ctx, gradeAt + g.grade.length, sentence) ?? scoreBefore(c, unit, ctx, s0, m.index, sentence) ?? scoreAfter(c, unit, ctx, gradeAt + g.grade.length, sentence, true);
      const years = [...before.matchAll(YEAR)];
      out.push({
        id: statId(unit, c.at[gradeAt], new CompactCounter()),
        grade: g.grade,
        rank: RANK[g.grade],
        sentence,
        loc: locate(unit, ctx, c.at[gradeAt], c.at[gradeAt + g.grade.length - 1] + 1, sentence),
        narrative: ctx.narrative,
        subject: subjectOf(before, ctx.kind),
        project: ctx.kind === 'project' ? ctx.project : null,
        projectIndex: ctx.kind === 'project' ? ctx.projectIndex : null,
        evaluator: OTHER_EVALUATOR.test(sentence) || (ctx.byOther === true && !/自评/.test(sentence)) ? 'other' : 'self',
        year: years.length ? Number(years.at(-1)![1]) : null,
        score,
        bands,
      });
    }
  }
  return out;
}

function locate(unit: TextUnit, ctx: GradeContext, start: number, end: number, sentence: string) {
  const piece = pieceAt(unit, start);
  return statLocation(ctx.part, piece, cellPlace(piece.block), start, end, () => sentence);
}

/** The score in brackets right after the grade (良（85.5分）); with `clause`, also the next clause's (为“良”，得分86分). */
function scoreAfter(c: Compact, unit: TextUnit, ctx: GradeContext, from: number, sentence: string, clause = false): GradeStatement['score'] {
  const m = SCORE_AFTER.exec(c.k.slice(from));
  const value = m?.groups!.p ?? (clause ? m?.groups!.c : undefined);
  if (!m || !value || Number(value) > 100) return null;
  return scoreAt(c, unit, ctx, from + m[0].length - value.length - 1 - (m.groups!.p ? 1 : 0), value, sentence);
}

/** A score "<value>分" starting at `at` of the compact text, located in its paragraph. */
function scoreAt(c: Compact, unit: TextUnit, ctx: GradeContext, at: number, value: string, sentence: string): NonNullable<GradeStatement['score']> {
  const text = `${value}分`;
  return { text, value, decimals: value.includes('.') ? value.split('.')[1].length : 0, loc: locate(unit, ctx, c.at[at], c.at[at + text.length - 1] + 1, sentence) };
}

/** The last score the sentence states before the grade, on a 100-point scale; none when last year's words come between. */
function scoreBefore(c: Compact, unit: TextUnit, ctx: GradeContext, s0: number, gradeAt: number, sentence: string): GradeStatement['score'] {
  const before = c.k.slice(s0, gradeAt);
  const m = [...before.matchAll(SCORE)].at(-1);
  if (!m) return null;
  const value = m.groups!.v;
  if (Number(value) > 100) return null;
  const between = before.slice(m.index! + m[0].length);
  if (LAST_YEAR.test(between) || ANY_YEAR.test(between) || between.length > 40) return null;
  return scoreAt(c, unit, ctx, s0 + m.index! + m[0].length - value.length - 1, value, sentence);
}

/** Whose grade the words before it name: the report's subject, or another thing (null). */
function subjectOf(before: string, kind: 'dept' | 'project'): 'dept' | 'project' | null {
  if (OTHER_SUBJECT.test(before)) return null;
  // a 部门整体 report grading a project, a project report grading its department: not the report's subject
  if (kind === 'dept' && /项目|专项|资金/.test(before) && !/部门|单位|整体/.test(before)) return null;
  if (kind === 'project' && /部门整体|单位整体/.test(before)) return null;
  return kind;
}
