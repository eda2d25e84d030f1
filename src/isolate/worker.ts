import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { runPipeline } from '../pipeline.js';
import { InputError, TransientError } from '../errors.js';
import { parseOptionsFor } from '../limits.js';
import type { DocConverter } from '../../parsers/doc/convert.js';
import { reportDepartment } from '../bureau/ledger-check.js';
import { reportScores } from '../bureau/scores.js';
import { RULES_VERSION } from '../rules/index.js';
import type { Result } from '../../schemas/result.js';
import type { ConvertReply, JobMessage, ReleaseMessage, ResultSummary, WorkerData, WorkerMessage } from './protocol.js';

/**
 * The worker thread that runs one file's pipeline at a time for the isolated runner. It holds no
 * state between files; the runner kills it when a file overruns its time or memory.
 */
const port = parentPort;
if (!port) throw new Error('src/isolate/worker.ts must run in a worker thread');
const { limits } = workerData as WorkerData;

// Library chatter (pdf.js warnings go to console.log) must not mix into `extract --json` on stdout.
console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
/**
 * .doc conversions go to the runner's thread, whose LibreOffice pool every thread shares and which
 * outlives this thread (a thread killed on overrun must not take LibreOffice down with it, nor
 * leave it behind).
 */
const conversions = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
let conversionSeq = 0;
const convertByRunner: DocConverter = (bytes, timeoutMs, filter) =>
  new Promise((resolve, reject) => {
    const id = ++conversionSeq;
    conversions.set(id, { resolve, reject });
    const copy = new Uint8Array(bytes);
    port!.postMessage({ type: 'convert', id, bytes: copy, timeoutMs, filter } satisfies WorkerMessage, [copy.buffer]);
  });

const limited = parseOptionsFor(limits);
const parse = { ...limited, doc: { ...limited.doc, converter: convertByRunner } };

port.on('message', (m: JobMessage | ConvertReply | ReleaseMessage) => {
  if (m.type === 'job') {
    void handle(m);
    return;
  }
  // Written bytes moved back from the main thread: dropped, this thread's frequent collections free them.
  if (m.type === 'release') return;
  const waiting = conversions.get(m.id);
  if (!waiting) return;
  conversions.delete(m.id);
  if (m.type === 'converted') waiting.resolve(m.bytes);
  else if (m.kind === 'input') waiting.reject(new InputError(m.code!, m.message));
  else if (m.kind === 'transient') waiting.reject(new TransientError(m.code!, m.message));
  else waiting.reject(new Error(m.message));
});

/**
 * The Result's JSON for `extract --json` as UTF-8 bytes: encoding here and moving the buffer costs
 * less than sending the text (a structured clone of a 0.44 M-character two-byte string, written
 * on this thread and read on the other) and then encoding it on the main thread to write it.
 */
const utf8 = new TextEncoder();

/** How often a busy thread tells the runner what memory it holds (the runner's RSS limit picks whom to stop). */
const MEMORY_REPORT_MS = 100;

function reportMemory(id: number): void {
  const m = process.memoryUsage();
  // This thread's isolate: its heap, and memory outside it (external includes its ArrayBuffers).
  port!.postMessage({ type: 'memory', id, bytes: m.heapUsed + m.external } satisfies WorkerMessage);
}

/**
 * Fault injection for tests of crash recovery (test/cli/extract-crash.test.ts): a file whose name
 * ends with this text kills the whole process (SIGABRT) from its pipeline thread, as a native library's
 * fault does. Unset in production.
 */
const ABORT_ON_FILE = process.env.SELFEVAL_TEST_ABORT_ON_FILE;

async function handle(job: JobMessage): Promise<void> {
  if (ABORT_ON_FILE && job.file.endsWith(ABORT_ON_FILE)) process.kill(process.pid, 'SIGABRT');
  // Heartbeats reach the runner whenever the pipeline yields (pdf.js works page by page, asynchronously).
  const heartbeat = setInterval(() => reportMemory(job.id), MEMORY_REPORT_MS);
  // runPipeline turns bad input into an error result; only transient faults throw (when asked to).
  try {
    // Pages rendered for OCR (unusable text layers) were not foreseen by the file's time limit.
    const onRenderedOcrPage = () => port!.postMessage({ type: 'extend', id: job.id, ms: limits.timeMsPerScannedPage } satisfies WorkerMessage);
    const jobParse = { ...parse, pdf: { ...parse.pdf, onRenderedOcrPage } };
    const { result, document } = await runPipeline({ bytes: job.bytes, file: job.file, options: { lang: job.lang, parse: jobParse, throwTransient: job.transient } });
    const resultJson = JSON.stringify(result);
    const resultUtf8 = job.utf8 ? utf8.encode(resultJson) : null;
    const documentJson = job.withDocument && document ? JSON.stringify(document) : null;
    const documentUtf8 = job.utf8 && documentJson !== null ? utf8.encode(documentJson) : null;
    const message: WorkerMessage = {
      type: 'result',
      id: job.id,
      status: result.status,
      resultJson: resultUtf8 ? null : resultJson,
      resultUtf8,
      documentJson: documentUtf8 ? null : documentJson,
      documentUtf8,
      summary: job.withSummary ? summarize(result) : null,
      peakHeapBytes: getHeapStatistics().used_heap_size,
    };
    port!.postMessage(message, [resultUtf8?.buffer, documentUtf8?.buffer].filter((b): b is ArrayBuffer => b !== undefined));
  } catch (e) {
    if (!(e instanceof TransientError)) throw e;
    port!.postMessage({ type: 'transient', id: job.id, code: e.code, message: e.message } satisfies WorkerMessage);
  } finally {
    clearInterval(heartbeat);
  }
}

function summarize(result: Result): ResultSummary {
  const { file, sha256, format, status, error, rulesVersion, timings, discrepancies, report } = result;
  return {
    head: {
      file, sha256, format, status, error, rulesVersion, timings, discrepancies,
      report: report ? { year: report.year, family: report.family, department: report.department ? { text: report.department.text } : null } : null,
    },
    department: report ? reportDepartment(report) : null,
    scores: reportScores(report),
  };
}

port.postMessage({ type: 'ready', rulesVersion: RULES_VERSION } satisfies WorkerMessage);
