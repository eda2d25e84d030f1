import type { DocumentModel, TableBlock } from '../../schemas/document.js';
import type { TextFact } from '../../schemas/fact.js';
import { ocrProvenance } from '../recognize/facts.js';
import { nonSpaceLength } from '../text/spaces.js';
import { documentView } from '../facts/document-view.js';
import { textEvidence } from './finding.js';
import { selfEvalForms, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Instructions and placeholders printed on blank templates. */
const LEFTOVER: Array<[RegExp, string]> = [
  [/[（(]\s*\d+\s*字(以内|以下|左右)\s*[）)]/, '字数提示'],
  [/指标\s*\d+\s*[:：]?\s*([…⋯]|\.{3,}|[·•]{3,})/, '占位行“指标N ……”'],
  [/^([…⋯]|\.{3,}|[·•]{3,})+$/, '占位符“……”'],
  [/请(在此)?(填写|输入|根据)|填写说明|此处填写|(示例|样例)[:：]/, '填写说明'],
  [/^[xX×*]{2,}$|^XX/, '占位符“XX”'],
  [/[（(]\s*(?:可(?:用|以)|请|须|需)[^（）()]{1,16}(?:反映|填写|说明|列示|描述)\s*[）)]/, '填写说明'],
];

interface Cell {
  part: string;
  what: string;
  fact: TextFact;
}

function cellsOf(report: Parameters<Rule['check']>[0]): Cell[] {
  const out: Cell[] = [];
  for (const form of selfEvalForms(report)) {
    if (form.goals.expected) out.push({ part: form.part, what: '预期目标', fact: form.goals.expected });
    if (form.goals.achieved) out.push({ part: form.part, what: '实际完成情况', fact: form.goals.achieved });
    for (const ind of form.indicators) {
      out.push({ part: form.part, what: '三级指标', fact: { text: ind.level3, loc: ind.loc } });
      out.push({ part: form.part, what: '年度指标值', fact: ind.target });
      out.push({ part: form.part, what: '实际完成值', fact: ind.actual });
      out.push({ part: form.part, what: '偏差原因', fact: ind.reason });
    }
  }
  if (report.basicData?.savingMeasures) out.push({ part: report.basicData.part, what: '厉行节约保障措施', fact: report.basicData.savingMeasures });
  return out;
}

const cellKey = (f: TextFact) => `${f.loc.table}:${f.loc.row}:${f.loc.col}`;

/**
 * The other cells of a form's tables (原因, 评价结论, 存在问题 … that no record field holds): a
 * template instruction left there is as much a leftover as one in a recorded cell. Only the cells
 * holding one are returned (a form's tables are most of the document: no fact is built for the rest).
 */
function otherCells(form: SelfEvalForm, document: DocumentModel | null, seen: Set<string>): Cell[] {
  if (!document) return [];
  const out: Cell[] = [];
  for (const b of document.blocks) {
    if (b.kind !== 'table' || !form.tables.includes(b.table)) continue;
    const table = b as TableBlock;
    for (const c of table.cells) {
      if (!leftoverIn(c.text.trim())) continue;
      const fact: TextFact = { text: c.text, loc: { part: form.part, table: table.table, row: c.row, col: c.col, page: c.page ?? table.page, paragraph: null, block: table.block, bbox: c.bbox } };
      if (seen.has(cellKey(fact))) continue;
      out.push({ part: form.part, what: '单元格', fact });
    }
  }
  return out;
}

/**
 * A character every LEFTOVER pattern needs (字, 指标, …/./·, 请/填写/示例/样例, X/×/*, 反映/说明/列示/描述): one scan of a
 * cell without any of them instead of six searches (most of a form's cells hold none).
 */
const LEFTOVER_CHARS = /[字标…⋯.·•请填示样xX×*反说列描]/;

/** What template text a (trimmed) cell or line holds, or null. */
function leftoverIn(text: string): string | null {
  if (!text || !LEFTOVER_CHARS.test(text)) return null;
  for (const [re, what] of LEFTOVER) if (re.test(text)) return what;
  return null;
}

/**
 * A heading that names the form's own instructions page (v2: "二、报告内容和填写说明" under 填 报 说 明, 余姚 2009 绩效报告): the
 * booklet prints it with the form, it instructs nobody in place of content. Its numbered items (1、填写本项目…) are the page's
 * text; a 填写说明 inside a line with more after it ("（填写说明：…）") is still a leftover.
 */
function namesInstructions(line: string): boolean {
  return /(?:填写|填报)说明$/.test(line.replace(/\s+/g, '').replace(/[:：]$/, ''));
}

/**
 * Short lines of the narrative reports (headings, outline items): a report outline's instruction
 * left in one ("（二）资金计划、到位及使用情况（可用表格形式反映）") is a leftover too.
 */
function outlineLines(report: Parameters<Rule['check']>[0], document: DocumentModel | null): Cell[] {
  if (!document) return [];
  const out: Cell[] = [];
  const view = documentView(document);
  for (const n of report.narratives) {
    for (const b of view.paragraphsIn(n.firstParagraph, n.lastParagraph)) {
      // only a line holding template text becomes a cell (check() reads nothing else of it)
      if (nonSpaceLength(b.text) > 60 || !leftoverIn(b.text.trim()) || namesInstructions(b.text)) continue;
      out.push({ part: n.part, what: '标题', fact: { text: b.text, loc: { part: n.part, table: null, row: null, col: null, page: b.page, paragraph: b.paragraph, block: b.block, ...ocrProvenance(b) } } });
    }
  }
  return out;
}

/**
 * F2 template instructions or placeholder rows left in ("（100字以内）", "指标2 ……"). A form's
 * placeholder rows are one cause — the template's spare rows were not deleted — and one finding.
 */
export const rule: Rule = {
  meta: {
    id: 'template-leftovers',
    version: 2,
    severity: 'warning',
    catalogue: 'F2',
    title: { zh: '模板说明或占位内容未删除', en: 'Template instructions left in' },
    description: {
      zh: '表格单元格中残留模板的填写说明或占位内容（如“（100字以内）”“指标2 ……”“XX”）；同一张表的占位行合为一条；报告本身的“填报说明”页标题（如“二、报告内容和填写说明”）不算残留。',
      en: 'Cells still hold template instructions or placeholders ("（100字以内）", "指标2 ……", "XX"); the placeholder rows of one form are one finding; a heading naming the form\'s own instructions page ("二、报告内容和填写说明") is no leftover.',
    },
    formula: '单元格文字 ∌ 模板提示/占位符',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: '财预〔2020〕10号 附件表样中的填写提示',
  },
  check(report, ctx) {
    const out: FindingDraft[] = [];
    const recorded = cellsOf(report);
    const seen = new Set(recorded.map((c) => cellKey(c.fact)));
    const forms = selfEvalForms(report);
    for (const form of forms) for (const row of form.placeholderRows ?? []) seen.add(cellKey(row));
    const cells = [...recorded, ...forms.flatMap((f) => otherCells(f, ctx.document, seen)), ...outlineLines(report, ctx.document)];
    for (const c of cells) {
      const text = c.fact.text.trim();
      const what = leftoverIn(text);
      if (!what) continue;
      out.push({
        message: {
          zh: `${c.part}${c.what}“${text.slice(0, 40)}”含模板${what}，请删除或填写实际内容`,
          en: `${c.part}: ${c.what} "${text.slice(0, 40)}" still holds template text`,
        },
        values: [],
        evidence: [textEvidence(c.fact, 'cell')],
        expected: '实际填报内容',
        observed: text.slice(0, 80),
        tolerance: null,
        part: c.part,
      });
    }
    for (const form of forms) {
      const rows = form.placeholderRows ?? [];
      if (!rows.length) continue;
      const shown = [...new Set(rows.map((r) => r.text.trim()))].slice(0, 4).map((t) => `“${t}”`).join('、');
      out.push({
        message: {
          zh: `${form.part}绩效指标中残留${rows.length}行模板占位行（三级指标${shown}，未填写任何内容），请删除或填写实际指标`,
          en: `${form.part}: ${rows.length} template placeholder row(s) left in the indicator table (${rows.map((r) => r.text.trim()).join(', ')})`,
        },
        values: [rows.length],
        evidence: rows.map((r) => textEvidence(r, 'placeholder')),
        expected: '删除模板占位行',
        observed: `${rows.length}行`,
        tolerance: null,
        part: form.part,
      });
    }
    return out;
  },
};
