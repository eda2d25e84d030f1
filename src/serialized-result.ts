import type { Result } from '../schemas/result.js';

/**
 * A file's Result as `extract` writes it: JSON text or its UTF-8 bytes, with the object when it was at
 * hand (not parsed for it). Kept apart from the store (src/store/extract-sink.ts) so that `extract`
 * without --db does not load the store's modules.
 */
export interface SerializedResult {
  status: Result['status'];
  json: string | Uint8Array;
  result?: Result;
}

/** A Result made on this thread (an error line), with its JSON. */
export function serialized(result: Result): SerializedResult {
  return { status: result.status, json: JSON.stringify(result), result };
}
