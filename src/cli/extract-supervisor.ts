import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectInputs, type InputFile } from '../files.js';
import { parseArgs } from './args.js';
import { reportSkipped } from './skipped.js';
import { ConfirmedRelay, drained } from './confirmed-output.js';

/**
 * `selfeval extract` on many files, surviving a crash of the process itself.
 *
 * Files run in pipeline threads with time and memory limits (src/isolate), which stop a runaway
 * file — but a fault inside native code (an image or font library aborting, the kernel's OOM killer)
 * ends the whole process, and with it every file of the batch. So `extract` runs the batch in a
 * child process and watches it: the child reports each file as its result is written (a line on
 * fd 3, with the offset its output has reached); its output comes to the supervisor through a pipe
 * and goes on to stdout only as far as reported (src/cli/confirmed-output.ts), so a line the crash
 * cut short is never seen. If the child dies by a signal, the files that were in flight are run
 * again one at a time, the one that kills the process again gets an INTERNAL_ERROR result naming the file and the signal,
 * and the rest of the batch goes on. Output, --out files and exit codes are those of one run.
 *
 * Not supervised (run in this process as before): `--db` (one store transaction per batch), input
 * from standard input (`-`, cannot be read twice), `--help` and usage errors.
 */

/** What a supervised child is told through SELFEVAL_EXTRACT_CHILD. */
export interface ChildTask {
  /** JSON file holding the batch's InputFile list (collected once, by the supervisor). */
  list: string;
  /** Range of the list this child runs, [start, end). */
  start: number;
  end: number;
  /** Files at once (one at a time after a crash, to find the file that caused it). */
  jobs?: number;
  /** A file that ended the previous child: reported as INTERNAL_ERROR instead of run again. */
  crashed?: { index: number; signal: string };
}

/** The options `extract` takes (read here to decide, and by extract.ts to run). */
export const EXTRACT_OPTIONS = { flags: ['json', 'help', 'quiet'], values: ['out', 'lang', 'db', 'jobs'] };

const CHILD_ENV = 'SELFEVAL_EXTRACT_CHILD';
/** File descriptor on which a child reports `index<TAB>status<TAB>offset` per finished file. */
const REPORT_FD = 3;

export function childTask(): ChildTask | null {
  const raw = process.env[CHILD_ENV];
  return raw ? (JSON.parse(raw) as ChildTask) : null;
}

export async function readChildInputs(task: ChildTask): Promise<InputFile[]> {
  return JSON.parse(await readFile(task.list, 'utf8')) as InputFile[];
}

/**
 * Tell the supervisor that file `index` has its result written: the child's output has reached byte
 * `offset` (counted after the write's callback, so every byte before it is in the pipe).
 */
export function reportDone(index: number, status: 'ok' | 'error', offset: number): void {
  writeSync(REPORT_FD, `${index}\t${status}\t${offset}\n`);
}

/** The batch's last line (the supervisor's or, unsupervised, the run's own). */
export function batchTotalLine(files: number, failed: number): string {
  return `\n共 ${files} 个文件，成功 ${files - failed}，失败 ${failed} / ${files} files, ${failed} failed\n`;
}

/** Why a file during which the process died has no result (the result message names the file before it). */
export function crashReason(signal: string): string {
  return `处理此文件时进程异常终止（${signal}），多为文件中的图片、字体或压缩数据触发了底层库的故障；此文件未能读取，其余文件照常处理 / the process died (${signal}) while reading this file; the rest of the batch went on`;
}

export async function run(args: string[]): Promise<number> {
  const inProcess = async () => (await import('./extract.js')).run(args);
  if (childTask() || process.env.SELFEVAL_EXTRACT_SUPERVISE === '0') return inProcess();
  let parsed;
  try {
    parsed = parseArgs(args, EXTRACT_OPTIONS);
  } catch {
    return inProcess();
  }
  const jobs = parsed.values.has('jobs') ? Number(parsed.values.get('jobs')) : undefined;
  if (
    parsed.flags.has('help') ||
    parsed.values.has('db') ||
    parsed.positionals.length === 0 ||
    parsed.positionals.includes('-') ||
    (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
  ) {
    return inProcess();
  }
  const { files, skipped } = await collectInputs(parsed.positionals);
  if (!parsed.flags.has('quiet')) reportSkipped(skipped);
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-extract-'));
  try {
    const list = join(dir, 'inputs.json');
    await writeFile(list, JSON.stringify(files));
    const outcome = await superviseBatch(args, list, files.length, jobs ?? availableParallelism());
    const finished = outcome.exitCode === undefined;
    if (finished && !parsed.flags.has('json')) process.stdout.write(batchTotalLine(files.length, outcome.failed));
    // The relayed lines all out before returning (the command's end waits only 2 s: main.ts), unless stopped.
    if (!outcome.stopped) await drained();
    return outcome.exitCode ?? (outcome.failed > 0 ? 1 : 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface BatchOutcome {
  failed: number;
  /** Set when the batch ended otherwise than by running every file (usage error, stopped, broken pipe). */
  exitCode?: number;
  /** Stopped by SIGINT or SIGTERM. */
  stopped?: boolean;
}

async function superviseBatch(args: string[], list: string, total: number, jobs: number): Promise<BatchOutcome> {
  let failed = 0;
  let next = 0;
  // After a crash: files up to `suspectEnd` run one at a time, so a second crash names its file.
  let suspectEnd = 0;
  let crashed: ChildTask['crashed'];
  let stopping: NodeJS.Signals | null = null;
  let current: ReturnType<typeof spawn> | null = null;
  const stop = (signal: NodeJS.Signals) => {
    stopping = signal;
    current?.kill(signal);
  };
  // A supervisor that ends at once (its reader went away: EPIPE, src/cli/main.ts) takes the child along.
  const orphanNone = () => current?.kill('SIGTERM');
  process.on('SIGTERM', stop).on('SIGINT', stop).on('exit', orphanNone);
  try {
    while (next < total) {
      const oneAtATime = next < suspectEnd;
      // One file per child while suspects remain (plus the crashed one, which is only reported, not
      // run): a child holding more could be running two (read-ahead, a replaced worker), and the
      // crash would be laid at the wrong file.
      const end = oneAtATime ? Math.min(suspectEnd, next + (crashed ? 2 : 1)) : total;
      const task: ChildTask = { list, start: next, end, crashed };
      if (oneAtATime) task.jobs = 1;
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1], 'extract', ...args], {
        stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
        env: { ...process.env, [CHILD_ENV]: JSON.stringify(task) },
      });
      current = child;
      const relay = new ConfirmedRelay(child.stdout!);
      let done = next;
      let pending = '';
      child.stdio[REPORT_FD]?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        let nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const [index, status, offset] = pending.slice(0, nl).split('\t');
          pending = pending.slice(nl + 1);
          done = Number(index) + 1;
          if (status === 'error') failed++;
          relay.confirm(Number(offset));
        }
      });
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal })),
      );
      current = null;
      // Output past the last report: a line the child was writing when it died (re-run, written again whole).
      relay.dropUnconfirmed();
      const previous = crashed;
      crashed = undefined;
      if (stopping) return { failed, exitCode: stopping === 'SIGINT' ? 130 : 143, stopped: true };
      if (exit.signal === null && (exit.code === null || exit.code <= 3)) {
        // A normal end: the range is done, or the child stopped on its own (usage error, broken pipe).
        if (done < task.end) return { failed, exitCode: exit.code ?? 1 };
        next = done;
        continue;
      }
      const signal = exit.signal ?? `退出码 ${exit.code}`;
      if (previous && done <= previous.index) {
        // The child died before it could even report the previous crash: it cannot start at all.
        process.stderr.write(`selfeval extract: 进程反复异常终止（${signal}），无法继续 / the process keeps dying; stopped\n`);
        return { failed, exitCode: 70 };
      }
      if (oneAtATime) {
        // Only file `done` was running: it is the one.
        crashed = { index: done, signal };
        next = done;
      } else {
        process.stderr.write(`selfeval extract: 进程异常终止（${signal}），从第 ${done + 1} 个文件起逐个重新处理 / the process died; re-running the files in flight one at a time\n`);
        next = done;
        // The child held at most two files per thread in flight (src/cli/extract.ts).
        suspectEnd = Math.min(total, done + 2 * Math.max(1, jobs));
      }
    }
    return { failed };
  } finally {
    process.off('SIGTERM', stop).off('SIGINT', stop).off('exit', orphanNone);
  }
}
