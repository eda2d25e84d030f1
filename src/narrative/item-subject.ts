/**
 * The thing an enumerated item names before its amounts (项目名 in a list of projects):
 *
 *   ㈠博乐市南城区中水调节池工程项目。安排资金7000万元，主要用于…
 *   (2)老城区排水管网改造建设项目：安排资金4000万元…
 *
 * The amount's own clause says only 安排资金; what it funds is the item's opening phrase. A label that
 * is no more than such a money word is read as that item's (中水调节池工程项目安排资金), so seven
 * projects' 安排资金 are seven measures, not one restated. Only an item (a list mark first) whose
 * opening phrase names a funded thing (…项目 / 工程 / 专项 / 经费 …) and holds no figure counts: a
 * numbered section heading run into its prose (1.项目资金到位情况分析。项目资金…) names no thing.
 */

/** A list mark at the start: (1) （一） 1、 一、 2. ㈠ ① ❶. */
const ITEM_MARK = /^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．](?!\d)|[\u3220-\u3229\u2460-\u2473\u2776-\u277f])\s*/;
/** The opening phrase: no figure, no clause break, ended by a full stop or a colon. */
const OPENING = /^([^\d，,；;：:。！？!?\s]{4,30})[。：:]/;
/** A funded thing: a project, a works, a special fund. */
const FUNDED_THING = /(?:项目|工程|专项|经费|资金|补助|补贴)(?:[（(][^（()）\d]{1,8}[）)])?$/;
/** A label that only says the money is arranged / allocated / invested (安排资金, 下达资金, 总投资). */
const MONEY_WORD = /^(?:安排|下达|拨付|投入|到位|批复|计划|落实|争取|使用|支付|项目)?(?:资金|投资|经费|金额|预算|总投资)(?:总额|总计)?$/;

export interface ItemSubject {
  name: string;
  /** Offset in the text where the item's prose starts (after the phrase's stop). */
  end: number;
}

export function itemSubject(text: string): ItemSubject | null {
  const mark = ITEM_MARK.exec(text);
  if (!mark) return null;
  const m = OPENING.exec(text.slice(mark[0].length));
  if (!m || !FUNDED_THING.test(m[1])) return null;
  return { name: m[1], end: mark[0].length + m[0].length };
}

/** The label of a figure at `start`: the item's name before a bare money word, or the name alone when it ends in that word ((二)配套资金。资金120万元). */
export function withItemSubject(label: string, subject: ItemSubject | null, start: number): string {
  if (!subject || start < subject.end || !MONEY_WORD.test(label)) return label;
  return subject.name.endsWith(label) ? subject.name : `${subject.name}${label}`;
}
