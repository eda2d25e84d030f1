import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, normalize, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { addIntervals, formatInterval, halfUnit, intersects, intervalOf, Rational } from '../numbers/decimal.js';
import type { FindingDraft, Rule } from './types.js';
import { statsByParagraph, statStart } from './lib/sentences.js';
import { documentView } from '../facts/document-view.js';

/**
 * C1 / C2 over paragraphs: a total announced at the end of a paragraph and broken down in the numbered
 * paragraphs that follow —
 *   "…项目共4个,项目支出609.74万元。其中:财政拨款项目支出15万元,其他项目支出594.74万元。具体如下:"
 *   "1、档案整理费5万元…" "2、失业保险政策宣传5万元…" "3、城乡就业工作经费5万元…" "4、就业专项资金594.74万元…"
 * Each item's first amount is its share; their sum is compared with every amount of the announcing
 * paragraph (the list may break down the whole or one of its 其中 parts), and an announced count of
 * items ("共4个") with the number of items. Which amount the list divides is read from the layout, not
 * stated: a warning with the grounds of the pairing (配对依据). Inside a paragraph, a count followed by
 * its items as 一是 / 二是 … ("下设2个管理机构,一是…;二是…") is compared with the number of items.
 */
export const rule: Rule = {
  meta: {
    id: 'numbered-breakdown',
    version: 1,
    severity: 'warning',
    catalogue: 'C1',
    title: { zh: '“具体如下”后的分段列举与总数不符', en: 'A numbered breakdown does not add up to the total announced before it' },
    description: {
      zh: '段末以“具体如下/分别为/包括/如下”引出、随后以“1、2、3…”分段列举的各项金额之和，与引出段中的任何金额都不符；或引出段所述个数与列举项数不符。',
      en: 'The amounts of numbered paragraphs announced by 具体如下/分别为/如下 add up to none of the amounts of the announcing paragraph, or the announced count differs from the number of items.',
    },
    formula: '引出段中某一金额 = Σ 各编号段首个金额；所述个数 = 编号段数',
    tolerance: '金额按书写精度的舍入区间（±½末位，整数与两位小数并列时按两位小数）；计数须相等',
    families: 'all',
    source: 'catalogue C1、C2 用于分段列举',
  },
  check(report, ctx) {
    const doc = ctx.document;
    if (!doc) return [];
    // paragraph texts, compacted only when read (most paragraphs hold no count and announce nothing)
    const paragraphs = documentView(doc);
    const statsOf = statsByParagraph(report.statistics);
    const drafts: FindingDraft[] = [];
    // "下设2个管理机构,一是…;二是…": a count followed by its items as 一是 / 二是 / 三是
    for (const p of paragraphs.ordinals()) {
      const stats = statsOf.get(p);
      if (!stats) continue;
      for (const s of stats) {
        if (s.dimension !== 'count' || !isExact(s.figure) || s.mention === 'slogan' || s.listLength != null) continue;
        const start = statStart(s);
        if (start === null) continue;
        const text = paragraphs.compactParagraph(p); // compacted only for a paragraph stating a count
        const end = text.indexOf(s.figure.text.replace(/\s+/g, ''), start);
        if (end < 0) continue;
        // the items run to the end of the sentence
        const rest = text.slice(end + s.figure.text.replace(/\s+/g, '').length);
        const after = rest.slice(0, rest.search(/[。！？!?]|$/));
        if (!/^[\u4e00-\u9fa5]{0,10}[，,:：]一是/.test(after)) continue;
        let k = 0;
        let at = 0;
        while (k < ORDINALS.length) {
          const next = after.indexOf(`${ORDINALS[k]}是`, at);
          if (next < 0) break;
          k++;
          at = next + 2;
        }
        if (k < 2 || Rational.parse(s.figure.value).eq(Rational.of(k))) continue;
        drafts.push({
          message: {
            zh: `${placeName(report, s)}称${statPhrase(s)}，随后以“一是…${ORDINALS[k - 1]}是”列举了${k}项（配对依据：个数之后紧接“一是”起的列举）`,
            en: `${placeName(report, s)} announces ${s.figure.text.trim()} but lists ${k} items (一是 … ${ORDINALS[k - 1]}是)`,
          },
          values: [plain(s.figure), k],
          evidence: [statEvidence(s, 'count')],
          expected: `${k}`,
          observed: s.figure.value,
          tolerance: '计数须相等 / counts must be equal',
          params: { items: k },
          part: s.loc.part,
        });
      }
    }
    for (const p of paragraphs.ordinals()) {
      const stated = statsOf.get(p);
      if (!stated) continue; // no statistic, no total
      const head = stated.filter((s) => s.mention !== 'slogan');
      const totals = head.filter((s) => s.dimension === 'money' && isExact(s.figure) && !s.openList);
      if (totals.length === 0) continue;
      const announce = ANNOUNCE.exec(paragraphs.compactParagraph(p));
      if (!announce) continue;
      // the numbered paragraphs right after: 1、2、3 … in order, each opening with its share
      const items: NarrativeStat[] = [];
      let marker: string | null = null;
      for (let q = p + 1, n = 1; paragraphs.paragraph(q) !== undefined; q++, n++) {
        const m = ITEM_MARK.exec(paragraphs.compactParagraph(q));
        if (!m || Number(m[2] ?? m[3]) !== n) break;
        const style = m[1].replace(/\d+/, 'N');
        if (marker !== null && style !== marker) break;
        marker = style;
        const first = (statsOf.get(q) ?? []).find((s) => s.dimension === 'money');
        // an item without an amount, or with a range or estimate: not a breakdown of money
        if (!first || !isExact(first.figure) || first.mention === 'slogan') {
          items.length = 0;
          break;
        }
        items.push(first);
      }
      if (items.length < 2) continue;
      const place = placeName(report, totals[0]);
      // count: "共4个" announced with the list
      const counts = head.filter((s) => s.dimension === 'count' && isExact(s.figure) && /^(?:个|项)$/.test(s.figure.unit ?? ''));
      const countOk = counts.length === 1 && Rational.parse(counts[0].figure.value).eq(Rational.of(items.length));
      if (counts.length === 1 && !countOk && /项目|资金|经费|支出|事项/.test(counts[0].label)) {
        drafts.push({
          message: {
            zh: `${place}称${statPhrase(counts[0])}，随后“${announce[0]}”分段列举了${items.length}项（配对依据：同段宣布个数，段末“${announce[0]}”引出编号段落1—${items.length}）`,
            en: `${place} announces ${counts[0].figure.text.trim()} but the numbered paragraphs after it list ${items.length}`,
          },
          values: [plain(counts[0].figure), items.length],
          evidence: [statEvidence(counts[0], 'count'), ...items.map((s) => statEvidence(s, 'item'))],
          expected: `${items.length}`,
          observed: counts[0].figure.value,
          tolerance: '计数须相等 / counts must be equal',
          params: { items: items.length },
          part: counts[0].loc.part,
        });
      }
      // sum: the list divides one of the amounts of the announcing paragraph
      const ns = items.map((s) => normalize(s.figure));
      const ts = totals.map((s) => ({ s, n: normalize(s.figure) }));
      if (ns.some((x) => x.unit !== ns[0].unit)) continue;
      const dp = Math.max(...ns.map((x) => x.decimals), ...ts.map((t) => t.n.decimals));
      const sumExact = ns.reduce((acc, x) => acc.add(Rational.parse(x.value)), Rational.of(0));
      const sumInt = addIntervals(ns.map((x) => intervalOf(x.value, dp)));
      const comparable = ts.filter((t) => t.n.unit === ns[0].unit);
      if (comparable.length === 0 || comparable.some((t) => intersects(intervalOf(t.n.value, dp), sumInt))) continue;
      const unit = ns[0].unit ?? '';
      const reasons = [`段末“${announce[0]}”引出编号段落1—${items.length}`, '各段首个金额为分项', ...(countOk ? [`同段所述“${statPhrase(counts[0])}”与项数相符`] : [])];
      drafts.push({
        message: {
          zh: `${place}称${comparable.map((t) => statPhrase(t.s)).join('、')}，其后分段列举的${items.length}项（${items.map(statPhrase).join('、')}）合计${sumExact.toString(8)}${unit}，与上述金额均不符（配对依据：${reasons.join('，')}）`,
          en: `The ${items.length} numbered items after "${announce[0]}" add up to ${sumExact.toString(8)}${unit}, none of the amounts announced before them`,
        },
        values: [...comparable.map((t) => plain(t.s.figure)), sumExact.toNumber(), ...items.map((s) => plain(s.figure))],
        evidence: [...comparable.map((t) => statEvidence(t.s, 'total')), ...items.map((s) => statEvidence(s, 'part'))],
        expected: comparable.map((t) => `${t.n.value}${unit}`).join(' 或 '),
        observed: `${sumExact.toString(8)}${unit}`,
        tolerance: `±${halfUnit(dp).mul(Rational.of(items.length + 1)).toString(8)}（各按${dp}位小数±½末位；合计区间 ${formatInterval(sumInt, 6)}）`,
        params: { items: items.length, pairReasons: reasons },
        part: totals[0].loc.part,
      });
    }
    return drafts;
  },
};

const ORDINALS = [...'一二三四五六七八九十'];

/** A paragraph ending by announcing what follows. */
const ANNOUNCE = /(?:具体如下|分别(?:如下|为|是)|主要(?:包括|有)|包括|明细如下|情况如下|如下)[：:]?$/;

/** An item marker opening a paragraph: 1、 1. 1．（1） (1). */
const ITEM_MARK = /^((\d{1,2})[、．.](?!\d)|[（(](\d{1,2})[)）])/;
