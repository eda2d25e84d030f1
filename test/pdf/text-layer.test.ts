import { describe, expect, it } from 'vitest';
import { normalizeOcrBrackets, ocrLayerRuns, straightenRuns } from '../../parsers/pdf/ocr-layer.js';
import { assessRuns, brokenFonts, judgeLayer } from '../../parsers/pdf/text-quality.js';
import type { TextRun } from '../../parsers/pdf/types.js';

const run = (str: string, font = 'f1', x0 = 0, x1 = 100): TextRun => ({ str, x0, x1, top: 0, bottom: 10, baseline: 9, size: 10, font });

describe('OCR-layer punctuation', () => {
  it('turns a mismatched bracket pair into （…）, leaves titles and Latin parentheses', () => {
    expect(normalizeOcrBrackets('共74个〈房屋工程68个，市政工程6个)')).toBe('共74个（房屋工程68个，市政工程6个）');
    expect(normalizeOcrBrackets('依据《预算法》(2018) 和〔2020〕10号')).toBe('依据《预算法》(2018) 和（2020）10号');
    expect(normalizeOcrBrackets('未闭合〈的括号')).toBe('未闭合〈的括号');
  });

  it('cuts runs at the image grid and drops rulings read as "|"', () => {
    const runs = ocrLayerRuns([run('执行数 | 分值 | 率', 'f1', 0, 120)], { horizontal: [], vertical: [{ pos: 52, from: -5, to: 20 }, { pos: 95, from: -5, to: 20 }] });
    expect(runs.map((r) => r.str)).toEqual(['执行数', '分值', '率']);
  });
});

describe('text-layer verdict per page', () => {
  it('a few stray symbol glyphs: usable; a page of unmapped glyphs or soup: unusable', () => {
    expect(judgeLayer(assessRuns([run('部门整体支出绩效自评表（2023年度）项目支出情况'), run('\uF0B7')])).kind).toBe('usable');
    expect(judgeLayer(assessRuns([run('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f\u0010\u0011'), run('951.90')]))).toEqual({ kind: 'unusable', reason: 'unmapped', count: 12 });
    expect(judgeLayer(assessRuns([run('¸ñ¼Ó¶ÈÖ§³öÊ©¹¤Ð§ÆÀ')])).kind).toBe('unusable');
    expect(judgeLayer(assessRuns([])).kind).toBe('none');
  });

  it('a font without a Unicode map is judged over the document: its printable nonsense on a later page is unusable too', () => {
    const page1 = [run('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f\u0010\u0011', 'cjk'), run('2023', 'latin')];
    const page11 = [run('KLqrs<tuvwxyKLzTUV{|', 'cjk'), run('951.90', 'latin')];
    const broken = brokenFonts([page1, page11]);
    expect([...broken]).toEqual(['cjk']);
    expect(judgeLayer(assessRuns(page11, broken)).kind).toBe('unusable');
    expect(judgeLayer(assessRuns(page11)).kind).toBe('usable'); // what a page-by-page look would say
  });

  // Text of the seed through Chromium in a TrueType font, then pdftops | ps2pdf (producers-restructured.test.ts).
  it('glyph numbers read as code points (a virtual printer\u2019s TrueType subsets) are soup; names with a rare character are not', () => {
    expect(judgeLayer(assessRuns([run('ᜃᜰ䋼䞆ᴏ½᳙g㌢ᳫ㹪aᆝ⵽ᴌᭉ㮎')]))).toEqual({ kind: 'unusable', reason: 'soup', count: 14 });
    expect(judgeLayer(assessRuns([run('项目负责人：王䶮、李龑，联系电话：0731-5234567，单位：汨罗市建筑工程服务中心')])).kind).toBe('usable');
  });

  it('a short page (a heading and 无) of the same nonsense: unusable when other pages of the document are, by share alone', () => {
    const short = assessRuns([run('l塰â@䡸㲄㺚ᶓ⯾䞌䧗'), run('k')]);
    expect(judgeLayer(short).kind).toBe('usable'); // 8 glyphs: too few on their own
    expect(judgeLayer(short, { brokenElsewhere: true })).toEqual({ kind: 'unusable', reason: 'soup', count: 8 });
    // A page of real text with a stray symbol stays usable in such a document.
    expect(judgeLayer(assessRuns([run('七、其他需要说明的问题'), run('无'), run('\uF0B7')]), { brokenElsewhere: true }).kind).toBe('usable');
  });
});

describe('a stray unmapped glyph below the partly-broken threshold', () => {
  it('is dropped beside words, but marked where it touches a digit: no number that is not on the page', () => {
    const read = (str: string) => assessRuns([run('部门整体支出绩效自评表（2023年度）'), run(str)]).usable.map((r) => r.str);
    expect(read('\uF0B7一、项目概况')).toEqual(['部门整体支出绩效自评表（2023年度）', '一、项目概况']);
    expect(read('全年执行数1\uE0015.6万元')).toEqual(['部门整体支出绩效自评表（2023年度）', '全年执行数1\u25A15.6万元']);
    expect(read('共15\uFFFD个')).toEqual(['部门整体支出绩效自评表（2023年度）', '共15\u25A1个']);
  });

  it('is marked, however few, where the page’s lost glyphs were identified as a text font’s (unmapped-codes.ts); a symbol font’s bullet still goes', () => {
    const q = assessRuns([run('部门整体支出绩效自评表（2023年度）'), run('政\uFFFD采购金额'), run('\uF0B7', 'symbol')], new Set(), true);
    expect(q.usable.map((r) => r.str)).toEqual(['部门整体支出绩效自评表（2023年度）', '政\u25A1采购金额']);
    expect(q.marked).toBe(1);
    expect(assessRuns([run('部门整体支出绩效自评表（2023年度）'), run('政\uFFFD采购金额')]).marked).toBe(0);
  });
});

describe('an OCR layer over a scan fed in askew', () => {
  it('turns the words with the straightened image: a row tilted clockwise by 1.5° lies on one baseline again', () => {
    const skew = (1.5 * Math.PI) / 180;
    const centre = { x: 300, y: 420 };
    // Four cells of one table row 200 pt below the centre, drawn on a sheet turned clockwise (y grows with x).
    const runs: TextRun[] = [100, 220, 340, 460].map((x, i) => {
      const dx = x + 20 - centre.x;
      const dy = 200;
      const cx = centre.x + Math.cos(skew) * dx - Math.sin(skew) * dy;
      const cy = centre.y + Math.sin(skew) * dx + Math.cos(skew) * dy;
      return { str: `格${i}`, x0: cx - 20, x1: cx + 20, top: cy - 9, bottom: cy + 1, baseline: cy, size: 10 };
    });
    expect(runs[3].baseline - runs[0].baseline).toBeGreaterThan(9); // tilted: more than a line's height apart
    const straight = straightenRuns(runs, skew, centre);
    for (const r of straight) expect(r.baseline).toBeCloseTo(620, 6);
    expect(straight.map((r) => Math.round((r.x0 + r.x1) / 2))).toEqual([120, 240, 360, 480]);
    expect(straightenRuns(runs, 0, centre)).toEqual(runs);
  });
});
