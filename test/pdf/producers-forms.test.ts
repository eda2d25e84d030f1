import { beforeAll, describe, expect, it } from 'vitest';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { docxToPdf, writeDocx } from '../fixtures/generator/index.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { wordPdf } from '../fixtures/producers/word-pdf.js';
import { pdfPages, sample } from './helpers.js';
import { unitedPdf } from '../fixtures/producers/assembled.js';
import { libreofficeFormPdf } from '../fixtures/producers/libreoffice-form.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { qpdfPdf } from '../fixtures/producers/qpdf.js';
import { once } from '../support/memo.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { hasLostGlyphs, makeFinding } from '../../src/rules/finding.js';
import { RULES } from '../../src/rules/registry.js';

/**
 * A fillable form (AcroForm) filled and saved without flattening, as a department fills the form a
 * bureau sends (the bureau's Word template made a form in Acrobat, filled in Reader / Foxit / WPS):
 * every table cell holding a figure is a text field whose value is in /V and drawn only by the
 * widget's appearance stream, not in the page's content. No Debian program writes such a file, so
 * our Word-like writer does (test/fixtures/producers/word-pdf.ts, `form`). The values must be read
 * into the cells at their fields' positions and said to be, and a reviewer's typed comment or a seal
 * stamped as an annotation must not become a cell's value.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');
const texts = (run: Run) => run.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));

// The seed filled as a form (figures only in the widgets), read once: two tests look at that run.
const seedFormRun = once(async () => pipeline(await wordPdf(sample('seed.pdf'), { form: {} }), 'seed-form.pdf'));

let docx: Run;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
}, 120_000);

/** The .docx's findings, and nothing else but the one note saying the fields were read (parse-issues, info). */
function expectSameFindings(reference: Run, got: Run, least = 30): void {
  const note = got.findings.filter((f) => f.rule === 'parse-issues' && f.observed === 'FORM_FIELDS_READ');
  expect(note.map((f) => f.severity)).toEqual(['info']);
  const m = matchFindings(reference.findings, got.findings.filter((f) => !note.includes(f)));
  expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
  expect(m.found.length).toBeGreaterThanOrEqual(least);
}

/** Text pdf.js finds in the pages' content (what the reader saw before the fields were read). */
async function contentText(pdf: Uint8Array): Promise<string> {
  const doc = await openPdf(pdf);
  try {
    let all = '';
    for (let n = 1; n <= doc.numPages; n++) all += (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    return all;
  } finally {
    await doc.destroy();
  }
}

describe('a filled fillable form (AcroForm), saved unflattened', () => {
  it('made by LibreOffice (the figures typed into text-box controls, exported as a PDF form): LibreOffice\'s fields read, the .docx findings', async () => {
    const pdf = libreofficeFormPdf(sample('seed.docx'));
    expect(latin1(pdf)).toMatch(/\/Producer\s*<FEFF004C0069006200720065004F0066006600690063/iu); // "LibreOffice"
    expect(latin1(pdf)).toMatch(/\/FT\s*\/Tx/u);
    expect(await contentText(pdf)).not.toContain('951.90');
    const run = await pipeline(pdf, 'seed-lo-form.pdf');
    expect(run.document.pageInfo?.reduce((s, p) => s + (p.formFields ?? 0), 0)).toBeGreaterThan(100);
    expectSameFindings(docx, run);
  }, 300_000);

  it('figures only in the fields’ widgets (/V and appearance streams): read into their cells, the .docx findings, said in provenance', async () => {
    const pdf = await wordPdf(sample('seed.pdf'), { form: {} });
    const text = latin1(pdf);
    expect(text).toContain('/AcroForm');
    expect(text).toMatch(/\/Subtype \/Widget \/FT \/Tx/u);
    const shown = await contentText(pdf);
    expect(shown).not.toContain('951.90'); // the 全年执行数 of the seed: not in any page's content
    expect(shown).not.toContain('15292005668'); // the 联系电话 of the line under each form, a field too
    const run = await seedFormRun();
    expect(texts(run).some((t) => t.includes('951.90'))).toBe(true);
    expect(texts(run).some((t) => t.replace(/\s+/gu, '').includes('联系电话：15292005668单位负责人签字：葛思卉'))).toBe(true);
    const fields = run.document.pageInfo?.reduce((s, p) => s + (p.formFields ?? 0), 0) ?? 0;
    expect(fields).toBeGreaterThan(100);
    expect(run.document.issues.filter((i) => i.code === 'FORM_FIELDS_READ')).toHaveLength(1);
    expectSameFindings(docx, run);
  }, 180_000);

  it('no appearance streams (/NeedAppearances true, as web fillers write) and font size 自动 (/DA 0 Tf): the values from /V, the .docx findings', async () => {
    const pdf = await wordPdf(sample('seed.pdf'), { form: { appearance: false, autoSize: true } });
    expect(latin1(pdf)).toContain('/NeedAppearances true');
    expect(latin1(pdf)).toContain('/DA (/F2 0 Tf 0 g)');
    expect(latin1(pdf)).not.toMatch(/\/Subtype \/Widget[^>]*\/AP/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-form-noap.pdf'));
  }, 180_000);

  it('a typed FreeText comment with a figure over a filled cell and a seal stamped as an image annotation: neither is read, the .docx findings', async () => {
    const pdf = await wordPdf(sample('seed.pdf'), { form: { comments: true } });
    expect(latin1(pdf)).toContain('/Subtype /FreeText');
    expect(latin1(pdf)).toContain('/Subtype /Stamp');
    const run = await pipeline(pdf, 'seed-form-comments.pdf');
    expect(texts(run).filter((t) => t.includes('请核实'))).toEqual([]);
    expectSameFindings(docx, run);
  }, 180_000);

  it('the same form flattened by qpdf (拼合: the comment\'s red box and text drawn into the page over a cell): the note neither splits the table nor joins its figure to the cell\'s', async () => {
    const plain = qpdfPdf(await wordPdf(sample('seed.pdf'), { form: {} }), 'flattened');
    const pdf = qpdfPdf(await wordPdf(sample('seed.pdf'), { form: { comments: true } }), 'flattened');
    expect(latin1(pdf)).not.toContain('/Subtype /FreeText');
    expect(await contentText(pdf)).toContain('请核实');
    const [without, run] = [await pipeline(plain, 'seed-form-flattened.pdf'), await pipeline(pdf, 'seed-form-comments-flattened.pdf')];
    expect(texts(run).filter((t) => t.includes('请核实'))).toEqual([]);
    const grid = (r: Run) => r.document.blocks.map((b) => (b.kind === 'table' ? b.cells.map((c) => `${c.row},${c.col} ${c.text}`).join('|') : b.text));
    expect(grid(run)).toEqual(grid(without));
    const m = matchFindings(docx.findings, run.findings);
    expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
  }, 180_000);

  it('two filled forms and a scanned signed page joined by pdfunite (poppler): every part read its own way, the .docx findings', async () => {
    const seed = sample('seed.pdf');
    const pdf = unitedPdf([
      await wordPdf(await pdfPages(seed, 1, 6), { form: {} }),
      scanPdf(seed, { mode: 'gray-jpeg', pages: [7, 7], signatures: [{ page: 1, x: 400, y: 130 }], seals: [{ page: 1, x: 420, y: 120 }] }),
      await wordPdf(await pdfPages(seed, 8, 32), { form: {} }),
    ]);
    const run = await pipeline(pdf, 'seed-united.pdf');
    expect(run.document.pageInfo?.find((p) => p.page === 7)?.textSource).toBe('ocr');
    expect(run.document.pageInfo?.find((p) => p.page === 8)?.formFields).toBeGreaterThan(0);
    const m = matchFindings(docx.findings, run.findings.filter((f) => f.severity !== 'info'));
    expect(m.missed.filter((f) => f.severity !== 'info').map(key)).toEqual([]);
    expect(m.extra.map(key)).toEqual([]);
  }, 300_000);

  it('a generated report with planted errors (四川 family) made a form and filled: the findings of its .docx', async () => {
    const { spec } = plantedReport(2);
    const bytes = writeDocx(spec);
    const reference = await pipeline(bytes, 'planted.docx');
    const run = await pipeline(await wordPdf(await docxToPdf(bytes), { form: {} }), 'planted-form.pdf');
    expect(run.document.pageInfo?.some((p) => p.formFields)).toBe(true);
    expectSameFindings(reference, run, 3);
    // The same report as LibreOffice's PDF form: text boxes wider than the narrow 四川 columns run over
    // the cell border; each value stays in its cell ("380.96", not "380.9" and a "6" in the next column).
    const lo = await pipeline(libreofficeFormPdf(bytes), 'planted-lo-form.pdf');
    expectSameFindings(reference, lo, 3);
  }, 300_000);

  describe('check boxes and a radio group (自评结论 ○达成 ○部分达成 ○未达成, 是否公开 □) under each 填表人 line', () => {
    const choiceLines = (run: Run) => texts(run).filter((t) => t.includes('自评结论')).map((t) => t.replace(/\s+/gu, ''));

    it('boxes drawn only by their widgets: the chosen option ☑, the others and the unchecked box ☐, the hidden checked box not read', async () => {
      const pdf = await wordPdf(sample('seed.pdf'), { form: { choices: 'widget' } });
      expect(latin1(pdf)).toMatch(/\/FT \/Btn \/Ff 49152/u);
      expect(await contentText(pdf)).not.toMatch(/[☑☐□]/u);
      const run = await pipeline(pdf, 'seed-form-choices.pdf');
      const lines = choiceLines(run);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(new Set(lines)).toEqual(new Set(['自评结论：☑达成☐部分达成☐未达成是否公开：☐']));
      expectSameFindings(docx, run);
      // Provenance: the chosen option of each line counted with the form's other filled fields; boxes left unchecked are no values.
      const counted = (r: Run) => r.document.pageInfo?.reduce((s, p) => s + (p.formFields ?? 0), 0) ?? 0;
      expect(counted(run) - counted(await seedFormRun())).toBe(lines.length);
    }, 180_000);

    it('saved without appearance streams (/NeedAppearances, each box only its /AS state): the chosen option still ☑ — from the kid\'s /AS, not every option ☐', async () => {
      const pdf = await wordPdf(sample('seed.pdf'), { form: { choices: 'widget', appearance: false } });
      expect(latin1(pdf)).toContain('/NeedAppearances true');
      expect(latin1(pdf)).toMatch(/\/Subtype \/Widget \/Parent \d+ 0 R \/Rect \[[^\]]*\] \/AS \/Choice1  \/F 4/u); // the chosen kid: a state, no /AP
      const run = await pipeline(pdf, 'seed-form-choices-noap.pdf');
      const lines = choiceLines(run);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(new Set(lines)).toEqual(new Set(['自评结论：☑达成☐部分达成☐未达成是否公开：☐']));
      expectSameFindings(docx, run);
    }, 180_000);

    it('a template that printed □ where each box is: that □ becomes the box (☑ or ☐), never a second glyph beside it', async () => {
      const pdf = await wordPdf(sample('seed.pdf'), { form: { choices: 'printed' } });
      expect(await contentText(pdf)).toContain('□');
      const run = await pipeline(pdf, 'seed-form-choices-printed.pdf');
      // The last □ is the page's own glyph under the hidden field: page text, left as printed.
      expect(new Set(choiceLines(run))).toEqual(new Set(['自评结论：☑达成☐部分达成☐未达成是否公开：☐□']));
    }, 180_000);

    it('in a form whose text layer is partly damaged (□ = a lost character), an unchecked box is no lost character: a finding quoting it has no 文字层部分损坏 caveat', async () => {
      const run = await pipeline(await wordPdf(sample('seed.pdf'), { form: { choices: 'widget' }, privateUse: 0.03 }), 'seed-form-choices-damaged.pdf');
      expect(hasLostGlyphs(run.document)).toBe(true);
      const block = run.document.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('自评结论'));
      expect(block?.kind === 'paragraph' && block.damagedGlyphs).toBeFalsy();
      const quoted = block?.kind === 'paragraph' ? block.text : '';
      const base = run.findings.find((f) => f.evidence.length)!.evidence[0];
      const meta = { ...RULES.find((r) => r.meta.severity === 'error')!.meta };
      const draft = (text: string) => ({ message: { zh: `“${text}”未填写`, en: '-' }, values: [], evidence: [{ ...base, text, location: { ...base.location, damagedGlyphs: undefined } }] });
      const caveat = (text: string) => makeFinding(meta, draft(text), 'zh', { lostGlyphs: true }).message.includes('文字层部分损坏');
      expect(caveat(quoted)).toBe(false);
      expect(caveat(quoted.replace(/☐/gu, '□'))).toBe(true); // the same line with U+25A1 would be read as lost characters
    }, 180_000);
  });
});
