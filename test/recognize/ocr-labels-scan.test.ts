import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../fixtures/producers/scan.js';
import { pipeline } from '../ocr/helpers.js';

/**
 * A phone photo of a real form (四川 青神 部门预算项目支出绩效自评表, test/corpus/real) read back by our
 * OCR: its rate header comes out with a letter inside the word (预算执行T率) and its adjusted budget as
 * 调整后预算效. The budget values under such labels are read, as OCR text (findings on them are warnings).
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const ID = 'sc-qingshen-fgj-2023';

describe('budget labels misread by OCR on a phone photo (sc-qingshen-fgj-2023)', () => {
  it('reads the execution rate and the budgets of the .docx, as OCR text', async () => {
    const file = (ext: string) => new Uint8Array(readFileSync(join(REAL, ID, `${ID}.${ext}`)));
    const docx = await pipeline(file('docx'), `${ID}.docx`);
    const scan = await pipeline(scanPdf(file('pdf'), { mode: 'color-jpeg', dpi: 150, photo: true }), `${ID}-phone.pdf`);
    const want = docx.report.projects[0].budget!;
    const got = scan.report.projects[0].budget!;
    const total = (b: typeof want) => b.rows.find((r) => r.label.includes('总额'))!;
    for (const field of ['initialBudget', 'fullYearBudget', 'executed', 'rate'] as const) {
      const w = total(want)[field];
      const g = total(got)[field];
      expect(g?.text.trim(), field).toBe(w?.text.trim());
      expect(g?.loc.textSource).toBe('ocr');
    }
    // no finding on the scan is an error: what rests on OCR text is a warning
    expect(scan.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  }, 300_000);
});
