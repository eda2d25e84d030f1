import type { ScannedFigure } from './scan.js';
import { Rational } from '../numbers/decimal.js';
import { hasPlaceholderFigure } from './placeholders.js';
import { unitInfo } from './units.js';
import { charCodes } from '../text/clauses.js';

/**
 * Totals and their parts inside one paragraph:
 *   listed parts   "共74个（房屋工程68个，市政工程6个）", "共284件（12345信箱239件、舆情11件…）"
 *   其中 subsets   "现有干职工79人，其中在编59人，退休干职工20人"; "…82个,工程总造价350773.89万元。
 *                   其中房建类81个，工程总造价350391.39万元…；市政工程1个，工程总造价382.5万元。"
 *   announced lists "分定期检查和不定期抽查两种形式", "3项（A、B、C）", "举报和投诉质疑函各一件".
 */

export interface Relation {
  parent: number | null;
  relation: 'component' | 'subset' | null;
  openList: boolean;
  listLength: number | null;
  each: number | null;
  /**
   * One item of a list: 'amounts' = one amount of a list of amounts joined by 、 ("包含补助18个年度重点项目资金774万元、
   * 补助6名传承人记录工作资金240万元、…"), a part and never the whole; 'numbered' = the amount a numbered item opens
   * with ("1.年度重点项目补助资金874万元：…").
   */
  listItem: 'amounts' | 'numbered' | null;
  /** The same amount said again inside its numbered item: the item's figure (its reading — part or whole — is this one's). */
  itemOf: number | null;
}

const SENTENCE_END = /[。！？!?]/g;
const OPEN_LIST_WORDS = /等|包括|包含|主要有/;

export function sentenceBounds(norm: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(norm); m; m = SENTENCE_END.exec(norm)) {
    out.push([start, m.index + 1]);
    start = m.index + 1;
  }
  if (start < norm.length) out.push([start, norm.length]);
  return out;
}

/**
 * The index of the sentence of sentenceBounds() that holds `pos`, or -1: a binary search, the bounds being
 * disjoint and in order (what a scan with findIndex found, in log time for a long paragraph's many sentences).
 */
export function sentenceIndexAt(sentences: ReadonlyArray<readonly [number, number]>, pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = sentences[mid];
    if (pos < s) hi = mid - 1;
    else if (pos >= e) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function sameKind(a: ScannedFigure, b: ScannedFigure): boolean {
  const ua = unitInfo(a.figure.unit);
  const ub = unitInfo(b.figure.unit);
  if (!ua || !ub) return a.figure.unit === b.figure.unit;
  if (ua.dimension !== ub.dimension) return false;
  if (ua.dimension === 'percent' || ua.dimension === 'other') return false; // percentages are not parts of a total
  return ua.dimension === 'count' ? ua.normalized === ub.normalized || commonCountUnit(a, b) !== null : true;
}

/**
 * Count units a figure offers as alternatives in brackets right after its own ("共16954套（台、块、项）",
 * "14666台（套）": a count of things some of which are counted in 台, some in 块…). The bracket names units,
 * not items: it is neither a list nor a part, and the figure counts in any of them. Filled by relate().
 */
const ALTERNATIVE_UNITS = new WeakMap<ScannedFigure, string[]>();

function alternativeUnits(norm: string, f: ScannedFigure): string[] | null {
  if (unitInfo(f.figure.unit)?.dimension !== 'count') return null;
  const m = /^\s?[（(]([^（()）]{1,20})[)）]/.exec(norm.slice(f.end, f.end + 24));
  if (!m) return null;
  const units = m[1].split(/[、，,/／]/).map((u) => u.trim());
  return units.every((u) => unitInfo(u)?.dimension === 'count') ? units : null;
}

/** The unit two counts share, their alternatives included ("16954套（台、块、项）" and "14666台（套）": 套), or null. */
function commonCountUnit(a: ScannedFigure, b: ScannedFigure): string | null {
  const ua = a.figure.unit;
  const ub = b.figure.unit;
  if (ua === null || ub === null) return null;
  const altA = ALTERNATIVE_UNITS.get(a) ?? [];
  const altB = ALTERNATIVE_UNITS.get(b) ?? [];
  if (altA.length === 0 && altB.length === 0) return null;
  if (altB.includes(ua)) return ua;
  if (altA.includes(ub)) return ub;
  return altA.find((u) => altB.includes(u)) ?? null;
}

/** Brackets by UTF-16 code: （ ( ） ). */
const OPEN_FULL = 0xff08;
const OPEN_ASCII = 0x28;
const CLOSE_FULL = 0xff09;
const CLOSE_ASCII = 0x29;

/** Closing bracket matching the opening one at `open`, or -1. */
function matchingClose(norm: string, open: number): number {
  let depth = 0;
  for (let i = open; i < norm.length; i++) {
    const c = norm.charCodeAt(i); // by code: norm[i] makes a string per ideograph
    if (c === OPEN_FULL || c === OPEN_ASCII) depth++;
    else if (c === CLOSE_FULL || c === CLOSE_ASCII) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * A figure that states a change, not a level: "同比上年度增加189.25万元", "较上年减少3人",
 * "比上年增长12.5万元". Changes are not parts of a 其中 list: a part's change may exceed the total's
 * change when another part fell, and a list mixing a level (财政拨款收入792.22万元) with a change
 * (同比增加209.28万元) adds up to nothing. 新增 (newly added) states a level. An adjustment (调减 / 调增 /
 * 核减 / 扣减) in a batch's list ("下达资金1.53万元，其中：…补偿资金调减2.66万元，造林补助2.42万元") is a
 * change too: it is subtracted from the batch, not one of its parts.
 */
const CHANGE_BEFORE = /(?:同比|环比|较|比|相比|与)[^，,。；;：:、]{0,10}?(?:增加|减少|增长|下降|上升|降低|提高|增|减|多|少)了?$|(?<!新)(?:增加|减少|增长|下降|上升|降低|调减|调增|核减|扣减)了?$/;

/**
 * Characters that end the clause a change is read in, by UTF-16 code: a back scan reads codes (norm[at] of an
 * ideograph makes a one-character string per step).
 */
const CHANGE_CLAUSE_END = charCodes('，,。；;：:、！？!?（(');

export function statesChange(norm: string, f: ScannedFigure): boolean {
  // the clause before the figure: from the last clause end in the 24 characters before it
  const from = Math.max(0, f.start - 24);
  let at = f.start - 1;
  while (at >= from && !CHANGE_CLAUSE_END.has(norm.charCodeAt(at))) at--;
  const clause = norm.slice(at + 1, f.start);
  return CHANGE_BEFORE.test(/\s/.test(clause) ? clause.replace(/\s+/g, '') : clause);
}

/** A count of posts (领导职数, 科级职数), not of people. */
const POSTS = /职数/;
/** A post named by its title ("馆长", "副局长", "书记"): one of a count of posts. */
const POST_TITLE = /(?:[馆局院所站校处科股队部厅司社组]长|主任|书记|主席)$/;

/** Conjunctions between the last two items of a list; 及时 (in time) is a word, not 及. */
const CONJUNCTION = /以及|和|及(?!时)|与/;

/**
 * Items of a written list. With 、 (or commas) as separators only the last item may join two with a
 * conjunction ("A、B和C"): a 和 inside an earlier item belongs to it ("对个人和单位的补贴、…和其他支出").
 */
export function countItems(s: string): number {
  const body = s.replace(/等.*$/, '');
  const nonEmpty = (x: string) => x.trim().length > 0;
  if (/[、，,；;]/.test(body)) {
    const segments = body.split(/[、，,；;]/).filter(nonEmpty);
    const last = segments.at(-1) ?? '';
    return segments.length + (CONJUNCTION.test(last) ? last.split(CONJUNCTION).filter(nonEmpty).length - 1 : 0);
  }
  return body.split(CONJUNCTION).filter(nonEmpty).length;
}

/** A gross amount and its write-off named together (原值 … 累计折旧 / 摊销 / 减值): the figure before is their difference. */
const GROSS_AND_WRITE_OFF = /原值[^（(）)]*(?:折旧|摊销|减值)|(?:折旧|摊销|减值)[^（(）)]*原值/;
/** A bracket's clause saying what there only is (…仅有2家…, 只有1个…): a note, not a list of parts. */
const ONLY_NOTE = /^[^，,、；;]{0,12}?(?:仅|只)有/;

/** `sentences`: sentenceBounds(norm), when the caller has them already. */
export function relate(norm: string, figures: ScannedFigure[], sentences: Array<[number, number]> = sentenceBounds(norm)): Relation[] {
  const rel: Relation[] = figures.map(() => ({ parent: null, relation: null, openList: false, listLength: null, each: null, listItem: null, itemOf: null }));
  const change = figures.map((f) => statesChange(norm, f));
  // an amount per unit ("每县补助1000万元", "人均500元") is a rate, never a part of a total
  const perUnit = figures.map((f) => isPerUnit(norm, f));
  const sentenceOf = (pos: number) => sentenceIndexAt(sentences, pos);
  const alternatives = figures.map((f) => alternativeUnits(norm, f));
  figures.forEach((f, i) => {
    const units = alternatives[i];
    if (units) ALTERNATIVE_UNITS.set(f, units);
  });

  // figures of a bracket that notes on the figure before it — a net value's gross and write-off, a sub-group of
  // an item already counted — never parts of a list
  const bracketNotes = new Set<number>();
  // 1. listed parts in brackets right after a figure
  figures.forEach((f, i) => {
    if (alternatives[i]) return; // units offered as alternatives, not a list
    // the bracket follows the figure, or the noun it counts ("共45个项目（…）")
    // … or an opening quote a print's glyph order set before it ("218.07万元“( 三区”人才项目…)": the quote opens inside)
    const after = /^[\u4e00-\u9fa5]{0,8}?\s?[“"‘]?[（(]/.exec(norm.slice(f.end, f.end + 10));
    if (!after) return;
    const open = f.end + after[0].length - 1;
    const close = matchingClose(norm, open);
    if (close < 0) return;
    const inner = pick(figures, (g, k) => k !== i && g.start > open && g.end <= close && rel[k].parent === null && !perUnit[k]);
    const content = norm.slice(open + 1, close);
    // "共15个（含转列项目5个）", "26个区县（含万盛经开区、两江新区，以下简称各区县）": what the bracket includes is a subset
    // … also after a note: "副主任4名（不含兼职，其中，分管日常工作的副主任1名为正科级…）" — the figures after 其中 (其中 before
    // the bracket's first figure) are some of the whole, not its parts
    const noteThenSome = inner.length > 0 && /其中/.test(norm.slice(open + 1, Math.min(...inner.map(({ g }) => g.start))));
    const including = /^\s*(?:含|包含|其中|内含)/.test(content) || noteThenSome;
    if (inner.length === 0) {
      // a subset named in brackets is not the list of all of them
      if (including) return;
      // one item in brackets is an alias or a note ("15个乡镇（街道办事处）"), not a list
      const items = countItems(content);
      if (unitInfo(f.figure.unit)?.dimension === 'count' && !/\d/.test(content) && items >= 2) {
        rel[i].listLength = items;
        rel[i].openList = OPEN_LIST_WORDS.test(content);
      }
      return;
    }
    // a note that gives one figure as a reason ("分配到经开区任务为0家（经开区仅有2家临时经营区域，2018年已整治完毕）")
    // says what there only is, not what the figure is made of
    if (inner.length === 1 && ONLY_NOTE.test(content)) return;
    // a net value with its gross and what is written off ("固定资产净值6216.38万元（固定资产原值6606.25万元，累计折旧
    // 389.87万元）"): a difference, not parts
    if (GROSS_AND_WRITE_OFF.test(content)) {
      for (const { k } of inner) bracketNotes.add(k);
      return;
    }
    // one figure of the figure's own kind is no list: it names a group within it (a note, like a 含 bracket) —
    // "“差”的项目20个财政资金218.07万元(“三区”人才项目16个49万元)": 49 of the 218.07, not all of it
    const single = inner.filter(({ g }) => sameKind(f, g)).length === 1;
    // a bracket after an item that has its own figure of a kind names a sub-group of that kind too: the 16个 there
    // are among the item's 20个, never one more part of the list the item stands in (113个 = 79 + 11 + 3 + 20)
    const item = itemFiguresBefore(norm, figures, f);
    for (const { g, k } of inner) {
      if (!sameKind(f, g)) {
        if (item.some((h) => sameKind(h, g))) bracketNotes.add(k);
        continue;
      }
      rel[k].parent = i;
      rel[k].relation = including || single ? 'subset' : 'component';
      rel[k].openList = including || single || OPEN_LIST_WORDS.test(content);
    }
  });

  // 1b. a breakdown announced right after a figure (具体是 / 分别支持 …): its figures are that figure's parts
  figures.forEach((f, i) => {
    if (change[i] || rel[i].parent !== null) return;
    // the count's alternative units in brackets come first ("档案118606卷（册、盘、盒、件），包括纸质档案…")
    const unitsNote = alternatives[i] ? (/^\s?[（(][^（()）]{1,20}[)）]/.exec(norm.slice(f.end, f.end + 24))?.[0].length ?? 0) : 0;
    const m = BREAKDOWN.exec(norm.slice(f.end + unitsNote, f.end + unitsNote + 12));
    if (!m) return;
    const from = f.end + unitsNote + m[0].length;
    const si = sentenceOf(from);
    // a breakdown the paragraph ends inside (a page cut mid-list: no full stop) is not complete
    if (si < 0 || !/[。！？!?]/.test(norm[sentences[si][1] - 1])) return;
    const end = sentences[si][1];
    const inList = pick(figures, (g, k) => g.start >= from && g.end <= end && rel[k].parent === null && !change[k] && !perUnit[k] && !bracketNotes.has(k) && sameKind(f, g));
    // items joined by 、 end at the first comma or semicolon (what follows is the next batch)
    // … unless the figures after the semicolon complete it exactly ("即：A 8.64万元、B 0.1万元；C 0.17万元" of 8.91)
    const listed = listItems(norm, inList, 2);
    let parts = listed.length < inList.length && addsUp(inList, [{ g: f }]) ? inList : listed;
    // a semicolon after parts that already add up exactly ends the breakdown: what follows is the next item of the list the
    // figure is in ("其中：档案118606卷，包括纸质档案111675卷…特色档案1883卷；资料14091册" — 资料 is no kind of 档案)
    const semicolon = parts.findIndex((p, j) => j >= 2 && /[；;]/.test(norm.slice(parts[j - 1].g.end, p.g.start)));
    if (semicolon >= 2 && addsUp(parts.slice(0, semicolon), [{ g: f }])) parts = parts.slice(0, semicolon);
    if (parts.length < 2) return;
    const open = OPEN_LIST_WORDS.test(norm.slice(f.end, parts[parts.length - 1].g.end)); // 具体包括 … may be partial
    for (const { k } of parts) rel[k] = { ...rel[k], parent: i, relation: 'component', openList: open };
  });

  // the levels of the sentence before sentence `si`; a sentence stating only changes ("收入:792.22万元。同比上年度
  // 增加189.25万元,增加31.39%。其中:财政拨款收入…") is passed over to the one before it
  const levelsBefore = (si: number) => {
    for (let t = si - 1; t >= 0 && t >= si - 2; t--) {
      const inT = pick(figures, (g) => g.start >= sentences[t][0] && g.end <= sentences[t][1]);
      const levels = inT.filter(({ k }) => rel[k].parent === null && !change[k]);
      if (levels.length > 0 || inT.some(({ k }) => !change[k])) return levels;
    }
    return [];
  };
  // 2. 其中 lists: parts up to the end of the sentence, parent before 其中 (same sentence, else the previous one)
  const qizhong = /其中/g;
  // a 其中 that divides the one part named by the 其中 before it (nested): its position → that part
  const drillDown = new Map<number, number>();
  for (let m = qizhong.exec(norm); m; m = qizhong.exec(norm)) {
    const at = m.index;
    const si = sentenceOf(at);
    if (si < 0) continue;
    const scopeEnd = numberedListEnd(norm, m.index + m[0].length, sentences, si);
    const closeBracket = enclosingClose(norm, at);
    let end = closeBracket >= 0 ? Math.min(closeBracket, scopeEnd) : scopeEnd;
    const nested = nestedQizhong(norm, figures, at + m[0].length, end);
    if (nested) {
      end = nested.at;
      drillDown.set(nested.at, nested.part);
    } else {
      // a later 其中 right after a figure and its comma or semicolon opens a list of its own ("…项目支出379.53万元；其中工资福利
      // 支出729.14万元…"): this list ends there (a figure's repeat with no stop between, "中央财政4676 其中:中央财政4676", does not)
      const later = LATER_QIZHONG.exec(norm.slice(at + m[0].length, end));
      if (later) end = at + m[0].length + later.index + later[0].length - 2;
    }
    // paragraphs run together (a PDF copied as one line): a section heading ends the list ("…本级59.75万元，
    // 项目绩效目标是…三、预算支出组织实施情况…87.06万元" — 87.06 is not a part)
    const heading = norm.slice(at, end).search(/[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]/);
    if (heading > 0) end = at + heading;
    // … and so does the next item of a numbered list run into the sentence, after a semicolon ("1、档案管理项目资金：…安排30万元…，
    // 其中国重档案10万元；2、县档案馆建设项目资金：…拨款427.36万元") — unless the 其中 opened that list (numberedListEnd)
    if (!NUMBERED_ITEM.test(norm.slice(at + m[0].length).replace(/^\s*[：:]/, ''))) {
      const item = norm.slice(at, end).search(/[；;]\s*(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）])/);
      if (item > 0) end = at + item;
    }
    // changes ("同比增加209.28万元") are neither parts nor totals of a 其中 list
    const inSentence = pick(figures, (g, k) => g.start > at && g.end <= end && rel[k].parent === null && !change[k] && !perUnit[k] && !bracketNotes.has(k));
    const listed = listItems(norm, inSentence);
    if (inSentence.length === 0) continue;
    const before = pick(figures, (g, k) => g.end <= at && g.start >= sentences[si][0] && rel[k].parent === null);
    const sameSentence = before.filter(({ k }) => !change[k]);
    // a 其中 right after a change with no level before it in the sentence: what it divides is unclear
    if (sameSentence.length === 0 && before.length > 0) continue;
    const drilled = drillDown.get(at);
    // … and that later list divides the figure of the list before it (or its whole) that its parts add up to exactly ("其中：
    // 基本支出1006.67万元；项目支出379.53万元；其中工资福利支出729.14万元，商品和服务支出152.93万元，对个人和家庭支出124.6万元" —
    // the economic classes of 基本支出); when none does, the part right before it (below)
    const afterList = drilled === undefined && pick(figures, (g) => g.end <= at && g.start >= sentences[si][0]).some(({ k }) => rel[k].relation === 'subset' && rel[k].parent !== null && sentenceOf(figures[rel[k].parent!].start) === si);
    let candidates =
      drilled !== undefined
        ? [...sameSentence, { g: figures[drilled], k: drilled }].sort((a, b) => a.g.start - b.g.start)
        : sameSentence.length > 0
          ? sameSentence
          : levelsBefore(si);
    // a year-end balance said between the spending and its 其中 ("本年支出合计61658.08万元，预算执行率为97.10%。年末结转
    // 结余1843.7万元。其中，基本支出13645.88万元…"): kinds of spending divide the spending, not what is left of it
    if (sameSentence.length === 0 && drilled === undefined && candidates.length > 0 && isKindOfSpending(clauseBefore(norm, inSentence[0].g)) && candidates.every(({ g }) => BALANCE.test(clauseBefore(norm, g)))) {
      candidates = levelsBefore(sentenceOf(candidates[0].g.start));
    }
    let parts = listed.length < inSentence.length && addsUp(inSentence, candidates) && !addsUp(listed, candidates) ? inSentence : listed;
    // a semicolon after parts that already add up exactly ends the list: "其中：中央财政资金202377万元，市级财政资金
    // 87026万元；本次纳入绩效评价范围的…资金151640万元" — what follows the semicolon is another statement
    const semicolon = parts.findIndex((p, j) => j >= 2 && /[；;]/.test(norm.slice(parts[j - 1].g.end, p.g.start)));
    if (semicolon >= 2 && addsUp(parts.slice(0, semicolon), candidates)) parts = parts.slice(0, semicolon);
    // … and so does a balance after a semicolon in a list of spending: "总支出决算数为35,837.94万元。其中：基本支出
    // 13,819.134万元，项目支出22,018.81万元；年末结转结余23.68万元" — what is left at year end is not spent
    else if (semicolon >= 2 && BALANCE.test(norm.slice(parts[semicolon - 1].g.end, parts[semicolon].g.start)) && candidates.some(({ g }) => SPENDING.test(clauseBefore(norm, g))))
      parts = parts.slice(0, semicolon);
    // … and so does the year's spending after parts of money received: "共收到财政资金57511795.36元。其中，收到
    // 上年结转的自有资金759897.87元，当期取得收入56751897.49元，当期发生支出56916443.49元" — spent is not received;
    // a spending with its own 其中 list is a new whole whether or not the parts before it add up ("收到财政资金共2330.9万元,
    // 其中:中央资金…,其他资金859.6万元2023年支出2310.4万元,其中中央资金…"): the list must not hide a wrong part
    if (candidates.some(({ g }) => RECEIVED.test(clauseBefore(norm, g)) && !SPENDING.test(clauseBefore(norm, g)))) {
      const spent = parts.findIndex((p, j) => j >= 2 && SPENDING.test(clauseBefore(norm, p.g)) && !RECEIVED.test(clauseBefore(norm, p.g)));
      const ownList = spent >= 2 && /^\s*[，,]?\s*其中/.test(norm.slice(parts[spent].g.end, parts[spent].g.end + 6));
      if (spent >= 2 && (ownList || addsUp(parts.slice(0, spent), candidates))) parts = parts.slice(0, spent);
    }
    // a form's columns flattened into one line repeat each part once per column ("其中:中央财政4676 其中:中央财政4676
    // 其中:中央财政4676 省财政14145.06 省财政14145.06 …" under 计划 / 到位 / 使用): the repeats are not further parts
    // — among figures of the whole's kind: a share noted after each part ("财政拨款收入2371.75万元，占收入合计的100%；上级补助
    // 收入0万元，占收入合计的0%；事业收入0万元，占收入合计的0%") is a note on that part, its repeats no repeated column
    const whole = parts[0] ? [...candidates].reverse().find(({ g }) => sameKind(g, parts[0].g)) : undefined;
    const repeated = parts.filter((p, j) => (!whole || sameKind(whole.g, p.g)) && partLabel(norm, p.g) !== '' && parts.findIndex((q) => q.g.figure.value === p.g.figure.value && partLabel(norm, q.g) === partLabel(norm, p.g)) !== j);
    if (repeated.length > 0 && !addsUp(parts, candidates)) {
      const distinct = parts.filter((p) => !repeated.includes(p));
      if (distinct.length >= 2 && addsUp(distinct, candidates)) parts = distinct;
      else continue;
    }
    // a figure after a semicolon that opens its own 其中 list: where the parts up to it add up exactly ("其中：基本支出100万元；
    // 项目支出50万元，其中：…" of 150) it is the last part, its own list dividing it further; where it is as large as the whole
    // it is another whole, not one more part ("在职人员编制6人，其中：事业编制6人；在职实有6人，其中：财政全额保障6人" — the 实有
    // count is no kind of 编制)
    const opensOwnList = (p: { g: ScannedFigure }) => /^\s*[，,；;]?\s*其中/.test(norm.slice(p.g.end, p.g.end + 6));
    // … and so is a figure opening its own 其中 list after parts that add up exactly without it, whatever stop is before it
    // ("编制共117人，其中行政编制48人，工勤编制4人，事业编制65人，年末实有在职人员113人，其中执行公务员津补贴人员48人…")
    const anotherWhole = parts.findIndex((p, j) => j >= 2 && opensOwnList(p) && addsUp(parts.slice(0, j), candidates));
    if (anotherWhole >= 2 && !addsUp(parts, candidates)) parts = parts.slice(0, anotherWhole);
    const ownWhole = parts.findIndex((p, j) => j >= 1 && /[；;]/.test(norm.slice(parts[j - 1].g.end, p.g.start)) && /^\s*[，,]?\s*其中/.test(norm.slice(p.g.end, p.g.end + 6)));
    if (ownWhole >= 1 && !addsUp(parts, candidates)) {
      const own = parts[ownWhole];
      const of = [...candidates].reverse().find(({ g }) => sameKind(g, own.g));
      if (addsUp(parts.slice(0, ownWhole + 1), candidates)) {
        drillDown.set(norm.indexOf('其中', own.g.end), own.k);
        parts = parts.slice(0, ownWhole + 1);
      } else if (of && sameUnit(of.g.figure.unit, own.g.figure.unit) && !Rational.parse(own.g.figure.value).lt(Rational.parse(of.g.figure.value))) parts = parts.slice(0, ownWhole);
    }
    // money of another year or carried over after parts that already add up exactly is beside the total,
    // not in it: "预算数60万元，其中包括兵团补贴…资金60万，2018年度农机购置补贴结余资金12.664万元"
    const carried = parts.findIndex((p, j) => j >= 1 && /(?:19|20)\d{2}年|结余|结转|上年/.test(norm.slice(parts[j - 1].g.end, p.g.start)));
    if (carried >= 1 && addsUp(parts.slice(0, carried), candidates)) parts = parts.slice(0, carried);
    // an adjustment after parts that already add up exactly ends the list: "下达我区111万元，其中低保…100万元，
    // 孤儿…11万元，调减40万元，全年实际下达71万元" — what follows the cut is the adjusted level, not a part
    const adjustment = figures.find((g, k) => change[k] && g.start > at && g.end <= end);
    if (adjustment) {
      const beforeCut = parts.filter((p) => p.g.end <= adjustment.start);
      if (beforeCut.length >= 2 && beforeCut.length < parts.length && addsUp(beforeCut, candidates)) parts = beforeCut;
    }
    // money paid or spent so far, after parts that name what the total is made of, is another statement:
    // "资金303万元,其中项目管理费3万元,目前项目资金已拨付270万元" (a list that divides the total into paid
    // and unpaid, "其中已拨付…,未拨付…", opens with it and stays whole)
    if (!PROGRESS.test(norm.slice(at, parts[0]?.g.start ?? at))) {
      const progress = parts.findIndex((p, j) => j >= 1 && PROGRESS.test(norm.slice(parts[j - 1].g.end, p.g.start)));
      if (progress >= 1) parts = parts.slice(0, progress);
    }
    // a list that names one more part without its figure ("其中行政编13个、全额事业编45个、差额" — the page cut
    // there, or the amount left out): the parts given are not all of them, so nothing is summed
    if (parts.length > 0 && namesPartWithoutFigure(norm.slice(parts[parts.length - 1].g.end, end), end === norm.length)) continue;
    const open = OPEN_LIST_WORDS.test(norm.slice(at, end));
    if (afterList) {
      const earlier = pick(figures, (g, k) => g.end <= at && g.start >= sentences[si][0] && !change[k] && !perUnit[k]);
      const whole = earlier.filter(({ g }) => parts.length >= 2 && addsUp(parts, [{ g }]));
      // none adds up: the 其中 divides the part right before it, as it reads ("…；工勤编制3人，其中：驾驶员2人、保洁员2人" against 3)
      const last = earlier.at(-1);
      if (whole.length === 1) candidates = whole;
      else if (whole.length === 0 && last && rel[last.k].relation === 'subset') candidates = [last];
      else continue;
    }
    const assigned = parts.map(({ g, k }) => ({ k, parent: [...candidates].reverse().find(({ g: c }) => sameKind(c, g)) ?? null }));
    for (const { k, parent } of assigned) {
      if (!parent) continue;
      // posts named under a count of staff ("核定事业编制14名。其中，正处级领导职数1名、副处级领导职数2名"): positions among
      // the staff, not a split of them — posts divide a count of posts only
      // the posts of a count of posts may be named by their titles ("领导职数3名,其中馆长1名,副馆长2名")
      const parentPosts = POSTS.test(clauseBefore(norm, parent.g));
      const partClause = clauseBefore(norm, figures[k]);
      if ((POSTS.test(partClause) || (parentPosts && POST_TITLE.test(partClause))) !== parentPosts) continue;
      // a list with a part as large as the whole names aspects, not a partition ("共编制12个指标，
      // 其中一级指标3个，二级指标9个，三级指标12个"): no part of it is summed
      const siblings = assigned.filter((a) => a.parent?.k === parent.k);
      if (siblings.length >= 2 && siblings.some((a) => figures[a.k].figure.value === parent.g.figure.value && figures[a.k].figure.unit === parent.g.figure.unit)) continue;
      rel[k].parent = parent.k;
      rel[k].relation = 'subset';
      rel[k].openList = open;
    }
  }

  // 2b. a total said after its parts, each part named by its source and the total's own measure: "专项资金支出316.38万元，
  // 预算执行率61%，财政资金支出2419.45万元，预算执行率58%，总支出2939.83万元" — the sources' spending make up the total
  figures.forEach((f, i) => {
    if (change[i] || rel[i].parent !== null) return;
    const measure = TRAILING_TOTAL.exec(clauseBefore(norm, f))?.[1];
    const si = sentenceOf(f.start);
    if (!measure || si < 0) return;
    const earlier = pick(figures, (g, k) => g.start >= sentences[si][0] && g.end <= f.start && sameKind(f, g) && !change[k]);
    if (earlier.length < 2 || /其中/.test(norm.slice(sentences[si][0], f.start))) return;
    // every amount before it is a part of no other list and named "<source><measure>", each source once
    if (earlier.some(({ k }) => rel[k].parent !== null || rel.some((r) => r.parent === k))) return;
    const heads = earlier.map(({ g }) => clauseBefore(norm, g));
    if (!heads.every((h) => h.length > measure.length && h.endsWith(measure)) || new Set(heads).size < heads.length) return;
    for (const { k } of earlier) rel[k] = { ...rel[k], parent: i, relation: 'component', openList: false };
  });

  // 3. announced counts: "A和B两种形式", "A、B各一件"
  figures.forEach((f, i) => {
    const unit = f.figure.unit ?? '';
    if (!f.each && !/^(种|类)$/.test(unit)) return;
    const before = norm.slice(Math.max(0, f.start - 40), f.start - (f.each ? 1 : 0));
    const clause = before.split(/[，,。；;：:！？!?（(]/).at(-1) ?? '';
    // a list names things: a clause with figures in it ("在30个工作日内及时将原12类"), placeholders
    // included ("农业户籍户X户X人、低保户X户X人"), is not one
    if (!/[、和及与]/.test(clause) || /\d/.test(clause) || hasPlaceholderFigure(clause)) return;
    const items = clause.replace(/^(?:分为|分|包括|共有|有|收到|开展|对)/, '');
    const n = countItems(items);
    if (n < 2) return;
    if (f.each) rel[i].each = n;
    else {
      rel[i].listLength = n;
      rel[i].openList = /等/.test(items);
    }
  });
  // 4. a list after a count: "直属事业单位10个，即A、B、C。", "共3项：A、B、C。"
  figures.forEach((f, i) => {
    if (rel[i].listLength !== null || unitInfo(f.figure.unit)?.dimension !== 'count') return;
    const m = /^\s*(?:[，,]\s*)?(?:即|分别是|分别为|具体为|[：:])\s*/.exec(norm.slice(f.end, f.end + 8));
    if (!m) return;
    const si = sentenceOf(f.start);
    const end = si >= 0 ? sentences[si][1] : norm.length;
    const list = norm.slice(f.end + m[0].length, end).replace(/[。；;]\s*$/, '');
    if (/\d/.test(list) || (list.match(/、/g) ?? []).length < 2) return;
    // a list whose last separator is followed by nothing was cut (a stored page ending inside it: "…数据管理中心、"):
    // the items shown are not all the items counted
    if (/[、，,]\s*$/.test(list)) return;
    rel[i].listLength = countItems(list);
    rel[i].openList = OPEN_LIST_WORDS.test(list);
  });
  markListItems(norm, figures, rel);
  // a part counted in an alternative unit of its total ("其中…14666台（套）" of "16954套（台、块、项）") is counted in the total's unit
  rel.forEach((r, k) => {
    if (r.parent === null) return;
    const total = figures[r.parent];
    const part = figures[k];
    if (part.figure.unit === total.figure.unit) return;
    if (commonCountUnit(total, part) !== null) part.figure = { ...part.figure, unit: total.figure.unit };
  });
  return rel;
}

const CLAUSE_BREAK = /[，,；;]/;

/** A balance left over (结转结余 / 年末结余), never a kind of spending. */
const BALANCE = /结转结余|年末结余|年末结转|结余资金/;
const SPENDING = /支出/;
/** A kind of spending (基本支出, 项目支出), not a balance of it (支出结余). */
function isKindOfSpending(clause: string): boolean {
  return SPENDING.test(clause) && !/结余|结转/.test(clause);
}

/** Money received or arrived (收到 / 取得收入 / 到位), never what was spent of it. */
const RECEIVED = /收到|收入|到位|拨入/;

/** The last few characters naming a part ("省财政" of "…省财政14145.06"): what tells a repeated item. */
function partLabel(norm: string, f: ScannedFigure): string {
  const before = norm.slice(Math.max(0, f.start - 16), f.start);
  return (/[^\d.\s:：,，、；;。]*\s*$/.exec(before)?.[0] ?? '').trim();
}

/** A total named after its parts by 总 / 合计 and the parts' measure ("总支出"). */
const TRAILING_TOTAL = /^(?:总|合计)([\u4e00-\u9fa5]{2,4})$/;

/** The words of a figure's own clause before it ("总支出决算数为"). */
function clauseBefore(norm: string, f: ScannedFigure): string {
  return clauseEndingAt(norm, f.start, 20);
}

/** Characters that end the clause before a figure (clauseBefore, isPerUnit), by UTF-16 code. */
const CLAUSE_BEFORE_END = charCodes('，,。；;：:、（()）！？!?');

/**
 * The text after the last clause end among the `reach` characters before `end` (all of them when none): what
 * slicing them and splitting at clause ends gave as its last piece, without the slice and the array of pieces.
 */
function clauseEndingAt(norm: string, end: number, reach: number): string {
  const from = Math.max(0, end - reach);
  let at = end - 1;
  while (at >= from && !CLAUSE_BEFORE_END.has(norm.charCodeAt(at))) at--;
  return norm.slice(at + 1, end);
}

/** List separators and sentence ends: what bounds one item of a list. */
const ITEM_BREAK = charCodes('、，,；;：:。！？!?');

/**
 * The other figures of the list item `f` ends, from the last separator before it ("绩效自评“差”的项目20个财政资金218.07万元"
 * → 20个 for 218.07万元).
 */
function itemFiguresBefore(norm: string, figures: ScannedFigure[], f: ScannedFigure): ScannedFigure[] {
  const from = Math.max(0, f.start - 40);
  let at = f.start - 1;
  while (at >= from && !ITEM_BREAK.has(norm.charCodeAt(at))) at--;
  return figures.filter((g) => g !== f && g.start > at && g.end <= f.start);
}

/** The figures (with their index) that `keep` accepts, in order — a {g, k} pair made only for those it keeps. */
function pick(figures: ScannedFigure[], keep: (g: ScannedFigure, k: number) => boolean): Array<{ g: ScannedFigure; k: number }> {
  const out: Array<{ g: ScannedFigure; k: number }> = [];
  for (let k = 0; k < figures.length; k++) if (keep(figures[k], k)) out.push({ g: figures[k], k });
  return out;
}

/** Arabic item numbers as written in a list: "1." / "1、" / "（1）" / "(1)". */
const NUMBERED_ITEM = /^\s*(?:(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[)）])/;

/**
 * Where the scope of a 其中 ends. Normally at the end of its sentence; a 其中 that opens a numbered list
 * ("其中：1.本年…项目11个，预算资金为2827.23万元，即：…。2.上年结转结余项目3个，预算资金为8.91万元，即：…。")
 * runs on through the sentences that start with the next numbers: the numbered subtotals are its parts.
 */
function numberedListEnd(norm: string, after: number, sentences: Array<[number, number]>, si: number): number {
  let end = sentences[si][1];
  const first = NUMBERED_ITEM.exec(norm.slice(after).replace(/^\s*[：:]/, ''));
  if (!first || Number(first[1] ?? first[2]) !== 1) return end;
  const bracketed = first[2] !== undefined;
  for (let t = si + 1, n = 2; t < sentences.length; t++, n++) {
    const next = NUMBERED_ITEM.exec(norm.slice(sentences[t][0], sentences[t][1]));
    if (!next || Number(next[1] ?? next[2]) !== n || (next[2] !== undefined) !== bracketed) break;
    end = sentences[t][1];
  }
  return end;
}

/**
 * A 其中 nested in the scope of another, right after the one figure of its kind that the outer list names:
 * "共16项，金额合计333,001万元；其中省林业厅共13项，合计金额118,156万元，其中森林生态效益补偿资金40,671万元、…" — the
 * second 其中 lists the 林业厅's 118,156, not further parts of 333,001. The outer list ends there. Where the outer
 * list names two parts or more of that kind before the second 其中 ("其中中央60万元、省级40万元，其中用于…"), the
 * second divides the whole again by another criterion and is not nested.
 */
function nestedQizhong(norm: string, figures: ScannedFigure[], from: number, end: number): { at: number; part: number } | null {
  const next = norm.indexOf('其中', from);
  if (next < 0 || next >= end) return null;
  let part = -1;
  for (let k = 0; k < figures.length; k++) if (figures[k].start >= from && figures[k].end <= next) part = k;
  if (part < 0 || CLAUSE_END_HARD.test(norm.slice(figures[part].end, next))) return null;
  const sameKindBefore = figures.filter((g) => g.start >= from && g.end <= next && sameKind(g, figures[part]));
  return sameKindBefore.length === 1 ? { at: next, part } : null;
}

/** A later 其中 right after a figure's comma or semicolon (the figure's unit between): it opens a list of its own. */
const LATER_QIZHONG = /\d[^\d，,；;。其]{0,6}[，,；;]\s*其中/;

/** A sentence or clause group ends: 。 or ；. */
const CLAUSE_END_HARD = /[。；;]/;

/**
 * The text after a list's last figure names one more item and nothing follows: "、差额" before the
 * sentence's end, or "，差额" where the paragraph stops (a page cut mid-list). A clause ("，已全部到位。")
 * is no item: with a comma the item must end the paragraph unpunctuated.
 */
export function namesPartWithoutFigure(tail: string, endsParagraph: boolean): boolean {
  const t = tail.replace(/\s+/g, '');
  if (/^、[\u4e00-\u9fa5]{1,10}[。；;]?$/.test(t)) return true;
  return endsParagraph && /^[，,][\u4e00-\u9fa5]{1,10}$/.test(t);
}

/** Money paid, spent or delivered so far ("目前…已拨付", "截至12月底已支付"): a state of progress, not a kind of money. */
const PROGRESS = /目前|截至|截止|至今|已[^，,；;。、]{0,6}?(?:拨付|支付|支出|完成|到位|兑付|发放|使用|执行|报账)/;

/** The words of the figure's own clause that make it an amount per unit: 每县补助…, 人均…, 户均…, 平均…, 单价…. */
const PER_UNIT = /每(?![年季月周天日次])|人均|户均|亩均|生均|平均|单价/;

function isPerUnit(norm: string, f: ScannedFigure): boolean {
  return PER_UNIT.test(clauseEndingAt(norm, f.start, 12));
}

/**
 * A figure's own breakdown announced after it — "下达预算资金9378万元。具体是：A项目3005万元；B项目1235万元；…",
 * "第一批资金9910万元，分别支持A项目3000万元、B项目3357.17万元、C项目3552.83万元；第二批资金7437万元，…",
 * "支出预算51587.78万元，包括基本支出24642.4万元、项目支出26945.38万元" (包括 may list only some: an open list),
 * "总预算36,620万元，经调整后资金的来源为：中央财政补助10,000万元，…，其他资金渠道5700万元",
 * "预算资金为2827.23万元，即：A 82.8万元、B 30.61万元、…" (即 = namely):
 * an enumeration of that figure's parts (nested inside a 其中 list around it, the batches).
 */
const BREAKDOWN = /^\s*[，,。：:]?\s*(?:即(?![将可时使便刻])|具体(?:是|为|包括)|包括|包含|分别(?:是|为|支持|用于|安排|下达|拨付|补助)|[\u4e00-\u9fa5]{0,8}?来源(?:为|是|包括))\s*[：:]?/;


/**
 * The figures of a 其中 list. A list whose items are joined by 、 ends at the first comma after them:
 * 、 joins coordinate items, a comma ends the clause, and what follows counts something else
 * ("其中项目支出评价4个、政策评价3个、部门整体评价2个，涉及部门单位7个，资金17815.56万元" — the 7
 * units are not a fourth kind of evaluation). Lists joined by commas ("其中在编59人，退休20人") run to
 * the end of the sentence as before. When the figures after the comma complete the list exactly
 * (the whole adds up to a total of their kind before 其中), the writer's comma is a slip and they stay.
 * `min`: the fewest items for the 、 rule to apply (a 其中 list of two may be joined by a comma).
 */
function listItems<T extends { g: ScannedFigure }>(norm: string, parts: T[], min = 3): T[] {
  if (parts.length < min) return parts;
  const gap = (a: ScannedFigure, b: ScannedFigure) => norm.slice(a.end, b.start);
  const first = gap(parts[0].g, parts[1].g);
  if (!first.includes('、') || CLAUSE_BREAK.test(first)) return parts;
  const cut = parts.findIndex((p, j) => j > 0 && CLAUSE_BREAK.test(gap(parts[j - 1].g, p.g)));
  return cut < 0 ? parts : parts.slice(0, cut);
}

/** Do the parts of the first part's kind add up exactly to the nearest total of that kind before 其中? */
function addsUp(parts: Array<{ g: ScannedFigure }>, candidates: Array<{ g: ScannedFigure }>): boolean {
  const head = parts[0]?.g;
  const parent = head ? [...candidates].reverse().find(({ g }) => sameKind(g, head)) : undefined;
  if (!head || !parent) return false;
  const same = parts.filter(({ g }) => sameKind(parent.g, g) && (sameUnit(g.figure.unit, parent.g.figure.unit) || commonCountUnit(parent.g, g) !== null));
  const value = (f: ScannedFigure) => Rational.parse(f.figure.value);
  return same.reduce((acc, { g }) => acc.add(value(g)), Rational.of(0)).eq(value(parent.g));
}

/** The same unit, written alike or short (万 after a money word is 万元). */
function sameUnit(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  const x = unitInfo(a);
  const y = unitInfo(b);
  return !!x && !!y && x.dimension === y.dimension && x.normalized === y.normalized && x.shift === y.shift;
}

/** If `pos` is inside brackets, the position of the closing bracket; else -1. */
function enclosingClose(norm: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i >= 0; i--) {
    const c = norm.charCodeAt(i);
    if (c === CLOSE_FULL || c === CLOSE_ASCII) depth++;
    else if (c === OPEN_FULL || c === OPEN_ASCII) {
      if (depth === 0) return matchingClose(norm, i);
      depth--;
    }
  }
  return -1;
}

/** Money: amounts in 元, 万元, 亿元 (a list of amounts is told by them). */
function isAmount(f: ScannedFigure): boolean {
  return unitInfo(f.figure.unit)?.dimension === 'money';
}

/** Words ending a clause: a list joined by 、 does not run past them. */
const CLAUSE_END = /[，,。；;：:！？!?]/;

/** The first character after `pos` that is not whitespace. */
function nextVisible(norm: string, pos: number): string | undefined {
  while (pos < norm.length && /\s/.test(norm[pos])) pos++;
  return norm[pos];
}

/**
 * An item number opening the words right before a figure, with only the item's name between:
 * "…情况1.年度重点项目补助资金" / "（2）培训经费". The number is the item's; a decimal ("1.5") is none.
 */
const ITEM_HEAD = /(?<![\d.．])(?:(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[)）])[^，,。；;：:、！？!?\d]{1,30}$/;
/** Where a numbered item's text ends: a section heading (二、 / （三）), or a clause opening the next number. */
const SECTION_HEAD = /[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]/g;

/**
 * Lists the structure step marks for the links (src/narrative/link.ts):
 * - 'amounts': an amount joined by 、 to the next item, or to an amount before it in the same clause;
 * - 'numbered': the amount a numbered item opens with; a later figure of the same value and unit within
 *   that item ("1.年度重点项目补助资金874万元：…补助19项…保护补助资金874万元") says it again: `itemOf`.
 */
function markListItems(norm: string, figures: ScannedFigure[], rel: Relation[]): void {
  figures.forEach((f, i) => {
    if (!isAmount(f)) return;
    if (nextVisible(norm, f.end) === '、') rel[i].listItem = 'amounts';
    else for (let k = i - 1; k >= 0; k--) {
      const gap = norm.slice(figures[k].end, f.start);
      if (CLAUSE_END.test(gap)) break;
      if (!isAmount(figures[k])) continue;
      if (nextVisible(norm, figures[k].end) === '、') rel[i].listItem = 'amounts';
      break;
    }
  });
  figures.forEach((f, i) => {
    if (rel[i].listItem !== null || rel[i].itemOf !== null || !isAmount(f)) return;
    const from = i > 0 ? figures[i - 1].end : 0;
    const head = ITEM_HEAD.exec(norm.slice(Math.max(from, f.start - 40), f.start));
    if (!head) return;
    rel[i].listItem = 'numbered';
    const end = numberedItemEnd(norm, f.end, Number(head[1] ?? head[2]));
    for (let k = i + 1; k < figures.length && figures[k].start < end; k++) {
      const g = figures[k].figure;
      if (g.value === f.figure.value && g.unit === f.figure.unit && rel[k].itemOf === null) rel[k].itemOf = i;
    }
  });
}

/** The end of numbered item `n` whose text starts at `from`: the next item's number, a section heading, or the text's end. */
function numberedItemEnd(norm: string, from: number, n: number): number {
  const next = new RegExp(`(?<![\\d.．])(?:${n + 1}[.．、](?!\\d)|[（(]${n + 1}[)）])`).exec(norm.slice(from));
  SECTION_HEAD.lastIndex = from;
  const section = SECTION_HEAD.exec(norm);
  return Math.min(next ? from + next.index : norm.length, section ? section.index : norm.length);
}
