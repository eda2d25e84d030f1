import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveJob, serveLibraryFiles, serveMacroUrl, type ServeExport } from './serve-macro.js';

/**
 * The client side of the spool protocol of serve-macro.ts, written once: the job files, the export filter,
 * the wait for the result, the time limit, the claim check (a loop that no longer takes jobs) and a server that
 * died — for the product's OfficeServer (asynchronous, runJobAsync) and the test fixtures' shared LibreOffice
 * (synchronous, runJobSync: fixture makers run at module top level). The protocol is a generator of waits: it
 * does the file work and yields how long to wait before its next look; a driver only sleeps, its way.
 */
export type JobOutcome =
  | { kind: 'done'; bytes: Uint8Array }
  /** The loop could not convert the document (its .err). */
  | { kind: 'failed'; reason: string }
  /** The server process is gone (crashed, killed, ended by its heartbeat). */
  | { kind: 'ended' }
  /** The loop did not take the job within the claim time while nothing else ran: it is gone, the process lives on. */
  | { kind: 'unclaimed'; broken: string }
  /** Past the job's time limit (the caller kills the server). */
  | { kind: 'timeout' };

export interface SpoolJob {
  spool: string;
  /** Unique in the spool (several processes may share one: prefix it with the pid). */
  stem: string;
  bytes: Uint8Array;
  /** LibreOffice's import filter. */
  importFilter: string;
  /** The export; default the loop's .docx. */
  exportAs?: ServeExport;
  timeoutMs: number;
  /** Whether the server process still runs. */
  alive: () => boolean;
}

export const POLL_MS = 10;
/** Time the loop may take to claim a job (rename .job → .run); it polls every 10 ms when alive and idle. */
export const CLAIM_MS = 15_000;

/** The protocol for one job: yields the milliseconds to wait before the next look, returns the outcome; the job's files are removed at the end. */
export function* spoolJob(job: SpoolJob): Generator<number, JobOutcome, void> {
  const base = join(job.spool, job.stem);
  const extension = job.exportAs?.extension ?? 'docx';
  const result = `${base}.${extension}`;
  try {
    writeFileSync(`${base}.doc`, job.bytes);
    // The job marker comes after the document is complete: the loop only looks for *.job. It holds the import
    // filter (and the export's lines), so it appears whole (written aside, then renamed): the loop may see a
    // file the moment it exists and must not read it empty.
    writeFileSync(`${base}.pending`, serveJob(job.importFilter, job.exportAs));
    renameSync(`${base}.pending`, `${base}.job`);
    const deadline = performance.now() + job.timeoutMs;
    // (A limit shorter than twice the claim time is left to the deadline: it is the caller's to give.)
    let claimBy = job.timeoutMs > 2 * CLAIM_MS ? performance.now() + CLAIM_MS : Infinity;
    for (;;) {
      if (existsSync(result)) return { kind: 'done', bytes: new Uint8Array(readFileSync(result)) };
      if (existsSync(`${base}.err`)) return { kind: 'failed', reason: readFileSync(`${base}.err`, 'utf8').trim() };
      if (!job.alive()) return { kind: 'ended' };
      const now = performance.now();
      if (now > claimBy && existsSync(`${base}.job`)) {
        // The loop takes a job within milliseconds when it runs and has nothing else to do; on a shared
        // spool another process's job may run first (its own time limit covers a hang there).
        if (converting(job.spool)) claimBy = now + CLAIM_MS;
        else return { kind: 'unclaimed', broken: readText(join(job.spool, 'broken')) || 'no reason given' };
      }
      if (now > deadline) return { kind: 'timeout' };
      yield POLL_MS;
    }
  } finally {
    for (const ext of ['doc', 'pending', 'job', 'run', 'part', extension, 'err']) rmSync(`${base}.${ext}`, { force: true });
  }
}

/** Drive a job, sleeping asynchronously between looks (the product's server). */
export async function runJobAsync(steps: Generator<number, JobOutcome, void>): Promise<JobOutcome> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((r) => setTimeout(r, step.value));
  }
}

/** Drive a job blocking this thread (fixture makers), calling `waiting` between looks (to advance a heartbeat). */
export function runJobSync(steps: Generator<number, JobOutcome, void>, waiting?: () => void): JobOutcome {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    waiting?.();
    sleepSync(step.value);
  }
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the loop is converting some job now (a .run file). */
function converting(spool: string): boolean {
  try {
    return readdirSync(spool).some((n) => n.endsWith('.run'));
  } catch {
    return false;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The arguments every start of a server's LibreOffice takes: its private profile, headless, no dialogs. */
export function officeArgs(profile: string): string[] {
  return [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--invisible', '--norestore', '--nologo', '--nolockcheck', '--nofirststartwizard'];
}

/** The profile's Basic library folder, where the loop is installed (after a first start made the profile). */
export function standardLibrary(profile: string): string {
  return join(profile, 'user', 'basic', 'Standard');
}

/** Install the loop into a profile a first start made (that start would have overwritten it). */
export function installServeLibrary(profile: string): void {
  const standard = standardLibrary(profile);
  if (!existsSync(standard)) throw new Error('LibreOffice did not create its profile');
  for (const [name, text] of Object.entries(serveLibraryFiles())) writeFileSync(join(standard, name), text);
}

/**
 * Start LibreOffice (`binary`, soffice.bin) running the loop on `spool`, detached in its own process group;
 * under `parentDeath` (setpriv's path) it is killed when the spawning process dies. The spool's `alive` is
 * reset first: the loop ends when it stops moving.
 */
export function spawnServer(binary: string, profile: string, spool: string, env: NodeJS.ProcessEnv, parentDeath: string | null) {
  rmSync(join(profile, '.lock'), { force: true });
  writeFileSync(join(spool, 'alive'), '0\n');
  const args = [...officeArgs(profile), '--nodefault', serveMacroUrl(spool)];
  const [command, argv] = parentDeath ? [parentDeath, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  const child = spawn(command, argv, { detached: true, stdio: 'ignore', env });
  child.unref();
  return child;
}

/** The loop runs (it wrote `ready`). */
export function serverReady(spool: string): boolean {
  return existsSync(join(spool, 'ready'));
}

/** LibreOffice's "restart requested" exit code (after it created a new profile). */
export const EXIT_RESTART = 81;
