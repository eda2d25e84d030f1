import type { ParagraphBlock } from '../../schemas/document.js';
import type { Signature } from '../../schemas/records.js';
import { normalizeText } from '../text/normalize.js';

const FIELDS: Array<[keyof Omit<Signature, 'loc'>, RegExp]> = [
  ['preparer', /填\s*表\s*人/],
  ['date', /填\s*报\s*日\s*期|日\s*期/],
  ['phone', /联\s*系\s*电\s*话|电\s*话/],
  ['head', /(单位|部门|项目|财务)?负\s*责\s*人(签\s*字|签\s*章)?/],
];
/** Each label with the colon after it, for matchAll. */
const LABELS: Array<[keyof Omit<Signature, 'loc'>, RegExp]> = FIELDS.map(([field, re]) => [field, new RegExp(`(${re.source})\\s*[:：]?`, 'g')]);

/**
 * The signature line under a form: 填表人：柳灿 填报日期： 联系电话：152… 单位负责人签字：葛思卉.
 * Empty fields are null (a blank 填表人 is itself worth a reviewer's note).
 */
export function parseSignature(paragraphs: ParagraphBlock[], part: string): Signature | null {
  for (const p of paragraphs) {
    const text = normalizeText(p.text);
    if (!/填\s*表\s*人|负\s*责\s*人/.test(text)) continue;
    // Find every "label：" and take the text up to the next label.
    const marks: Array<{ field: keyof Omit<Signature, 'loc'>; start: number; end: number }> = [];
    for (const [field, g] of LABELS) {
      for (const m of text.matchAll(g)) {
        if (marks.some((x) => m.index! < x.end && m.index! + m[0].length > x.start)) continue;
        marks.push({ field, start: m.index!, end: m.index! + m[0].length });
        break;
      }
    }
    marks.sort((a, b) => a.start - b.start);
    const sig: Signature = {
      preparer: null,
      date: null,
      phone: null,
      head: null,
      loc: { part, table: null, row: null, col: null, page: p.page, paragraph: p.paragraph, block: p.block },
    };
    marks.forEach((m, i) => {
      const value = text.slice(m.end, marks[i + 1]?.start ?? text.length).replace(/[:：]/g, '').trim();
      if (value && sig[m.field] === null) sig[m.field] = value;
    });
    return sig;
  }
  return null;
}
