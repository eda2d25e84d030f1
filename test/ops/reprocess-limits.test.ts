import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLES } from '../queue/helpers.js';

/**
 * Limits everywhere (issue 18 R3): `reprocess` runs stored files through the same isolated,
 * limited runner as `extract` — here a time limit far below what the file needs turns the
 * re-check into a stored TIMEOUT instead of an unbounded run in the command's own thread.
 */
const BIN = join(ROOT, 'bin', 'selfeval');

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SELFEVAL_LOG_LEVEL: 'warn', ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe('reprocess runs through the limited runner', () => {
  it('a stored file past the time limit is re-checked as TIMEOUT, not run without limits', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'selfeval-reprocess-')), 'db');
    const first = await cli(['extract', join(SAMPLES, 'seed.docx'), '--db', db]);
    expect(first.code).toBe(0);
    const r = await cli(['reprocess', '--all', '--db', db, '--json'], { SELFEVAL_TIME_MS_PER_FILE: '20' });
    expect(r.code).toBe(0);
    const counts = JSON.parse(r.stdout) as { kind: string; failed: number; failedByCode: Record<string, number> };
    expect(counts).toMatchObject({ kind: 'reprocess', failed: 1, failedByCode: { TIMEOUT: 1 } });
    const again = await cli(['reprocess', '--all', '--db', db, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ kind: 'reprocess', ok: 1, failed: 0 });
  }, 180_000);
});
