import { InputError } from '../../src/errors.js';
import { normalizePath } from '../opc.js';
import { scanPart, type XmlHandler, type XmlScanner } from '../xml-scan.js';
import { DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from '../zip.js';

/**
 * An OFD package (GB/T 33190-2016, 版式文档): a zip whose OFD.xml names the document's root
 * (DocBody/DocRoot → Document.xml); Document.xml gives the default page area, the resource files
 * (PublicRes, DocumentRes: fonts, images) and the pages in order (Page BaseLoc → Content.xml),
 * with their templates (TemplatePage: content drawn under or over a page). Paths are relative to
 * the file that names them, or absolute from the package root ("/Doc_0/...").
 */

/** A box "x y w h" in millimetres. */
export type Box = [number, number, number, number];

export interface OfdPageRef {
  /** Package path of the page's Content.xml. */
  content: string;
  /** Package paths of the template pages' Content.xml it uses, in drawing order. */
  templates: string[];
}

export interface OfdDocument {
  /** The document's default page box (CommonData/PageArea/PhysicalBox), mm. */
  pageBox: Box;
  pages: OfdPageRef[];
  /** Font names by resource ID. */
  fonts: Map<string, string>;
  /** Package paths of multimedia (images) by resource ID. */
  media: Map<string, string>;
}

/** A corrupt OFD, said as such (the zip reader's own message speaks of Word documents). */
export function corruptOfd(reason: string, cause?: unknown): InputError {
  return new InputError('CORRUPT_FILE', `OFD 文件已损坏：${reason} / corrupt OFD document`, cause ? { cause } : undefined);
}

/** The package, its zip errors restated as an OFD's (LIMIT_EXCEEDED passes as it is). */
export class OfdPackage {
  readonly zip: ZipPackage;

  constructor(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS) {
    this.zip = restated(() => new ZipPackage(bytes, limits));
    // Every part a reader of OFD may take: its XML and the images of scanned pages.
    restated(() => this.zip.checkDeclaredSizes(() => true));
  }

  /** A part's bytes; a missing part is CORRUPT_FILE naming it. */
  part(path: string): Uint8Array {
    const data = restated(() => this.zip.read(path));
    if (!data) throw corruptOfd(`缺少 ${path}`);
    return data;
  }

  has(path: string): boolean {
    return this.zip.entries.has(path);
  }

  /** Scan one XML part, naming the file in a parse error. */
  scan(path: string, handlerFor: (x: XmlScanner) => XmlHandler): void {
    const data = this.part(path);
    try {
      scanPart(data, path, handlerFor);
    } catch (e) {
      if (e instanceof InputError && e.code === 'CORRUPT_FILE') throw corruptOfd(e.message, e);
      throw e;
    }
  }
}

function restated<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError && e.code === 'CORRUPT_FILE') throw corruptOfd(e.message.replace(/^文件不是完整的 Word 文档（(.*)） \/ corrupt zip package$/u, '$1'), e);
    throw e;
  }
}

/** A path as written in `from` (a package path), resolved: absolute from the root, else against `from`'s folder. */
export function resolvePath(from: string, path: string): string {
  const p = path.trim().replace(/\\/gu, '/');
  if (p.startsWith('/')) return normalizePath(p);
  return normalizePath(`${from.slice(0, from.lastIndexOf('/') + 1)}${p}`);
}

export function parseBox(value: string | undefined): Box | null {
  if (!value) return null;
  const n = value.trim().split(/[\s,]+/u).map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v)) || n[2] < 0 || n[3] < 0) return null;
  return n as Box;
}

/** Pages at most (a crafted Document.xml may list millions of pages). */
export const DEFAULT_MAX_OFD_PAGES = 2000;

/** Element text of the named leaf elements, in document order. */
function leafTexts(pkg: OfdPackage, path: string, wanted: ReadonlySet<string>, onLeaf: (name: string, text: string, parent: string) => void, onOpen?: (name: string, x: XmlScanner) => void): void {
  pkg.scan(path, (x) => {
    let buf: string | null = null;
    let parent = '';
    return {
      open(name) {
        onOpen?.(name, x);
        if (wanted.has(name)) {
          buf = '';
          parent = x.parent();
        }
      },
      close(name) {
        if (buf !== null && wanted.has(name)) {
          onLeaf(name, buf.trim(), parent);
          buf = null;
        }
      },
      text(start, end, cdata) {
        if (buf !== null) buf += x.text(start, end, cdata);
      },
    };
  });
}

/**
 * One resource file (PublicRes, DocumentRes, a page's PageRes): font names and image paths by ID,
 * added to `fonts` and `media`. A missing resource file is passed over: text still reads (fonts are
 * only names to us), and an image that cannot be found is a page that cannot be read by OCR.
 */
export function readResources(pkg: OfdPackage, res: string, fonts: Map<string, string>, media: Map<string, string>): void {
  if (!pkg.has(res)) return;
  let base = res;
  let lastMedia: string | null = null;
  leafTexts(
    pkg,
    res,
    new Set(['MediaFile']),
    (_n, text) => {
      if (lastMedia) media.set(lastMedia, resolvePath(base, text));
    },
    (name, x) => {
      if (name === 'Res' && x.depth === 1) {
        const loc = x.attr('BaseLoc');
        // Files named inside are relative to the resource folder BaseLoc names (itself relative to the resource file).
        if (loc) base = `${resolvePath(res, loc)}/`;
      } else if (name === 'Font') {
        const id = x.attr('ID');
        if (id) fonts.set(id, x.attr('FontName') ?? x.attr('FamilyName') ?? id);
      } else if (name === 'MultiMedia') {
        lastMedia = x.attr('ID') ?? null;
      }
    },
  );
}

/** OFD.xml → Document.xml → pages and resources. */
export function readOfdDocument(pkg: OfdPackage, maxPages = DEFAULT_MAX_OFD_PAGES): OfdDocument {
  if (!pkg.has('OFD.xml')) throw corruptOfd('缺少入口文件 OFD.xml');
  let docRoot: string | null = null;
  leafTexts(pkg, 'OFD.xml', new Set(['DocRoot']), (_n, text) => {
    docRoot ??= text; // the first document of the package: a report is one document
  });
  if (!docRoot) throw corruptOfd('OFD.xml 没有指明文档根节点（DocRoot）');
  const docPath = resolvePath('OFD.xml', docRoot);
  if (!pkg.has(docPath)) throw corruptOfd(`OFD.xml 指向的文档 ${docPath} 不存在`);

  let pageBox: Box | null = null;
  const resources: string[] = [];
  const pages: { base: string; templates: string[] }[] = [];
  const templatePages = new Map<string, string>();
  leafTexts(
    pkg,
    docPath,
    new Set(['PhysicalBox', 'PublicRes', 'DocumentRes']),
    (name, text, parent) => {
      if (name === 'PhysicalBox' && parent === 'PageArea') pageBox ??= parseBox(text);
      else if (name !== 'PhysicalBox') resources.push(resolvePath(docPath, text));
    },
    (name, x) => {
      if (name === 'Page' && x.parent() === 'Pages') {
        if (pages.length >= maxPages) throw new InputError('LIMIT_EXCEEDED', `OFD 页数超过上限 ${maxPages} 页 / too many pages`);
        const base = x.attr('BaseLoc');
        if (!base) throw corruptOfd(`${docPath} 中第 ${pages.length + 1} 页没有 BaseLoc`);
        pages.push({ base: resolvePath(docPath, base), templates: [] });
      } else if (name === 'Template' && x.parent() === 'Page' && pages.length) {
        const id = x.attr('TemplateID');
        if (id) pages.at(-1)!.templates.push(id);
      } else if (name === 'TemplatePage' && x.parent() === 'CommonData') {
        const id = x.attr('ID');
        const base = x.attr('BaseLoc');
        if (id && base) templatePages.set(id, resolvePath(docPath, base));
      }
    },
  );
  if (!pages.length) throw corruptOfd(`${docPath} 没有任何页面`);
  const fonts = new Map<string, string>();
  const media = new Map<string, string>();
  for (const res of resources) readResources(pkg, res, fonts, media);
  const box = pageBox ?? ([0, 0, 210, 297] as Box);
  const resolved = pages.map((p) => ({ content: p.base, templates: p.templates.map((id) => templatePages.get(id)).filter((t): t is string => !!t) }));
  return { pageBox: box, pages: resolved, fonts, media };
}
