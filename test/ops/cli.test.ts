import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultSchema } from '../../schemas/result.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { PG_URL, REDIS_URL, ROOT, SAMPLES, docxVariant, dropQueuePrefix, dropSchema, uniqueName } from '../queue/helpers.js';

/**
 * CLI conventions (issue 16 O3) and the operator's failures (O1), each asserting the exit code,
 * the time to fail and the Chinese message: --version, -h on every command, unknown flags with a
 * suggestion, `-` for stdin, --quiet, EPIPE, no stack traces, read-only commands never create a
 * store, `enqueue --wait` with no worker.
 */
const BIN = join(ROOT, 'bin', 'selfeval');
const dir = mkdtempSync(join(tmpdir(), 'selfeval-ops-cli-'));
const schema = uniqueName('ops_cli');
const prefix = uniqueName('ops');

afterAll(async () => {
  await dropSchema(schema);
  await dropQueuePrefix(prefix);
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], env: Record<string, string> = {}, input?: Buffer): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, SELFEVAL_LOG_LEVEL: 'warn', ...env }, timeout: 90_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr, ms: Date.now() - started });
    });
    if (input) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('conventions of every command', () => {
  it('--version, and -h/--help on every command (exit 0, usage on stdout)', async () => {
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^selfeval \d+\.\d+\.\d+\n$/);
    for (const name of Object.keys(COMMANDS)) {
      const r = await cli([name, '-h']);
      expect({ name, code: r.code }).toEqual({ name, code: 0 });
      expect(r.stdout).toContain('用法 / usage: selfeval');
    }
  }, 180_000);

  it('unknown options are rejected with a suggestion (exit 2, fast, Chinese)', async () => {
    const r = await cli(['extract', 'samples/seed.docx', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stderr).toContain('未知选项 --jsno');
    expect(r.stderr).toContain('是否想用 --json');
    const short = await cli(['status', '-x']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('未知选项 -x');
    const cmd = await cli(['statsu']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('是否想用 status');
  }, 60_000);

  it('`-` reads the file from standard input; --quiet prints only the summary', async () => {
    const r = await cli(['extract', '-', '--json'], {}, readFileSync(join(SAMPLES, 'seed.docx')));
    expect(r.code).toBe(0);
    const line = ResultSchema.parse(JSON.parse(r.stdout));
    expect(line).toMatchObject({ file: '-', status: 'ok', format: 'docx' });
    const q = await cli(['extract', join(SAMPLES, 'seed.docx'), '--quiet']);
    expect(q.code).toBe(0);
    expect(q.stdout).not.toContain('识别部分');
    expect(q.stdout).toContain('共 1 个文件');
    expect(q.stderr).toBe('');
  }, 60_000);

  it('a reader that goes away (| head) ends the run quietly: no EPIPE stack', async () => {
    const folder = join(dir, 'many');
    mkdirSync(folder);
    for (let n = 0; n < 6; n++) copyFileSync(join(SAMPLES, 'seed.docx'), join(folder, `r${n}.docx`));
    const started = Date.now();
    const out = await new Promise<{ code: number | null; stderr: string; first: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'extract', folder, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let first = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', (d) => {
        first = String(d);
        child.stdout.destroy(); // what `| head -1` does once it has its line
      });
      child.on('exit', (code) => resolve({ code, stderr, first }));
    });
    expect(out.first).toContain('"status"');
    expect(out.stderr).not.toContain('EPIPE');
    noStack(out.stderr);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('commands that read a store never create one: status --db /typo is an error', async () => {
    const typo = join(dir, 'typo-db');
    for (const args of [['status', '--db', typo], ['export', '--format', 'csv', '--db', typo], ['reprocess', '--db', typo]]) {
      const r = await cli(args, { DATABASE_URL: '' });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain('不存在或不是 selfeval 数据库');
      expect(r.ms).toBeLessThan(15_000);
      noStack(r.stderr);
    }
    expect(existsSync(typo)).toBe(false);
  }, 60_000);

  it('a database that cannot be reached is one Chinese line, exit 3, no stack (unless SELFEVAL_LOG_LEVEL=debug)', async () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' };
    const r = await cli(['status'], env);
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('连接被拒绝');
    const debug = await cli(['status'], { ...env, SELFEVAL_LOG_LEVEL: 'debug' });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 60_000);
});

describe('enqueue --wait with no worker', () => {
  it('says so after a few seconds, and keeps printing progress', async () => {
    const file = join(dir, 'waiting.docx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, docxVariant(new Uint8Array(readFileSync(join(SAMPLES, 'seed.docx'))), 900));
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'enqueue', file, '--wait'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix, SELFEVAL_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const notice = new Promise<number>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('处理中 / processing')) resolve(Date.now() - started);
      });
    });
    const at = await Promise.race([notice, new Promise<number>((r) => setTimeout(() => r(-1), 40_000))]);
    child.kill('SIGINT');
    expect(stderr).toContain('没有正在运行的工作进程');
    expect(stderr).toContain('selfeval worker');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(30_000);
  }, 60_000);
});
