/**
 * Figures masked or left as placeholders in a published copy: "项目全年预算数*元", "78.*元",
 * "资金X万元", "支付率为X%", "全县辖x个乡", "X户X人", a bid site's "资金 点击查看>> 万元". Nothing can be computed from them, but the prose
 * does state a figure there: it reports like prose with figures, and a clause holding one is not a
 * bare list of names.
 */
export const PLACEHOLDER_FIGURE =
  /(?<![A-Za-z])(?:[Xx×＊*]{1,4}|\d+(?:\.\d*)?[＊*]+|点击查看\s*>*|[（(]略[)）])\s*(?:万元|亿元|元|%|个|人|次|项|件|户|公里|座|处|宗|台|家|所|条|万亩|亩|平方公里|平方米)/g;

/** Does the text hold a placeholder figure? */
export function hasPlaceholderFigure(text: string): boolean {
  PLACEHOLDER_FIGURE.lastIndex = 0;
  const found = PLACEHOLDER_FIGURE.test(text);
  PLACEHOLDER_FIGURE.lastIndex = 0;
  return found;
}
