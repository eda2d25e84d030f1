import type { DocumentModel } from '../../schemas/document.js';
import type { TextFact } from '../../schemas/fact.js';
import { reportTitle } from '../narrative/report-title.js';

/**
 * A report titled only in its page header (页眉: "汨罗市建筑工程服务中心2023年度部门整体支出绩效自评报告"):
 * the header's title gives the report's year and unit when the body names none. Only header lines
 * that are a report title are read — a footer, a note or a header naming anything else is not.
 */
const YEAR = /((?:19|20)\d{2})\s*年度?/;
/** The unit's name ends with the kind of body it is, right before the title's own words. */
const UNIT = /^(.{2,40}?(?:委员会|办公室|办事处|局|委|办|中心|院|所|站|队|馆|厅|部|处|公司|学校|小学|中学|大学|医院|政府|街道|镇|乡|社|团|园|会))(?=(?:部门|单位|机关)?整体|[^，,。]{0,20}(?:项目|资金|专项)?(?:支出)?绩效)/;

function headerTitles(doc: DocumentModel): string[] {
  const titles: string[] = [];
  for (const f of doc.furniture ?? []) {
    if (f.kind !== 'header') continue;
    const text = f.text.replace(/\s+/g, '');
    const title = reportTitle(text);
    if (title && !title.runIn) titles.push(text);
  }
  return titles;
}

export function yearFromPageHeader(doc: DocumentModel): number | null {
  for (const t of headerTitles(doc)) {
    const m = YEAR.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

export function unitFromPageHeader(doc: DocumentModel): TextFact | null {
  for (const t of headerTitles(doc)) {
    const m = UNIT.exec(t.replace(YEAR, ''));
    if (m) return { text: m[1], loc: { part: '页眉', table: null, row: null, col: null, page: null, paragraph: null } };
  }
  return null;
}
