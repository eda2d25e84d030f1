import { describe, expect, it } from 'vitest';
import { fontDisplayName, isChineseFontName } from '../../parsers/pdf/gbk-text.js';
import { parsePdfDocument } from '../../parsers/pdf/parse.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import { docxToPdf, writeDocx } from '../fixtures/generator/index.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { WPS_FONTS, wpsGbkPdf } from '../fixtures/producers/wps-gbk.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';

/**
 * Chinese text in fonts marked as Western, as WPS and Foxit write it (pdf.js issue 20489): simple
 * TrueType fonts named 宋体 / SimSun / 黑体,Bold, WinAnsi encoding, strings of GBK bytes
 * (test/fixtures/producers/wps-gbk.ts). pdf.js reads the 宋体 font itself (a GBK name on its list);
 * SimSun (the table text) and 黑体,Bold (headings) came out as "³¤Ð§¹ÜÀí»úÖÆ" and the pages went to
 * OCR — the forms of a planted sichuan report lost their findings. They are decoded per font
 * (parsers/pdf/gbk-text.ts).
 */
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

/** Every visible character of a document, counted. */
function characters(model: DocumentModel): Map<string, number> {
  const text = model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.cells.map((c) => c.text).join(''))).join('');
  const count = new Map<string, number>();
  for (const ch of text.replace(/\s+/gu, '')) count.set(ch, (count.get(ch) ?? 0) + 1);
  return count;
}

describe('GBK text in fonts marked as Western (WPS, Foxit)', () => {
  const { spec } = plantedReport(2);
  const docxBytes = writeDocx(spec);

  it('reads as the text it is: the LibreOffice PDF’s characters, the .docx’s findings, no page read by OCR', async () => {
    const lo = await docxToPdf(docxBytes);
    const gbk = await wpsGbkPdf(lo);
    const fromPdf = await pipeline(gbk, 'wps-gbk.pdf');
    const pages = fromPdf.document.pageInfo ?? [];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.map((p) => p.textSource)).toEqual(pages.map(() => 'vector'));
    expect(fromPdf.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS')).toEqual([]);
    expect(characters(fromPdf.document)).toEqual(characters(await parsePdfDocument(lo)));
    const fromDocx = await pipeline(docxBytes, 'wps-gbk.docx');
    const { missed, extra } = matchFindings(notInfo(fromDocx.findings), notInfo(fromPdf.findings));
    expect(notInfo(fromDocx.findings).length).toBeGreaterThan(0);
    expect(missed.map((f) => f.message)).toEqual([]);
    expect(extra.map((f) => f.message)).toEqual([]);
  }, 120_000);

  it('per font, and only in fonts named as Chinese: the same bytes in a font named Arial stay garbled', async () => {
    const gbk = await wpsGbkPdf(await docxToPdf(docxBytes), { ...WPS_FONTS, table: { baseFont: 'Arial', encoding: 'WinAnsiEncoding', flags: 32 } });
    const model = await parsePdfDocument(gbk, { maxOcrPages: 0 });
    // The form pages (their cells in "Arial") are garbled and past the OCR limit here…
    const garbled = model.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS');
    expect(garbled.length).toBeGreaterThan(0);
    expect(garbled.length).toBeLessThan(model.pages ?? 0);
    // …while the headings in 黑体,Bold on the other pages are read.
    const text = model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
    expect(text).toMatch(/项目支出绩效评价报告/u);
    expect(text).not.toMatch(/[\u00C0-\u00FF]{2}/u);
  }, 120_000);

  it('knows a Chinese font by its name: GBK or UTF-8 bytes of Chinese, or a Chinese family’s Latin name', () => {
    expect(fontDisplayName('\xCB\xCE\xCC\xE5')).toBe('宋体');
    expect(fontDisplayName('ABCDEF+\xBA\xDA\xCC\xE5,Bold')).toBe('黑体,Bold');
    expect(fontDisplayName('\xE4\xBB\xBF\xE5\xAE\x8B')).toBe('仿宋');
    for (const name of ['SimSun', 'FangSong_GB2312', 'KaiTi,Bold', 'ABCDEF+MicrosoftYaHei', 'FZXiaoBiaoSong-B05S', 'STZhongsong', 'NotoSerifCJKsc-Regular', 'UMingCN_14']) expect(isChineseFontName(name)).toBe(true);
    for (const name of ['Arial', 'TimesNewRomanPSMT', 'ABCDEF+Calibri', 'Wingdings', 'Symbol', 'DejaVuSans']) expect(isChineseFontName(name)).toBe(false);
  });
});
