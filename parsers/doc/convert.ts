import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, TransientError } from '../../src/errors.js';
import { OfficePool } from './office-pool.js';
import { OfficeStartFailed, WORD_97_FILTER } from './office-server.js';

export { WORD_97_FILTER };

/**
 * Converts a document's bytes to .docx bytes with LibreOffice's import filter `filter` (default
 * "MS Word 97") within a time limit (e.g. by asking another thread's pool).
 */
export type DocConverter = (bytes: Uint8Array, timeoutMs: number, filter?: string) => Promise<Uint8Array>;

export interface DocConversionOptions {
  /** Kill a conversion after this long (default 120 s). */
  timeoutMs?: number;
  /** The soffice executable; default: `soffice` (or `libreoffice`) found on PATH. */
  sofficePath?: string;
  /** Parent of the private working directories (default: the OS temp dir). */
  tempRoot?: string;
  /**
   * Who converts. Default: this process's pool of long-lived LibreOffice servers (office-pool.ts);
   * a pipeline thread passes one that asks its runner (the process's main thread), so every
   * thread shares one pool and LibreOffice lives as long as the process, not the thread.
   */
  converter?: DocConverter;
  /** One fresh LibreOffice per file (the fallback when no server can be started). */
  fresh?: boolean;
  /** LibreOffice's import filter (default "MS Word 97"; RTF, ODT… are converted the same way). */
  filter?: string;
}

export const DEFAULT_DOC_TIMEOUT_MS = 120_000;

const MISSING_MESSAGE =
  '无法转换 .doc：未找到 LibreOffice（soffice）。请安装 Debian 软件包 libreoffice-writer-nogui，或将文件另存为 .docx / LibreOffice (soffice) not found: install the Debian package libreoffice-writer-nogui';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Locate soffice: an explicit path, or `soffice` / `libreoffice` on PATH. */
export async function findSoffice(explicit?: string): Promise<string | null> {
  if (explicit) return (await isExecutable(explicit)) ? explicit : null;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderr: string;
}

/** Run a command in its own process group; on timeout the whole group is killed. */
function runWithTimeout(command: string, args: string[], timeoutMs: number, cwd: string): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: cwd } });
    let stderr = '';
    let timedOut = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // soffice may leave helper processes (oosplash → soffice.bin) behind in its group.
      killGroup();
      resolve({ code, signal, timedOut, stderr });
    });
  });
}

const pools = new Map<string, OfficePool | 'broken'>();

/**
 * .doc bytes → .docx bytes with LibreOffice headless: by the given converter, else by this
 * process's pool of long-lived LibreOffice servers (one per soffice and temp root), else — when
 * no server can be started — by one fresh LibreOffice for this file.
 */
export async function convertDocToDocx(bytes: Uint8Array, options: DocConversionOptions = {}): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOC_TIMEOUT_MS;
  const filter = options.filter ?? WORD_97_FILTER;
  if (options.converter) return options.converter(bytes, timeoutMs, filter);
  const soffice = await findSoffice(options.sofficePath);
  if (!soffice) throw new InputError('DOC_CONVERTER_MISSING', MISSING_MESSAGE);
  const tempRoot = options.tempRoot ?? tmpdir();
  const key = `${soffice}\0${tempRoot}`;
  let pool = options.fresh ? 'broken' : pools.get(key);
  if (pool === undefined) {
    pool = new OfficePool({ soffice, tempRoot });
    pools.set(key, pool);
  }
  if (pool !== 'broken') {
    try {
      return await pool.convert(bytes, timeoutMs, filter);
    } catch (e) {
      if (!(e instanceof OfficeStartFailed)) throw e;
      // No server here (LibreOffice too old for the loop, a sandbox…): one process per file from now on.
      pools.set(key, 'broken');
      await pool.close();
    }
  }
  return convertFresh(soffice, bytes, timeoutMs, tempRoot, filter);
}

/** Stop every LibreOffice server of this process and remove their directories. */
export async function closeDocConverters(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => (p === 'broken' ? undefined : p.close())));
}

/**
 * One fresh LibreOffice for one file: a private temporary directory with its own user profile
 * (-env:UserInstallation), so parallel conversions never share a profile lock; always removed.
 */
async function convertFresh(soffice: string, bytes: Uint8Array, timeoutMs: number, tempRoot: string, filter: string): Promise<Uint8Array> {
  const work = await mkdtemp(join(tempRoot, 'selfeval-doc-'));
  try {
    const input = join(work, 'input.doc');
    const outDir = join(work, 'out');
    await writeFile(input, bytes);
    const profile = pathToFileURL(join(work, 'profile')).href;
    // The input filter is forced: without it LibreOffice imports an unreadable file as plain text
    // and "succeeds" with garbage.
    const args = [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      `--infilter=${filter}`,
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      outDir,
      input,
    ];
    let outcome: RunOutcome;
    try {
      outcome = await runWithTimeout(soffice, args, timeoutMs, work);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('DOC_CONVERTER_MISSING', MISSING_MESSAGE, { cause: e });
      throw new TransientError('DOC_CONVERSION_FAILED', `无法启动 LibreOffice：${(e as Error).message} / could not start LibreOffice`, { cause: e });
    }
    if (outcome.timedOut) {
      throw new TransientError('DOC_CONVERSION_FAILED', `文档转换超时（${timeoutMs / 1000} 秒），LibreOffice 已被终止，可重试 / document conversion timed out`);
    }
    const produced = (await readdir(outDir).catch(() => [] as string[])).find((f) => f.endsWith('.docx'));
    if (!produced) {
      const detail = outcome.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300);
      throw new InputError(
        'DOC_CONVERSION_FAILED',
        `LibreOffice 无法转换该文件（文件可能已损坏或不是 Word 文档；退出码 ${outcome.code ?? outcome.signal}${detail ? `：${detail}` : ''}） / LibreOffice could not convert the document`,
      );
    }
    return new Uint8Array(await readFile(join(outDir, produced)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
