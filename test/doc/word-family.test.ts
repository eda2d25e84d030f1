import { beforeAll, describe, expect, it } from 'vitest';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { sample } from '../pdf/helpers.js';
import { writeDocx } from '../fixtures/generator/index.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { WORD_FAMILY_CONTAINERS, wordFamilyFile, type WordFamilyContainer } from '../fixtures/producers/word-family.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { runPipeline } from '../../src/pipeline.js';

/**
 * A report in the other containers Word, WPS and office systems write, each renamed ".doc" as users
 * send them (test/fixtures/producers/word-family.ts): read for what it is, with the findings of the
 * .docx of the same content — same rule, same values — and one note saying what the file was.
 * (Before, each was "无法识别的文件格式" and checked by nothing.)
 */
type Run = Awaited<ReturnType<typeof pipeline>>;
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const NOTE = 'CONTAINER_CONVERTED';

const EXPECTED_SNIFF: Record<WordFamilyContainer, string> = {
  rtf: 'rtf',
  odt: 'odt',
  fodt: 'fodt',
  html: 'html',
  'html-gb2312': 'html',
  'mhtml-gb2312': 'mhtml',
  wordml: 'wordml',
  flatopc: 'flatopc',
};
const NOTE_WORDS: Record<WordFamilyContainer, RegExp> = {
  rtf: /文件实为RTF 文档/u,
  odt: /文件实为OpenDocument 文档（\.odt）/u,
  fodt: /文件实为OpenDocument 文档（\.fodt）/u,
  html: /文件实为网页格式（HTML）/u,
  'html-gb2312': /文件实为网页格式（HTML）/u,
  'mhtml-gb2312': /文件实为单个文件网页（MHT）/u,
  wordml: /文件实为Word 2003 XML 文档/u,
  flatopc: /文件实为Word XML 文档（Flat OPC）/u,
};

function expectSameFindings(reference: Run, got: Run, atLeast: number): void {
  const m = matchFindings(reference.findings, got.findings.filter((f) => !f.message.includes(NOTE)));
  expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
  expect(m.found.length).toBeGreaterThanOrEqual(atLeast);
}

describe('the seed report in every Word-family container, named .doc', () => {
  let docx: Run;
  beforeAll(async () => {
    docx = await pipeline(sample('seed.docx'), 'seed.docx');
  }, 120_000);

  for (const container of WORD_FAMILY_CONTAINERS) {
    it(`${container}: sniffed by its bytes, the .docx findings, format "doc", one note naming the container`, async () => {
      const bytes = wordFamilyFile(container, sample('seed.docx'));
      expect(sniffFormat(bytes)).toBe(EXPECTED_SNIFF[container]);
      const { result } = await runPipeline({ bytes, file: `seed-${container}.doc` });
      expect(result.status).toBe('ok');
      expect(result.format).toBe('doc');
      const notes = result.discrepancies.filter((f) => f.message.includes(NOTE));
      expect(notes).toHaveLength(1);
      expect(notes[0].severity).toBe('info');
      expect(notes[0].message).toMatch(NOTE_WORDS[container]);
      expectSameFindings(docx, await pipeline(bytes, `seed-${container}.doc`), 30);
    }, 180_000);
  }
});

describe('generated reports of two other template families (planted errors) as web pages and RTF', () => {
  for (const i of [1, 2]) {
    it(`planted report ${i}: HTML (GB2312), MHTML and RTF give the .docx findings`, async () => {
      const docxBytes = writeDocx(plantedReport(i).spec);
      const reference = await pipeline(docxBytes, `planted-${i}.docx`);
      for (const container of ['html-gb2312', 'mhtml-gb2312', 'rtf'] as const) {
        expectSameFindings(reference, await pipeline(wordFamilyFile(container, docxBytes), `planted-${i}-${container}.doc`), 4);
      }
    }, 240_000);
  }
});
