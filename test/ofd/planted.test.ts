import { describe, expect, it } from 'vitest';
import { docxToPdf, writeDocx } from '../fixtures/generator/index.js';
import { ofdFromPdf } from '../fixtures/producers/ofd.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';

/**
 * Generated reports of each template family with planted errors (catalogue and cross-part ones),
 * printed by LibreOffice and written as OFD: the findings of the .docx of the same content — same
 * rule, same values — and nothing more. Even reports as one TextObject per run, odd ones as whole
 * lines in one TextCode with "g" advances and CTM-scaled text.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const notInfo = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== 'info');

describe('planted reports as OFD', () => {
  for (const i of [0, 1, 2, 3]) {
    const { family, spec, planted } = plantedReport(i);
    it(`${family} [${planted.join(', ')}]: the .docx findings`, async () => {
      const docx = writeDocx(spec);
      const reference = await pipeline(docx, `planted-${i}.docx`);
      const ofd = await ofdFromPdf(await docxToPdf(docx), { compressed: i % 2 === 1 });
      const got = await pipeline(ofd, `planted-${i}.ofd`);
      expect(got.document.format).toBe('pdf');
      const m = matchFindings(notInfo(reference.findings), notInfo(got.findings));
      expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
      expect(m.found.length).toBeGreaterThanOrEqual(2);
    }, 240_000);
  }
});
