import { BUDGET_WORD, nextHeaderStart, readFlattenedHeaderAt, readFieldPairs, type FlatHeader } from './flattened-table.js';
import { breakdownKey } from './budget-block.js';
import { key } from './table-view.js';
import { normalizeText } from '../text/normalize.js';

/**
 * A whole form run into one paragraph (一段连排: "…自评表(2021年度)转移支付(项目)名称…资金情况(万元)全年预算数(A)
 * 全年执行数(B)预算执行率(B/A)年度资金总额:21182118100%其中:中央财政资金21182118100%地方资金其他资金总体目标…"):
 * its budget header, the funding rows after it (a label ending in a funding word, then its figures)
 * and the form fields before it. The paragraph's text before the fields and after the rows stays prose.
 */
export interface InlineForm {
  before: string;
  fields: Array<{ label: string; value: string }>;
  header: FlatHeader;
  rows: Array<{ label: string; run: string }>;
  /** The 转移支付 form's 资金管理情况 rows after the funding rows (分配科学性 … 执行准确性), each label with its text. */
  management: Array<{ label: string; value: string }>;
  /** The department form's 按收入性质分 / 按支出性质分 items after the funding rows, in the order printed. */
  breakdown: BreakdownPair[];
  after: string;
}

/** The 资金管理情况 block: its head (情况说明, 存在问题和改进措施), its row labels, and what ends it (the goals, the indicators). */
const MANAGEMENT_HEAD = /^资金管理情况(?:情况说明)?(?:存在问题和改进措施)?/;
const MANAGEMENT_LABEL = /分配科学性|下达及时性|拨付合规性|使用规范性|执行准确性|预算绩效管理情况|支出责任履行情况/g;
const MANAGEMENT_END = /(?:年度)?总体目标|绩效指标|一级指标/;

/** One "label:value" item of the department form's breakdown; `side` from its words (支出 items are spending). */
export interface BreakdownPair {
  label: string;
  value: string;
  side: 'income' | 'spending';
}

/** An item of the breakdown run together: its label up to a colon, then its figure if any ("其中:一般公共预算:2456.18"). */
const BREAKDOWN_ITEM = /^(?:其中[:：])?([^\d:：]{2,20}?)[:：](\d[\d.,]*)?/;
const BREAKDOWN_HEADING = /^按(收入|支出)性质分$/;
const SPENDING_ITEM = /基本支出|项目支出|人员经费|公用经费/;

/**
 * The 按收入性质分 / 按支出性质分 breakdown at the start of `text`, its two columns run together row by row
 * ("按收入性质分:2456.18按支出性质分:2456.18其中:一般公共预算:2456.18其中:基本支出:2299.98政府性基金拨款:项目支出:156.2…"):
 * items with a known label, up to the first that is not one. None unless the text opens with a heading.
 */
function readBreakdown(text: string): { breakdown: BreakdownPair[]; after: string } {
  let k = key(text);
  if (!/^按(?:收入|支出)性质分/.test(k)) return { breakdown: [], after: text };
  const breakdown: BreakdownPair[] = [];
  for (let m = BREAKDOWN_ITEM.exec(k); m; m = BREAKDOWN_ITEM.exec(k)) {
    const label = m[1];
    const heading = BREAKDOWN_HEADING.exec(label);
    if (!heading && breakdownKey(label) === 'unknown') break;
    breakdown.push({ label, value: m[2] ?? '', side: (heading ? heading[1] === '支出' : SPENDING_ITEM.test(label)) ? 'spending' : 'income' });
    k = k.slice(m[0].length);
  }
  return breakdown.length >= 2 ? { breakdown, after: k } : { breakdown: [], after: text };
}

/** The 资金管理情况 rows at the start of `text` and the text after them; none when the text does not open with the block. */
function readManagement(text: string): { management: InlineForm['management']; after: string } {
  const head = MANAGEMENT_HEAD.exec(key(text));
  if (!head) return { management: [], after: text };
  const k = key(text).slice(head[0].length);
  const end = k.search(MANAGEMENT_END);
  const block = end < 0 ? k : k.slice(0, end);
  const labels = [...block.matchAll(MANAGEMENT_LABEL)];
  if (!labels.length || labels[0].index !== 0) return { management: [], after: text };
  const management = labels.map((m, i) => ({ label: m[0], value: block.slice(m.index! + m[0].length, labels[i + 1]?.index ?? block.length) }));
  return { management, after: end < 0 ? '' : k.slice(end) };
}

// a funding row's label: a few words ending in a funding word (年度资金总额:, 其中:中央财政资金, 地方资金, 上年结转 …);
// a PDF line may break it with a space (中央财 政资金)
const FUNDING_WORDS = ['资金总额', '财政资金', '财政补助', '财政拨款', '补助资金', '结转资金', '结转', '资金'];
const spaced = (w: string) => [...w].join('\\s?');
// … and its 总额 when the funding word ends before it (湖北's 年度财政资金总额: 财政资金 is found first)
const ROW_LABEL = new RegExp(`^\\s*(?:其中[:：]?\\s?)?(?:[\\u4e00-\\u9fa5]\\s?){0,8}?(?:${FUNDING_WORDS.map(spaced).join('|')})(?:${spaced('总额')})?[:：]?`, 'u');
const RUN = /^[\d.,%万元\s]*/;
const FIELD_START = /(?:专项\(项目\)|转移(?:支付)?\(项目\)|转移支付|专项资金|项目(?:支出)?)名称|(?:中央|地方|省级?|自治区|市级?|县级?)?主管部门/;

export function readInlineForm(text: string): InlineForm | null {
  // spaces are kept: a text export prints a row's figures apart ("年度资金总额: 0 0 0 10 0 0")
  const k = normalizeText(text).replace(/\s+/g, ' ');
  // a header has a budget word (预算…): no position after the last one can start it
  const lastStart = k.lastIndexOf(BUDGET_WORD) + 1;
  for (let at = nextHeaderStart(k, 0); at >= 0 && at < lastStart; at = nextHeaderStart(k, at + 1)) {
    const header = readFlattenedHeaderAt(k, at);
    if (!header) continue;
    const rows: InlineForm['rows'] = [];
    let pos = header.end;
    for (;;) {
      const label = ROW_LABEL.exec(k.slice(pos));
      // a bare 资金 opens the block after the rows (资金管理情况), not a row
      if (!label || key(label[0]).replace(/[:：]$/, '') === '资金') break;
      const run = RUN.exec(k.slice(pos + label[0].length))![0];
      rows.push({ label: label[0].trim(), run });
      pos += label[0].length + run.length;
    }
    if (!rows.some((r) => /\d/.test(r.run))) return null;
    const pre = key(k.slice(0, at)).slice(0, -header.header.prefix.length || undefined);
    const fieldAt = pre.search(FIELD_START);
    const fields = fieldAt >= 0 ? readFieldPairs(pre.slice(fieldAt), true) ?? [] : [];
    const { breakdown, after: rest } = readBreakdown(k.slice(pos).trim());
    const { management, after } = readManagement(rest);
    return { before: fields.length ? pre.slice(0, fieldAt) : pre, fields, header: header.header, rows, management, breakdown, after };
  }
  return null;
}
