import type { ParagraphBlock } from '../../schemas/document.js';

/**
 * A PDF copied into Word keeps each printed line as a paragraph: "项目21个,项目支出总额656.93万元。其中,本级项目8个,本" /
 * "级项目支出385.58万元;…". Such a body is read with its lines joined, as a PDF's is. Told by its lines: most
 * lines of some length end on a character inside a sentence (no 。；：, no closing bracket) and the next line
 * goes on (no numbered heading opens it) — at least four of them. Headings and form lines are short, and a
 * Word paragraph ends its sentence.
 */

const LINE_MIN = 20;
const CLOSED = /[。！？!?；;：:）)”"」』】]\s*$/;
const HEADING_START = /^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[章节部分])/;

export function copiedLineByLine(paragraphs: readonly ParagraphBlock[]): boolean {
  let lines = 0;
  let broken = 0;
  paragraphs.forEach((p, i) => {
    const text = p.text.trim();
    if (text.length < LINE_MIN) return;
    lines++;
    const next = paragraphs[i + 1]?.text.trim();
    if (next && !CLOSED.test(text) && !HEADING_START.test(next)) broken++;
  });
  return broken >= 4 && broken * 2 >= lines;
}
