import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphBlock } from '../schemas/document.js';
import type { Result } from '../schemas/result.js';
import { runPipeline } from '../src/pipeline.js';
import { sample, SAMPLES, squeeze } from './pdf/helpers.js';

/**
 * The same report gives the same records whatever its container (issue 3): seed.pdf and
 * seed.doc against seed.docx, field by field, with locations (loc / location objects) stripped and
 * whitespace inside texts ignored (a paragraph break inside a Word cell and a wrapped line look the
 * same on paper). The narrative records (sections, statistics with their ids, labels and values,
 * links) are compared in full: statistic ids count offsets without whitespace, so they agree too.
 * Findings are compared by rule, severity and values, and by id.
 */

type Json = unknown;

/** Drop location objects; squeeze strings. */
function comparable(value: Json, drop: (key: string, path: string) => boolean = () => false, path = ''): Json {
  if (Array.isArray(value)) return value.map((v, i) => comparable(v, drop, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'loc' || k === 'location' || drop(k, path)) continue;
      out[k] = comparable(v, drop, `${path}.${k}`);
    }
    return out;
  }
  return typeof value === 'string' ? squeeze(value) : value;
}

/** Finding ids, which hash evidence locations: the same report in another container keeps them. */
function findingIds(result: Result): string[] {
  return result.discrepancies.map((d) => d.id).sort();
}

function findings(result: Result): string[] {
  return result.discrepancies.map((d) => JSON.stringify({ rule: d.rule, severity: d.severity, values: d.values })).sort();
}

/** Every located value in the report: text, page and table of each loc with a page. */
function locatedTexts(value: Json, out: Array<{ text: string; page: number; table: number | null }> = []): Array<{ text: string; page: number; table: number | null }> {
  if (Array.isArray(value)) value.forEach((v) => locatedTexts(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, Json>;
    const loc = o.loc as { page?: number | null; table?: number | null } | undefined;
    if (typeof o.text === 'string' && loc && typeof loc.page === 'number') out.push({ text: o.text, page: loc.page, table: loc.table ?? null });
    for (const v of Object.values(o)) locatedTexts(v, out);
  }
  return out;
}

let docx: Result;
let pdf: Result;
let pdfModel: DocumentModel;
let doc: Result;
let tempRoot: string;
beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'selfeval-containers-'));
  docx = (await runPipeline({ bytes: sample('seed.docx'), file: 'seed.docx' })).result;
  const parsedPdf = await runPipeline({ bytes: sample('seed.pdf'), file: 'seed.pdf' });
  pdf = parsedPdf.result;
  if (!parsedPdf.document) throw new Error(`seed.pdf: not parsed (${pdf.error?.message})`);
  pdfModel = parsedPdf.document;
  doc = (await runPipeline({ bytes: sample('seed.doc'), file: 'seed.doc', options: { parse: { doc: { tempRoot } } } })).result;
}, 300_000);
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

describe('seed.doc ≡ seed.docx', () => {
  it('is processed', () => {
    expect([doc.status, doc.format, doc.error]).toEqual(['ok', 'doc', null]);
  });
  it('has the same report records, field by field', () => {
    expect(comparable(doc.report)).toEqual(comparable(docx.report));
  });
  it('has the same findings, with the same ids', () => {
    expect(findings(doc)).toEqual(findings(docx));
    expect(findingIds(doc)).toEqual(findingIds(docx));
  });
});

describe('seed.pdf ≡ seed.docx', () => {
  it('is processed', () => {
    expect([pdf.status, pdf.format, pdf.error]).toEqual(['ok', 'pdf', null]);
    expect(pdf.report?.projects.length).toBeGreaterThan(0);
  });

  it('has the same records, field by field: tables, narrative sections, statistics and links', () => {
    expect(comparable(pdf.report)).toEqual(comparable(docx.report));
  });

  it('has the same narrative sections, headings told by font size where Word has heading styles', () => {
    const sections = (r: Result) => r.report!.narratives.map((n) => n.sections.map((s) => `${s.level} ${squeeze(s.heading)} ${s.paragraphs.join(',')}`));
    expect(sections(pdf)).toEqual(sections(docx));
    // the two headings of 六、部门整体支出绩效情况 that no heading text names (Heading3 in the .docx, 14 pt in the PDF)
    const dept = pdf.report!.narratives.find((n) => n.reportKind === 'dept')!;
    expect(dept.sections.filter((s) => s.key === null).map((s) => [squeeze(s.heading), s.level])).toEqual([
      ['一、着力加强政治建设，筑牢党风廉政思想根基。', 2],
      ['二、全力提升服务水平，助推行业高质量发展', 2],
    ]);
    expect(dept.sections).toHaveLength(16);
  });

  it('gives every narrative statistic the same id as in the .docx', () => {
    const ids = (r: Result) => r.report!.statistics.map((s) => `${s.id} ${s.figure.text}`);
    expect(ids(pdf)).toEqual(ids(docx));
    expect(new Set(ids(pdf)).size).toBe(pdf.report!.statistics.length);
  });

  it('has the same findings, with the same ids', () => {
    expect(findings(pdf)).toEqual(findings(docx));
    expect(findingIds(pdf)).toEqual(findingIds(docx));
  });

  it('places each table value on the right page (checked against pdftotext)', () => {
    const located = locatedTexts(pdf.report).filter((l) => l.table !== null && squeeze(l.text).length >= 2);
    expect(located.length).toBeGreaterThan(100);
    const pages = new Map<number, string>();
    // -raw keeps the content stream order, in which LibreOffice writes each cell's lines together.
    const pageText = (n: number) => {
      if (!pages.has(n)) pages.set(n, squeeze(execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), join(SAMPLES, 'seed.pdf'), '-'], { encoding: 'utf8' })));
      return pages.get(n)!;
    };
    const misplaced = located.filter(({ text, page }) => !pageText(page).includes(squeeze(text).slice(0, 12)));
    expect(misplaced).toEqual([]);
    // Values on the continuation page of a table carry that page, not the table's first page.
    expect(new Set(located.map((l) => l.page)).size).toBeGreaterThan(5);
    for (const d of pdf.discrepancies) {
      for (const ev of d.evidence) {
        if (ev.location.page === null || ev.location.table === null || squeeze(ev.text).length < 2) continue;
        expect({ rule: d.rule, text: ev.text, found: pageText(ev.location.page).includes(squeeze(ev.text).slice(0, 12)) }).toEqual({ rule: d.rule, text: ev.text, found: true });
      }
    }
  });

  it('places narrative values on the page of their sentence (loc.span mapped through ParagraphBlock.pageBreaks)', () => {
    const stats = pdf.report!.statistics;
    // pages read off `pdftotext -f N -l N samples/seed.pdf -`; in 部门整体支出绩效自评报告 paragraph 49 runs over pages 14–15 and
    // paragraph 50 over 15–17 ("开展 3 次" is the last line of page 16, "文明城市创建…" opens page 17)
    const spot: Array<[figure: string, label: string, page: number]> = [
      ['101个', '全年监管房屋工程项目', 14],
      ['13次', '全年组织召开全市质量安全管理专项会议', 14],
      ['11次', '全年共开展专项检查', 15],
      ['6家', '我市建筑业骨干企业', 15],
      ['40件', '协助劳动监察大队协调解决农民工工资欠薪事件', 16],
      ['14个', '公开招标项目', 16],
      ['3次', '文明城市创建', 16],
      ['284件', '全年共办理建筑领域投诉、信访、交办', 17],
      ['25件', '办理施工扰民、工程款结算、交房问题等各类交办件', 17],
    ];
    // (the 工作经费 project report restates these paragraphs on pages 30–32; the spot check reads the 部门整体 report)
    const pageOf = (figure: string, label: string) => stats.filter((s) => s.loc.part === '部门整体支出绩效自评报告' && s.figure.text === figure && s.label === label).map((s) => s.loc.page);
    expect(spot.map(([f, l]) => [f, l, pageOf(f, l)])).toEqual(spot.map(([f, l, p]) => [f, l, [p]]));

    // every narrative figure: the words around it (cut at a page break) are on its page
    const paragraphs = new Map(pdfModel.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => [b.paragraph, b]));
    const pageText = new Map<number, string>();
    const textOf = (n: number) => {
      if (!pageText.has(n)) pageText.set(n, squeeze(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), join(SAMPLES, 'seed.pdf'), '-'], { encoding: 'utf8' })));
      return pageText.get(n)!;
    };
    let crossing = 0;
    const misplaced = stats.filter((s) => {
      const p = paragraphs.get(s.loc.paragraph!)!;
      const [start, end] = s.loc.span!;
      const cuts = [0, ...(p.pageBreaks ?? []).map((b) => b.offset), p.text.length];
      const from = Math.max(...cuts.filter((c) => c <= start));
      const to = Math.min(...cuts.filter((c) => c >= end));
      if (s.loc.page !== p.page) crossing++;
      const context = squeeze(p.text.slice(Math.max(from, start - 8), Math.min(to, end + 4)));
      return !textOf(s.loc.page!).includes(context);
    });
    expect(misplaced.map((s) => [s.id, s.figure.text, s.loc.page])).toEqual([]);
    expect(stats.length).toBeGreaterThan(100);
    expect(crossing).toBeGreaterThan(10);
  });
});
