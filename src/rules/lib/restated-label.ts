import type { NarrativeStat } from '../../../schemas/narrative.js';
import { boundedMemo } from '../../memo.js';
import { clauseLeadIn } from '../../text/clauses.js';

/**
 * What a narrative figure names, reduced to the measure: "2021年部门预算项目支出" and "其中部门预算项目支出"
 * are one measure; "海口市秀英区水务局衔接资金共下" (共下达) and "海口市秀英区水务局衔接资金" are one measure.
 * Connectives before the name (其中, 分别是, 共, 全年 …), a leading year and the verb or particle
 * after it (共, 为, 达到, 下达, 已 …) are not part of the name. The year is returned apart: two years
 * are two measures.
 */
export interface MeasureName {
  readonly name: string;
  readonly year: string | null;
}

const LEAD = /^(?:[，,。；;：:、\s]|其中|分别(?:是|为)|具体(?:是|为)|包括|主要|共计|合计|总计|累计|共|全年|本年度?|当年|年度|截至|截止|目前|今年|已|均)+/;
const TRAIL = /(?:共计|合计|总计|累计|共下达?|下达|共|为|达到?|是|约|已|均|总额为?|金额为?|[：:，,\s])+$/;
const YEAR = /(?:19|20)\d{2}年度?/g;

/**
 * The measure a label names (shared result: do not change it). Remembered per label: a rule asks for
 * the same statistic's name for the statistic, again for its year (statementYear) and once per pair
 * it is compared in.
 */
export const measureName: (label: string) => MeasureName = boundedMemo(readMeasureName, { maxEntries: 20_000, maxKeyLength: 256 });

function readMeasureName(label: string): MeasureName {
  let s = label.replace(/\s+/g, '');
  const years = [...new Set((s.match(YEAR) ?? []).map((y) => y.replace(/度$/, '')))];
  s = s.replace(YEAR, '');
  for (let k = 0; k < 3; k++) s = s.replace(LEAD, '').replace(TRAIL, '');
  // one head noun said twice ("旅游发展基金资金" is the 旅游发展基金) and the 预算 said as a price ("预算价")
  s = s.replace(/基金资金$/, '基金').replace(/预算价$/, '预算');
  // a fund's 预算 with its level in brackets after it ("城市管网及污水处理补助资金预算(中央)", as a notice's
  // title names it) is the fund the level's words in front name ("中央财政下达…城市管网及污水处理补助资金")
  s = s.replace(/^(.*?(?:资金|经费))(?:预算)?[（(](中央|省级|市级|州级|县级|区级)[)）]$/, '$2$1').replace(/(资金|经费)预算$/, '$1');
  return { name: s, year: years.length === 1 ? years[0] : years.length > 1 ? years.join('/') : null };
}

/**
 * The period a sentence opens with — a year or a span of years ("2016-2020年果品产业发展项目建设资金…",
 * "2017年果品产业发展项目共12个建设项目，…", or a section heading run into it, "(二)2017年…"): the period
 * every figure of that sentence is about. A date ("2018年12月,财政厅…下达…") is when something was done, not a period.
 */
const SENTENCE_PERIOD = /^(?:19|20)\d{2}(?:\s*[-—–~～至]\s*(?:19|20)?\d{2,4})?年(?!\s*\d{1,2}\s*月)/;

export function sentencePeriod(stat: NarrativeStat): string | null {
  // a heading the PDF runs into the sentence opens with its number ("一、2016-2020年…情况2016-2020年…")
  const m = SENTENCE_PERIOD.exec(stat.sentence.replace(/^[\s，,。；;：:、]+/, '').replace(/^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*/, ''));
  return m ? m[0].replace(/\s+/g, '').replace(/[—–~～至]/g, '-') : null;
}

/** The year a statement is about, when its own clause names one ("2021年部门预算项目支出87.5万元"). */
export function statementYear(stat: NarrativeStat): string | null {
  const own = measureName(stat.label).year;
  if (own) return own;
  const clause = clauseLeadIn(stat.sentence, stat.figure.text.trim(), '，,；;。');
  const m = clause.match(YEAR);
  return m && m.length === 1 ? m[0].replace(/度$/, '') : null;
}

/**
 * A name that says which money or count of the subject it is, not merely "资金" / "项目资金": generic
 * words alone name every amount of a department report (each project's, each batch's).
 */
const GENERIC = /项目|资金|经费|预算|支出|财政|专项|收入|金额|总额|总|合计|投入|安排|到位|拨付|人数|人|个|次|数量|数|工作/g;

export function specificName(name: string): boolean {
  return isSpecific(name);
}

/** Remembered per name: narrative-restated-differs asks it of both names of every pair in a bucket. */
const isSpecific = boundedMemo((name: string) => name.replace(GENERIC, '').length >= 2, { maxEntries: 20_000, maxKeyLength: 256 });

/**
 * Words saying that a statement is a change, a bound or another period than the report's own. "三级及以上"
 * names a class of things (三级及以上博物馆), not a bound of the figure.
 */
export const NOT_A_LEVEL = /增加|减少|增长|下降|上升|降低|提高|增幅|降幅|节约|超支|同比|环比|较上|比上|上年(?!结转|结余)|去年|上一年|同期|往年|力争|不低于|不少于|不超过|(?<!级及)以上|(?<!级及)以下|以内|每|平均|人均|户均|亩均/;

/**
 * Do two names name one measure? Equal, or one is the other with its owner said in front
 * ("河州人民医院国家基本公共卫生服务项目州级补助资金" / "国家基本公共卫生服务项目州级补助资金"): the
 * shorter must be specific and at least six characters, so that "补助资金" never pairs "A镇补助资金".
 */
export function sameMeasure(a: string, b: string): boolean {
  if (a === b || levelFold(a) === levelFold(b)) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 6 && long.endsWith(short) && specificName(short)) return true;
  // the head noun said or left out ("非税收入清算返回" / "非税收入清算返回资金"): one measure when what
  // precedes it is itself a specific name of six characters or more
  const [ha, hb] = [headFold(a), headFold(b)];
  return (ha !== a || hb !== b) && ha === hb && ha.length >= 6 && specificName(ha);
}

/** A name without its trailing head noun 资金 / 经费 / 款项 (remembered per name: asked for both names of every pair compared). */
const headFold = boundedMemo((name: string) => name.replace(/(?:资金|经费|款项)$/, ''), { maxEntries: 20_000, maxKeyLength: 256 });

/**
 * A level's finance said with or without 级: "市级财政投入" names the 市财政投入. Asked for both names
 * of every pair a rule compares: most names have no 级财政 and are returned without a regex pass.
 */
const levelFold = (name: string) => (name.includes('级财政') ? name.replace(/(省|市|州|县|区|乡|镇)级财政/g, '$1财政') : name);

/** The longest common ending of two names (in characters). */
export function commonEnding(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Words saying whose or which amount it is; two names saying different ones name two measures. */
const SUBJECT_KINDS: Array<[RegExp, boolean]> = [
  [/应(?=[补发支拨到缴])|计划|预计|实际/g, false],
  [/收入|支出/g, false],
  [/中央|省级|市级|州级|县级|区级|乡级|村级/g, false],
  // 第一批 of a whole named without a batch is a part of it
  [/第[一二三四五六七八九十\d]+批/g, true],
];
const PLACE = /[\u4e00-\u9fa5]{1,3}?(?:村|镇|乡|社区|街道|县|区)/g;

/** Do two names name different places (A村 / B村)? Both must name one; one naming the other's is the same. */
export function placesDiffer(a: string, b: string): boolean {
  // 村集体 / 村级 / 村民 name a kind, not a village ("扶持壮大村集体经济")
  const kind = (s: string) => s.replace(/[村乡镇县区](?=集体|级|民|委)/g, '、');
  const pa = kind(a).match(PLACE) ?? [];
  const pb = kind(b).match(PLACE) ?? [];
  return pa.length > 0 && pb.length > 0 && !pa.some((x) => pb.some((y) => x.includes(y) || y.includes(x)));
}

/**
 * Names that differ only in what is said before a long common tail ("我乡镇安村中央专项扶持壮大村集体
 * 经济资金" / "安村获得中央专项扶持壮大村集体经济资金", a label cut at its start): one measure when the
 * tail is specific and at least ten characters, and the two heads name no different subject — no
 * other level (省级/市级), role (应/实际), side (收入/支出), batch or place (A村/B村). For a project's own
 * report, where every amount is of the one project; in a report not known as a department's, a longer
 * tail (`least`) names the one fund it reports on.
 */
export function sameTail(a: string, b: string, least = 10): boolean {
  const n = commonEnding(a, b);
  const tail = a.slice(a.length - n);
  if (n < least || !specificName(tail)) return false;
  const [ha, hb] = [a.slice(0, a.length - n), b.slice(0, b.length - n)];
  return !subjectWordsDiffer(ha, hb) && !placesDiffer(ha, hb);
}

/** Do two names (or heads of names) say different subjects of one kind (SUBJECT_KINDS: 应/实际, 收入/支出, a level, a batch)? */
export function subjectWordsDiffer(a: string, b: string): boolean {
  for (const [re, oneSide] of SUBJECT_KINDS) {
    const x = [...new Set(a.match(re) ?? [])].sort().join('/');
    const y = [...new Set(b.match(re) ?? [])].sort().join('/');
    if (x !== y && ((x && y) || oneSide)) return true;
  }
  return false;
}

/** Names of an indicator's role, not of a measure ("全年实际完成值116人" is the value of the indicator named before it). */
export const ROLE_NAME = /完成值|指标值|目标值|实际值|完成数|标准值/;

/** A numbered item's marker (1、 / 1. / （1） / a half bracket 4)) at a paragraph's or sentence's start, and the item's title. */
const ITEM = /(?:^|[。；;！!？?])((?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|\d{1,2}[)）])([^，,。：:；;]{1,40})/g;

/**
 * The numbered item a figure is stated in ("2、2022年退役军人事务专项资金项目:预算20万元…"), from the text
 * of its paragraph before it (whitespace removed, as the statistic ids count): its marker and title.
 */
export function itemOf(paragraphText: string, start: number): { marker: string; title: string } | null {
  const before = paragraphText.replace(/\s+/g, '').slice(0, start);
  let last: RegExpExecArray | null = null;
  ITEM.lastIndex = 0;
  for (let m = ITEM.exec(before); m; m = ITEM.exec(before)) last = m;
  return last ? { marker: last[1], title: last[2] } : null;
}

/** A numbered item's title that names a topic of the analysis, not a subject ("项目资金到位情况分析"). */
export const TOPIC_TITLE = /(?:情况|分析|方面|指标|目标|原因|措施|建议|问题|评价|结论|概况|简介)[。.]?$/;

/**
 * The sentence before the figure (all of it when the figure is not found there); `compact`: whitespace
 * removed from sentence and figure first; `withoutLabel`: the figure's own name cut off too.
 */
function textBefore(s: NarrativeStat, compact: boolean, withoutLabel: boolean): string {
  const squeeze = (t: string) => (compact ? t.replace(/\s+/g, '') : t.trim());
  const sentence = compact ? squeeze(s.sentence) : s.sentence;
  const at = sentence.indexOf(squeeze(s.figure.text));
  const head = at >= 0 ? sentence.slice(0, at) : sentence;
  const name = squeeze(s.label);
  const label = withoutLabel && name ? head.lastIndexOf(name) : -1;
  return label >= 0 ? head.slice(0, label) : head;
}

/** The last project or works named in its sentence before the figure's name ("功能室改造工程"), if any. */
function subjectBefore(s: NarrativeStat): string | null {
  // the amount's own name is no subject ("其中部门预算项目支出87.5万元")
  const head = textBefore(s, false, true);
  const names = [...head.matchAll(/[\u4e00-\u9fa5]{3,20}(?:工程|项目)/g)].map((m) => m[0]).filter((n) => !GENERIC_SUBJECT.test(n));
  return names.at(-1) ?? null;
}

/** Names that are not one subject: "本项目", "预算项目", "建设项目" and the like. */
const GENERIC_SUBJECT = /^(?:[本该此各全][\u4e00-\u9fa5]{0,2}|[\u4e00-\u9fa5]{0,2}(?:预算|建设|实施|重点|年度))(?:工程|项目)$/;

/** Both sentences name a project before the figure, and not the same one. */
export function subjectsDiffer(a: NarrativeStat, b: NarrativeStat): boolean {
  const [x, y] = [subjectBefore(a), subjectBefore(b)];
  return !!x && !!y && !x.endsWith(y) && !y.endsWith(x);
}

/** The money of the things counted just before it: "21个项目评为一等，涉及资金656.93万元" / "0个项目评为二等，涉及资金0万元". */
const OF_COUNTED = /^涉及(?:资金|金额)/;

/** The clause before a figure's own clause (what its 涉及资金 is of), whitespace gone and its counts masked. */
function countedClause(s: NarrativeStat): string | null {
  const head = textBefore(s, true, true);
  const clauses = head.replace(/[，,]$/, '').split(/[，,；;。：:]/);
  const clause = clauses.at(-1) ?? '';
  return clause ? clause.replace(/\d+(?:\.\d+)?/g, '#') : null;
}

/** A total's name: the amount of a whole set (预算资金总额, 资金合计). */
const TOTAL_NAME = /(?:总额|总计|合计)$/;

/** What the first count of a sentence counts, before the figure ("…共24个项目，…" → 项目), as its noun's first words. */
function firstCountedNoun(s: NarrativeStat): string | null {
  const head = textBefore(s, true, false);
  return /\d+(?:个|家|项|所)([\u4e00-\u9fa5]{1,6})/.exec(head)?.[1] ?? null;
}

/**
 * Both figures are totals of the sets their sentences count first, and the sets are of two kinds ("本次项目支出绩效评价共24个项目，…
 * 预算资金总额55021.60万元" / "本次部门整体支出绩效评价共涉及2个单位，…预算资金总额5789.67万元"): two wholes, two measures.
 */
export function countedSetsDiffer(a: NarrativeStat, b: NarrativeStat): boolean {
  if (!TOTAL_NAME.test(a.label.trim()) || !TOTAL_NAME.test(b.label.trim())) return false;
  const [x, y] = [firstCountedNoun(a), firstCountedNoun(b)];
  return !!x && !!y && !x.startsWith(y) && !y.startsWith(x);
}

/**
 * Both figures are the money of things counted in the clause before them, and those things differ (一等 / 二等,
 * 敏感涉密项目 / 评为一等的项目): one sentence pattern per category, two measures.
 */
export function countedItemsDiffer(a: NarrativeStat, b: NarrativeStat): boolean {
  if (!OF_COUNTED.test(a.label.trim()) || !OF_COUNTED.test(b.label.trim())) return false;
  const [x, y] = [countedClause(a), countedClause(b)];
  return !!x && !!y && x !== y;
}
