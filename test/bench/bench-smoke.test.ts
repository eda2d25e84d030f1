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
      expect(row.floorMs).toBeGreaterThan(0);
      expect(row.selfevalMs).toBeGreaterThan(0);
      expect(row.ratio).toBeCloseTo(row.selfevalMs / row.floorMs, 1);
      expect(Object.keys(row.stages).sort()).toEqual(['narrative', 'parse', 'recognize', 'rules', 'serialize']);
      expect(row.stages.parse).toBeGreaterThan(0);
      expect(row.reference.mammothMs).toBeGreaterThan(0);
      expect(row.pages).toBeNull();
    }
    // The seed's findings are real (the report contradicts itself on purpose).
    expect(r.perFile.find((row: { name: string }) => row.name === 'seed.docx').findings).toBeGreaterThan(0);

    // Batch: the queue part says why it did not run; the in-process extract processed every file.
    expect(r.batch.queueSkipped).toMatch(/^skipped: /);
    expect(r.batch.inProcess.files).toBe(r.batch.corpus.files);
    expect(r.batch.inProcess.ok).toBe(r.batch.corpus.files);

    // Targets: every one listed; unmeasured ones are null, never guessed.
    expect(r.targets.map((t: { id: string }) => t.id)).toEqual(['docx-ratio', 'pdf-ratio', 'pdf-pages-per-s', 'seed-docx-10k', 'worker-rss', 'scaling']);
    expect(r.targets.find((t: { id: string }) => t.id === 'pdf-ratio').met).toBeNull();
    expect(typeof r.targets.find((t: { id: string }) => t.id === 'docx-ratio').met).toBe('boolean');

    // The terminal table names the files.
    expect(stdout).toContain('seed.docx');
    expect(stdout).toContain('× floor');
  }, 180_000);
});
