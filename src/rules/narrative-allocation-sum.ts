import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, normalize, normalizedInterval, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { compactKey } from '../text/normalize.js';
import { addIntervals, intersects, Rational } from '../numbers/decimal.js';
import { statsBySentence, statStart } from './lib/sentences.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * C1 across sentences: a fund's amount stated once ("2023年，省下达我县…体育强省(快乐健身)专项资金63.2万元。")
 * and, in a later paragraph, how it is arranged, under a lead naming the same fund and nothing else
 * ("2023年我县体育强省资金安排是：支持体育设施建设5万元，…，支持快乐健身点位器材维护12万元。"). The arranged
 * amounts should make up the fund; when they do not, an arrangement may be missing from the list or an
 * amount mistyped — the report contradicts itself, but a list may leave out what is spent otherwise,
 * so this is said as information for the reviewer. Read only when: the lead (before its colon) holds no
 * amount and the list no total word (合计/共计 … are checked in their own sentence), at least three
 * amounts in one unit follow, none of them already a part or a whole in the sentence, and exactly one
 * amount of that unit stated in the two paragraphs before (or earlier in the same paragraph) names the
 * fund the lead names (its distinctive words: 体育强省) in a sentence that gives or receives it
 * (下达 / 安排 / 拨付 / 分配 / 到位 …).
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-allocation-sum',
    version: 1,
    severity: 'info',
    catalogue: 'C1',
    title: { zh: '资金安排所列各项与资金总额不符', en: 'A fund\'s listed arrangement does not add up to its amount' },
    description: {
      zh: '叙述中先写明某项资金的金额（“省下达我县…专项资金63.2万元”），其后以“（该）资金安排是/分配如下：…”逐项列出安排金额，而所列各项之和与该金额不符：可能漏列了某项安排或某一金额有误（提示，供核对）。仅在引语不含金额、列表中无“合计/共计”等总数、所列金额不少于三项且同一单位、前文两段内恰有一个同一单位并写明同一资金名称的下达/安排金额时检查。',
      en: 'A fund\'s amount is stated ("省下达我县…专项资金63.2万元") and a later sentence lists how it is arranged ("…资金安排是：A a万元，B b万元，…"); the listed amounts do not add up to it — an arrangement may be missing or an amount mistyped (information). Read only when the lead holds no amount, the list no total word, at least three amounts in one unit follow, and exactly one amount of that unit in the two paragraphs before names the same fund.',
    },
    formula: '资金金额 = Σ 所列安排金额',
    tolerance: '按书写精度的舍入区间（金额至少按两位小数，±½末位）',
    families: 'all',
    source: 'catalogue C1（总数与分项）用于跨句的资金安排',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    const money = report.statistics.filter(isMoney);
    for (const stats of statsBySentence(report.statistics).values()) {
      const list = arrangement(stats);
      if (!list) continue;
      const whole = fundAmount(money, list);
      if (!whole) continue;
      const dp = Math.max(MONEY_DECIMALS, normalize(whole.figure).decimals, ...list.parts.map((p) => normalize(p.figure).decimals));
      const total = normalizedInterval(whole.figure, dp);
      const sum = addIntervals(list.parts.map((p) => normalizedInterval(p.figure, dp)));
      if (intersects(total, sum)) continue;
      const unit = list.parts[0].normalizedUnit ?? '';
      const sumText = exactSum(list.parts);
      const diff = Rational.parse(whole.normalizedValue).sub(Rational.parse(sumText));
      drafts.push({
        severity: 'info',
        message: {
          zh: `${placeName(report, list.parts[0])}“${list.lead}”所列${list.parts.length}项金额合计${sumText}${unit}，与前文${statPhrase(whole)}不符（${diff.lt(Rational.of(0)) ? '多' : '少'}${diff.abs().toString(4)}${unit}）：可能漏列了某项安排或某一金额有误，请核对`,
          en: `The ${list.parts.length} amounts listed under "${list.lead}" add up to ${sumText} ${unit}, not the ${whole.figure.text.trim()} stated for the fund before (${diff.lt(Rational.of(0)) ? 'over' : 'short'} by ${diff.abs().toString(4)}): an arrangement may be missing or an amount mistyped`,
        },
        values: [plain(whole.figure), Rational.parse(sumText).toNumber()],
        evidence: [statEvidence(whole, 'total'), ...list.parts.map((p) => statEvidence(p, 'part'))],
        expected: `${whole.normalizedValue} ${unit}`,
        observed: `${sumText} ${unit}`,
        tolerance: '按书写精度的舍入区间 / rounding interval at the written precision',
        params: { lead: list.lead, parts: String(list.parts.length) },
        part: list.parts[0].loc.part,
      });
    }
    return drafts;
  },
};

const MONEY_DECIMALS = 2;
/** How many paragraphs before the list the fund's amount may stand (a section heading between them). */
const REACH = 2;

/** "…资金安排是" / "…资金分配如下" / "…经费使用情况为": the lead of an arrangement, ending at its colon. */
const LEAD = /(?:资金|经费)[^。；;，,：:]{0,8}?(?:安排|分配|分解|使用)(?:情况|计划|方向)?(?:是|为|如下)?$/;
/** A total written into the list: the sentence states its own whole, checked by narrative-total-parts. */
const TOTAL_WORD = /合计|共计|总计|总额|累计|共[安分下拨投支使]/;
const AMOUNT = /\d(?:[\d,，]*)(?:\.\d+)?\s*(?:亿|万)?元/;
/** Words every lead and every grant sentence share: left out before the fund's own name is compared. */
const GENERIC = /(?:19|20)\d{2}年度?|[我本全该各][县市区镇乡州省旗局厅委]|资金|经费|专项|补助|补贴|奖补|转移支付|安排|分配|分解|使用|情况|计划|方向|如下|的|是|为/g;
/** A sentence that gives or receives the fund. */
const GRANT = /下达|安排|拨付|拨入|分配|到位|争取|获得|落实|投入/;

interface Arrangement {
  lead: string;
  parts: NarrativeStat[];
  paragraph: number;
}

function isMoney(s: NarrativeStat): boolean {
  return s.dimension === 'money' && s.mention !== 'slogan' && isExact(s.figure);
}

/** The arrangement a sentence lists, or null. */
function arrangement(stats: NarrativeStat[]): Arrangement | null {
  const parts = stats.filter(isMoney);
  if (parts.length < 3 || parts.length !== stats.filter((s) => s.dimension === 'money').length) return null;
  // the sentence's own structure (a whole with its parts, a per-unit amount) is read by other rules
  if (stats.some((s) => s.partOf || s.relation || s.each)) return null;
  const ids = new Set(stats.map((s) => s.id));
  if (stats.some((s) => s.itemOf && !ids.has(s.itemOf))) return null;
  const sentence = compactKey(parts[0].sentence);
  const colon = sentence.search(/[：:]/);
  if (colon < 0) return null;
  const lead = sentence.slice(0, colon);
  if (!LEAD.test(lead) || AMOUNT.test(lead) || TOTAL_WORD.test(sentence.slice(colon))) return null;
  const unit = parts[0].normalizedUnit;
  if (!unit || parts.some((p) => p.normalizedUnit !== unit)) return null;
  const paragraph = parts[0].loc.paragraph;
  if (paragraph == null) return null;
  return { lead, parts, paragraph };
}

/** The fund's own name in the lead: what is left of it once the words every lead shares are taken out. */
function fundWords(lead: string): string {
  return lead.replace(GENERIC, '').replace(/[（）()“”"《》、]/g, '');
}

/** The one amount stated before the list that the lead's fund names, or null (none, or several). */
function fundAmount(money: NarrativeStat[], list: Arrangement): NarrativeStat | null {
  const name = fundWords(list.lead);
  if (name.length < 2) return null;
  const first = list.parts[0];
  const before = money.filter((s) => {
    const p = s.loc.paragraph;
    if (p == null || s.narrative !== first.narrative || s.loc.part !== first.loc.part) return false;
    if (p > list.paragraph || p < list.paragraph - REACH) return false;
    if (p === list.paragraph && s.sentence === first.sentence) return false;
    if (s.normalizedUnit !== first.normalizedUnit || s.partOf) return false;
    return compactKey(s.label).includes(name) && GRANT.test(compactKey(s.sentence));
  });
  // in the paragraph of the list, only what stands before it
  const earlier = before.filter((s) => s.loc.paragraph! < list.paragraph || position(s) < position(first));
  const values = new Set(earlier.map((s) => s.normalizedValue));
  return values.size === 1 ? earlier[earlier.length - 1] : null;
}

/** Where a statistic starts in its paragraph ("p7:25" → 25; 0 without one). */
function position(s: NarrativeStat): number {
  return statStart(s) ?? 0;
}

/** The exact sum of the listed amounts in their normalized unit, as a decimal string. */
function exactSum(parts: NarrativeStat[]): string {
  let sum = Rational.of(0);
  for (const p of parts) sum = sum.add(Rational.parse(p.normalizedValue));
  return sum.toString(4);
}

