/**
 * Cross-part links on a real report (samples/seed.docx: 基础数据表, 部门整体支出绩效自评表, three 项目支出绩效自评表
 * and four narrative reports), read once and written the ways other reports write the same facts —
 * projects named with a year and a 项目 suffix in their forms (F3), prose amounts in 元, approximate prose
 * amounts — then one figure changed in one part. The unchanged variants add no error or warning; each
 * planted change gives exactly one finding naming both places (an error when the names make the link
 * sure; a note when the prose is approximate).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import type { Location } from '../../schemas/location.js';
import type { Report } from '../../schemas/report.js';
import { parseDocument } from '../../parsers/index.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { recognizeReport } from '../../src/recognize/index.js';
import { runRules } from '../../src/rules/index.js';

let seed: DocumentModel;

beforeAll(async () => {
  seed = await parseDocument(new Uint8Array(readFileSync('samples/seed.docx')));
}, 120_000);

function reportOf(model: DocumentModel): Report {
  const recognized = recognizeReport(model);
  const n = analyzeNarrative(model, recognized);
  return { ...recognized, narratives: n.narratives, statistics: n.statistics, links: n.links, coverage: { ...recognized.coverage, narrativeStatistics: n.statistics.length } };
}

function check(model: DocumentModel): Finding[] {
  return runRules(reportOf(model), { document: model, lang: 'zh' });
}

/** The seed with every project named "<name>项目（2023年度）" in its form (the prose keeps the short names). */
function namedWithYear(model: DocumentModel): DocumentModel {
  const m = structuredClone(model);
  for (const p of reportOf(model).projects) {
    const loc = p.name!.loc;
    const t = m.blocks.find((b) => b.kind === 'table' && b.table === loc.table);
    if (t?.kind !== 'table') throw new Error('no table');
    const c = t.cells.find((x) => x.row === loc.row && x.col === loc.col)!;
    c.text = c.text.replace(p.name!.text.trim(), `${p.name!.text.trim()}项目（2023年度）`);
  }
  return m;
}

/** The seed with every prose amount of its narrative reports rewritten, e.g. in 元 or as 约…万元. */
function prose(model: DocumentModel, rewrite: (text: string) => string): DocumentModel {
  const m = structuredClone(model);
  const narratives = reportOf(model).narratives;
  for (const b of m.blocks) if (b.kind === 'paragraph' && narratives.some((n) => n.firstParagraph <= b.paragraph && b.paragraph <= n.lastParagraph)) b.text = rewrite(b.text);
  return m;
}
const inYuan = (t: string) => t.replace(/(?<![\d.])(\d+(?:\.\d{1,4})?)\s*万元/g, (_a, x: string) => `${Math.round(Number(x) * 10000)}元`);
const approximate = (t: string) => t.replace(/(?<![\d.约])(\d+(?:\.\d+)?)\s*万元/g, '约$1万元');

/** The paragraph holding `marker`, with `from` replaced by `to` there. */
function inParagraph(model: DocumentModel, marker: string, from: string, to: string): { model: DocumentModel; at: Location } {
  const m = structuredClone(model);
  const b = m.blocks.find((x) => x.kind === 'paragraph' && x.text.includes(marker) && x.text.includes(from));
  if (b?.kind !== 'paragraph') throw new Error(`no paragraph with ${marker} and ${from}`);
  b.text = b.text.replace(from, to);
  return { model: m, at: { part: null, table: null, row: null, col: null, page: null, paragraph: b.paragraph } };
}

/** Where the form of the project whose name holds `name` states its total 全年执行数. */
function executedAt(model: DocumentModel, name: string): Location {
  const p = reportOf(model).projects.find((x) => x.name?.text.includes(name))!;
  return p.budget!.rows.find((r) => r.kind === 'total')!.executed!.loc;
}

/** The total row's 全年执行数 of the project whose name holds `name`, changed to `to` in its form only. */
function inProjectForm(model: DocumentModel, name: string, to: string): { model: DocumentModel; at: Location } {
  const loc = executedAt(model, name);
  const m = structuredClone(model);
  const t = m.blocks.find((b) => b.kind === 'table' && b.table === loc.table);
  if (t?.kind !== 'table') throw new Error('no table');
  const c = t.cells.find((x) => x.row === loc.row && x.col === loc.col)!;
  c.text = c.text.replace(/\d+(?:\.\d+)?/, to);
  return { model: m, at: loc };
}

function paragraphOf(model: DocumentModel, marker: string): number {
  const b = model.blocks.find((x) => x.kind === 'paragraph' && x.text.includes(marker));
  return b?.kind === 'paragraph' ? b.paragraph : -1;
}
const names = (f: Finding, at: Location) =>
  f.evidence.some((e) => (at.table !== null ? e.location.table === at.table && e.location.row === at.row : e.location.table === null && e.location.paragraph === at.paragraph));
const key = (f: Finding) => `${f.rule}|${f.message}`;
const loud = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const show = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.severity}: ${f.message}`).join('\n');

/** New findings of the planted model (not in the unchanged one) naming both places. */
function naming(base: Finding[], planted: Finding[], one: Location, other: Location): Finding[] {
  const before = new Set(base.map(key));
  return planted.filter((f) => !before.has(key(f)) && names(f, one) && names(f, other));
}

describe('cross-part links on the seed report', () => {
  it('the unchanged variants (projects named with a year, amounts in 元, approximate amounts) add no error or warning', () => {
    const rules = (fs: Finding[]) => loud(fs).map((f) => f.rule).sort();
    const asIs = rules(check(seed));
    expect(rules(check(namedWithYear(seed))), show(loud(check(namedWithYear(seed))))).toEqual(asIs);
    expect(rules(check(prose(seed, inYuan))), show(loud(check(prose(seed, inYuan))))).toEqual(asIs);
    expect(rules(check(prose(seed, approximate))).filter((r) => r === 'figure-mismatch').length).toBeLessThanOrEqual(asIs.filter((r) => r === 'figure-mismatch').length);
  });

  it('a project named "工作经费项目（2023年度）" in its form: its 全年执行数 changed there is one error naming the form and the department report', () => {
    const named = namedWithYear(seed);
    const base = check(named);
    const { model, at } = inProjectForm(named, '工作经费', '368.21');
    const prosePlace: Location = { part: null, table: null, row: null, col: null, page: null, paragraph: paragraphOf(named, '工作经费334.74万元') };
    const found = naming(base, check(model), at, prosePlace);
    expect(found.length, show(found)).toBe(1);
    expect(found[0].rule).toBe('figure-mismatch');
    expect(found[0].severity).toBe('error');
    expect(found[0].values).toEqual([334.74, 368.21]);
    expect(found[0].message).toContain('配对依据');
    expect(found[0].message).toContain('2023年度');
  });

  it('the same change: one finding naming the form and the 基础数据表 row (E5), an error although the names differ by 项目（2023年度）', () => {
    const named = namedWithYear(seed);
    const base = check(named);
    const { model, at } = inProjectForm(named, '工作经费', '368.21');
    const row = reportOf(named).basicData!.spending.find((r) => r.key === 'project-item' && r.label.includes('工作经费'))!.final!.loc;
    const found = naming(base, check(model), at, row);
    expect(found.map((f) => `${f.rule} ${f.severity}`), show(found)).toEqual(['special-fund-rows error']);
  });

  it('amounts in 元: "工作经费开支50000元" changed to 55000元 (5.5万元 against the form\'s 5) is one error naming both', () => {
    const yuan = prose(seed, inYuan);
    const base = check(yuan);
    const { model, at } = inParagraph(yuan, '工作经费开支50000元', '工作经费开支50000元', '工作经费开支55000元');
    const found = naming(base, check(model), at, executedAt(yuan, '招投标'));
    expect(found.length, show(found)).toBe(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].values).toEqual([55000, 5]);
  });

  it('amounts in 元: 人员经费 5726100元 + 公用经费 195600元 is the form\'s 592.17万元 (no A7 finding); 人员经费 changed is one A7 error naming the prose and the form', () => {
    const yuan = prose(seed, inYuan);
    const base = check(yuan);
    expect(loud(base).filter((f) => f.rule === 'basic-spending-split')).toEqual([]);
    const { model, at } = inParagraph(yuan, '人员经费5726100元', '人员经费5726100元', '人员经费5926100元');
    const basic = reportOf(yuan).deptSelfEval!.budget!.bySpending.find((i) => i.key === 'basic')!.amount!.loc;
    const found = naming(base, check(model), at, basic).filter((f) => f.severity !== 'info');
    expect(found.map((f) => `${f.rule} ${f.severity}`), show(found)).toEqual(['basic-spending-split error']);
  });

  it('approximate prose: "约334.74万元" of the 工作经费 report changed to 约400万元 is a note naming both places (B3), never an error or warning', () => {
    const approx = prose(seed, approximate);
    const base = check(approx);
    const { model, at } = inParagraph(approx, '为有关业务工作经费开支', '此项目约334.74万元', '此项目约400万元');
    const found = naming(base, check(model), at, executedAt(approx, '工作经费'));
    expect(found.map((f) => `${f.rule} ${f.severity}`), show(found)).toEqual(['approximate-restatement info']);
  });
});
