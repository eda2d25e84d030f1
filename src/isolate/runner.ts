import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../../schemas/document.js';
import type { ErrorCode, Result } from '../../schemas/result.js';
import type { PipelineOutput } from '../pipeline.js';
import { InputError, TransientError } from '../errors.js';
import { contractFormat, sniffFormat } from '../../parsers/sniff.js';
import { fileTimeMs, limitsFromEnv, resolveLimits, type Limits } from '../limits.js';
import type { ConvertReply, JobMessage, ReleaseMessage, ResultSummary, WorkerData, WorkerMessage } from './protocol.js';

/**
 * Runs one file's pipeline in a worker thread with a time limit, V8 heap limits (`resourceLimits`)
 * and a bound on the process's resident memory (`maxRssMb`: memory outside the V8 heap, such as
 * decompressed PDF streams, counts too). A file that overruns is reported as TIMEOUT or
 * LIMIT_EXCEEDED and its worker is killed and replaced, so one hostile file can neither hang nor
 * crash a batch. With `concurrency` N, N files run side by side, one per thread (one per core).
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
  /** Also return a ResultSummary (what the store needs besides the text; see protocol.ts). */
  withSummary?: boolean;
  /** Return the Result's (and DocumentModel's) JSON as UTF-8 bytes (`resultUtf8`, `documentUtf8`), moved from the thread instead of copied as text. */
  utf8?: boolean;
}

export interface RunnerOptions {
  limits?: Partial<Limits>;
  /** Worker threads running files at the same time. */
  concurrency?: number;
  /** Time a new worker may take to load the pipeline before it counts as broken, in ms. */
  startupMs?: number;
  /** V8 young generation of each pipeline thread, MB (default YOUNG_GENERATION_MB). */
  youngGenerationMb?: number;
}

/**
 * V8's young generation per pipeline thread. 16 MB instead of 64 (V8 grows it up to the limit
 * when much survives a scavenge, and a report's objects live as long as its pipeline): a queue
 * worker over 300 seed.docx reports peaked at 214 MB RSS instead of 301 (median 194 instead of
 * 249), CPU per report unchanged within noise (92.4 vs 95.0 ms, bench/queue-split.ts, load 11).
 */
export const YOUNG_GENERATION_MB = 16;

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
  /** Times a file's time limit was moved for a page read by OCR that its bytes had not foreseen (an unusable text layer). */
  deadlineExtensions: number;
}

/**
 * A file's outcome as the pipeline thread sends it: the Result (and DocumentModel) as JSON text.
 * Text crosses the thread boundary as one copy, where a structured clone of the object graph costs
 * several times more on both sides; `extract --json` writes it as it is.
 */
export interface SerializedOutput {
  status: Result['status'];
  /** The Result as JSON text (decoded from resultUtf8 on first use when the thread sent bytes). */
  readonly resultJson: string;
  /** The same JSON as UTF-8 bytes, when `utf8` was asked for and the pipeline thread made the Result. */
  resultUtf8?: Uint8Array;
  /** Only when `withDocument` was asked for (decoded from documentUtf8 on first use when the thread sent bytes). */
  readonly documentJson: string | null;
  /** The DocumentModel's JSON as UTF-8 bytes, when `utf8` and `withDocument` were asked for. */
  documentUtf8?: Uint8Array | null;
  /** Only when `withSummary` was asked for, and only for results the pipeline made (not the runner's own error results). */
  summary: ResultSummary | null;
}

interface Job {
  id: number;
  input: IsolatedInput;
  resolve: (r: SerializedOutput | Promise<SerializedOutput>) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
  started: number;
  /** When the current job's time is up (performance.now() ms); moved by `extend` messages. */
  deadline: number;
  timer: NodeJS.Timeout | null;
  /** Memory the thread last said it holds for its current job (bytes), 0 before its first report. */
  memory: number;
  /** When the thread last reported its memory (or its job started), performance.now() ms. */
  reportedAt: number;
}

/** How often the process's resident memory is sampled while files are processed. */
const RSS_SAMPLE_MS = 50;
/** After a thread killed for memory has exited: time its memory may take to be returned (ms). */
const SETTLE_MS = 3000;
/**
 * A thread that has not reported its memory for this long is busy in synchronous work (inflating a
 * stream, say) and cannot say what it holds: the memory no report explains is counted as its.
 */
const STALE_REPORT_MS = 500;

const SOURCE_MODE = import.meta.url.endsWith('.ts');

export class IsolatedRunner {
  readonly limits: Limits;
  readonly stats: RunnerStats = { files: 0, ok: 0, errors: 0, timeouts: 0, memoryKills: 0, crashes: 0, workersStarted: 0, deadlineExtensions: 0 };
  private readonly slots: Slot[];
  private readonly pending: Job[] = [];
  private readonly startupMs: number;
  private readonly youngGenerationMb: number;
  private nextId = 1;
  private closed = false;
  private rssTimer: NodeJS.Timeout | null = null;
  /** A worker killed for memory that has not exited yet. */
  private freeing: Worker | null = null;
  /** After a memory kill: no other kill before this time (ms), unless RSS came back under the limit first. */
  private settleUntil = 0;
  /** Resident memory when the current run of files started (bytes). */
  private baselineRss = 0;
  /** Highest resident memory sampled while files ran (bytes). */
  peakRssBytes = 0;

  constructor(options: RunnerOptions = {}) {
    this.limits = resolveLimits(options.limits ?? {}, limitsFromEnv());
    this.startupMs = options.startupMs ?? 60_000;
    this.youngGenerationMb = options.youngGenerationMb ?? YOUNG_GENERATION_MB;
    const n = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.slots = Array.from({ length: n }, () => ({ worker: null, ready: false, job: null, started: 0, deadline: 0, timer: null, memory: 0, reportedAt: 0 }));
  }

  /** Threads running files at the same time. */
  get concurrency(): number {
    return this.slots.length;
  }

  /** Run the pipeline on one file. Never rejects: every outcome is a Result. */
  async run(input: IsolatedInput): Promise<Result> {
    return JSON.parse((await this.runJson({ ...input, transient: false, withDocument: false })).resultJson) as Result;
  }

  /**
   * Run the pipeline on one file and return the Result and (with `withDocument`) the DocumentModel.
   * Rejects only with a TransientError, and only when `transient` is set.
   */
  async runOutput(input: IsolatedInput): Promise<PipelineOutput> {
    const out = await this.runJson(input);
    return { result: JSON.parse(out.resultJson) as Result, document: out.documentJson === null ? null : (JSON.parse(out.documentJson) as DocumentModel) };
  }

  /** As runOutput, with the Result and DocumentModel as JSON text (not parsed on this thread). */
  runJson(input: IsolatedInput): Promise<SerializedOutput> {
    this.stats.files++;
    if (this.closed) return this.countError(errorOutput(input, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0));
    if (input.bytes.length > this.limits.maxFileBytes) {
      const reason = `文件 ${input.bytes.length} 字节，超过上限 ${this.limits.maxFileBytes} 字节 / file too large`;
      return this.countError(errorOutput(input, 'LIMIT_EXCEEDED', reason, 0));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Free a Result's UTF-8 bytes (from runJson with `utf8`) that the caller has written and no longer
   * reads: they are moved to a pipeline thread, which drops them (protocol.ts, ReleaseMessage). The
   * caller's array is empty afterwards. Without a live thread the bytes are left to this thread's GC.
   */
  release(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return;
    const worker = this.slots.find((s) => s.worker)?.worker;
    worker?.postMessage({ type: 'release', bytes } satisfies ReleaseMessage, [buffer]);
  }

  /** Stop all workers; files still waiting get an error result. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopRssWatch();
    for (const job of this.pending.splice(0)) job.resolve(this.countError(errorOutput(job.input, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0)));
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = null;
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.job) this.finish(slot, errorOutput(slot.job.input, 'INTERNAL_ERROR', '处理器已关闭 / runner closed', 0));
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
      slot.memory = 0;
      slot.started = performance.now();
      slot.reportedAt = slot.started;
      this.startRssWatch();
      slot.worker!.ref();
      const timeMs = job.input.timeMs ?? fileTimeMs(this.limits, job.input.bytes);
      slot.deadline = slot.started + timeMs;
      slot.timer = setTimeout(() => this.timedOut(slot), timeMs);
      const copy = new Uint8Array(job.input.bytes); // the caller keeps its bytes; the copy is moved
      const message: JobMessage = {
        type: 'job',
        id: job.id,
        file: job.input.file,
        bytes: copy,
        lang: job.input.lang ?? 'zh',
        withDocument: job.input.withDocument ?? false,
        withSummary: job.input.withSummary ?? false,
        transient: job.input.transient ?? false,
        utf8: job.input.utf8 ?? false,
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
        maxYoungGenerationSizeMb: Math.min(this.youngGenerationMb, Math.max(8, Math.floor(this.limits.maxWorkerHeapMb / 8))),
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
      loadedRulesVersion = m.rulesVersion;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      worker.unref();
      this.dispatch();
      return;
    }
    if (m.type === 'memory') {
      if (slot.job && slot.job.id === m.id) {
        slot.memory = m.bytes;
        slot.reportedAt = performance.now();
      }
      return;
    }
    if (m.type === 'convert') {
      this.convert(slot, worker, m.id, m.bytes, m.timeoutMs, m.filter);
      return;
    }
    if (m.type === 'extend') {
      if (slot.job && slot.job.id === m.id && slot.timer) {
        clearTimeout(slot.timer);
        this.stats.deadlineExtensions++;
        slot.deadline += m.ms;
        slot.timer = setTimeout(() => this.timedOut(slot), Math.max(0, slot.deadline - performance.now()));
      }
      return;
    }
    if (m.type === 'result' && slot.job && slot.job.id === m.id) {
      const { status, documentJson, summary } = m;
      this.finish(slot, m.resultUtf8 ? utf8Output(status, m.resultUtf8, m.documentUtf8 ?? documentJson, summary) : { status, resultJson: m.resultJson!, documentJson, summary });
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
        ? errorOutput(job.input, 'LIMIT_EXCEEDED', `处理时内存超过上限 ${this.limits.maxWorkerHeapMb} MB，已中止 / worker memory limit exceeded`, elapsed)
        : errorOutput(job.input, 'INTERNAL_ERROR', `处理进程异常退出：${e.message} / worker crashed`, elapsed);
      this.finish(slot, result);
    } else if (!slot.ready) {
      // The pipeline could not even load: fail the waiting files rather than retry forever.
      this.failPending(`处理进程无法启动：${e.message} / worker failed to start`);
    }
    this.dispatch();
  }

  private onWorkerExit(slot: Slot, worker: Worker, code: number): void {
    if (this.freeing === worker) {
      // A dead thread's memory goes back to the system over the next moments, not at once.
      this.freeing = null;
      this.settleUntil = performance.now() + SETTLE_MS;
    }
    if (slot.worker !== worker) return;
    this.stats.crashes++;
    this.retire(slot);
    if (slot.job) {
      const elapsed = performance.now() - slot.started;
      this.finish(slot, errorOutput(slot.job.input, 'INTERNAL_ERROR', `处理进程意外退出（代码 ${code}） / worker exited`, elapsed));
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
    const seconds = String(Math.round(slot.deadline - slot.started) / 1000);
    this.finish(slot, errorOutput(job.input, 'TIMEOUT', `处理超过 ${seconds} 秒，已中止 / processing exceeded the time limit`, performance.now() - slot.started));
    this.dispatch();
  }

  /** A thread's .doc conversion, by this thread's LibreOffice pool; the answer goes back if the thread still lives. */
  private convert(slot: Slot, worker: Worker, id: number, bytes: Uint8Array, timeoutMs: number, filter: string | undefined): void {
    const reply = (m: ConvertReply, transfer: ArrayBuffer[] = []) => {
      if (slot.worker === worker) worker.postMessage(m, transfer);
    };
    // The LibreOffice pool's modules are loaded with the first .doc (≈ 8 ms CPU at every extract's start otherwise).
    import('../../parsers/doc/convert.js').then(({ convertDocToDocx }) => convertDocToDocx(bytes, { timeoutMs, filter })).then(
      (converted) => {
        // Moved, not copied: a view of part of a larger buffer is copied out first.
        const docx = converted.byteOffset === 0 && converted.byteLength === converted.buffer.byteLength ? converted : converted.slice();
        reply({ type: 'converted', id, bytes: docx }, [docx.buffer as ArrayBuffer]);
      },
      (e: Error) => {
        const kind = e instanceof InputError ? 'input' : e instanceof TransientError ? 'transient' : 'other';
        reply({ type: 'convertFailed', id, kind, code: e instanceof InputError || e instanceof TransientError ? e.code : null, message: e.message });
      },
    );
  }

  /** Sample the process's resident memory while any file runs. */
  private startRssWatch(): void {
    if (this.rssTimer) return;
    // The process's own memory before these files: what no thread's report is expected to explain.
    this.baselineRss = process.memoryUsage.rss();
    this.rssTimer = setInterval(() => this.checkRss(), RSS_SAMPLE_MS);
    this.rssTimer.unref();
  }

  private stopRssWatch(): void {
    if (this.rssTimer) clearInterval(this.rssTimer);
    this.rssTimer = null;
  }

  /**
   * Past the resident-memory limit, stop the thread that holds the most memory (by its own last
   * report; a thread too busy to report is taken to be the one that has run longest). One at a
   * time: after a kill, wait until that thread is gone and its memory returned (RSS back under the
   * limit, or SETTLE_MS after its exit) before judging again.
   */
  checkRss(): void {
    const active = this.slots.filter((s) => s.job && s.worker);
    if (!active.length) {
      this.stopRssWatch();
      return;
    }
    const rss = process.memoryUsage.rss();
    this.peakRssBytes = Math.max(this.peakRssBytes, rss);
    const now = performance.now();
    if (rss <= this.limits.maxRssMb * 2 ** 20) {
      if (!this.freeing) this.settleUntil = 0;
      return;
    }
    if (this.freeing || now < this.settleUntil) return;
    // Each thread by its last report; a thread too busy to report (stale) also holds what no report
    // explains — under load a bomb's inflating thread is silent while a small file's thread reports.
    const explained = active.reduce((sum, s) => sum + s.memory, this.baselineRss);
    const unexplained = Math.max(0, rss - explained);
    const held = (s: Slot) => s.memory + (now - s.reportedAt > STALE_REPORT_MS ? unexplained : 0);
    const victim = active.reduce((a, b) => (held(b) > held(a) || (held(b) === held(a) && b.started < a.started) ? b : a));
    const job = victim.job!;
    const worker = victim.worker!;
    this.stats.memoryKills++;
    this.freeing = worker;
    this.settleUntil = Number.POSITIVE_INFINITY;
    this.retire(victim);
    void worker.terminate();
    this.finish(
      victim,
      errorOutput(job.input, 'LIMIT_EXCEEDED', `处理时进程内存达到 ${Math.round(rss / 2 ** 20)} MB，超过上限 ${this.limits.maxRssMb} MB，已中止 / process memory limit exceeded`, now - victim.started),
    );
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

  private finish(slot: Slot, result: SerializedOutput | Promise<SerializedOutput>): void {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (job) job.resolve(result instanceof Promise ? this.countError(result) : this.count(result));
  }

  private failPending(reason: string): void {
    for (const job of this.pending.splice(0)) job.resolve(this.countError(errorOutput(job.input, 'INTERNAL_ERROR', reason, 0)));
  }

  /** The runner's own error result (counted now, ready once the rule set's version is known). */
  private countError(output: Promise<SerializedOutput>): Promise<SerializedOutput> {
    this.stats.errors++;
    return output;
  }

  private count(output: SerializedOutput): SerializedOutput {
    if (output.status === 'ok') this.stats.ok++;
    else this.stats.errors++;
    return output;
  }
}

/** UTF-8 bytes (a Result moved from the pipeline thread) as text, without copying the bytes first. */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** An output whose Result came as UTF-8 bytes; the text is decoded only if a caller asks for it. */
function utf8Output(status: Result['status'], bytes: Uint8Array, document: Uint8Array | string | null, summary: ResultSummary | null): SerializedOutput {
  let text: string | undefined;
  let documentText: string | null | undefined = typeof document === 'string' || document === null ? document : undefined;
  return {
    status,
    resultUtf8: bytes,
    get resultJson() {
      return (text ??= utf8Text(bytes));
    },
    documentUtf8: typeof document === 'string' ? null : document,
    get documentJson() {
      if (documentText === undefined) documentText = utf8Text(document as Uint8Array);
      return documentText;
    },
    summary,
  };
}

/**
 * The runner's own error result for a file (closed, too large, killed, timed out). Its sha256 is
 * computed here, only for these: a file the pipeline finishes has it from the pipeline thread, so
 * the main thread does not hash every file's bytes a second time.
 */
async function errorOutput(input: IsolatedInput, code: ErrorCode, reason: string, elapsedMs: number): Promise<SerializedOutput> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const result = errorResult(input, sha256, code, reason, elapsedMs, await rulesVersion());
  return { status: 'error', resultJson: JSON.stringify(result), documentJson: null, summary: null };
}

/** The rule set's version, as the first pipeline thread to load named it. */
let loadedRulesVersion: string | null = null;

/**
 * The current rule set's version (RULES_VERSION). The pipeline threads load the rules; this thread
 * does not (the rule modules and what they import held ≈ 20 MB of its heap for one string): it takes
 * the version from a thread's `ready` message, or loads the rules only when no thread has started.
 */
export async function rulesVersion(): Promise<string> {
  loadedRulesVersion ??= (await import('../rules/index.js')).RULES_VERSION;
  return loadedRulesVersion;
}

/** A contract error result for a file the worker could not finish (the message names the file). */
export function errorResult(input: IsolatedInput, sha256: string, code: ErrorCode, reason: string, elapsedMs: number, rulesVersion: string): Result {
  const sniffed = sniffFormat(input.bytes);
  return {
    file: input.file,
    sha256,
    format: contractFormat(sniffed),
    status: 'error',
    error: { code, message: `${input.file}：${reason}` },
    report: null,
    discrepancies: [],
    rulesVersion,
    timings: { total: elapsedMs },
  };
}

let shared: IsolatedRunner | null = null;

/**
 * The process-wide runner (limits from the environment). The first call fixes its number of
 * threads (default one); this is what `extract` uses in-process.
 */
export function sharedRunner(concurrency = 1): IsolatedRunner {
  shared ??= new IsolatedRunner({ concurrency });
  return shared;
}

/** Run one file through the process-wide runner. */
export function runIsolated(input: IsolatedInput): Promise<Result> {
  return sharedRunner().run(input);
}

/** The process-wide runner's figures (null before the first file). */
export function sharedRunnerStats(): RunnerStats | null {
  return shared ? { ...shared.stats } : null;
}
