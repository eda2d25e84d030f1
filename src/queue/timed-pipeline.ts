import { Worker } from 'node:worker_threads';
import type { ErrorCode, Result } from '../../schemas/result.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { TransientError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { PipelineOutput } from '../pipeline.js';
import { RULES_VERSION } from '../rules/index.js';
import { sha256Of } from '../store/store.js';

/**
 * Runs the pipeline in a reusable worker thread with a time limit. Parsing is CPU-bound, so a
 * timer in the same thread could never fire during a runaway parse; terminating the thread can.
 */
export class TimedPipeline {
  private worker: Worker | null = null;
  private nextId = 1;

  /** `limits` (src/limits.ts): time per file, heap of the parsing thread, file size, parser limits. */
  constructor(private readonly limits: Limits) {}

  async run(bytes: Uint8Array, file: string, lang: 'zh' | 'en' = 'zh'): Promise<PipelineOutput> {
    if (bytes.length > this.limits.maxFileBytes) {
      const reason = `文件 ${bytes.length} 字节，超过上限 ${this.limits.maxFileBytes} 字节 / file too large`;
      return errorOutput(bytes, file, 'LIMIT_EXCEEDED', reason, 0);
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<PipelineOutput>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const failWith = (code: ErrorCode, reason: string) => {
        cleanup();
        this.discard(worker);
        resolve(errorOutput(bytes, file, code, reason, performance.now() - started));
      };
      const timer = setTimeout(
        () => failWith('TIMEOUT', `处理超时（超过 ${Math.round(this.limits.timeMsPerFile / 1000)} 秒）/ processing exceeded the time limit`),
        this.limits.timeMsPerFile,
      );
      const onMessage = (msg: { id: number; ok: boolean; output?: PipelineOutput; transient?: boolean; code?: ErrorCode; message?: string }) => {
        if (msg.id !== id) return;
        cleanup();
        if (msg.ok) resolve(msg.output!);
        else if (msg.transient) reject(new TransientError(msg.code ?? 'INTERNAL_ERROR', msg.message ?? ''));
        else resolve(errorOutput(bytes, file, 'INTERNAL_ERROR', msg.message ?? '', performance.now() - started));
      };
      const onError = (e: Error) => {
        const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        failWith(oom ? 'LIMIT_EXCEEDED' : 'INTERNAL_ERROR', oom ? '文件处理所需内存超出限制 / memory limit exceeded' : e.message);
      };
      const onExit = () => failWith('INTERNAL_ERROR', '解析线程意外退出 / parsing thread exited');
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // A copy, so the caller's buffer stays usable.
      worker.postMessage({ id, bytes: new Uint8Array(bytes), file, lang });
    });
  }

  async close(): Promise<void> {
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // From the TypeScript sources a thread does not inherit tsx's loader hooks: start it through
    // the isolate module's bootstrap, which registers tsx and then loads the entry.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './pipeline-thread.ts' : './pipeline-thread.js', import.meta.url);
    const start = fromSource ? new URL('../isolate/bootstrap.mjs', import.meta.url) : entry;
    const worker = new Worker(start, {
      workerData: { entry: entry.href, limits: this.limits },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxWorkerHeapMb },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private discard(worker: Worker) {
    if (this.worker === worker) this.worker = null;
    void worker.terminate().catch(() => {});
  }
}

function errorOutput(bytes: Uint8Array, file: string, code: ErrorCode, reason: string, ms: number): PipelineOutput {
  const sniffed = sniffFormat(bytes);
  const result: Result = {
    file,
    sha256: sha256Of(bytes),
    format: sniffed === 'docx' || sniffed === 'doc' || sniffed === 'pdf' ? sniffed : null,
    status: 'error',
    error: { code, message: `${file}：${reason}` },
    report: null,
    discrepancies: [],
    rulesVersion: RULES_VERSION,
    timings: { total: ms },
  };
  return { result, document: null };
}
