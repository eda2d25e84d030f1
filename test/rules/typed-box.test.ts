/**
 * A □ the author typed (a check box in a form cell) is not a character a damaged PDF text layer lost
 * (src/rules/finding.ts lostGlyphCaveat): a finding quoting it keeps its severity and carries no
 * 文字层部分损坏 caveat. Real layout: corpus report hb-ezhou-czj-2019 rebuilt as .docx by the corpus
 * writer (and printed to PDF by LibreOffice: an intact text layer), its first project's name cell
 * given a typed check box.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';
import { docxToPdf } from '../fixtures/generator/pdf.js';

async function errors(text: string, format: 'docx' | 'pdf' = 'docx'): Promise<Finding[]> {
  const docx = writeBlocksDocx(parseSource(text), { title: 'typed-box', creator: 'typed-box' }, { producer: 'word' });
  const bytes = format === 'pdf' ? await docxToPdf(docx) : docx;
  const { result } = await runPipeline({ bytes, file: `typed-box.${format}` });
  expect(result.status).toBe('ok');
  return result.discrepancies.filter((d) => d.rule === 'weight-totals' || d.rule === 'total-score');
}

const SOURCE = 'test/corpus/real/hb-ezhou-czj-2019/source.txt';
const typedBox = (source: string) => source.replace('项目名称{c2} | 购买第三方服务{c7}', '项目名称{c2} | 购买第三方服务（□新增 ☑延续）{c7}');

describe('a □ typed in a .docx form cell', () => {
  it('hb-ezhou-czj-2019: the project named 购买第三方服务（□新增 ☑延续） keeps its two errors, without the damaged-text caveat', async () => {
    const source = readFileSync(SOURCE, 'utf8');
    const before = await errors(source);
    expect(before.map((f) => f.severity)).toEqual(['error', 'error']);
    const typed = typedBox(source);
    expect(typed).not.toBe(source);
    const after = await errors(typed);
    expect(after.map((f) => f.rule)).toEqual(before.map((f) => f.rule));
    for (const f of after) {
      expect(f.message).toContain('□新增');
      expect(f.severity).toBe('error');
      expect(f.message).not.toContain('文字层部分损坏');
      expect(f.evidence.some((e) => e.location.damagedGlyphs)).toBe(false);
    }
  }, 60_000);

  it('the same printed to PDF (text layer intact, no page marked damaged): the errors stay errors', async () => {
    const after = await errors(typedBox(readFileSync(SOURCE, 'utf8')), 'pdf');
    expect(after.map((f) => f.rule)).toEqual(['weight-totals', 'total-score']);
    for (const f of after) {
      expect(f.message).toContain('□新增');
      expect(f.severity).toBe('error');
      expect(f.message).not.toContain('文字层部分损坏');
    }
  }, 120_000);
});
