import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../parsers/index.js';
import { parsePdf } from '../../parsers/pdf.js';
import { SAMPLES, sample, squeeze, tables } from '../pdf/helpers.js';

/**
 * A .docx whose table was pasted as a picture: the basic-data table of the seed report, printed
 * (samples/seed.pdf), scanned at 200 dpi (pdftoppm) and pasted into the seed .docx as an inline
 * picture after its last paragraph.
 */
const dir = mkdtempSync(join(tmpdir(), 'selfeval-docx-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EMU_PER_PT = 12700;

function pasteInto(docx: Uint8Array, png: Uint8Array, widthPt: number, heightPt: number): Uint8Array {
  const files = unzipSync(docx);
  const cx = Math.round(widthPt * EMU_PER_PT);
  const cy = Math.round(heightPt * EMU_PER_PT);
  const drawing =
    `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="900" name="Picture 900"/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="900" name="table.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdPasted900"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  const body = strFromU8(files['word/document.xml']);
  const at = body.lastIndexOf('<w:sectPr');
  files['word/document.xml'] = strToU8(body.slice(0, at) + drawing + body.slice(at));
  const rels = strFromU8(files['word/_rels/document.xml.rels']);
  files['word/_rels/document.xml.rels'] = strToU8(
    rels.replace('</Relationships>', '<Relationship Id="rIdPasted900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/pasted900.png"/></Relationships>'),
  );
  const types = strFromU8(files['[Content_Types].xml']);
  if (!/Extension="png"/u.test(types)) files['[Content_Types].xml'] = strToU8(types.replace('<Default ', '<Default Extension="png" ContentType="image/png"/><Default '));
  files['word/media/pasted900.png'] = new Uint8Array(png);
  return zipSync(files);
}

describe('a .docx with a table pasted as a picture', () => {
  it('reports the picture and reads its table by OCR, in place', async () => {
    const exactPage1 = tables(await parsePdf(sample('seed.pdf'))).find((t) => t.page === 1)!;
    // The table's box on page 1 (points), scanned at 200 dpi.
    const box = exactPage1.cells.reduce((b, c) => [Math.min(b[0], c.bbox![0]), Math.min(b[1], c.bbox![1]), Math.max(b[2], c.bbox![2]), Math.max(b[3], c.bbox![3])], [Infinity, Infinity, 0, 0]);
    const px = (v: number) => Math.round((v * 200) / 72);
    const margin = 6;
    const prefix = join(dir, 'table');
    execFileSync('pdftoppm', ['-png', '-gray', '-r', '200', '-f', '1', '-l', '1', '-singlefile', '-x', String(px(box[0] - margin)), '-y', String(px(box[1] - margin)), '-W', String(px(box[2] - box[0] + 2 * margin)), '-H', String(px(box[3] - box[1] + 2 * margin)), join(SAMPLES, 'seed.pdf'), prefix]);
    const png = new Uint8Array(readFileSync(`${prefix}.png`));
    const plain = sample('seed.docx');
    const before = await parseDocument(plain);
    const pasted = await parseDocument(pasteInto(plain, png, box[2] - box[0] + 2 * margin, box[3] - box[1] + 2 * margin));
    const issue = pasted.issues.find((i) => i.code === 'IMAGE_TABLE_OCR');
    expect(issue?.message).toMatch(/^第 1 张图片是表格截图（1 个表格），已由 OCR 识别/u);
    // The picture's table is inserted where the picture stands: after the last block.
    expect(pasted.blocks).toHaveLength(before.blocks.length + 1);
    const added = pasted.blocks.at(-1)!;
    expect(added.kind).toBe('table');
    if (added.kind !== 'table') return;
    expect(added.table).toBe(tables(before).length);
    expect(`${added.nRows}x${added.nCols}`).toBe(`${exactPage1.nRows}x${exactPage1.nCols}`);
    expect(added.cells.filter((c) => c.text).every((c) => c.textSource === 'ocr' && c.confidence !== undefined && c.page === null)).toBe(true);
    const texts = (t: typeof added) => t.cells.map((c) => squeeze(c.text));
    const same = texts(added).filter((t, i) => t === texts(exactPage1)[i]).length;
    expect(same / exactPage1.cells.length).toBeGreaterThan(0.9);
    // The document's own blocks are untouched.
    expect(pasted.blocks.slice(0, -1).map((b) => b.kind)).toEqual(before.blocks.map((b) => b.kind));
  }, 120_000);

  it('a .docx without pictures is read as before (no OCR, no issue)', async () => {
    const model = await parseDocument(sample('seed.docx'));
    expect(model.issues).toEqual([]);
    expect(model.blocks.every((b) => b.kind !== 'table' || b.cells.every((c) => c.textSource === undefined))).toBe(true);
  });
});
