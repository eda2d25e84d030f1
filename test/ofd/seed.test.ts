import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../schemas/result.js';
import { contractFormat, sniffFormat } from '../../parsers/sniff.js';
import { readZipEntries } from '../../parsers/zip.js';
import { runPipeline } from '../../src/pipeline.js';
import { ofdFromPdf } from '../fixtures/producers/ofd.js';
import { sample, squeeze } from '../pdf/helpers.js';

/**
 * The seed report as OFD (版式文档), written from the text runs and rulings of its LibreOffice PDF
 * (test/fixtures/producers/ofd.ts), in three layouts converters write: a TextObject per run with
 * each glyph's advance; whole lines in one TextCode with "g n v" advances set in points under a
 * CTM; a TextObject per glyph with the table borders as thin filled rectangles. Either reads as the PDF does: the same records field by field, the same values on the same
 * pages and tables, the same findings (rule, severity, values) as seed.pdf and seed.docx, with one
 * note naming the container. (Before: UNSUPPORTED_FORMAT, "无法识别的文件格式".)
 */
const NOTE = 'CONTAINER_CONVERTED';

type Json = unknown;

function comparable(value: Json): Json {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'loc' && k !== 'location') out[k] = comparable(v);
    return out;
  }
  return typeof value === 'string' ? squeeze(value) : value;
}

/** Every located value: page, table and text of each loc with a page. */
function located(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => located(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, Json>;
    const loc = o.loc as { page?: number | null; table?: number | null } | undefined;
    if (typeof o.text === 'string' && loc && typeof loc.page === 'number') out.push(`p${loc.page} t${loc.table ?? '-'} ${squeeze(o.text)}`);
    for (const v of Object.values(o)) located(v, out);
  }
  return out;
}

const findings = (r: Result) =>
  r.discrepancies
    .filter((d) => !d.message.includes(NOTE))
    .map((d) => JSON.stringify({ rule: d.rule, severity: d.severity, values: d.values }))
    .sort();

let pdf: Result;
let docx: Result;
beforeAll(async () => {
  pdf = (await runPipeline({ bytes: sample('seed.pdf'), file: 'seed.pdf' })).result;
  docx = (await runPipeline({ bytes: sample('seed.docx'), file: 'seed.docx' })).result;
}, 240_000);

const LAYOUTS = [
  { name: 'a TextObject per run, stroked rulings', variant: {} },
  { name: 'lines in one TextCode, "g" advances, CTM-scaled text', variant: { compressed: true } },
  { name: 'a TextObject per glyph, rulings as thin filled rectangles', variant: { glyphs: true, filledRules: true } },
] as const;

for (const { name, variant } of LAYOUTS) {
  const compressed = 'compressed' in variant;
  describe(`seed as OFD (${name})`, () => {
    let ofd: Uint8Array;
    let result: Result;
    let notes: string[];
    beforeAll(async () => {
      ofd = await ofdFromPdf(sample('seed.pdf'), variant);
      const out = await runPipeline({ bytes: ofd, file: 'seed.ofd' });
      result = out.result;
      notes = out.document?.issues.filter((i) => i.code === NOTE).map((i) => i.message) ?? [];
    }, 240_000);

    it('is sniffed as OFD by its bytes and reported as a fixed-layout document ("pdf"), with one note naming the container', () => {
      expect(sniffFormat(ofd)).toBe('ofd');
      expect(contractFormat('ofd')).toBe('pdf');
      expect([result.status, result.format, result.error]).toEqual(['ok', 'pdf', null]);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/文件实为OFD 版式文档/u);
      const page = new TextDecoder().decode(readZipEntries(ofd, (n) => n === 'Doc_0/Pages/Page_1/Content.xml').get('Doc_0/Pages/Page_1/Content.xml'));
      expect(/DeltaX="g \d+ /u.test(page) && / CTM="/u.test(page)).toBe(compressed);
      expect(page).toMatch('filledRules' in variant ? /<ofd:PathObject [^>]* Fill="true"><ofd:FillColor[^>]*\/><ofd:AbbreviatedData>M 0 0 L [^<]* C</u : /<ofd:PathObject [^>]*><ofd:StrokeColor[^>]*\/><ofd:AbbreviatedData>M [\d.]+ [\d.]+ L /u);
    });

    it('has the records of seed.pdf, field by field, and every located value on the same page and table', () => {
      expect(comparable(result.report)).toEqual(comparable(pdf.report));
      const got = located(result.report).sort();
      expect(got).toEqual(located(pdf.report).sort());
      expect(got.length).toBeGreaterThan(500);
    });

    it('has the findings of seed.pdf and seed.docx (rule, severity, values)', () => {
      expect(findings(result)).toEqual(findings(pdf));
      expect(findings(result)).toEqual(findings(docx));
      expect(findings(result).length).toBeGreaterThan(30);
    });
  });
}
