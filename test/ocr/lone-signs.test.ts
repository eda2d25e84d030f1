import { describe, expect, it } from 'vitest';
import { ocrPdfPage } from '../../parsers/ocr/index.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { docxToPdf, writeDocx } from '../fixtures/generator/index.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { scanPdf } from '../fixtures/producers/scan.js';

/**
 * Signs alone in their cells, on a real scan: a planted sichuan-family report (its forms put 指标性质
 * "≥" in a column of its own and the unit "个" in another) printed by LibreOffice and scanned as a
 * greyscale JPEG at 200 dpi. Each lone "≥" / "个" of the LibreOffice PDF is looked up at the same
 * place in our OCR of the scan. The recogniser alone read about half of the "≥" as N, M (one of them
 * "sure"), 2 or nothing, and "个" as "↑"; the glyph compared with drawn signs (glyph-templates.ts)
 * names them, surely when the recogniser agrees or the match is decisive, unsurely when not.
 */
const PAGES: [number, number] = [1, 4];

describe('lone signs on a scanned form', () => {
  it('are read as the signs they are, never as another sign, and never surely as something else', async () => {
    const lo = await docxToPdf(writeDocx(plantedReport(2).spec));
    const scan = await openPdf(scanPdf(lo, { mode: 'gray-jpeg', pages: PAGES }));
    const exact = await openPdf(lo);
    const got: { want: string; read: string; sure: boolean }[] = [];
    for (let n = PAGES[0]; n <= PAGES[1]; n++) {
      const page = await exact.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const signs = (await page.getTextContent()).items.flatMap((i) => {
        if (!('str' in i) || !/^[≥个]$/u.test(i.str.trim())) return [];
        const [x, y] = viewport.convertToViewportPoint(i.transform[4], i.transform[5]) as [number, number];
        return [{ ch: i.str.trim(), x: x + i.width / 2, y: y - i.height * 0.4 }];
      });
      const scanned = await scan.getPage(n - PAGES[0] + 1);
      const runs = (await ocrPdfPage(scan, scanned, n, await scanned.getOperatorList())).primitives?.runs ?? [];
      for (const s of signs) {
        const run = runs.find((r) => s.x >= r.x0 - 2 && s.x <= r.x1 + 2 && s.y >= r.top - 3 && s.y <= r.bottom + 3);
        // A "个" set right after its number is one run with it ("375个"): only lone ones count.
        if (run && [...run.str].length > 1) continue;
        got.push({ want: s.ch, read: run?.str ?? '', sure: (run?.confidence ?? 0) >= 0.9 });
      }
    }
    await Promise.all([scan.destroy(), exact.destroy()]);
    const ge = got.filter((g) => g.want === '≥');
    expect(ge.length).toBeGreaterThanOrEqual(8);
    expect(ge.filter((g) => g.read === '≥').length).toBeGreaterThanOrEqual(Math.ceil(ge.length * 0.9));
    // Matched decisively, most are sure: the targets they direct are not capped to notes.
    expect(ge.filter((g) => g.read === '≥' && g.sure).length).toBeGreaterThanOrEqual(Math.ceil(ge.length * 0.8));
    expect(got.filter((g) => g.read !== g.want && /[≥≤<>＜＞个↑=]/u.test(g.read))).toEqual([]);
    expect(got.filter((g) => g.read !== g.want && g.sure)).toEqual([]);
    expect(got.filter((g) => g.want === '个').map((g) => g.read)).not.toContain('↑');
  }, 180_000);
});
