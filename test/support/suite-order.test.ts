import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import { pdfPages, sample } from '../pdf/helpers.js';
import LongestFirst from './longest-first.js';

/** The suite's own machinery: the order files start in, and fixture inputs that are the same bytes every run. */
describe('the test sequencer (longest-first.ts)', () => {
  const spec = (file: string, isolate: boolean) =>
    ({ moduleId: `/repo/${file}`, project: { name: isolate ? 'isolated' : 'in-process', config: { isolate } } }) as unknown as TestSpecification;
  // seconds each file took (as vitest's cache of a previous run gives them, before test/durations.json)
  const took: Record<string, number> = { 'test/ops/disk-full.test.ts': 67, 'test/doc/office-pool.test.ts': 81, 'test/corpus/real-corpus.test.ts': 24, 'test/rules/typed-box.test.ts': 8, 'test/cli/extract.test.ts': 5 };
  const order = (files: TestSpecification[]) => {
    const previous = (key: string) => {
      const s = took[key.slice(key.indexOf(':') + 1)];
      return s === undefined ? undefined : { duration: s * 1000 };
    };
    const ctx = { config: { root: '/repo' }, cache: { getFileTestResults: previous } };
    return new LongestFirst(ctx as never).sort(files).then((sorted) => sorted.map((f) => f.moduleId.slice('/repo/'.length)));
  };

  it('the files sharing a process together, longest first, then the isolated ones longest first: no shared file between two isolated ones', async () => {
    const files = [
      spec('test/corpus/real-corpus.test.ts', false),
      spec('test/ops/disk-full.test.ts', true),
      spec('test/rules/typed-box.test.ts', false),
      spec('test/doc/office-pool.test.ts', true),
      spec('test/not-recorded.test.ts', true),
      spec('test/cli/extract.test.ts', true),
    ];
    expect(await order(files)).toEqual([
      'test/corpus/real-corpus.test.ts',
      'test/rules/typed-box.test.ts',
      'test/not-recorded.test.ts', // no duration known: first of its project
      'test/doc/office-pool.test.ts', // longer than real-corpus, but isolated
      'test/ops/disk-full.test.ts',
      'test/cli/extract.test.ts',
    ]);
  });
});

describe('pdfPages (test/pdf/helpers.ts)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('cuts the same bytes at any time of day: a fixture made from them is found in its cache', async () => {
    const cut = async (at: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(at));
      const bytes = await pdfPages(sample('seed.pdf'), 4, 5);
      vi.useRealTimers();
      return createHash('sha256').update(bytes).digest('hex');
    };
    expect(await cut('2026-12-07T10:00:00Z')).toBe(await cut('2027-01-01T08:30:15Z'));
  });
});
