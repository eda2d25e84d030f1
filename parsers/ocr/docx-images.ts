import { createRequire } from 'node:module';
import type { Block, DocumentModel, ParseIssue, TableBlock } from '../../schemas/document.js';
import { docxPastedImages, hasPictureParts, type PastedImage } from '../docx.js';
import { buildBlocks, measureTextColumn, type FlowItem } from '../pdf/flow.js';
import { layoutPage } from '../pdf/primitives.js';
import { InputError } from '../../src/errors.js';
import { parseRelationships, relationshipsPath } from '../opc.js';
import { readZipEntries, DEFAULT_ZIP_LIMITS, type ZipLimits } from '../zip.js';
import { decodableImage } from '../image-size.js';
import { toGray } from './image.js';
import { ocrPage } from './ocr-page.js';
import { attachOcrCorrections } from './corrections.js';

/**
 * Tables pasted into a .docx as pictures (a screenshot of the form, a scanned page): Word sees
 * only an image, the report's numbers are in it. Each large picture in the body is read by OCR —
 * the same page-primitives path as a scanned PDF page — and the tables and text found take its
 * place among the blocks, marked as OCR'd. A picture that is large but holds no readable text (a
 * photo) is left alone; one that holds text without a grid is read as paragraphs.
 */

/** Pictures smaller than this (points) are logos, icons and signatures, not pasted tables. */
const MIN_WIDTH_PT = 200;
const MIN_HEIGHT_PT = 60;
/** At most this many pictures are read per document (each costs seconds). */
const MAX_PICTURES = 20;
/** Pixels at most in one picture read (a pasted A4 page at 300 dpi is 8.7 million). */
const MAX_PICTURE_PIXELS = 40_000_000;

export async function readPastedTables(bytes: Uint8Array, model: DocumentModel, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<DocumentModel> {
  if (!hasPictureParts(bytes, limits)) return model;
  const { mainPath, images } = docxPastedImages(bytes, limits);
  const targets = relationshipTargets(bytes, mainPath, limits);
  // The preview picture of an embedded worksheet that was read (parsers/xlsx/embedded.ts) is not read again.
  const readObjects = new Set(model.blocks.map((b) => (b.kind === 'table' ? b.workbook?.part : undefined)));
  const large = images
    .filter((i) => !(i.oleObject && readObjects.has(targets.get(i.oleObject))))
    .filter((i) => (i.widthPt ?? 0) >= MIN_WIDTH_PT && (i.heightPt ?? 0) >= MIN_HEIGHT_PT)
    .slice(0, MAX_PICTURES);
  if (!large.length) return model;
  const media = readZipEntries(bytes, (name) => [...targets.values()].includes(name), limits);
  // Insert from the last picture back, so earlier insertion points stay valid.
  const inserts: { before: number; blocks: Block[] }[] = [];
  const issues: ParseIssue[] = [];
  let ordinal = 0;
  for (const image of large) {
    ordinal++;
    const data = media.get(targets.get(image.relId) ?? '');
    if (!data) continue;
    const read = await readPicture(data, image);
    if (!read) continue;
    const tables = read.filter((b) => b.kind === 'table').length;
    issues.push({
      code: tables ? 'IMAGE_TABLE_OCR' : 'IMAGE_TEXT_OCR',
      message: tables
        ? `第 ${ordinal} 张图片是表格截图（${tables} 个表格），已由 OCR 识别，请核对原件 / picture ${ordinal} is a pasted table, read by OCR`
        : `第 ${ordinal} 张图片含有文字，已由 OCR 识别，请核对原件 / picture ${ordinal} holds text, read by OCR`,
      page: null,
      block: image.before,
    });
    inserts.push({ before: image.before, blocks: read });
  }
  if (!inserts.length) return model;
  const blocks = [...model.blocks];
  for (const ins of inserts.sort((a, b) => b.before - a.before)) blocks.splice(Math.min(ins.before, blocks.length), 0, ...ins.blocks);
  return { ...model, blocks: renumber(blocks), issues: [...model.issues, ...issues] };
}

/** rId → package path of the main part's relationships (word/_rels/document.xml.rels); none when they cannot be read. */
function relationshipTargets(bytes: Uint8Array, mainPath: string, limits: ZipLimits): Map<string, string> {
  const relsPath = relationshipsPath(mainPath);
  const rels = readZipEntries(bytes, (name) => name === relsPath, limits).get(relsPath);
  if (!rels) return new Map();
  try {
    return new Map(parseRelationships(rels, mainPath).map((r) => [r.id, r.target]));
  } catch (e) {
    if (e instanceof InputError) return new Map();
    throw e;
  }
}

type Canvas = typeof import('@napi-rs/canvas');

/** PNG/JPEG/… bytes → blocks read by OCR, or null when the picture holds no readable text. */
async function readPicture(data: Uint8Array, image: PastedImage): Promise<Block[] | null> {
  const require = createRequire(import.meta.url);
  const canvas: Canvas = require('@napi-rs/canvas');
  // A header claiming a vast picture would abort the process inside the native decoder (image-size.ts).
  if (!decodableImage(data, MAX_PICTURE_PIXELS)) return null;
  let picture: Awaited<ReturnType<Canvas['loadImage']>>;
  try {
    picture = await canvas.loadImage(Buffer.from(data));
  } catch {
    return null; // a format the decoder does not know (EMF, WMF): nothing to read
  }
  const width = picture.width;
  const height = picture.height;
  if (!width || !height || width * height > MAX_PICTURE_PIXELS) return null;
  const surface = canvas.createCanvas(width, height);
  const ctx = surface.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(picture, 0, 0);
  const gray = toGray(ctx.getImageData(0, 0, width, height).data, width, height, 4);
  const widthPt = image.widthPt ?? width * 0.75;
  const heightPt = image.heightPt ?? height * 0.75;
  const result = await ocrPage({ image: gray, scale: width / widthPt, x0: 0, y0: 0, pageWidth: widthPt, pageHeight: heightPt, origin: 'embedded' }, 1);
  if (!result.primitives) return null;
  const content = layoutPage(result.primitives);
  const flow: FlowItem[] = [
    ...content.lines.map((line) => ({ top: line.top, item: { kind: 'line', page: 1, line } as FlowItem })),
    ...content.tables.map((table) => ({ top: table.bbox[1], item: { kind: 'table', page: 1, table } as FlowItem })),
  ]
    .sort((a, b) => a.top - b.top)
    .map((x) => x.item);
  const read = buildBlocks(flow, measureTextColumn(content.lines)).map((b): Block => (b.kind === 'paragraph' ? { ...b, textSource: 'ocr' } : { ...b, cells: b.cells.map((c) => ({ ...c, textSource: 'ocr' as const })) }));
  // What the OCR's post-processing changed, placed while the picture's positions are still known (corrections.ts).
  const changed = result.primitives.runs.filter((r) => r.corrections);
  const blocks = attachOcrCorrections(read, new Map(changed.length ? [[1, changed]] : [])).map((b): Block => {
    // Positions inside a picture are not page positions of the .docx.
    if (b.kind === 'paragraph') return { ...b, page: null, bbox: null };
    const t: TableBlock = { ...b, page: null, pageEnd: null, cells: b.cells.map((c) => ({ ...c, page: null, bbox: null })) };
    return t;
  });
  return blocks.length ? blocks : null;
}

/** Block, paragraph and table ordinals after insertion. */
function renumber(blocks: Block[]): Block[] {
  let paragraph = 0;
  let table = 0;
  return blocks.map((b, i) => (b.kind === 'paragraph' ? { ...b, block: i, paragraph: paragraph++ } : { ...b, block: i, table: table++ }));
}

