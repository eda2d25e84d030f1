import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLES } from '../queue/helpers.js';

/**
 * The embedded store shared by serve and the CLI (issue 16 O2): while `serve --db DIR` runs,
 * `extract --db DIR`, `status` and `export` on the same DIR work through it; once serve stops they
 * open DIR themselves again.
 */
const BIN = join(ROOT, 'bin', 'selfeval');
const env = { ...process.env, DATABASE_URL: '', SELFEVAL_LOG_LEVEL: 'warn' };

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

describe('serve and the CLI on one embedded store', () => {
  it('extract --db, status and export work while serve holds DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-shared-'));
    const db = join(dir, 'db');
    expect((await cli(['extract', join(SAMPLES, 'seed.docx'), '--db', db])).code).toBe(0);

    const serve = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    serve.stdout.on('data', (d) => (out += d));
    serve.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => serve.on('exit', (c) => r(c)));
    try {
      for (let t = 0; t < 600 && !out.includes('listening on'); t++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('listening on');

      const status = await cli(['status', '--db', db, '--json']);
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ kind: 'extract', ok: 1 });

      const added = await cli(['extract', join(SAMPLES, 'seed.pdf'), '--db', db, '--json']);
      expect(added.code).toBe(0);
      const after = JSON.parse((await cli(['status', '--db', db, '--json'])).stdout) as { id: string; kind: string; ok: number; source: string };
      expect(after).toMatchObject({ kind: 'extract', ok: 1 });
      expect(after.source).toBe(join(SAMPLES, 'seed.pdf'));

      const csv = join(dir, 'findings.csv');
      const exported = await cli(['export', '--format', 'csv', '--db', db, '--out', csv]);
      expect(exported.code).toBe(0);
      const text = readFileSync(csv, 'utf8');
      expect(text).toContain('seed.docx');
      expect(text).toContain('seed.pdf');
    } finally {
      serve.kill('SIGTERM');
      await exited;
    }
    // Serve gone: the next command owns the directory itself.
    expect(existsSync(join(db, '.selfeval.lock'))).toBe(false);
    const alone = await cli(['status', '--db', db, '--json']);
    expect(alone.code).toBe(0);
  }, 300_000);
});
