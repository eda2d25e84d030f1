import { describe, expect, it } from 'vitest';
import { compactKey, compactKeyHead, normalizeText } from '../../src/text/normalize.js';
import { boundedMemo } from '../../src/memo.js';
import { nonSpaceLength } from '../../src/text/spaces.js';
import { simplify } from '../../src/text/simplify.js';
import { glossSpans, stripGlosses } from '../../src/text/glosses.js';
import { parseFigure, parseMeasureFigure } from '../../src/numbers/figure.js';
import { scanFigures } from '../../src/narrative/scan.js';

describe('matching normalization (seams §3 stage 2)', () => {
  it('traditional → simplified with OpenCC, phrases included', () => {
    expect(compactKey('年度資金總額')).toBe('年度资金总额');
    expect(compactKey('績效自評報告')).toBe('绩效自评报告');
    expect(simplify('乾淨')).toBe('干净');
  });

  it('leaves correct simplified text alone (no regional variant folding: 显著 stays)', () => {
    const text = '管理工作显著突出，著作权，乾隆年间，年度资金总额';
    expect(simplify(text)).toBe(text);
  });

  it('simplify keeps the length, UTF-16 unit for unit', () => {
    const text = '財政撥款收入792.22萬元，項目支出績效評價報告（𠀋）';
    expect(simplify(text)).toHaveLength(text.length);
  });

  it('pinyin glosses after characters are removed; lettered column markers are not glosses', () => {
    expect(stripGlosses('評(píng)價(jià)報告')).toBe('評價報告');
    expect(compactKey('績(jì)效(xiào)自評(píng)價(jià)')).toBe('绩效自评价');
    // a PDF text layer that put the toned vowel, drawn as its own glyph, after the bracket
    expect(stripGlosses('产(chn)ǎ出指标')).toBe('产出指标');
    expect(compactKey('全年预算数(A)')).toBe('全年预算数(A)');
    expect(compactKey('执行率(B/A)')).toBe('执行率(B/A)');
    // one toneless "(de)" alone is not a gloss; next to toned ones it is
    expect(glossSpans('项目(de)')).toEqual([]);
    expect(stripGlosses('的(de)評(píng)價(jià)')).toBe('的評價');
    expect(stripGlosses('評(ping2)價(jia4)')).toBe('評價');
    // a justified PDF line that spaced the brackets off their characters (宣城 信息公开 record)
    expect(stripGlosses('農 (nóng) 業 (yè) 、林業(yè)')).toBe('農 業 、林業');
    expect(compactKey('轉(zhuǎn)移支付(項(xiàng)目)名稱 (chēng)')).toBe('转移支付(项目)名称');
    // a bracketed word after a space is not a gloss unless it is one ("项目 (A)")
    expect(compactKey('项目 (A)')).toBe('项目(A)');
  });

  it('full width, odd spaces and invisible controls', () => {
    expect(normalizeText('１２３．４５\u3000万元')).toBe('123.45 万元');
    expect(compactKey('预\u200b算\u00ad执\u200e行\u2060数')).toBe('预算执行数');
    expect(normalizeText('≧９０％')).toBe('≥90%');
  });

  it('numbers in traditional text read as in simplified', () => {
    expect(parseFigure('１２.５萬元')).toMatchObject({ value: '12.5', unit: '万元' });
    const { figures } = scanFigures('財政撥款收入792.22萬元，完成項目12個。');
    expect(figures.map((f) => [f.figure.value, f.figure.unit])).toEqual([
      ['792.22', '万元'],
      ['12', '个'],
    ]);
    // spans still index the source text
    expect(figures[0].figure.text).toBe('792.22萬元');
  });

  it('never guesses a number: OCR look-alikes glued to digits are unreadable', () => {
    expect(parseMeasureFigure('M.8万元')).toBeNull();
    expect(parseFigure('IO')).toBeNull();
    expect(parseFigure('1O')).toBeNull();
    expect(parseMeasureFigure('14.8万元')).toMatchObject({ value: '14.8' });
  });

  it('a unit written as a word after the value: "≥100百分比" is ≥ 100 %', () => {
    expect(parseMeasureFigure('≥100百分比')).toMatchObject({ value: '100', unit: '%', comparator: '>=' });
    expect(parseFigure('95百分比')).toMatchObject({ value: '95', unit: '%' });
    expect(parseFigure('3百分点')).toBeNull();
  });

  it('the key of a long paragraph\'s head is the head of its key (glosses and traditional text keyed whole)', () => {
    const prose = '２０２２年部门整体支出绩效自评报告\u3000根据《关于开展绩效自评工作的通知》要求，我单位（局机关）对全年预算执行情况进行了自评，\u200b全年预算数１２３．４５万元。';
    const texts = [
      prose.repeat(4),
      ' \u3000'.repeat(150) + prose.repeat(3), // mostly spaces: the first cut holds too little key
      `的(de)${'項目評(píng)價(jià)'.repeat(3)}${prose.repeat(4)}`, // glosses: toneless (de) counts only with the toned ones after it
      `乾淨${prose.repeat(4)}`, // traditional characters
      `${prose.repeat(3)}𠀋${prose}`, // a character outside the BMP
    ];
    for (const text of texts) {
      const whole = compactKey(text);
      const head = compactKeyHead(text, 99);
      expect(head.length).toBeGreaterThanOrEqual(99);
      expect(whole.startsWith(head)).toBe(true);
    }
    expect(compactKeyHead('績效自評報告', 99)).toBe('绩效自评报告');
  });

  it('a long paragraph is normalized once per report, within a bound of characters', () => {
    let computed = 0;
    const upper = boundedMemo((s) => (computed++, s.toUpperCase()), { maxEntries: 10, maxKeyLength: 4, maxLongChars: 20 });
    for (let i = 0; i < 3; i++) expect(upper('abcdefgh')).toBe('ABCDEFGH');
    expect(computed).toBe(1);
    upper('ijklmnop'); // 16 characters remembered
    upper('qrstuvwx'); // 24 > 20: the long map is emptied first, then holds this one
    upper('qrstuvwx');
    expect(computed).toBe(3);
    upper('abcdefgh');
    expect(computed).toBe(4);
    upper('y'.repeat(21)); // longer than the bound: computed every time
    upper('y'.repeat(21));
    expect(computed).toBe(6);
    const plain = boundedMemo((s) => (computed++, s), { maxEntries: 10, maxKeyLength: 4 });
    plain('abcdefgh');
    plain('abcdefgh');
    expect(computed).toBe(8); // no maxLongChars: long keys are not remembered
    const paragraph = '根据《关于开展绩效自评工作的通知》要求，全年預算數１２３．４５万元。'.repeat(20);
    expect(compactKey(paragraph)).toBe(compactKey(paragraph.slice(0)));
    expect(compactKey(paragraph)).toBe(compactKey(`${paragraph} `));
  });

  it('nonSpaceLength counts what /\\s/ leaves, for every UTF-16 unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `年${String.fromCharCode(code)} 度`;
      expect(nonSpaceLength(text), code.toString(16)).toBe(text.replace(/\s+/g, '').length);
    }
  });
});
