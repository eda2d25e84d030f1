import { parentPort, workerData } from 'node:worker_threads';
import { TransientError } from '../errors.js';
import { parseOptionsFor, type Limits } from '../limits.js';
import { runPipeline } from '../pipeline.js';

/**
 * Worker-thread side of the timed pipeline: runs `runPipeline` on the bytes it is sent and returns
 * the Result and the DocumentModel (the store keeps both). Living in a thread lets the owner stop a
 * runaway parse (terminate) without losing its own process.
 */
export interface ThreadRequest {
  id: number;
  bytes: Uint8Array;
  file: string;
  lang: 'zh' | 'en';
}

if (!parentPort) throw new Error('pipeline-thread must run as a worker thread');
const port = parentPort;
const parse = parseOptionsFor((workerData as { limits: Limits }).limits);
port.on('message', async (msg: ThreadRequest) => {
  try {
    const output = await runPipeline({ bytes: msg.bytes, file: msg.file, options: { lang: msg.lang, parse, throwTransient: true } });
    port.postMessage({ id: msg.id, ok: true, output });
  } catch (e) {
    port.postMessage({
      id: msg.id,
      ok: false,
      transient: e instanceof TransientError,
      code: e instanceof TransientError ? e.code : 'INTERNAL_ERROR',
      message: e instanceof Error ? e.message : String(e),
    });
  }
});
