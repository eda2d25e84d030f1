import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../schemas/result.js';
import { runPipeline } from '../src/pipeline.js';
import { sample, SAMPLES, squeeze } from './pdf/helpers.js';

/**
 * The same report gives the same records whatever its container (issue 3): seed.pdf and
 * seed.doc against seed.docx, field by field, with locations (loc / location objects) stripped and
 * whitespace inside texts ignored (a paragraph break inside a Word cell and a wrapped line look the
 * same on paper; character offsets inside texts likewise). Findings are compared by rule, severity
 * and values.
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
  if (typeof value !== 'string') return value;
  // Statistic ids are "p<paragraph>:<character offset>": the offset is a location inside the text
  // and moves with whitespace (Word keeps typed leading spaces, a PDF shows an indent).
  return /^p\d+:\d+$/.test(value) ? value.replace(/:\d+$/, ':<offset>') : squeeze(value);
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
let doc: Result;
let tempRoot: string;
beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'selfeval-containers-'));
  docx = (await runPipeline({ bytes: sample('seed.docx'), file: 'seed.docx' })).result;
  pdf = (await runPipeline({ bytes: sample('seed.pdf'), file: 'seed.pdf' })).result;
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
  it('has the same findings', () => {
    expect(findings(doc)).toEqual(findings(docx));
  });
});

describe('seed.pdf ≡ seed.docx', () => {
  it('is processed', () => {
    expect([pdf.status, pdf.format, pdf.error]).toEqual(['ok', 'pdf', null]);
    expect(pdf.report?.projects.length).toBeGreaterThan(0);
  });

  it('has the same table records (基础数据表, 部门整体支出绩效自评表, 项目支出绩效自评表) and narrative text', () => {
    // Narrative section headings are found by Word heading styles, which a PDF does not have;
    // section structure is compared in the todo below once headings are told by font size.
    const noSections = (key: string, path: string) => (key === 'sections' && /^\.narratives\[\d+\]$/.test(path)) || (key === 'section' && /^\.statistics\[\d+\]$/.test(path));
    expect(comparable(pdf.report, noSections)).toEqual(comparable(docx.report, noSections));
  });

  it.todo('has the same narrative sections (needs the narrative recognizer to read ParagraphBlock.fontSize for PDF headings)');

  it('has the same findings', () => {
    expect(findings(pdf)).toEqual(findings(docx));
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

  it.todo('places narrative values on the page of their sentence (recognizer: map loc.span through ParagraphBlock.pageBreaks)');
});
