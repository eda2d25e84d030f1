import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResultSchema } from '../../schemas/result.js';

const run = promisify(execFile);

async function selfeval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bin/selfeval', args, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SELFEVAL_FROM_SOURCE: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('bin/selfeval extract', () => {
  it('--json: one contract line per file in sorted order; a corrupt file is an error line and the others still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-extract-'));
    copyFileSync('samples/seed.docx', join(dir, 'a-seed.docx'));
    const seed = readFileSync('samples/seed.docx');
    writeFileSync(join(dir, 'b-corrupt.docx'), seed.subarray(0, Math.floor(seed.length / 3)));
    writeFileSync(join(dir, 'c-empty.docx'), '');
    copyFileSync('samples/seed.docx', join(dir, 'd-seed-again.docx'));
    const { code, stdout } = await selfeval(['extract', dir, '--json']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => ResultSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => l.file)).toEqual(['a-seed.docx', 'b-corrupt.docx', 'c-empty.docx', 'd-seed-again.docx'].map((f) => join(dir, f)));
    expect(lines.map((l) => l.status)).toEqual(['ok', 'error', 'error', 'ok']);
    expect(lines[1].error?.code).toBe('CORRUPT_FILE');
    expect(lines[1].error?.message).toContain('b-corrupt.docx');
    expect(lines[2].error?.code).toBe('EMPTY_FILE');
    expect(lines[0].report?.projects).toHaveLength(3);
    expect(lines[0].sha256).toBe(lines[3].sha256);
  });

  it('--out writes one result file per input; exit 0 when every file was processed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'selfeval-out-'));
    const { code, stdout } = await selfeval(['extract', 'samples/seed.docx', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('samples/seed.docx');
    expect(stdout).toContain('部门整体支出绩效自评表');
    expect(readdirSync(out)).toEqual(['seed.docx.json']);
    const result = ResultSchema.parse(JSON.parse(readFileSync(join(out, 'seed.docx.json'), 'utf8')));
    expect(result.status).toBe('ok');
  });

  it('usage errors exit 2; a missing file is a READ_FAILED line', async () => {
    expect((await selfeval(['extract'])).code).toBe(2);
    expect((await selfeval(['extract', '--bogus', 'x'])).code).toBe(2);
    const missing = await selfeval(['extract', 'no/such/file.docx', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('READ_FAILED');
  });
});
