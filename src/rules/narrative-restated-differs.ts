import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { goalAndResult, isExact, normalize, partsOfTwoAmounts, placeName, plain, restatementAgrees, restatementTolerance, statEvidence, statPhrase, statsById } from '../narrative/compare.js';
import { clauseLeadIn, PHRASE_STOPS } from '../text/clauses.js';
import { ratesContradictedByAmounts } from './narrative-rate.js';
import { Rational } from '../numbers/decimal.js';
import { commonEnding, itemOf, measureName, NOT_A_LEVEL, ROLE_NAME, sameMeasure, sameTail, sentencePeriod, specificName, statementYear, countedItemsDiffer, countedSetsDiffer, subjectsDiffer, TOPIC_TITLE } from './lib/restated-label.js';
import { repeatedSentencePairs } from './lib/repeated-sentence.js';
import { compactKey } from '../text/normalize.js';
import { fundTotalPairs } from './lib/fund-total.js';
import { documentView } from '../facts/document-view.js';
import { statStart } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * B1 inside one report: a measure stated twice in the prose of the same narrative report with two
 * values — "其中部门预算项目支出87.5万元" in 绩效目标情况 and "2021年部门预算项目支出96.3万元，分别是…" in
 * 资金安排情况; "项目资金8010万元均已到位" and "项目资金共8811万元…". The narrative links (figure-mismatch)
 * pair sentences that are alike; these are not alike, but they name the measure identically.
 *
 * Paired only when certain enough to show the reviewer why: the same report, the same name after
 * connectives, years and verbs are set aside (其中 / 2021年 / 共 / 为 …), the same unit, no other year,
 * neither a change (同比增加), a bound (不低于, 以上), a per-head figure (人均, 每) nor approximate. A
 * name of generic words only ("项目资金") names one amount only in a project's own report. A warning
 * with the pairing's grounds (配对依据): the two clauses may speak of two batches under one name.
 * Statements already linked as restatements are figure-mismatch's.
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-restated-differs',
    version: 14,
    severity: 'warning',
    catalogue: 'B1',
    title: { zh: '同一报告中同名数字前后不一致', en: 'A measure restated with another value in the same report' },
    description: {
      zh: '同一篇叙述报告中，名称相同（去掉“其中、共、为”等连接词与年份后；六字以上的具体名称写或不写中心词“资金、经费”视为同名，如“非税收入清算返回”与“非税收入清算返回资金”）、单位相同、年度相同的数字在两处书写的数值不同；项目报告中两个名称只在开头不同、共有十字以上的具体尾部且开头未写明不同主体（级次、批次、应/实际、收入/支出、地点）时亦为同一度量；不含增减额、限值、人均数与约数；两处均为总额（总额、合计）而所在句首先计数的对象不同（如“共24个项目”与“共涉及2个单位”）者为两个整体，不作比较。同一句话（除该数字外逐字相同、二十字以上）在两段中写出两个数值，不论其名称，亦为同一数字前后不一致。项目报告中名称不同而均指本项目资金总额者（如“安排项目资金”与“下达建设资金”：均未写明支出、到位、其中部分或列举，阶段、年度、单位、资金来源相同，未写明不同项目或地点，报告中此类数字只有两个数值、相差不足一倍且无另一金额可补足其差额；其所列分项之和与之相差在舍入区间内者不属分项不符，仍作比较）亦作同一数字比较。两句分别以不同年度或年度区间开头（如“2016-2020年…”与“2017年…”）者为两个度量。未认定为部门或项目报告的报告（如转移支付报告）中，两个名称共有十三字以上的具体尾部（资金全称，如“城市管网及污水处理补助资金”）且开头未写明不同主体者亦为同一度量；资金名后缀“预算（中央）”（通知标题的写法）视同以“中央”开头的该资金。某一分项（其中…）所属总数的数值正是另一处所称数值者，为总数以分项之名重述，不作比较；编号层级不同（“（二）”与“1.”）的两段不是同一清单的两项；分处“基本支出”“项目支出”（或一般公共预算、政府性基金等不同预算范围）两节的同名数字是两个范围的度量，不作比较。新闻导语或网页摘要以报告全称（含年度、二十字以上）称之者，与该报告视为同一篇。先写为计划（项目实施主要内容、用于…新建…、目标）的数量、长度或面积，后在称已完成的句子（该项目已完成…、已新建成…）中重述，且该段称全部完成（全部完成、均已按时按量完成、如期完成）者，名称相同（去掉“已、完成、建成→建”）即为同一度量；未称全部完成者计划与完成可不同，不作比较。一处是以“绩效目标：”“目标：”“计划：”开头的目标句、另一处不是者，是目标与完成情况，不作比较（前述计划称全部完成者除外）。',
      en: 'The same measure (same name once connectives and years are set aside — a specific name of six or more characters with or without its head noun 资金 / 经费 is one name — or in a project report a long common tail under heads naming no different subject; same unit, same year) is stated with two values in one narrative report (two totals of sets of different kinds, each counted first in its sentence — 24个项目 / 2个单位 — are two wholes); so is one sentence (20+ characters, word for word but for the figure) written twice with two values; so are two names of a project report\'s own fund ("安排项目资金" / "下达建设资金": no spending, arrival, part or enumeration word, one stage, year, unit and source, no two projects or places named, only two values in the report, less than 2× apart, no amount making up the gap; a whole whose listed parts differ from it only within their rounding is still compared). Sentences opening with different years or spans of years (2016-2020年… / 2017年…) state two measures. In a report known as neither a department\'s nor a project\'s (a 转移支付 report), two names sharing a specific tail of 13+ characters (a fund\'s full name) are one measure; a fund named as its notice does (…资金预算(中央)) is that fund with 中央 in front. A part whose whole has the figure the other statement gives is the whole restated under the part\'s name, not compared; items numbered at two levels ((二) / 1.) are not two items of one list; one name under a 基本支出 section and a 项目支出 section (or two other budget scopes) names the measures of two scopes, not compared. A news lead or page summary naming the report by its whole title (a year, 20+ characters) is that report. A count, length or area stated as planned (项目实施主要内容, 用于…新建…, a target) and restated in a sentence saying it was done (该项目已完成…, 已新建成…), in a paragraph saying every output was done in full (全部完成, 均已按时按量完成, 如期完成), is one measure when the names agree once 已 / 完成 are set aside and 建成 read as 建; without the saying in full, plan and result may differ and are not compared. A goal (a sentence opening 绩效目标： / 目标： / 计划：) and a statement that is not one are a target and its result, not compared (but for a plan restated as done in full, above).',
    },
    formula: '同一报告中同一度量的书写值相同',
    tolerance: '同一精度书写须完全相同（以较大单位书写者同一单位同一精度亦然：“3亿元”与“4亿元”）；不同精度时按书写精度的舍入区间（±½末位）相交即可',
    families: 'all',
    source: 'catalogue B1（同一事实前后一致）用于同一篇报告正文',
  },
  check(report, ctx) {
    const view = ctx.document ? documentView(ctx.document) : null;
    const paragraphs = (p: number) => view?.paragraph(p)?.text;
    const drafts: FindingDraft[] = [];
    const byId = statsById(report);
    // pairs figure-mismatch already compares (narrative links)
    const linked = new Set<string>();
    for (const l of report.links) if (l.target.kind === 'narrative') linked.add(`${l.statId}|${l.target.ref}`).add(`${l.target.ref}|${l.statId}`);
    type Entry = { s: NarrativeStat; name: string; year: string | null };
    const buckets = new Map<string, Entry[]>();
    // a rate its own sentence's amounts contradict is narrative-rate's finding, not a second one here
    const contradicted = ratesContradictedByAmounts(report);
    const sameReport = oneReportNarratives(report);
    for (const s of report.statistics) {
      if (s.mention === 'slogan' || !isExact(s.figure) || s.each || s.per || s.unknownUnit) continue;
      const rate = s.dimension === 'percent' && MONEY_RATE.test(measureName(s.label).name) && !contradicted.has(s.id);
      if (s.dimension !== 'money' && s.dimension !== 'count' && s.dimension !== 'area' && !rate) continue;
      if (NOT_A_LEVEL.test(s.label) || NOT_A_LEVEL.test(clauseBefore(s))) continue;
      const { name } = measureName(s.label);
      if (name.length < 4 || ROLE_NAME.test(name)) continue;
      const narrative = s.narrative != null ? report.narratives[s.narrative] : undefined;
      if (!narrative) continue;
      if (!specificName(name) && narrative.reportKind !== 'project') continue;
      const key = `${sameReport[s.narrative!] ?? s.narrative}|${s.normalizedUnit ?? ''}`;
      const b = buckets.get(key) ?? [];
      b.push({ s, name, year: statementYear(s) });
      buckets.set(key, b);
    }
    // statements of one measure: names equal, or one the other with its owner said in front
    const groups: Entry[][] = [];
    const kind = (e: Entry) => (e.s.narrative != null ? report.narratives[e.s.narrative]?.reportKind : undefined);
    // a project's report: a ten-character tail; a report of one fund not known as a project's or a
    // department's (a 转移支付 report): a fund's full name, fourteen characters ("城市管网及污水处理补助资金")
    const tailOf = (e: Entry, f: Entry) => (kind(e) === 'project' ? sameTail(e.name, f.name) : kind(e) === undefined && sameTail(e.name, f.name, FUND_TAIL));
    for (const bucket of buckets.values()) {
      const taken = new Set<number>();
      bucket.forEach((e, i) => {
        if (taken.has(i)) return;
        const g = [e];
        for (let j = i + 1; j < bucket.length; j++) {
          if (!taken.has(j) && (sameMeasure(e.name, bucket[j].name) || tailOf(e, bucket[j]))) {
            g.push(bucket[j]);
            taken.add(j);
          }
        }
        if (g.length > 1) groups.push(g);
      });
    }
    for (const group of groups) {
      if (group.length < 2) continue;
      const years = new Set(group.map((g) => g.year).filter((y) => y !== null));
      if (years.size > 1) continue; // two years: two measures
      // the first statement of each distinct value; one finding per measure
      const distinct: typeof group = [];
      for (const g of group) {
        const n = normalize(g.s.figure);
        if (!distinct.some((d) => restatementAgrees(normalize(d.s.figure), n))) distinct.push(g);
      }
      if (distinct.length < 2) continue;
      // three values under one name: an enumeration (each project's, each batch's), not a restatement
      if (distinct.length > 2) continue;
      const [first, second] = distinct;
      // a restatement is made in another paragraph; one name twice in a paragraph lists batches or items —
      // unless a section heading stands between them (a report run together into one paragraph)
      const apart = (a: NarrativeStat, b: NarrativeStat) => a.loc.paragraph !== b.loc.paragraph || headingBetween(paragraphs(a.loc.paragraph ?? -1), a, b);
      if (!apart(first.s, second.s)) continue;
      // two numbered items about two subjects ("1、A项目…下达资金197万元", "2、B项目…下达资金108万元")
      if (differentItems(first.s, second.s, paragraphs)) continue;
      if (linked.has(`${first.s.id}|${second.s.id}`)) continue;
      if (goalAndResult(first.s, second.s)) continue; // a goal set (绩效目标：…) and what was done
      // two batches of one fund: their values add up to the fund's total stated in the same report
      // ("下达…土壤污染防治资金共1737万元" … "下达…资金1300万元" … "下达…资金437万元")
      if (batchesOfStatedTotal(report.statistics, first, second)) continue;
      // sentences that open with two periods ("2016-2020年…建设干鲜果基地21.73万亩" / "2017年…建设干鲜果基地10.78万亩"):
      // a span's figure and a year's, two measures
      const periods = [sentencePeriod(first.s), sentencePeriod(second.s)];
      if (periods[0] && periods[1] && periods[0] !== periods[1]) continue;
      // one a part of the other (其中 …) is not a restatement
      if (related(first.s, second.s, byId) || related(second.s, first.s, byId)) continue;
      // one the part of a whole whose figure the other states ("其中:中央级资金124.23万元" of 755.19 / "下达中央级资金755.19万元"):
      // the other restates the whole under its part's name — the name is off, not the figure
      if (wholeRestated(first.s, second.s, byId) || wholeRestated(second.s, first.s, byId)) continue;
      // parts of two different wholes ("在建…共74个（…市政工程6个）" / "竣工验收备案82个，其中…市政工程1个"): two measures
      if (partsOfDifferentWholes(first.s, second.s, byId)) continue;
      // parts of two 其中 lists, one whole hidden by the copy ("下达资金 点击查看>> 万元，其中…造林补助2.35万元" /
      // "下达资金1.53万元，其中…造林补助2.42万元"): two batches
      if (partsOfTwoLists(first.s, second.s)) continue;
      // rates of two funds named at their sentences' heads ("中央财政补助资金…预算执行率100%" / "天然商品林停伐管护补助资金…预算执行率0%")
      if (first.s.dimension === 'percent' && fundsDiffer(first.s, second.s)) continue;
      // one list item per project, the amount's name a shared tail ("…--功能室改造工程-…(校舍维修)-中央10万元" /
      // "…--厕所改造工程-…(校舍维修)-中央3.07万元"): two projects' amounts
      if (subjectsDiffer(first.s, second.s)) continue;
      // the money of two categories counted before it ("21个项目评为一等，涉及资金656.93万元" / "0个项目评为二等，涉及资金0万元")
      if (countedItemsDiffer(first.s, second.s)) continue;
      // totals of two sets of another kind each sentence counts first ("共24个项目…预算资金总额55021.60万元" / "共涉及2个单位…预算资金总额5789.67万元")
      if (countedSetsDiffer(first.s, second.s)) continue;
      // lines of two scopes' breakdowns, each in its own section ("（一）基本支出…全部用于人员工资福利支出82.71万元" /
      // "（二）项目支出…用于人员工资福利支出12.56万元"): the same economic class of two kinds of spending
      if (scopesDiffer(report, first.s, second.s)) continue;
      // a list of several amounts under one name in one sentence ("A镇项目资金10万元、B镇项目资金20万元")
      if (group.some((g, i) => group.some((h, j) => j !== i && h.s.sentence === g.s.sentence && !apart(g.s, h.s)))) continue;
      const sameSection = first.s.section === second.s.section;
      const reasons = [
        `同一篇报告（${first.s.loc.part ?? '叙述报告'}）`,
        first.name === second.name ? `名称相同（“${first.name}”）` : namesAlike(first.name, second.name),
        `单位相同（${first.s.normalizedUnit ?? first.s.figure.unit ?? ''}）`,
        years.size === 1 ? `年度相同（${[...years][0]}）` : '两处均未另标年度',
        sameSection ? '同一节' : '不同章节',
      ];
      const a = normalize(first.s.figure);
      const b = normalize(second.s.figure);
      drafts.push({
        message: {
          zh: `${placeName(report, first.s)}称${statPhrase(first.s)}，${placeName(report, second.s)}称${statPhrase(second.s)}，同一数字前后不一致（配对依据：${reasons.join('，')}）`,
          en: `${first.s.label} is stated as ${first.s.figure.text.trim()} and as ${second.s.figure.text.trim()} in the same report`,
        },
        values: distinct.map((d) => plain(d.s.figure)),
        evidence: distinct.map((d, k) => statEvidence(d.s, k === 0 ? 'stated' : 'restated')),
        expected: first.s.figure.text.trim(),
        observed: second.s.figure.text.trim(),
        tolerance: restatementTolerance(a, b),
        params: { pairReasons: reasons, statements: group.length },
        part: first.s.loc.part,
      });
    }
    // a project report's money named two ways ("安排项目资金" / "下达建设资金"): one fund by meaning
    const fundReported = new Set(drafts.flatMap((d) => d.evidence.map(evidenceKey)));
    for (const [first, second] of fundTotalPairs(report)) {
      if (linked.has(`${first.id}|${second.id}`)) continue;
      const year = statementYear(first) ?? statementYear(second);
      const reasons = [
        `同一篇项目报告（${first.loc.part ?? '叙述报告'}）`,
        `两处均为本项目资金总额（“${first.label}”“${second.label}”，均未写明支出、到位或其中部分）`,
        `单位相同（${first.normalizedUnit ?? ''}）`,
        year ? `年度相同（${year}）` : '两处均未另标年度',
        '报告中的资金数字只有这两个不同数值，且无另一金额可补足其差额',
      ];
      const draft = pairDraft(first, second, reasons, {
        zh: `${placeName(report, first)}称${statPhrase(first)}，${placeName(report, second)}称${statPhrase(second)}，同一项目资金前后不一致（配对依据：${reasons.join('，')}）`,
        en: `The project's funds are stated as ${first.figure.text.trim()} (${first.label}) and as ${second.figure.text.trim()} (${second.label}) in the same report`,
      });
      if (!draft.evidence.some((e) => fundReported.has(evidenceKey(e)))) drafts.push(draft);
    }
    // one sentence written twice with two values for one of its figures: whatever the figure's name
    const reported = new Set(drafts.flatMap((d) => d.evidence.map(evidenceKey)));
    for (const [first, second] of repeatedSentencePairs(report.statistics)) {
      if (linked.has(`${first.id}|${second.id}`) || contradicted.has(first.id) || contradicted.has(second.id)) continue;
      const reasons = [`同一篇报告（${first.loc.part ?? '叙述报告'}）`, '两处句子除此数字外逐字相同', `单位相同（${first.normalizedUnit ?? first.figure.unit ?? ''}）`];
      const draft = pairDraft(first, second, reasons, {
        zh: `${placeName(report, first)}称“${first.sentence.trim()}”，${placeName(report, second)}同一句写作${second.figure.text.trim()}，同一数字前后不一致（配对依据：${reasons.join('，')}）`,
        en: `The same sentence is written twice with ${first.figure.text.trim()} and ${second.figure.text.trim()}`,
      });
      if (!draft.evidence.some((e) => reported.has(evidenceKey(e)))) drafts.push(draft);
    }
    // a plan restated as done in full ("新建冷藏库10个" / "均已按时按量完成。已新建成冷藏库10个"): one measure
    const said = new Set(drafts.flatMap((d) => d.evidence.map(evidenceKey)));
    for (const [plan, done, full] of plannedAndDone(report, paragraphs)) {
      if (linked.has(`${plan.id}|${done.id}`)) continue;
      const reasons = [
        `同一篇报告（${plan.loc.part ?? '叙述报告'}）`,
        `先写计划（“${plan.label}”），后写已完成（“${done.label}”），名称相同`,
        `单位相同（${plan.normalizedUnit ?? plan.figure.unit ?? ''}）`,
        `报告称计划已全部完成（“${full}”）`,
      ];
      const draft = pairDraft(plan, done, reasons, {
        zh: `${placeName(report, plan)}所列计划为${statPhrase(plan)}，${placeName(report, done)}称已完成${statPhrase(done)}，且称“${full}”，计划数与完成数应相同（配对依据：${reasons.join('，')}）`,
        en: `${plan.label} is planned as ${plan.figure.text.trim()} and reported done in full as ${done.figure.text.trim()}`,
      });
      if (!draft.evidence.some((e) => said.has(evidenceKey(e)))) drafts.push(draft);
    }
    return drafts;
  },
};

/** A sentence saying, before its figures, that the work was done ("该项目已完成…", "已新建成…", "完成了…"). */
const DONE = /已(?:经)?(?:全部|全面)?(?:完成|建成|新建成|竣工)|完成了/;
/** Not done, or only begun. */
const NOT_DONE = /未|尚|正在|开工|在建|计划|预计|拟/;
/** The plan a figure is stated in: what the money is for, the content or target of the project. */
const PLAN = /计划|目标|任务|主要内容|建设内容|实施内容|用于|拟/;
/** The report says every planned output was done ("全部完成", "均已按时按量完成", "如期完成"). */
const ALL_DONE = /(?:已?全部|全面|如期|均已[^，,。；;]{0,12}?)完成/;

/** A name of work without its plan or done words ("用于新建冷藏库", "已新建成冷藏库" → "新建冷藏库"). */
const workName = (label: string) => measureName(label).name.replace(/^(?:用于|计划|拟)|已经?|全部|完成了?|了/g, '').replace(/建成/g, '建');

/**
 * A count, length or area stated as planned (项目实施主要内容, 用于…新建…) and again in a sentence saying it was done
 * (该项目已完成…, 已新建成…), in a paragraph saying every output was done in full (全部完成, 均已按时按量完成): the
 * done figure is the planned one. Plans and results differ without contradiction otherwise (排水沟22米 planned,
 * 68.85米 built), so nothing is paired without both sayings. One planned value per name; [plan, done, the words].
 */
function plannedAndDone(report: Report, paragraphs: (p: number) => string | undefined): Array<[NarrativeStat, NarrativeStat, string]> {
  const out: Array<[NarrativeStat, NarrativeStat, string]> = [];
  const before = (s: NarrativeStat) => s.sentence.slice(0, Math.max(0, s.sentence.indexOf(s.figure.text.trim())));
  const usable = report.statistics.filter(
    (s) => (s.dimension === 'count' || s.dimension === 'area' || s.dimension === 'other') && s.normalizedUnit && isExact(s.figure) && !s.each && !s.per && !s.unknownUnit && s.mention !== 'slogan' && workName(s.label).length >= 4,
  );
  const plans = usable.filter((s) => PLAN.test(before(s)) && !DONE.test(before(s)));
  for (const done of usable) {
    const lead = before(done);
    if (!DONE.test(lead) || NOT_DONE.test(lead.slice(lead.search(DONE)))) continue;
    const full = ALL_DONE.exec(paragraphs(done.loc.paragraph ?? -1) ?? '')?.[0];
    if (!full) continue;
    const name = workName(done.label);
    const mine = plans.filter((p) => p.narrative === done.narrative && p.normalizedUnit === done.normalizedUnit && p.loc.paragraph !== done.loc.paragraph && workName(p.label) === name);
    const values = new Set(mine.map((p) => p.normalizedValue));
    if (mine.length === 0 || values.size > 1) continue;
    const plan = mine[0];
    if ((plan.loc.paragraph ?? 0) > (done.loc.paragraph ?? 0)) continue;
    if (restatementAgrees(normalize(plan.figure), normalize(done.figure))) continue;
    out.push([plan, done, full]);
  }
  return out;
}

/** Sections of a report that each speak of one scope of the budget: 基本支出 / 项目支出, 一般公共预算 / 政府性基金 …. */
const SCOPE_SECTIONS = new Set(['basic-spending', 'project-spending', 'general-budget', 'government-fund', 'state-capital', 'social-insurance']);

/** The two statements stand in sections of two different scopes (reports.ts KNOWN_SECTIONS). */
function scopesDiffer(report: Report, a: NarrativeStat, b: NarrativeStat): boolean {
  const scope = (s: NarrativeStat) => {
    const key = s.narrative != null ? report.narratives[s.narrative]?.sections.find((x) => x.heading === s.section)?.key : null;
    return key && SCOPE_SECTIONS.has(key) ? key : null;
  };
  const [x, y] = [scope(a), scope(b)];
  return x !== null && y !== null && x !== y;
}

/**
 * Narratives that are one report: a news lead or a page's summary naming the report by its whole title
 * ("4月1日,江苏省2021年度城市管网及污水治理补助资金(…)转移支付绩效自评报告发布,…3.6亿元…" above the report
 * "江蘇省2021年度城市管網…轉移支付績效自評報告"): a title holding another narrative's whole title, a long and
 * specific one (a year and twenty characters or more), is that report's. Each narrative → the first of its report.
 */
function oneReportNarratives(report: Parameters<Rule['check']>[0]): Array<number | undefined> {
  const keys = report.narratives.map((n) => compactKey(n.title ?? ''));
  const whole = (key: string) => key.length >= 20 && /(?:19|20)\d{2}年/.test(key) && specificName(key.replace(/(?:19|20)\d{2}年度?|绩效|自评|评价|报告/g, ''));
  return keys.map((key, i) => {
    for (let j = 0; j < keys.length; j++) {
      if (j === i) continue;
      const [short, long] = key.length <= keys[j].length ? [key, keys[j]] : [keys[j], key];
      if (whole(short) && long.includes(short)) return Math.min(i, j);
    }
    return undefined;
  });
}

/** A statement's place and figure, to find one already reported. */
const evidenceKey = (e: FindingDraft['evidence'][number]) => `${e.location.paragraph}|${e.text}|${e.value}`;

/** The finding for two statements of one figure: the first as stated, the second as restated. */
function pairDraft(first: NarrativeStat, second: NarrativeStat, reasons: string[], message: { zh: string; en: string }): FindingDraft {
  return {
    message,
    values: [plain(first.figure), plain(second.figure)],
    evidence: [statEvidence(first, 'stated'), statEvidence(second, 'restated')],
    expected: first.figure.text.trim(),
    observed: second.figure.text.trim(),
    tolerance: restatementTolerance(normalize(first.figure), normalize(second.figure)),
    params: { pairReasons: reasons, statements: 2 },
    part: first.loc.part,
  };
}

/**
 * A template heading inside a paragraph ("…1.5万元,二、绩效目标完成情况分析(一)资金投入情况分析,…"): the
 * paragraph is a report run together, and what lies on either side of the heading is in two sections.
 * A heading opens the text or follows punctuation, and words follow it ("一、二级指标" is no heading).
 */
const INLINE_HEADING = /(?:^|[，,。；;：:）)\s])(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])[\u4e00-\u9fa5]{4}/;

function headingBetween(text: string | undefined, a: NarrativeStat, b: NarrativeStat): boolean {
  const [sa, sb] = [a.loc.span, b.loc.span];
  if (!text || !sa || !sb) return false;
  const from = Math.min(sa[1], sb[1]);
  const to = Math.max(sa[0], sb[0]);
  if (to <= from) return false;
  const between = text.slice(from - 1, to);
  if (INLINE_HEADING.test(between)) return true;
  // a numbered heading naming a topic of the analysis ("2.项目资金执行情况分析"), not a subject ("2.B镇…")
  NUMBERED_HEADING.lastIndex = 0;
  for (let m = NUMBERED_HEADING.exec(between); m; m = NUMBERED_HEADING.exec(between)) if (TOPIC_TITLE.test(m[1])) return true;
  return false;
}

const NUMBERED_HEADING = /(?:^|[，,。；;：:）)\s])\d{1,2}[.．、](?!\d)([^，,。：:；;]{2,40})/g;

/** The common tail that names one fund in a report not known as a project's (see `tailOf`). */
const FUND_TAIL = 13;

/** A rate of the money itself (资金到位率, 预算执行率, 支付率): one value per report and year, like an amount. */
const MONEY_RATE = /(?:执行|到位|支付|拨付|支出|兑付)率$/;

/** The clause of the sentence before the figure (where 同比 / 不低于 / 人均 are said). */
function clauseBefore(s: NarrativeStat): string {
  return clauseLeadIn(s.sentence, s.figure.text.trim(), PHRASE_STOPS);
}

/**
 * Do the two statements add up exactly to a total of the same money stated elsewhere in the report
 * (another statement whose name ends as theirs does, in four characters or more: "…污染防治资金")?
 * Then they are that total's batches, not one amount written twice.
 */
function batchesOfStatedTotal(statistics: readonly NarrativeStat[], a: { s: NarrativeStat; name: string }, b: { s: NarrativeStat; name: string }): boolean {
  const sum = Rational.parse(a.s.normalizedValue).add(Rational.parse(b.s.normalizedValue));
  return statistics.some((t) => {
    if (t.id === a.s.id || t.id === b.s.id || t.narrative !== a.s.narrative || t.normalizedUnit !== a.s.normalizedUnit || !isExact(t.figure)) return false;
    if (!Rational.parse(t.normalizedValue).eq(sum)) return false;
    return commonEnding(measureName(t.label).name, a.name) >= 4;
  });
}

/** Is `a` a part (at any depth) of `b`? */
function related(a: NarrativeStat, b: NarrativeStat, byId: ReadonlyMap<string, NarrativeStat>): boolean {
  let at: NarrativeStat | undefined = a;
  for (let k = 0; at?.partOf && k < 8; k++) {
    if (at.partOf === b.id) return true;
    at = byId.get(at.partOf);
  }
  return false;
}

/** Is `part` a part of a whole written with the figure `other` states? */
function wholeRestated(part: NarrativeStat, other: NarrativeStat, byId: ReadonlyMap<string, NarrativeStat>): boolean {
  const whole = part.partOf ? byId.get(part.partOf) : undefined;
  return !!whole && whole.normalizedUnit === other.normalizedUnit && restatementAgrees(normalize(whole.figure), normalize(other.figure));
}

/** Both statements are parts (其中 / a breakdown) of wholes that are not one measure, or not one amount. */
function partsOfDifferentWholes(a: NarrativeStat, b: NarrativeStat, byId: ReadonlyMap<string, NarrativeStat>): boolean {
  const wa = a.partOf ? byId.get(a.partOf) : undefined;
  const wb = b.partOf ? byId.get(b.partOf) : undefined;
  if (!wa || !wb || wa.id === wb.id) return false;
  if (partsOfTwoAmounts(a, b, byId)) return true;
  return !sameMeasure(measureName(wa.label).name, measureName(wb.label).name);
}

function differentItems(a: NarrativeStat, b: NarrativeStat, paragraphs: (ordinal: number) => string | undefined): boolean {
  const item = (s: NarrativeStat) => {
    const start = statStart(s);
    const text = s.loc.paragraph != null ? paragraphs(s.loc.paragraph) : undefined;
    return text && start !== null ? itemOf(text, start) : null;
  };
  const [x, y] = [item(a), item(b)];
  // items of one list share their numbering's style: "(二)…" and "1.…" are a section and an item of another level
  if (!x || !y || x.marker === y.marker || itemStyle(x.marker) !== itemStyle(y.marker)) return false;
  return !TOPIC_TITLE.test(x.title) || !TOPIC_TITLE.test(y.title);
}

/** A list marker's numbering style: "(1)", "(一)", "1、", "1.", "一、" (the number itself set aside). */
const itemStyle = (marker: string) =>
  marker.replace(/[（）．]/g, (c) => ({ '（': '(', '）': ')', '．': '.' })[c]!).replace(/\d+/, '1').replace(/[一二三四五六七八九十]+/, '一');

/** Is the statement a part of a 其中 list in its sentence? */
function inQizhongList(s: NarrativeStat): boolean {
  const q = s.sentence.indexOf('其中');
  const at = s.sentence.indexOf(s.figure.text.trim());
  return q >= 0 && (at < 0 || q < at);
}

function partsOfTwoLists(a: NarrativeStat, b: NarrativeStat): boolean {
  return a.sentence !== b.sentence && (!a.partOf || !b.partOf) && inQizhongList(a) && inQizhongList(b);
}

/** The fund a sentence opens with ("中央财政补助资金全年共…"), if it opens with one. */
const FUND_AT_HEAD = /^[\u4e00-\u9fa5（）()]{2,20}?(?:资金|经费)/;

function fundsDiffer(a: NarrativeStat, b: NarrativeStat): boolean {
  const [x, y] = [FUND_AT_HEAD.exec(a.sentence.trim())?.[0], FUND_AT_HEAD.exec(b.sentence.trim())?.[0]];
  return !!x && !!y && !x.endsWith(y) && !y.endsWith(x);
}

/** The grounds for two names of one measure that are not equal: the owner said in front, or the head noun said after. */
function namesAlike(a: string, b: string): string {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short)) return `名称相同（“${short}”，一处另写中心词“${long.slice(short.length)}”）`;
  return `名称相同（“${short}”，一处另写明主体）`;
}
