import { grayImage } from '../../parsers/ocr/image.js';
import { encodePng } from '../../parsers/ocr/png.js';
import { ofdFromPdf } from '../fixtures/producers/ofd.js';
import { repeatedDeflate, repeatedSize } from './bomb.js';
import { ANY_INPUT_OUTCOME, type Outcome } from './corpus.js';
import { mutateBytes } from './mutate.js';
import type { Rng } from './rng.js';
import { writeZip, type ZipEntryInput } from './zip-writer.js';

/**
 * Small OFD packages (GB/T 33190) written by hand for the hostile corpus: a page of a report form
 * (title, a ruled two-column table), and the same package with one part broken, missing, crafted
 * or enormous. Every part can be replaced (`null` removes it).
 */
const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
const enc = (s: string) => new TextEncoder().encode(s);

export const OFD_XML = `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>hostile</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;

export function documentXml(pages: number, content = 'Pages/Page_0/Content.xml'): string {
  const refs = Array.from({ length: pages }, (_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="${content}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>${refs}</ofd:Pages></ofd:Document>`;
}

const PUBLIC_RES = `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`;
const MEDIA_RES = `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${NS} BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="7" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`;

/** One line of text at (x, baseline y), mm, 3.5 mm type, each glyph 3.5 mm on. */
export function textObject(id: number, x: number, y: number, text: string): string {
  const n = Array.from(text).length;
  return `<ofd:TextObject ID="${id}" Boundary="${x} ${y - 3.5} ${n * 3.5} 5" Font="2" Size="3.5"><ofd:TextCode X="0" Y="3.5" DeltaX="g ${Math.max(n - 1, 1)} 3.5">${text}</ofd:TextCode></ofd:TextObject>`;
}

export function line(id: number, x0: number, y0: number, x1: number, y1: number): string {
  return `<ofd:PathObject ID="${id}" Boundary="0 0 210 297" LineWidth="0.25"><ofd:AbbreviatedData>M ${x0} ${y0} L ${x1} ${y1}</ofd:AbbreviatedData></ofd:PathObject>`;
}

/** A page of a report form: title and a ruled table of two columns. */
export function reportPage(): string {
  const rows = [
    ['项目名称', '城乡义务教育补助经费'],
    ['主管部门', '县教育局'],
    ['年度预算数（万元）', '951.90'],
  ];
  const objects = [textObject(1, 60, 30, '项目支出绩效自评表')];
  let id = 10;
  rows.forEach(([a, b], r) => {
    objects.push(textObject(id++, 22, 48 + r * 10, a), textObject(id++, 92, 48 + r * 10, b));
  });
  for (let r = 0; r <= rows.length; r++) objects.push(line(id++, 20, 41 + r * 10, 190, 41 + r * 10));
  for (const x of [20, 90, 190]) objects.push(line(id++, x, 41, x, 41 + rows.length * 10));
  return contentXml(objects.join(''));
}

export function contentXml(objects: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${prolog}<ofd:Page ${NS}><ofd:Content><ofd:Layer ID="1">${objects}</ofd:Layer></ofd:Content></ofd:Page>`;
}

type Parts = Record<string, string | Uint8Array | null>;

/** The one-page report OFD, with parts replaced or removed. */
export function ofdPackage(replace: Parts = {}, extra: ZipEntryInput[] = []): Uint8Array {
  const parts: Parts = {
    'OFD.xml': OFD_XML,
    'Doc_0/Document.xml': documentXml(1),
    'Doc_0/PublicRes.xml': PUBLIC_RES,
    'Doc_0/DocumentRes.xml': `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${NS} BaseLoc="Res"/>`,
    'Doc_0/Pages/Page_0/Content.xml': reportPage(),
    ...replace,
  };
  const entries: ZipEntryInput[] = Object.entries(parts)
    .filter((e): e is [string, string | Uint8Array] => e[1] !== null)
    .map(([name, data]) => ({ name, data: typeof data === 'string' ? enc(data) : data }));
  return writeZip([...entries, ...extra]);
}

/** A scanned OFD page of nothing: one white picture over the page. */
export function blankScanOfd(): Uint8Array {
  const png = encodePng(grayImage(840, 1188));
  return ofdPackage({
    'Doc_0/DocumentRes.xml': MEDIA_RES,
    'Doc_0/Res/scan.png': png,
    'Doc_0/Pages/Page_0/Content.xml': contentXml('<ofd:ImageObject ID="1" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="7"/>'),
  });
}

/** A page whose Content.xml inflates to about 2 GiB (its size declared honestly). */
export function bombOfd(): Uint8Array {
  const fill = new Uint8Array(1 << 20).fill(0x20);
  const prefix = contentXml('').replace(/<\/ofd:Layer>.*$/u, '');
  const suffix = '</ofd:Layer></ofd:Content></ofd:Page>';
  return ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': null }, [{ name: 'Doc_0/Pages/Page_0/Content.xml', deflated: repeatedDeflate(prefix, fill, 2048, suffix), declaredSize: repeatedSize(prefix, fill, 2048, suffix) }]);
}

/** A page of `count` empty path objects (a few hundred KB deflated). */
export function manyObjectsOfd(count: number): Uint8Array {
  return ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': contentXml('<ofd:PathObject ID="1" Boundary="0 0 1 1"/>'.repeat(count)) });
}

type Add = (stem: string, ext: string, kind: string, bytes: Uint8Array | string, expect: readonly Outcome[]) => void;

/** The OFD part of the hostile corpus: the seed as OFD, then each way an OFD can be broken or crafted. */
export async function addOfdFiles(add: Add, seedPdf: Uint8Array, rng: Rng, mutants: number): Promise<void> {
  const seedOfd = await ofdFromPdf(seedPdf);
  add('good-seed', 'ofd', 'good: the seed as OFD', seedOfd, ['ok']);
  add('ofd-report-page', 'ofd', 'OFD: one page of a report form', ofdPackage(), ['ok']);
  add('ofd-no-entry', 'ofd', 'OFD without OFD.xml', ofdPackage({ 'OFD.xml': null }), ['UNSUPPORTED_FORMAT']);
  add('ofd-no-docroot', 'ofd', 'OFD: OFD.xml names no DocRoot', ofdPackage({ 'OFD.xml': OFD_XML.replace(/<ofd:DocRoot>.*<\/ofd:DocRoot>/u, '') }), ['CORRUPT_FILE']);
  add('ofd-docroot-missing', 'ofd', 'OFD: DocRoot names a missing file', ofdPackage({ 'OFD.xml': OFD_XML.replace('Doc_0/Document.xml', 'Doc_9/Document.xml') }), ['CORRUPT_FILE']);
  add('ofd-docroot-traversal', 'ofd', 'OFD: DocRoot outside the package', ofdPackage({ 'OFD.xml': OFD_XML.replace('Doc_0/Document.xml', '../../../../etc/passwd') }), ['CORRUPT_FILE']);
  add('ofd-no-pages', 'ofd', 'OFD: Document.xml lists no pages', ofdPackage({ 'Doc_0/Document.xml': documentXml(0) }), ['CORRUPT_FILE']);
  add('ofd-content-missing', 'ofd', 'OFD: a page whose Content.xml is missing', ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': null }), ['CORRUPT_FILE']);
  add('ofd-content-binary', 'ofd', 'OFD: Content.xml that is binary junk', ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': rng.bytes(4000) }), ['CORRUPT_FILE']);
  const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('');
  add('ofd-billion-laughs', 'ofd', 'OFD: XML entity expansion (billion laughs) in Content.xml', ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': contentXml('<ofd:TextObject ID="1" Boundary="0 0 100 10" Font="2" Size="3.5"><ofd:TextCode X="0" Y="3">&lol9;</ofd:TextCode></ofd:TextObject>', `<?xml version="1.0"?><!DOCTYPE ofd:Page [${laughs}]>`) }), ['CORRUPT_FILE']);
  add('ofd-xxe', 'ofd', 'OFD: XML external entity in Document.xml', ofdPackage({ 'Doc_0/Document.xml': documentXml(1).replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>') }), ['CORRUPT_FILE']);
  add('ofd-3000-pages', 'ofd', 'OFD: 3,000 pages listed', ofdPackage({ 'Doc_0/Document.xml': documentXml(3000) }), ['LIMIT_EXCEEDED']);
  add('ofd-300k-objects', 'ofd', 'OFD: a page of 300,000 objects', manyObjectsOfd(300_000), ['LIMIT_EXCEEDED']);
  add('ofd-zip-bomb', 'ofd', 'OFD zip bomb: Content.xml inflates to 2 GiB', bombOfd(), ['LIMIT_EXCEEDED']);
  add('ofd-deltax-huge', 'ofd', 'OFD: DeltaX claiming 10⁹ advances', ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': reportPage().replace(/DeltaX="g \d+ 3.5"/u, 'DeltaX="g 1000000000 3.5"') }), ['ok']);
  add('ofd-lines-only', 'ofd', 'OFD: a page of lines and no text', ofdPackage({ 'Doc_0/Pages/Page_0/Content.xml': contentXml(line(1, 20, 40, 190, 40)) }), ['NO_TEXT_LAYER']);
  add('ofd-blank-scan', 'ofd', 'OFD: a scanned page of nothing', blankScanOfd(), ['NO_TEXT_LAYER']);
  // Cut off in download: the pages whose content arrived are read (the rest named as lost); cut before the first page's, refused.
  add('ofd-truncated-50pct', 'ofd', 'truncated OFD', seedOfd.slice(0, Math.floor(seedOfd.length / 2)), ['ok']);
  add('ofd-truncated-1pct', 'ofd', 'OFD cut before its first page', seedOfd.slice(0, Math.floor(seedOfd.length / 100)), ['CORRUPT_FILE']);
  const small = ofdPackage();
  for (let i = 0; i < mutants; i++) {
    const m = mutateBytes(small, rng);
    add(`mutant-ofd-bytes-${i}`, 'ofd', `byte mutant of an OFD (${m.ops.join(',')})`, m.bytes, ANY_INPUT_OUTCOME);
  }
}
