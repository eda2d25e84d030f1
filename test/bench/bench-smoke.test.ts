import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench -- --quick` runs end to end and writes the results JSON in the documented shape.
 * No timing is asserted (speed is for the benchmark to report, not for tests to guess).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

describe('bench --quick', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('measures the samples against the floor and writes bench JSON', async () => {
    dir = await mkdtemp(join(tmpdir(), 'selfeval-bench-smoke-'));
    const out = join(dir, 'result.json');
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      cwd: ROOT,
      maxBuffer: 16 * 2 ** 20,
      timeout: 170_000,
    });
    const r = JSON.parse(await readFile(out, 'utf8'));

    expect(r.schema).toBe('selfeval-bench/1');
    expect(r.quick).toBe(true);
    expect(r.machine).toMatchObject({ cores: cpus().length, node: process.version });
    expect(typeof r.machine.cpuModel).toBe('string');

    // Per file: seed.docx and a generated report, each with floor, end to end and the stages.
    const names = r.perFile.map((row: { name: string }) => row.name);
    expect(names).toContain('seed.docx');
    expect(r.perFile.length).toBeGreaterThanOrEqual(2);
    for (const row of r.perFile) {
      expect(row.format).toBe('docx');
      expect(row.status).toBe('ok');
      expect(row.floor.cpuMs).toBeGreaterThan(0);
      expect(row.selfeval.cpuMs).toBeGreaterThan(0);
      expect(row.ratio.cpu).toBeCloseTo(row.selfeval.cpuMs / row.floor.cpuMs, 1);
      // Every tokenizer was measured, and the floor is the fastest of them.
      expect(Object.keys(row.tokenizers).sort()).toEqual(['byte scanner', 'htmlparser2 (xmlMode)', 'sax-wasm', 'saxes']);
      expect(row.floor.cpuMs).toBe(Math.min(...Object.values(row.tokenizers as Record<string, { cpuMs: number }>).map((t) => t.cpuMs)));
      expect(row.floor.how).toMatch(/^node:zlib inflate of word\/document\.xml \+ /);
      expect(Object.keys(row.stagesCpuMs).sort()).toEqual(['narrative', 'parse', 'recognize', 'rules', 'serialize']);
      expect(row.stagesCpuMs.parse).toBeGreaterThan(0);
      expect(row.reference.mammoth.cpuMs).toBeGreaterThan(0);
      expect(row.pages).toBeNull();
    }
    // The seed's findings are real (the report contradicts itself on purpose).
    expect(r.perFile.find((row: { name: string }) => row.name === 'seed.docx').findings).toBeGreaterThan(0);

    // Batch: the queue part says why it did not run; extract with 1 and 2 threads processed every file.
    expect(r.batch.queueSkipped).toMatch(/^skipped: /);
    expect(r.batch.extract.map((e: { jobs: number }) => e.jobs)).toEqual([1, 2]);
    for (const e of r.batch.extract) expect(e).toMatchObject({ files: r.batch.corpus.files, ok: r.batch.corpus.files });
    expect(r.processMarginal).toMatch(/^skipped: /);
    expect(r.doc).toMatch(/^skipped: /);

    // Targets: every one listed; unmeasured ones are null, never guessed.
    expect(r.targets.map((t: { id: string }) => t.id)).toEqual([
      'docx-ratio', 'docx-process-marginal', 'pdf-ratio', 'extract-scaling', 'queue-scaling', 'seed-docx-10k', 'worker-rss-docx', 'worker-rss-mixed', 'doc-marginal',
    ]);
    expect(r.targets.find((t: { id: string }) => t.id === 'pdf-ratio').met).toBeNull();
    expect(r.targets.find((t: { id: string }) => t.id === 'doc-marginal').met).toBeNull();
    expect(typeof r.targets.find((t: { id: string }) => t.id === 'docx-ratio').met).toBe('boolean');
    expect(typeof r.targets.find((t: { id: string }) => t.id === 'extract-scaling').met).toBe('boolean');

    // The terminal table names the files.
    expect(stdout).toContain('seed.docx');
    expect(stdout).toContain('× floor CPU');
    expect(stdout).toContain('byte scanner');
  }, 180_000);
});
