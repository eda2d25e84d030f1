import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel, TableBlock } from '../../schemas/document.js';
import { parseDocument } from '../../parsers/index.js';
import { parseDeltas, pathBuffer } from '../../parsers/ofd/page.js';
import { collectInputs } from '../../src/files.js';
import { contentXml, documentXml, line, ofdPackage, reportPage, textObject } from '../hostile/ofd-kit.js';

/**
 * The OFD reader on pages written by hand (test/hostile/ofd-kit.ts: a report form's title and a
 * ruled two-column table), each written another way an OFD producer may write it: the same
 * blocks come out.
 */
function summary(model: DocumentModel): string[] {
  return model.blocks.map((b) => (b.kind === 'paragraph' ? `p ${b.text}` : `t ${(b as TableBlock).nRows}x${(b as TableBlock).nCols} ${b.cells.map((c) => `r${c.row}c${c.col} ${c.text}`).join(' | ')}`));
}

const EXPECTED = ['p 项目支出绩效自评表', 't 3x2 r0c0 项目名称 | r0c1 城乡义务教育补助经费 | r1c0 主管部门 | r1c1 县教育局 | r2c0 年度预算数（万元） | r2c1 951.90'];

describe('OFD reader', () => {
  it('advances: "g n v" is n times v; a file claiming more advances than glyphs is cut to the glyphs', () => {
    expect(parseDeltas('1 g 3 2.5 4', 10)).toEqual([1, 2.5, 2.5, 2.5, 4]);
    expect(parseDeltas('g 1000000000 3.5', 5)).toEqual([3.5, 3.5, 3.5, 3.5, 3.5]);
    expect(parseDeltas(undefined, 5)).toEqual([]);
  });

  it('paths: AbbreviatedData as pdf.js path codes (move 0, line 1, curve 2, close 4)', () => {
    expect([...pathBuffer('M 0 0 L 10 0 L 10 5 C')]).toEqual([0, 0, 0, 1, 10, 0, 1, 10, 5, 4]);
    expect([...pathBuffer('S 1 2 B 3 4 5 6 7 8')]).toEqual([0, 1, 2, 2, 7, 8, 7, 8, 7, 8]);
  });

  it('a page of a report form: title paragraph and the ruled table, as a PDF of it reads', async () => {
    const model = await parseDocument(ofdPackage());
    expect(model.format).toBe('pdf');
    expect(model.issues.map((i) => i.code)).toEqual(['CONTAINER_CONVERTED']);
    expect(summary(model)).toEqual(EXPECTED);
    expect(model.pageInfo).toEqual([{ page: 1, width: expect.closeTo(595.3, 0) as number, height: expect.closeTo(841.9, 0) as number, rotation: 0, textSource: 'vector', confidence: null }]);
  });

  it('text set in points under a CTM, and a table row in one TextCode jumping the cell gap, read the same', async () => {
    const page = reportPage()
      // The title: 10 pt type with a CTM scaling points to millimetres.
      .replace(/<ofd:TextObject ID="1" Boundary="([^"]+)" Font="2" Size="3.5"><ofd:TextCode X="0" Y="3.5" DeltaX="g 8 3.5">/u, (_m, b: string) => `<ofd:TextObject ID="1" Boundary="${b}" Font="2" Size="9.921" CTM="0.35278 0 0 0.35278 0 0"><ofd:TextCode X="0" Y="9.921" DeltaX="g 8 9.921">`)
      // 主管部门 | 县教育局: one TextCode from x 22 to x 92.
      .replace(/<ofd:TextObject ID="12"[^]*?<\/ofd:TextObject><ofd:TextObject ID="13"[^]*?<\/ofd:TextObject>/u, '<ofd:TextObject ID="12" Boundary="22 54.5 84 5" Font="2" Size="3.5"><ofd:TextCode X="0" Y="3.5" DeltaX="g 3 3.5 59.5 g 3 3.5">主管部门县教育局</ofd:TextCode></ofd:TextObject>');
    expect(page).toContain('CTM=');
    expect(page).toContain('主管部门县教育局');
    expect(summary(await parseDocument(ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': page })))).toEqual(EXPECTED);
  });

  it('a template page (TemplatePage) is drawn under the page; absolute BaseLoc; a page Area of its own', async () => {
    const doc = documentXml(1, '/Doc_0/Pages/Page_0/Content.xml')
      .replace('</ofd:PageArea>', '</ofd:PageArea><ofd:TemplatePage ID="50" BaseLoc="Tpls/Tpl_0/Content.xml"/>')
      .replace(/<ofd:Page ID="1" BaseLoc="([^"]+)"\/>/u, '<ofd:Page ID="1" BaseLoc="$1"><ofd:Template TemplateID="50"/></ofd:Page>');
    const body = reportPage().replace(/<ofd:TextObject ID="1" [^]*?<\/ofd:TextObject>/u, '').replace('<ofd:Content>', '<ofd:Area><ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox></ofd:Area><ofd:Content>');
    const model = await parseDocument(ofdPackage({ 'Doc_0/Document.xml': doc, 'Doc_0/Pages/Page_0/Content.xml': body, 'Doc_0/Tpls/Tpl_0/Content.xml': contentXml(textObject(1, 60, 30, '项目支出绩效自评表')) }));
    expect(summary(model)).toEqual(EXPECTED);
    expect(model.pageInfo![0].width).toBeCloseTo(841.9, 0);
  });

  it('text down the page (DeltaY only) is one vertical run', async () => {
    const vertical = `<ofd:TextObject ID="90" Boundary="10 60 5 30" Font="2" Size="3.5"><ofd:TextCode X="2.5" Y="0" DeltaY="g 3 5">产出指标</ofd:TextCode></ofd:TextObject>`;
    const model = await parseDocument(ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': contentXml(`${textObject(1, 60, 30, '项目支出绩效自评表')}${vertical}${line(2, 5, 40, 5, 100)}`) }));
    expect(summary(model)).toEqual(['p 项目支出绩效自评表', 'p 产出指标']);
  });

  it('folders: .ofd files are taken as reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-ofd-'));
    try {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'in', 'report.ofd'), ofdPackage());
      const { files, skipped } = await collectInputs([join(dir, 'in')]);
      expect(files.map((f) => f.path)).toEqual([join(dir, 'in', 'report.ofd')]);
      expect(skipped).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
