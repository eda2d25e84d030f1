/**
 * A □ the author typed (a check box in a form cell) is not a character a damaged PDF text layer lost
 * (src/rules/finding.ts lostGlyphCaveat): a finding quoting it keeps its severity and carries no
 * 文字层部分损坏 caveat. Real layout: corpus report hb-ezhou-czj-2019 rebuilt as .docx by the corpus
 * writer, its first project's name cell given a typed check box.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';

async function errors(text: string): Promise<Finding[]> {
  const docx = writeBlocksDocx(parseSource(text), { title: 'typed-box', creator: 'typed-box' }, { producer: 'word' });
  const { result } = await runPipeline({ bytes: docx, file: 'typed-box.docx' });
  expect(result.status).toBe('ok');
  return result.discrepancies.filter((d) => d.rule === 'weight-totals' || d.rule === 'total-score');
}

describe('a □ typed in a .docx form cell', () => {
  it('hb-ezhou-czj-2019: the project named 购买第三方服务（□新增 ☑延续） keeps its two errors, without the damaged-text caveat', async () => {
    const source = readFileSync('test/corpus/real/hb-ezhou-czj-2019/source.txt', 'utf8');
    const before = await errors(source);
    expect(before.map((f) => f.severity)).toEqual(['error', 'error']);
    const typed = source.replace('项目名称{c2} | 购买第三方服务{c7}', '项目名称{c2} | 购买第三方服务（□新增 ☑延续）{c7}');
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
});
