import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from './source-format.js';
import { listCorpus, scoreResult, thresholdFailures, type DocScore } from './score.js';

/**
 * The real-report corpus (issue 12): published reports of many provinces, rebuilt as .docx and
 * .pdf, each with a truth file. Always on: every truth file validates, every source parses, and the
 * pipeline runs on every file without a crash and is scored. The issue's thresholds (every document
 * recognized, ≥ 90% of facts, ≥ 80% of verified inconsistencies, no must-not-flag item flagged, ≤ 5
 * extra error/warning findings) are asserted per document (SELFEVAL_CORPUS_STRICT=0 reports them
 * without failing); a failure lists each document with its reasons.
 */

const ROOT = 'test/corpus/real';
const docs = listCorpus(ROOT);
// every document meets the thresholds since issue 19: enforced unless SELFEVAL_CORPUS_STRICT=0
const strict = process.env.SELFEVAL_CORPUS_STRICT !== '0';

describe('real-report corpus', () => {
  // 34 development documents + the second (17), third (7), fourth (11 + 4), fifth (4), sixth (13), seventh (13 + 4), eighth (10 + 5), tenth (11 + 5), 12n (11), 12t (6), 13n (12), 14 (8), narr15 (10 + 4) and 15 (2 + 1) held-out sets, moved in as regression documents
  it('has at least 206 documents from at least 29 provinces, each as .docx and .pdf', () => {
    expect(docs.length).toBeGreaterThanOrEqual(206);
    expect(new Set(docs.map((d) => d.truth.meta.province).filter((p) => p !== '不详')).size).toBeGreaterThanOrEqual(29);
    for (const d of docs) {
      expect(d.truth.meta.id, d.dir).toBe(basename(d.dir));
      expect(d.files.map((f) => basename(f)).sort(), d.id).toEqual([`${d.id}.docx`, `${d.id}.pdf`]);
    }
  });

  it('every source.txt parses into blocks (tables fill their grid)', () => {
    for (const d of docs) {
      const blocks = parseSource(readFileSync(`${d.dir}/source.txt`, 'utf8'), `${d.dir}/source.txt`);
      expect(blocks.length, d.id).toBeGreaterThan(0);
    }
  });

  it('the pipeline runs on every file and is scored; every document meets the thresholds', { timeout: 600_000 }, async () => {
    const scores: DocScore[] = [];
    for (const d of docs) {
      for (const file of d.files) {
        const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file: basename(file) });
        expect(result.status, `${file}: ${result.error?.message ?? ''}`).toBe('ok');
        const s = scoreResult(d.id, file, result, d.truth);
        expect(s.facts.total).toBe(d.truth.facts.length);
        scores.push(s);
      }
    }
    const failing = scores.map((s) => ({ s, why: thresholdFailures(s) })).filter((x) => x.why.length > 0);
    const report = failing
      .map(({ s, why }) => `${s.id} (${s.producer}): ${why.join('; ')}${s.facts.missed.length ? `\n    missed: ${s.facts.missed.slice(0, 5).join(' | ')}` : ''}`)
      .join('\n');
    if (strict) expect(failing.length, `documents below the issue-12 thresholds:\n${report}`).toBe(0);
    else if (failing.length) console.info(`[corpus] ${failing.length}/${scores.length} files below the issue-12 thresholds (SELFEVAL_CORPUS_STRICT=0: not enforced)`);
  });
});
