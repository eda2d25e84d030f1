import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compatibilityIdeographs, radicalEquivalents, sharedGlyphVariants } from '../../scripts/gen-glyph-table.js';
import { GLYPH_PAIRS, SHARED_GLYPH_PAIRS } from '../../src/text/glyph-table.js';
import { ideographFor, repairGlyphs, repairPdfGlyphs } from '../../src/text/glyphs.js';
import { repairModelGlyphs } from '../../parsers/glyph-repair.js';
import type { DocumentModel } from '../../schemas/document.js';

/** Assigned code points of a range and their names, from the Unicode data the table was made from. */
function assigned(from: number, to: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of readFileSync('/usr/share/unicode/UnicodeData.txt', 'utf8').split('\n')) {
    const [cp, name] = line.split(';');
    const c = Number.parseInt(cp, 16);
    if (c >= from && c <= to) out.set(c, name);
  }
  return out;
}

const isUnified = (s: string | undefined) => !!s && /^\p{Unified_Ideograph}$/u.test(s);

describe('glyph repair table (src/text/glyph-table.ts, generated from the Unicode data)', () => {
  it('is block-complete for Kangxi Radicals U+2F00–2FD5: every one maps to a unified ideograph, as NFKC does', () => {
    const block = assigned(0x2f00, 0x2fd5);
    expect(block.size).toBe(214);
    for (const c of block.keys()) {
      const to = ideographFor(c);
      expect(isUnified(to), c.toString(16)).toBe(true);
      expect(to).toBe(String.fromCodePoint(c).normalize('NFKC'));
    }
  });

  it('is block-complete for CJK Radicals Supplement U+2E80–2EF3 where a unified ideograph exists', () => {
    const block = assigned(0x2e80, 0x2ef3);
    expect(block.size).toBe(115); // U+2E9A is unassigned
    const equivalents = radicalEquivalents();
    let mapped = 0;
    for (const c of block.keys()) {
      if (equivalents.has(c)) {
        expect(isUnified(ideographFor(c)), c.toString(16)).toBe(true);
        mapped++;
      } else expect(ideographFor(c), c.toString(16)).toBeUndefined();
    }
    // Only CJK RADICAL REPEAT (⺀, U+2E80) has no equivalent ideograph.
    expect(mapped).toBe(114);
    // The simplified forms NFKC leaves alone.
    expect(repairGlyphs('⻔⻓⻛⺠⻢⻋⻅⻆⻘⻝⻥⻨⻰⻳')).toBe('门长风民马车见角青食鱼麦龙龟');
    expect('⻔⻓⻛⺠'.normalize('NFKC')).toBe('⻔⻓⻛⺠');
  });

  it('covers CJK Compatibility Ideographs: every one with a canonical decomposition, none of the twelve unified ones', () => {
    const block = new Map([...assigned(0xf900, 0xfaff), ...assigned(0x2f800, 0x2fa1f)]);
    let mapped = 0;
    for (const [c, name] of block) {
      if (!name.startsWith('CJK COMPATIBILITY IDEOGRAPH')) continue;
      const nfc = String.fromCodePoint(c).normalize('NFC');
      if (nfc !== String.fromCodePoint(c)) {
        expect(ideographFor(c), c.toString(16)).toBe(nfc);
        mapped++;
      } else expect(ideographFor(c), c.toString(16)).toBeUndefined();
    }
    expect(mapped).toBe(compatibilityIdeographs().size);
    expect(mapped).toBeGreaterThan(1000);
    for (const c of [0xfa0e, 0xfa0f, 0xfa11, 0xfa13, 0xfa14, 0xfa1f, 0xfa21, 0xfa23, 0xfa24, 0xfa27, 0xfa28, 0xfa29]) expect(ideographFor(c)).toBeUndefined();
  });

  it('is what the script makes from the installed data now (no stale or hand-edited table)', () => {
    const fresh = [...radicalEquivalents(), ...compatibilityIdeographs()].sort((a, b) => a[0] - b[0]).flat();
    expect([...GLYPH_PAIRS]).toEqual(fresh);
    expect([...SHARED_GLYPH_PAIRS]).toEqual([...sharedGlyphVariants()].sort((a, b) => a[0] - b[0]).flat());
    expect(readFileSync('src/text/glyph-table.ts', 'utf8')).toMatch(/Source: Unicode Character Database [\d.]+ \(Debian unicode-data/u);
  });
});

describe('repairGlyphs', () => {
  it('folds what Chromium/Skia PDFs give back into ordinary text, and leaves ordinary text as it is', () => {
    expect(repairGlyphs('⼯作经费、项⽬⽀出、政府性基⾦')).toBe('工作经费、项目支出、政府性基金');
    const plain = '部门整体支出绩效自评表（2023年度）951.90万元 100%';
    expect(repairGlyphs(plain)).toBe(plain);
  });

  it('in PDF text layers also takes the simplified one of two z-variants a font draws with one glyph', () => {
    expect(repairPdfGlyphs('纳入专戶管理、稅收、脫贫、⼯作')).toBe('纳入专户管理、税收、脱贫、工作');
    // Chromium/Skia with Noto Serif CJK SC names the 户 glyph KANGXI RADICAL DOOR (⼾ → 戶 → 户).
    expect(repairPdfGlyphs('纳⼊专⼾管理的⾮税收⼊')).toBe('纳入专户管理的非税收入');
    // A Word file says which was typed: kept, the traditional-character note is then right.
    expect(repairGlyphs('纳入专戶管理')).toBe('纳入专戶管理');
    // A Song font's ellipsis read back through Adobe-GB1 (U+22EF) is the document's …; typed in Word, kept.
    expect(repairPdfGlyphs('指标2 ⋯⋯')).toBe('指标2 ……');
    expect(repairGlyphs('指标2 ⋯⋯')).toBe('指标2 ⋯⋯');
    // A dash 破折号 drawn as one glyph (Chromium, Noto CJK) reads back as U+2E3A / U+2E3B: the document's —— / ———.
    expect(repairPdfGlyphs('分值 \u2e3a 得分 \u2e3b')).toBe('分值 —— 得分 ———');
  });

  it('repairs every container model, keeping page-break offsets right when a text changes length', () => {
    // U+2E87 ⺇ stands for U+20628 𠘨, outside the BMP (two UTF-16 units).
    const model: DocumentModel = {
      format: 'pdf',
      pages: 2,
      blocks: [
        { kind: 'paragraph', block: 0, paragraph: 0, text: '⺇项⽬第二页', style: null, page: 1, bbox: null, pageBreaks: [{ offset: 3, page: 2 }] },
        { kind: 'table', block: 1, table: 0, nRows: 1, nCols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '⼯作', page: 2, bbox: null }], grid: [[0]], page: 2, pageEnd: 2, source: 'ruled', confidence: 1 },
      ],
      issues: [],
    };
    const out = repairModelGlyphs(model);
    const p = out.blocks[0] as Extract<DocumentModel['blocks'][number], { kind: 'paragraph' }>;
    expect(p.text).toBe('𠘨项目第二页');
    expect(p.text.slice(p.pageBreaks![0].offset)).toBe('第二页');
    expect((out.blocks[1] as Extract<DocumentModel['blocks'][number], { kind: 'table' }>).cells[0].text).toBe('工作');
  });
});
