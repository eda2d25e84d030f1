import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, TransientError } from '../../src/errors.js';
import { serveLibraryFiles, serveMacroUrl } from './serve-macro.js';

/**
 * One long-lived LibreOffice, kept running and reused for conversions (parsers/doc/serve-macro.ts
 * is the loop it runs). Private profile and spool folder in a temporary directory of its own; one
 * conversion at a time (the pool runs several servers for concurrency).
 *
 * It never outlives its owner: it is started in its own process group with the Linux parent-death
 * signal (`setpriv --pdeathsig KILL`, util-linux), so it is killed when the owning process dies —
 * even by SIGKILL —; where that is not available, the macro's heartbeat check ends it within about
 * half a minute. A conversion past its time limit kills the instance (the next one starts fresh).
 */
export interface OfficeServerOptions {
  /** The soffice executable (found on PATH by the caller). */
  soffice: string;
  /** Parent of the server's private directory. */
  tempRoot: string;
  /** Time LibreOffice may take to start and be ready, in ms. */
  startupMs?: number;
}

/** Thrown when the instance died during a conversion (crash, or killed from outside). */
export class OfficeCrashed extends Error {}

/** Thrown when LibreOffice could not be started as a server (the caller falls back to one process per file). */
export class OfficeStartFailed extends Error {}

/** LibreOffice's import filter for Word 97–2003 (.doc); the server loop's default too (serve-macro.ts). */
export const WORD_97_FILTER = 'MS Word 97';

const HEARTBEAT_MS = 1000;
const POLL_MS = 10;
const DEFAULT_STARTUP_MS = 60_000;
/** Time the loop may take to claim a job (rename .job → .run); it polls every 10 ms when alive. */
const CLAIM_MS = 15_000;
/** LibreOffice's "restart requested" exit code (after it created a new profile). */
const EXIT_RESTART = 81;

let setpriv: string | null | undefined;
/** util-linux `setpriv`, when it can set the parent-death signal here (checked once, when first needed). */
export function parentDeathLauncher(): string | null {
  if (setpriv === undefined) {
    const path = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => process.platform === 'linux' && existsSync(p)) ?? null;
    setpriv = path && spawnSync(path, ['--pdeathsig', 'KILL', '--', 'true']).status === 0 ? path : null;
  }
  return setpriv;
}

/** Every live instance of this process, killed synchronously when the process exits normally. */
const live = new Set<OfficeServer>();
process.once('exit', () => {
  for (const s of live) s.killNow(true);
});

const DIR_PREFIX = 'selfeval-office-';

/** Private directories left by processes that died (their LibreOffice died with them): removed. */
function removeStaleDirs(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^selfeval-office-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OfficeServer {
  private child: ChildProcess | null = null;
  private dir: string | null = null;
  private starting: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private beat = 0;
  private seq = 0;
  private exited = true;
  /** Conversions done by this instance since it (re)started, and starts. */
  conversions = 0;
  starts = 0;
  /** Conversions done by this server over all its starts. */
  conversionsInAll = 0;

  constructor(private readonly options: OfficeServerOptions) {}

  /** The LibreOffice process id (tests kill it to simulate a crash), or null when not running. */
  get pid(): number | null {
    return this.exited ? null : (this.child?.pid ?? null);
  }

  /** Convert one document (.doc unless `filter` names another import filter) to .docx. Starts the instance first when it is not running. */
  async convert(bytes: Uint8Array, timeoutMs: number, filter = WORD_97_FILTER): Promise<Uint8Array> {
    await this.start();
    const spool = join(this.dir!, 'spool');
    const stem = String(++this.seq);
    const base = join(spool, stem);
    await writeFile(`${base}.doc`, bytes);
    // The job marker comes after the document is complete: the loop only looks for *.job. It holds
    // the import filter's name, so it appears whole (written aside, then renamed): the loop may see
    // a file the moment it exists and must not read it empty.
    await writeFile(`${base}.pending`, filter);
    await rename(`${base}.pending`, `${base}.job`);
    const deadline = performance.now() + timeoutMs;
    // (A limit shorter than twice the claim time is left to the deadline: it is the caller's to give.)
    const claimBy = timeoutMs > 2 * CLAIM_MS ? performance.now() + CLAIM_MS : Infinity;
    let claimed = false;
    try {
      for (;;) {
        if (existsSync(`${base}.docx`)) {
          this.conversions++;
          this.conversionsInAll++;
          return new Uint8Array(await readFile(`${base}.docx`));
        }
        if (existsSync(`${base}.err`)) {
          const reason = (await readFile(`${base}.err`, 'utf8')).trim().slice(0, 300);
          throw new InputError(
            'DOC_CONVERSION_FAILED',
            `LibreOffice 无法转换该文件（文件可能已损坏或不是 Word 文档：${reason}） / LibreOffice could not convert the document`,
          );
        }
        if (this.exited) throw new OfficeCrashed('LibreOffice exited during the conversion');
        const now = performance.now();
        if (now > claimBy && !claimed) {
          // The loop takes a job within milliseconds when it runs; a job left unclaimed means the
          // loop is gone (a Basic error, or LibreOffice stuck before it) while the process lives on.
          claimed = !existsSync(`${base}.job`);
          if (!claimed) {
            const broken = existsSync(join(spool, 'broken')) ? (await readFile(join(spool, 'broken'), 'utf8')).trim() : 'no reason given';
            this.killNow();
            throw new OfficeCrashed(`LibreOffice did not take the job within ${CLAIM_MS} ms (${broken})`);
          }
        }
        if (now > deadline) {
          this.killNow();
          throw new TransientError('DOC_CONVERSION_FAILED', `文档转换超时（${timeoutMs / 1000} 秒），LibreOffice 已被终止并将重启，可重试 / document conversion timed out`);
        }
        await sleep(POLL_MS);
      }
    } finally {
      for (const ext of ['doc', 'pending', 'job', 'run', 'part', 'docx', 'err']) rmSync(`${base}.${ext}`, { force: true });
    }
  }

  /** Start LibreOffice (once; again after it died). */
  start(): Promise<void> {
    if (!this.exited && this.child) return this.starting ?? Promise.resolve();
    this.starting ??= this.launch()
      .catch((e: Error) => {
        this.killNow();
        throw new OfficeStartFailed(`LibreOffice 无法作为常驻转换服务启动：${e.message} / could not start the LibreOffice server`, { cause: e });
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  private async launch(): Promise<void> {
    if (!this.dir) {
      removeStaleDirs(this.options.tempRoot);
      // The owner's pid in the name: a later process removes the directory if this one dies.
      this.dir = await mkdtemp(join(this.options.tempRoot, `${DIR_PREFIX}${process.pid}-`));
      await this.initProfile();
    }
    const spool = join(this.dir, 'spool');
    await rm(spool, { recursive: true, force: true });
    await mkdir(spool);
    rmSync(join(this.dir, 'profile', '.lock'), { force: true });
    this.beat = 0;
    writeFileSync(join(spool, 'alive'), '0\n');
    const startupMs = this.options.startupMs ?? DEFAULT_STARTUP_MS;
    for (let attempt = 0; ; attempt++) {
      const code = await this.spawnServer(spool, startupMs);
      if (code === null) break;
      // A first start may ask for a restart (profile migration); anything else is a failure.
      if (code !== EXIT_RESTART || attempt > 0) throw new Error(`LibreOffice exited during start-up (code ${code})`);
    }
    this.starts++;
    this.conversions = 0;
    this.heartbeat = setInterval(() => {
      try {
        writeFileSync(join(spool, 'alive'), `${++this.beat}\n`);
      } catch {
        /* the directory is gone: the server is being closed */
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * Create the private profile, then install the Basic loop into it (a first start would overwrite it).
   * Asynchronous on purpose: a first start takes seconds (tens under load), and a blocked event loop
   * stops the heartbeat of every other server of the pool — whose loops then end themselves.
   */
  private async initProfile(): Promise<void> {
    const profile = join(this.dir!, 'profile');
    const status = await runToExit(officeBinary(this.options.soffice), [...this.baseArgs(profile), '--terminate_after_init'], this.env(), this.options.startupMs ?? DEFAULT_STARTUP_MS);
    const standard = join(profile, 'user', 'basic', 'Standard');
    if (!existsSync(standard)) throw new Error(`LibreOffice did not create its profile (exit ${status})`);
    for (const [name, text] of Object.entries(serveLibraryFiles())) await writeFile(join(standard, name), text);
  }

  /** Spawn the server; resolves null once its loop runs, or with its exit code if it ends first. */
  private spawnServer(spool: string, startupMs: number): Promise<number | null> {
    const profile = join(this.dir!, 'profile');
    const binary = officeBinary(this.options.soffice);
    const args = [...this.baseArgs(profile), '--nodefault', serveMacroUrl(spool)];
    const launcher = parentDeathLauncher();
    const [command, argv] = launcher ? [launcher, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
    const child = spawn(command, argv, { detached: true, stdio: 'ignore', env: this.env() });
    child.unref();
    this.child = child;
    this.exited = false;
    live.add(this);
    return new Promise((resolve, reject) => {
      let settled = false;
      const started = performance.now();
      // A killed instance's exit can arrive after its successor started: only the current child's
      // events change this server's state.
      const current = () => this.child === child;
      child.once('error', (e) => {
        if (current()) this.exited = true;
        if (!settled) {
          settled = true;
          reject(e);
        }
      });
      child.once('exit', (code, signal) => {
        if (current()) {
          this.exited = true;
          live.delete(this);
          if (this.heartbeat) clearInterval(this.heartbeat);
          this.heartbeat = null;
        }
        if (!settled) {
          settled = true;
          resolve(code ?? (signal ? -1 : 0));
        }
      });
      const poll = () => {
        if (settled) return;
        if (existsSync(join(spool, 'ready'))) {
          settled = true;
          resolve(null);
        } else if (performance.now() - started > startupMs) {
          settled = true;
          this.killNow();
          reject(new Error(`LibreOffice was not ready within ${startupMs} ms`));
        } else setTimeout(poll, 20);
      };
      poll();
    });
  }

  private baseArgs(profile: string): string[] {
    return officeArgs(profile);
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, HOME: this.dir!, SAL_USE_VCLPLUGIN: 'svp' };
  }

  /** Kill the instance and its process group now (synchronous: also used at process exit). */
  killNow(removeDir = false): void {
    const pid = this.child?.pid;
    if (pid && !this.exited) killProcessGroup(pid);
    this.exited = true;
    live.delete(this);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (removeDir && this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stop the instance and remove its private directory. */
  async close(): Promise<void> {
    const child = this.child;
    const wasRunning = !this.exited;
    this.killNow();
    if (child && wasRunning && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        setTimeout(r, 2000);
      });
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/** The arguments every start of a server's LibreOffice takes: its private profile, headless, no dialogs. */
export function officeArgs(profile: string): string[] {
  return [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--invisible', '--norestore', '--nologo', '--nolockcheck', '--nofirststartwizard'];
}

/**
 * soffice (a launcher script and oosplash) starts soffice.bin as a child; the server runs
 * soffice.bin itself, so the parent-death signal and the process group reach LibreOffice directly.
 */
export function officeBinary(soffice: string): string {
  try {
    const bin = join(dirname(realpathSync(soffice)), 'soffice.bin');
    if (existsSync(bin)) return bin;
  } catch {
    /* fall through */
  }
  return soffice;
}

/** Run a command to its end without blocking the event loop; killed (SIGKILL) past `timeoutMs`. Resolves its exit code or signal. */
function runToExit(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(String(code ?? signal));
    });
  });
}

/** SIGKILL a process and its process group (the group when it leads one, else the process alone). */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
