import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema } from '../../schemas/result.js';

/**
 * A fault in native code (an image library aborting, the OOM killer) kills the whole process, not
 * only the file's pipeline thread. The fault is injected with SELFEVAL_TEST_ABORT_ON_FILE: the
 * pipeline thread that gets a file so named sends SIGABRT to its process (src/isolate/worker.ts).
 */
function selfeval(args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bin/selfeval', args, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

/**
 * A reader that takes nothing for `pauseMs` and then reads to the end: the batch's lines (≈ 0.5 MB each
 * on seed.docx) fill the pipe and wait, so a crash finds a line half-way into it.
 */
function slowReader(args: string[], env: Record<string, string>, pauseMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bin/selfeval', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    setTimeout(() => child.stdout.on('data', (d: Buffer) => stdout.push(d)), pauseMs);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr }));
  });
}

function batch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-crash-'));
  copyFileSync('samples/seed.docx', join(dir, 'a-seed.docx'));
  copyFileSync('samples/seed.docx', join(dir, 'b-native-fault.docx'));
  copyFileSync('samples/seed.docx', join(dir, 'c-seed.docx'));
  copyFileSync('samples/seed.docx', join(dir, 'd-native-fault.docx'));
  copyFileSync('samples/seed.docx', join(dir, 'e-seed.docx'));
  return dir;
}

const fault = { SELFEVAL_TEST_ABORT_ON_FILE: 'native-fault.docx' };
/**
 * A recovered batch starts five to eight processes one after the other, each loading the pipeline
 * (≈ 30 s in all on a quiet box); at load 40 on two cores they took over the default 60 s.
 */
const CRASH_RECOVERY_MS = 150_000;

describe('extract survives a process crash', () => {
  it('without supervision the crash ends the batch: later files get no result', async () => {
    const dir = batch();
    const run = await selfeval(['extract', dir, '--json', '--jobs', '1'], { ...fault, SELFEVAL_EXTRACT_SUPERVISE: '0' });
    expect(run.signal ?? run.code).toBe('SIGABRT');
    const lines = run.stdout.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(5);
  });

  it('--json: every file has its line in input order; the files that crash the process are INTERNAL_ERROR naming the file and the signal', async () => {
    const dir = batch();
    const run = await selfeval(['extract', dir, '--json'], fault);
    expect(run.code).toBe(1);
    const results = run.stdout.trim().split('\n').map((l) => ResultSchema.parse(JSON.parse(l)));
    expect(results.map((r) => r.file)).toEqual(['a-seed', 'b-native-fault', 'c-seed', 'd-native-fault', 'e-seed'].map((f) => join(dir, `${f}.docx`)));
    expect(results.map((r) => r.status)).toEqual(['ok', 'error', 'ok', 'error', 'ok']);
    for (const r of [results[1], results[3]]) {
      expect(r.error?.code).toBe('INTERNAL_ERROR');
      expect(r.error?.message).toContain(r.file);
      expect(r.error?.message).toContain('进程异常终止（SIGABRT）');
    }
    // The other files' results are those of a run without any crash.
    const clean = await selfeval(['extract', join(dir, 'a-seed.docx'), '--json'], {});
    const expected = ResultSchema.parse(JSON.parse(clean.stdout));
    for (const r of [results[0], results[2], results[4]]) {
      expect(r.discrepancies.map((d) => [d.rule, d.severity, d.message])).toEqual(expected.discrepancies.map((d) => [d.rule, d.severity, d.message]));
    }
    expect(run.stderr).toContain('进程异常终止');
  }, CRASH_RECOVERY_MS);

  it('--json to a slow reader: no line cut by the crash, every file once, the crashed one as an error record', async () => {
    const dir = batch();
    const run = await slowReader(['extract', dir, '--json', '--jobs', '1'], fault, 2_500);
    expect(run.code).toBe(1);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const results = run.stdout.slice(0, -1).split('\n').map((l) => ResultSchema.parse(JSON.parse(l)));
    expect(results.map((r) => r.file)).toEqual(['a-seed', 'b-native-fault', 'c-seed', 'd-native-fault', 'e-seed'].map((f) => join(dir, `${f}.docx`)));
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual(['ok', 'INTERNAL_ERROR', 'ok', 'INTERNAL_ERROR', 'ok']);
  }, CRASH_RECOVERY_MS);

  it('summary and --out: one batch total line, one result file per input', async () => {
    const dir = batch();
    const out = mkdtempSync(join(tmpdir(), 'selfeval-crash-out-'));
    const run = await selfeval(['extract', dir, '--out', out, '--quiet'], fault);
    expect(run.code).toBe(1);
    expect(run.stdout.match(/共 \d+ 个文件/gu)).toEqual(['共 5 个文件']);
    expect(run.stdout).toContain('成功 3，失败 2');
    expect(readdirSync(out).sort()).toEqual(['a-seed.docx.json', 'b-native-fault.docx.json', 'c-seed.docx.json', 'd-native-fault.docx.json', 'e-seed.docx.json']);
    const crashed = ResultSchema.parse(JSON.parse(readFileSync(join(out, 'd-native-fault.docx.json'), 'utf8')));
    expect(crashed.error?.code).toBe('INTERNAL_ERROR');
  }, CRASH_RECOVERY_MS);
});
