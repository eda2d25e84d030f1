import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';
import { diffDocument, diffGrids, layoutDocument, modelTableCells, randomReportSpec, seedSpec, writeDocx, type ReportSpec, type WriteOptions } from '../fixtures/generator/index.js';
import { mammothTables } from '../fixtures/generator/oracle.js';

/**
 * Producers and quirks seen in real submissions. Each must (1) really be in the markup, (2) leave the
 * grid parseDocx reads equal to the layout the writer meant, and (3) where mammoth can read it, give
 * the same grid through mammoth, the independent oracle.
 */

interface Variant {
  name: string;
  options: WriteOptions;
  /** What the package must contain for the quirk to be really there. */
  markup: Array<[string, RegExp | ((files: Record<string, string>) => boolean)]>;
  /** Why mammoth cannot serve as oracle here (measured), or null. */
  mammothBlind: string | null;
}

const VARIANTS: Variant[] = [
  { name: 'Word', options: { producer: 'word' }, markup: [['explicit vMerge continue', /<w:vMerge w:val="continue"\/>/], ['gridSpan', /<w:gridSpan w:val="\d+"\/>/]], mammothBlind: null },
  {
    name: 'WPS',
    options: { producer: 'wps' },
    markup: [
      ['bare <w:vMerge/> continuation', /<w:vMerge\/>/],
      ['numeric heading style ids', /<w:pStyle w:val="2"\/>/],
      ['KSOProductBuildVer', (f) => (f['docProps/custom.xml'] ?? '').includes('KSOProductBuildVer')],
    ],
    mammothBlind: null,
  },
  { name: 'LibreOffice', options: { producer: 'libreoffice' }, markup: [['TableContents cell style', /<w:pStyle w:val="TableContents"\/>/]], mammothBlind: null },
  {
    name: 'pandoc',
    options: { producer: 'pandoc' },
    markup: [
      ['no merges', (f) => !/<w:vMerge|<w:gridSpan|<w:hMerge/.test(f['word/document.xml'])],
      ['no borders', (f) => !f['word/document.xml'].includes('tblBorders')],
      ['Table style', /<w:tblStyle w:val="Table"\/>/],
    ],
    mammothBlind: null,
  },
  {
    name: 'bookmarks in tables and rows',
    options: { bookmarksInRows: true },
    markup: [
      ['bookmark directly in w:tbl', /<\/w:tblGrid><w:bookmarkStart /],
      ['bookmark directly in w:tr', /<w:tr>(<w:trPr>(?:(?!<\/w:trPr>).)*<\/w:trPr>)?<w:bookmarkStart /],
    ],
    mammothBlind: 'mammoth drops every merge of a table with a bookmark in it (asserted below)',
  },
  {
    name: 'gridBefore / gridAfter',
    options: { gridBeforeAfter: true },
    markup: [
      ['gridBefore', /<w:gridBefore w:val="\d+"\/>/],
      ['gridAfter', /<w:gridAfter w:val="\d+"\/>/],
    ],
    mammothBlind: 'mammoth ignores w:gridBefore/w:gridAfter (cells shift columns)',
  },
  {
    name: 'content controls',
    options: { contentControls: true },
    markup: [
      ['w:sdt around a row', /<w:sdtContent><w:tr>/],
      ['w:sdt around a cell', /<w:sdtContent><w:tc>/],
      ['w:sdt around runs', /<w:sdtContent><w:r>/],
    ],
    mammothBlind: null,
  },
  { name: 'fields', options: { fields: true }, markup: [['=SUM field', /<w:instrText xml:space="preserve"> =SUM\(BELOW\)/], ['fldChar', /w:fldCharType="separate"/]], mammothBlind: null },
  {
    name: 'tracked changes',
    options: { trackedChanges: true },
    markup: [
      ['w:del with delText', /<w:del w:id="\d+"[^>]*><w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:delText/],
      ['w:ins', /<w:ins w:id="\d+"/],
    ],
    mammothBlind: null,
  },
  {
    name: 'legacy hMerge',
    options: { legacyHMerge: true },
    markup: [
      ['hMerge restart/continue', /<w:hMerge w:val="restart"\/>.*<w:hMerge w:val="continue"\/>/s],
      ['no gridSpan', (f) => !f['word/document.xml'].includes('<w:gridSpan')],
    ],
    mammothBlind: 'mammoth has no legacy w:hMerge (it reads one cell per w:tc)',
  },
  { name: 'full-width digits', options: { fullWidthDigits: true }, markup: [['９５１．９０ or other full-width amounts', /[０-９]+．[０-９]+/]], mammothBlind: null },
  { name: 'non-breaking spaces', options: { nonBreakingSpaces: true }, markup: [['U+00A0', /\u00a0/]], mammothBlind: null },
  {
    name: 'everything at once (WPS)',
    options: { producer: 'wps', bookmarksInRows: true, gridBeforeAfter: true, contentControls: true, fields: true, trackedChanges: true, legacyHMerge: true, fullWidthDigits: true, nonBreakingSpaces: true },
    markup: [['sdt + bookmark + hMerge + ins', /<w:sdt>.*<w:bookmarkStart .*<w:hMerge .*<w:ins /s]],
    mammothBlind: 'bookmarks, gridBefore/After and hMerge together',
  },
];

/** The seed, and a random report whose 基础数据表 labels are not merged (rows then start with a blank cell: gridBefore). */
function specs(): Array<[string, ReportSpec]> {
  const random = randomReportSpec(11, { projects: 3 });
  random.basicData!.mergeLabels = false;
  return [
    ['seed', seedSpec()],
    ['random', random],
  ];
}

function packageFiles(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe.each(VARIANTS)('$name', (variant) => {
  const built = specs().map(([name, spec]) => ({ name, spec, bytes: writeDocx(spec, variant.options) }));

  it('is really in the markup', () => {
    const files = built.map((b) => packageFiles(b.bytes));
    for (const [what, test] of variant.markup) {
      const found = files.some((f) => (typeof test === 'function' ? test(f) : test.test(f['word/document.xml'])));
      expect(found, what).toBe(true);
    }
  });

  it('parses (parseDocx) into exactly the laid-out blocks and grids', () => {
    for (const b of built) {
      expect(diffDocument(layoutDocument(b.spec, variant.options), parseDocx(b.bytes)), b.name).toEqual([]);
    }
  });

  it.skipIf(variant.mammothBlind !== null)('gives the same grids through mammoth (independent oracle)', async () => {
    // The seed only: mammoth takes ~0.3–2 s per document and the random report adds no table shape it lacks.
    for (const b of built.filter((x) => x.name === 'seed')) {
      const ours = parseDocx(b.bytes).blocks.filter((x): x is TableBlock => x.kind === 'table');
      const { tables } = await mammothTables(b.bytes);
      expect(tables.length, b.name).toBe(ours.length);
      ours.forEach((t, i) => {
        expect(diffGrids(modelTableCells(t), tables[i], (s) => s.replace(/\s+/g, '')), `${b.name} table ${i}`).toEqual([]);
      });
    }
  });
});

describe('the mammoth trap the bookmark quirk reproduces', () => {
  it('mammoth warns and loses the merges, parseDocx keeps them', async () => {
    const bytes = writeDocx(seedSpec(), { bookmarksInRows: true });
    const { tables, warnings } = await mammothTables(bytes);
    expect(warnings.some((w) => /cell merging may be incorrect/.test(w))).toBe(true);
    const ours = parseDocx(bytes).blocks.filter((x): x is TableBlock => x.kind === 'table');
    // The 绩效指标 label of the department form spans 31 rows in our grid, 1 row in mammoth's.
    const label = (cells: Array<{ row: number; col: number; rowSpan: number; text: string }>) => cells.find((c) => c.col === 0 && c.text === '绩效指标')?.rowSpan;
    expect(label(modelTableCells(ours[1]))).toBe(31);
    expect(label(tables[1])).toBe(1);
  });
});
