import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { stripesPng } from './png.js';

/** PDFs for the hostile corpus, made with pdf-lib (fast, deterministic dates) and qpdf. */
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

async function newDoc(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc;
}

/** A text PDF (Latin text in a standard font: a real text layer). */
export async function textPdf(pages: number, linesPerPage = 20, objectStreams = true): Promise<Uint8Array> {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let l = 0; l < linesPerPage; l++) {
      page.drawText(`Performance self-evaluation page ${p} line ${l + 1}: budget 951.90, spent 930.00`, { x: 50, y: 780 - l * 18, size: 10, font });
    }
  }
  return doc.save({ useObjectStreams: objectStreams });
}

/**
 * A long text PDF made fast: one page is drawn, the others share its content stream and resources
 * (what a real 1,000-page export costs to parse is the same; only making it is cheaper).
 */
export async function longPdf(pages: number): Promise<Uint8Array> {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([595, 842]);
  first.drawText('Performance self-evaluation: a very long report, budget 951.90, spent 930.00', { x: 50, y: 780, size: 10, font });
  const contents = first.node.get(PDFName.of('Contents'));
  const resources = first.node.get(PDFName.of('Resources'));
  for (let p = 1; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    if (contents) page.node.set(PDFName.of('Contents'), contents);
    if (resources) page.node.set(PDFName.of('Resources'), resources);
  }
  return doc.save();
}

/** Pages that are only a picture (a scan without OCR): no text layer at all. */
export async function imageOnlyPdf(pages: number): Promise<Uint8Array> {
  const doc = await newDoc();
  const png = await doc.embedPng(stripesPng(400, 560));
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawImage(png, { x: 20, y: 20, width: 555, height: 800 });
  }
  return doc.save();
}

export async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await newDoc();
  for (let p = 0; p < pages; p++) doc.addPage([595, 842]);
  return doc.save();
}

/** Encrypt with qpdf (present in CI, see .ci/run). `userPassword` empty = opens without one. */
export function qpdfEncrypt(pdf: Uint8Array, userPassword: string, ownerPassword: string, method: 'rc4-128' | 'aes-128' | 'aes-256'): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-qpdf-'));
  try {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.pdf');
    writeFileSync(input, pdf);
    // Static ids/IVs (qpdf's testing switches) keep the corpus byte-for-byte reproducible.
    // (AES-256 also draws random salts for its password hashes, so those files differ per run.)
    const bits = method === 'aes-256' ? '256' : '128';
    const aes = method === 'aes-128' ? ['--use-aes=y'] : [];
    execFileSync('qpdf', ['--static-id', '--static-aes-iv', '--allow-weak-crypto', '--encrypt', userPassword, ownerPassword, bits, ...aes, '--', input, output], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Break the cross-reference data of a classic-xref PDF in one of several ways. */
export function breakXref(pdf: Uint8Array, how: 'startxref' | 'offsets' | 'keyword' | 'trailer'): Uint8Array {
  let s = Buffer.from(pdf).toString('latin1');
  switch (how) {
    case 'startxref':
      s = s.replace(/startxref\s+\d+/, 'startxref\n99999999');
      break;
    case 'offsets':
      s = s.replace(/(\d{10}) (\d{5}) n/g, (_m, _o, g) => `${String((Number(_o) * 7919) % 1e10).padStart(10, '0')} ${g} n`);
      break;
    case 'keyword':
      s = s.replace(/\nxref\n/, '\nxrfe\n');
      break;
    case 'trailer':
      s = s.replace(/trailer\s*<<[\s\S]*?>>/, 'trailer\n<< /Size 0 >>');
      break;
  }
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
