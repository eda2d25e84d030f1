import type { Result } from '../../schemas/result.js';
import type { Limits } from '../limits.js';

/** Messages between the isolated runner (main thread) and its pipeline worker thread. */
export interface WorkerData {
  /** Module URL of the worker entry, for the source-mode bootstrap (tsx). */
  entry: string;
  limits: Limits;
}

export interface JobMessage {
  type: 'job';
  id: number;
  file: string;
  bytes: Uint8Array;
  lang: 'zh' | 'en';
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result; peakHeapBytes: number };
