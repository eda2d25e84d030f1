import { key } from './table-view.js';

/** A name field's label ending its line (项目名称, 专项名称, 转移支付(项目)名称). */
const NAME_LABEL_LINE = /(?:项目(?:支出)?|专项(?:\(项目\)|资金)?|转移支付(?:\(项目\))?)名称[:：]?$/;
/** A line that is itself a label, not a name. */
const LABEL_LIKE = /[:：]|名称|主管部门|单位$/;

/**
 * The project a form published one cell a line names: its label alone on a line (专项名称), the value on the
 * next ("食品监管补助资金"); a PDF may run the label onto the end of the line before (…自评表专项名称). The
 * nearest such pair before the form; none when the line after the label is another label.
 */
export function labelLineProject(before: Array<{ text: string }> | undefined): string | null {
  const lines = before ?? [];
  for (let i = lines.length - 2; i >= 0; i--) {
    if (!NAME_LABEL_LINE.test(key(lines[i].text))) continue;
    const value = key(lines[i + 1].text);
    if (value.length >= 2 && value.length <= 40 && !LABEL_LIKE.test(value)) return value;
  }
  return null;
}

/** The cover lines of a 评价报告 (项目名称:… / 项目单位:…) stand in the last few paragraphs before its form. */
export const COVER_NEAR = 12;
