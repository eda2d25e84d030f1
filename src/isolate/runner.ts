import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, Result } from '../../schemas/result.js';
import type { PipelineOutput } from '../pipeline.js';
import { TransientError } from '../errors.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { RULES_VERSION } from '../rules/index.js';
import { fileTimeMs, limitsFromEnv, resolveLimits, type Limits } from '../limits.js';
import type { JobMessage, WorkerData, WorkerMessage } from './protocol.js';

/**
 * Runs one file's pipeline in a worker thread with a time limit and V8 heap limits
 * (`resourceLimits`). A file that overruns is reported as TIMEOUT or LIMIT_EXCEEDED and its worker
 * is killed and replaced, so one hostile file can neither hang nor crash a batch.
 *
 * Workers are kept between files (starting one costs hundreds of ms) and `unref`'d while idle,
 * so a CLI run ends when its last file is done without an explicit close().
 */
export interface IsolatedInput {
  bytes: Uint8Array;
  /** File name as given by the user (kept verbatim in the result). */
  file: string;
  lang?: 'zh' | 'en';
  /** This file's time limit in ms, instead of the runner's `timeMsPerFile`. */
  timeMs?: number;
  /** Also return the DocumentModel (the store keeps it). */
  withDocument?: boolean;
  /** Reject with TransientError on transient faults (queue workers retry them) instead of an error result. */
  transient?: boolean;
}

export interface RunnerOptions {
  limits?: Partial<Limits>;
  /** Worker threads running files at the same time. */
  concurrency?: number;
  /** Time a new worker may take to load the pipeline before it counts as broken, in ms. */
  startupMs?: number;
}

/** What happened to the files this runner was given (figures for reports and tests). */
export interface RunnerStats {
  files: number;
  ok: number;
  errors: number;
  timeouts: number;
  memoryKills: number;
  /** Workers that died for another reason (an uncaught fault in the worker). */
  crashes: number;
  workersStarted: number;
}

interface Job {
  id: number;
  input: IsolatedInput;
  sha256: string;
  resolve: (r: PipelineOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
  started: number;
  timer: NodeJS.Timeout | null;
}

const SOURCE_MODE = import.meta.url.endsWith('.ts');

export class IsolatedRunner {
  readonly limits: Limits;
  readonly stats: RunnerStats = { files: 0, ok: 0, errors: 0, timeouts: 0, memoryKills: 0, crashes: 0, workersStarted: 0 };
  private readonly slots: Slot[];
  private readonly pending: Job[] = [];
  private readonly startupMs: number;
  private nextId = 1;
  private closed = false;

  constructor(options: RunnerOptions = {}) {
    this.limits = resolveLimits(options.limits ?? {}, limitsFromEnv());
    this.startupMs = options.startupMs ?? 60_000;
    const n = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.slots = Array.from({ length: n }, () => ({ worker: null, ready: false, job: null, started: 0, timer: null }));
  }

  /** Run the pipeline on one file. Never rejects: every outcome is a Result. */
  async run(input: IsolatedInput): Promise<Result> {
    return (await this.runOutput({ ...input, transient: false })).result;
  }

  /**
   * Run the pipeline on one file and return the Result and (with `withDocument`) the DocumentModel.
   * Rejects only with a TransientError, and only when `transient` is set.
   */
  runOutput(input: IsolatedInput): Promise<PipelineOutput> {
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    this.stats.files++;
    if (this.closed) return Promise.resolve(this.count(errorOutput(input, sha256, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0)));
    if (input.bytes.length > this.limits.maxFileBytes) {
      const reason = `文件 ${input.bytes.length} 字节，超过上限 ${this.limits.maxFileBytes} 字节 / file too large`;
      return Promise.resolve(this.count(errorOutput(input, sha256, 'LIMIT_EXCEEDED', reason, 0)));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ id: this.nextId++, input, sha256, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop all workers; files still waiting get an error result. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.pending.splice(0)) job.resolve(this.count(errorOutput(job.input, job.sha256, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0)));
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = null;
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.job) this.finish(slot, errorOutput(slot.job.input, slot.job.sha256, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0));
        if (worker) await worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    let unserved = this.pending.length;
    for (const slot of this.slots) {
      if (!this.pending.length || unserved <= 0) return;
      if (slot.job) continue;
      unserved--;
      if (!slot.worker) this.spawn(slot);
      if (!slot.ready) {
        // The job waits for the worker to load; only its startup time is limited meanwhile.
        if (!slot.timer) slot.timer = setTimeout(() => this.startupFailed(slot), this.startupMs);
        continue;
      }
      const job = this.pending.shift()!;
      slot.job = job;
      slot.started = performance.now();
      slot.worker!.ref();
      slot.timer = setTimeout(() => this.timedOut(slot), job.input.timeMs ?? fileTimeMs(this.limits, job.input.bytes));
      const copy = new Uint8Array(job.input.bytes); // the caller keeps its bytes; the copy is moved
      const message: JobMessage = {
        type: 'job',
        id: job.id,
        file: job.input.file,
        bytes: copy,
        lang: job.input.lang ?? 'zh',
        withDocument: job.input.withDocument ?? false,
        transient: job.input.transient ?? false,
      };
      slot.worker!.postMessage(message, [copy.buffer]);
    }
  }

  private spawn(slot: Slot): void {
    const entry = new URL(SOURCE_MODE ? './worker.ts' : './worker.js', import.meta.url);
    const script = SOURCE_MODE ? new URL('./bootstrap.mjs', import.meta.url) : entry;
    const data: WorkerData = { entry: entry.href, limits: this.limits };
    const worker = new Worker(script, {
      workerData: data,
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxWorkerHeapMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(this.limits.maxWorkerHeapMb / 8))),
        stackSizeMb: 8,
      },
    });
    this.stats.workersStarted++;
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, worker, m));
    worker.on('error', (e: Error & { code?: string }) => this.onWorkerError(slot, worker, e));
    worker.on('exit', (code) => this.onWorkerExit(slot, worker, code));
  }

  private onMessage(slot: Slot, worker: Worker, m: WorkerMessage): void {
    if (slot.worker !== worker) return;
    if (m.type === 'ready') {
      slot.ready = true;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      worker.unref();
      this.dispatch();
      return;
    }
    if (m.type === 'result' && slot.job && slot.job.id === m.id) {
      this.finish(slot, { result: m.result, document: m.document });
      worker.unref();
      this.dispatch();
    }
    if (m.type === 'transient' && slot.job && slot.job.id === m.id) {
      const job = slot.job;
      slot.job = null;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      this.stats.errors++;
      job.reject(new TransientError(m.code, m.message));
      worker.unref();
      this.dispatch();
    }
  }

  private onWorkerError(slot: Slot, worker: Worker, e: Error & { code?: string }): void {
    if (slot.worker !== worker) return;
    const outOfMemory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (outOfMemory) this.stats.memoryKills++;
    else this.stats.crashes++;
    this.retire(slot);
    const job = slot.job;
    if (job) {
      const elapsed = performance.now() - slot.started;
      const result = outOfMemory
        ? errorOutput(job.input, job.sha256, 'LIMIT_EXCEEDED', `处理时内存超过上限 ${this.limits.maxWorkerHeapMb} MB，已中止 / worker memory limit exceeded`, elapsed)
        : errorOutput(job.input, job.sha256, 'INTERNAL_ERROR', `处理进程异常退出：${e.message} / worker crashed`, elapsed);
      this.finish(slot, result);
    } else if (!slot.ready) {
      // The pipeline could not even load: fail the waiting files rather than retry forever.
      this.failPending(`处理进程无法启动：${e.message} / worker failed to start`);
    }
    this.dispatch();
  }

  private onWorkerExit(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return;
    this.stats.crashes++;
    this.retire(slot);
    if (slot.job) {
      const elapsed = performance.now() - slot.started;
      this.finish(slot, errorOutput(slot.job.input, slot.job.sha256, 'INTERNAL_ERROR', `处理进程意外退出（代码 ${code}） / worker exited`, elapsed));
    }
    this.dispatch();
  }

  private timedOut(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.stats.timeouts++;
    const worker = slot.worker;
    this.retire(slot);
    void worker?.terminate();
    const seconds = String((job.input.timeMs ?? fileTimeMs(this.limits, job.input.bytes)) / 1000);
    this.finish(slot, errorOutput(job.input, job.sha256, 'TIMEOUT', `处理超过 ${seconds} 秒，已中止 / processing exceeded the time limit`, performance.now() - slot.started));
    this.dispatch();
  }

  private startupFailed(slot: Slot): void {
    slot.timer = null;
    if (slot.ready || !slot.worker) return;
    const worker = slot.worker;
    this.stats.crashes++;
    this.retire(slot);
    void worker.terminate();
    this.failPending(`处理进程 ${this.startupMs} ms 内未能启动 / worker did not start in time`);
  }

  /** Forget a slot's worker (dead or being killed); the next job starts a fresh one. */
  private retire(slot: Slot): void {
    slot.worker = null;
    slot.ready = false;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private finish(slot: Slot, result: PipelineOutput): void {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    job?.resolve(this.count(result));
  }

  private failPending(reason: string): void {
    for (const job of this.pending.splice(0)) job.resolve(this.count(errorOutput(job.input, job.sha256, 'INTERNAL_ERROR', reason, 0)));
  }

  private count(output: PipelineOutput): PipelineOutput {
    if (output.result.status === 'ok') this.stats.ok++;
    else this.stats.errors++;
    return output;
  }
}

function errorOutput(input: IsolatedInput, sha256: string, code: ErrorCode, reason: string, elapsedMs: number): PipelineOutput {
  return { result: errorResult(input, sha256, code, reason, elapsedMs), document: null };
}

/** A contract error result for a file the worker could not finish (the message names the file). */
export function errorResult(input: IsolatedInput, sha256: string, code: ErrorCode, reason: string, elapsedMs: number): Result {
  const sniffed = sniffFormat(input.bytes);
  return {
    file: input.file,
    sha256,
    format: sniffed === 'docx' || sniffed === 'doc' || sniffed === 'pdf' ? sniffed : null,
    status: 'error',
    error: { code, message: `${input.file}：${reason}` },
    report: null,
    discrepancies: [],
    rulesVersion: RULES_VERSION,
    timings: { total: elapsedMs },
  };
}

let shared: IsolatedRunner | null = null;

/**
 * Run one file through the process-wide runner (limits from the environment, one worker).
 * This is what `extract` uses in-process.
 */
export function runIsolated(input: IsolatedInput): Promise<Result> {
  shared ??= new IsolatedRunner();
  return shared.run(input);
}

/** The process-wide runner's figures (null before the first file). */
export function sharedRunnerStats(): RunnerStats | null {
  return shared ? { ...shared.stats } : null;
}
