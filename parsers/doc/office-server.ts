import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError, TransientError } from '../../src/errors.js';
import { WORD_97_FILTER } from './filters.js';
import { CLAIM_MS, EXIT_RESTART, installServeLibrary, officeArgs, runJobAsync, serverReady, spawnServer, spoolJob, standardLibrary } from './spool-client.js';

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

export { WORD_97_FILTER };

const HEARTBEAT_MS = 1000;
const DEFAULT_STARTUP_MS = 60_000;

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
    const outcome = await runJobAsync(spoolJob({ spool, stem: String(++this.seq), bytes, importFilter: filter, timeoutMs, alive: () => !this.exited }));
    switch (outcome.kind) {
      case 'done':
        this.conversions++;
        this.conversionsInAll++;
        return outcome.bytes;
      case 'failed':
        throw new InputError(
          'DOC_CONVERSION_FAILED',
          `LibreOffice 无法转换该文件（文件可能已损坏或不是 Word 文档：${outcome.reason.slice(0, 300)}） / LibreOffice could not convert the document`,
        );
      case 'ended':
        throw new OfficeCrashed('LibreOffice exited during the conversion');
      case 'unclaimed':
        // A job left unclaimed means the loop is gone (a Basic error, or LibreOffice stuck before it) while the process lives on.
        this.killNow();
        throw new OfficeCrashed(`LibreOffice did not take the job within ${CLAIM_MS} ms (${outcome.broken})`);
      case 'timeout':
        this.killNow();
        throw new TransientError('DOC_CONVERSION_FAILED', `文档转换超时（${timeoutMs / 1000} 秒），LibreOffice 已被终止并将重启，可重试 / document conversion timed out`);
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
    this.beat = 0;
    const startupMs = this.options.startupMs ?? DEFAULT_STARTUP_MS;
    for (let attempt = 0; ; attempt++) {
      const code = await this.runServer(spool, startupMs);
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
    const status = await runToExit(officeBinary(this.options.soffice), [...officeArgs(profile), '--terminate_after_init'], this.env(), this.options.startupMs ?? DEFAULT_STARTUP_MS);
    if (!existsSync(standardLibrary(profile))) throw new Error(`LibreOffice did not create its profile (exit ${status})`);
    installServeLibrary(profile);
  }

  /** Spawn the server; resolves null once its loop runs, or with its exit code if it ends first. */
  private runServer(spool: string, startupMs: number): Promise<number | null> {
    const child = spawnServer(officeBinary(this.options.soffice), join(this.dir!, 'profile'), spool, this.env(), parentDeathLauncher());
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
        if (serverReady(spool)) {
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

