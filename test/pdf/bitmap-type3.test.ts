import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../parsers/pdf.js';
import { bitmapType3Pdf } from '../fixtures/producers/bitmap-type3.js';
import { paragraphs, pdfPages, sample, tables } from './helpers.js';

/**
 * A report printed by a driver that sends its fonts as bitmaps (test/fixtures/producers/bitmap-type3.ts):
 * Type 3 glyphs drawn as image masks, codes from 0x21 in order of use, names without meaning, no
 * ToUnicode. pdf.js reads every glyph as its bare code — printable ASCII ("!\"#$%&'" for a title),
 * nothing private-use, no Latin-1 soup — so the layer passed as text: before, the seed's pages 4–5
 * came out as vector text with no word of it and no form found. Now a Type 3 font none of whose
 * glyphs has a Unicode of its own is read as lost glyphs (unmapped-codes.ts): each page is stated
 * unusable and read from its image (page 5's fonts are past 0x7E, codes that read as Latin-1: "乱码").
 */
describe('a driver’s bitmap fonts (Type 3 image-mask glyphs, no names, no ToUnicode)', () => {
  it('pages 4–5: each stated unusable and read by OCR, not taken for text', async () => {
    const pdf = await bitmapType3Pdf(await pdfPages(sample('seed.pdf'), 4, 5));
    const model = await parsePdf(pdf);
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr']);
    expect(model.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS').map((i) => [i.page, /文字层无法使用（\d+ 个字符(缺少 Unicode 映射|是乱码).*已按页面图像 OCR 识别/u.test(i.message)])).toEqual([
      [1, true],
      [2, true],
    ]);
    const text = [...paragraphs(model), ...tables(model).flatMap((t) => t.cells.map((c) => c.text))].join('');
    expect(text).toMatch(/绩效指标/u);
    expect(text).not.toMatch(/[!"#$&'*+<=>@\\^`{|}~]{3}/u);
    // Each glyph cut at its font's own advance: a figure's bitmap holds no piece of its neighbour
    // (cut with advances guessed as CJK 1 em, others ½ em, "95%以上" read "9.5%以上").
    const cells = tables(model).flatMap((t) => t.cells.map((c) => c.text));
    expect(cells.filter((t) => /%以上$/u.test(t))).toEqual(['95%以上', '95%以上']);
  }, 240_000);
});
