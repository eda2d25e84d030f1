import type { PDFDict, PDFDocument, PDFObject } from 'pdf-lib';

/**
 * Does a page without a text layer show anything — without decoding its images? pdf.js's operator
 * list decodes every image it paints (a 32-page greyscale JPEG scan: ~7 s CPU just to learn there
 * is no text). This reads the page's objects with pdf-lib instead: an image XObject or an inline
 * image means a scan or a photo; many path-painting operators, text outlines or a drawing; nothing,
 * a blank page. Images are neither decoded nor decompressed; only content streams are.
 */
export interface InkProbe {
  /** true: the page shows something; false: blank; null: could not tell (use the operator list). */
  hasInk(pageIndex: number): boolean | null;
}

/** More path-painting operators than this on a text-less page: text as outlines, or a drawing. */
const MANY_PATHS = 50;
const MAX_FORM_DEPTH = 4;

export async function openInkProbe(bytes: Uint8Array): Promise<InkProbe | null> {
  let lib: typeof import('pdf-lib');
  let doc: PDFDocument;
  try {
    lib = await import('pdf-lib');
    doc = await lib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
  const { PDFName, PDFDict: Dict, PDFArray, PDFRawStream, PDFStream, decodePDFRawStream } = lib;
  const deref = (o: PDFObject | undefined) => (o ? doc.context.lookup(o) : undefined);

  const contentText = (o: PDFObject | undefined): string => {
    const obj = deref(o);
    if (obj instanceof PDFArray) return obj.asArray().map(contentText).join('\n');
    if (obj instanceof PDFRawStream) return Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
    return '';
  };

  const inkIn = (content: string, resources: PDFDict | undefined, depth: number): boolean => {
    if (/(^|\s)BI\s/u.test(content)) return true; // inline image
    const paths = content.match(/(^|\s)(f\*?|F|S|s|B\*?|b\*?)(?=\s)/gu)?.length ?? 0;
    if (paths > MANY_PATHS) return true;
    const xobjects = deref(resources?.get(PDFName.of('XObject')));
    if (!(xobjects instanceof Dict)) return false;
    for (const [name, ref] of xobjects.entries()) {
      if (!new RegExp(`/${name.decodeText().replace(/[^\w]/gu, '\\$&')}\\s+Do`, 'u').test(content)) continue; // defined, not drawn
      const x = deref(ref);
      if (!(x instanceof PDFStream)) continue;
      const subtype = x.dict.get(PDFName.of('Subtype'));
      if (subtype === PDFName.of('Image')) return true;
      if (subtype === PDFName.of('Form') && depth < MAX_FORM_DEPTH && x instanceof PDFRawStream) {
        const formResources = deref(x.dict.get(PDFName.of('Resources')));
        if (inkIn(contentText(x), formResources instanceof Dict ? formResources : resources, depth + 1)) return true;
      }
    }
    return false;
  };

  const pages = doc.getPages();
  return {
    hasInk(pageIndex: number): boolean | null {
      try {
        const node = pages[pageIndex]?.node;
        if (!node) return null;
        return inkIn(contentText(node.get(PDFName.of('Contents'))), node.Resources(), 0);
      } catch {
        return null;
      }
    },
  };
}
