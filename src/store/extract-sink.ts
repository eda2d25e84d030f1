import type { Result } from '../../schemas/result.js';
import { IsolatedRunner } from '../isolate/runner.js';
import { readInputFile, type InputFile } from '../files.js';
import { RULES_VERSION } from '../rules/index.js';
import { openStore, sha256Of, type Store } from './store.js';
import type { BatchItemInput } from './types.js';
import { recheckAfterSave } from '../bureau/cross-check.js';

/**
 * `extract --db DIR`: every file's bytes, Result and DocumentModel go into the store (PGlite in
 * DIR, or PostgreSQL when DATABASE_URL is set) as one batch of kind "extract", without any queue.
 */
export class ExtractSink {
  private readonly pipeline = new IsolatedRunner();

  private constructor(readonly store: Store, readonly batchId: string) {}

  /** `inputs`: the files to process; `sources`: the paths as given (folders), shown as the batch's source. */
  static async open(dataDir: string, inputs: InputFile[], sources: string[]): Promise<ExtractSink> {
    const store = await openStore({ dataDir });
    try {
      const items: BatchItemInput[] = [];
      for (const input of inputs) {
        const read = input.problem ? { ok: false as const, ...input.problem } : await readInputFile(input.path);
        items.push(read.ok ? { fileName: input.path, sha256: sha256Of(read.bytes) } : { fileName: input.path, sha256: null, errorCode: read.code });
      }
      // Every readable file is processed, even when its report exists (settleExisting false).
      const batch = await store.createBatch({ kind: 'extract', source: sources.join(', '), rulesVersion: RULES_VERSION, items, settleExisting: false });
      return new ExtractSink(store, batch.id);
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  /** Process one file and store it in one transaction; an unreadable file goes to `unreadable()`. */
  async extract(input: InputFile, lang: 'zh' | 'en', unreadable: () => Promise<Result>): Promise<Result> {
    const read = input.problem ? null : await readInputFile(input.path);
    if (!read?.ok) return unreadable();
    const bytes = read.bytes;
    const path = input.path;
    await this.store.putFile(bytes, path);
    const { result, document } = await this.pipeline.runOutput({ bytes, file: path, lang, withDocument: true });
    await this.store.saveResult(result, document, { runKey: `extract.${this.batchId}`, batchId: this.batchId });
    if (result.status === 'ok') await recheckAfterSave(this.store, result.sha256).catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    await this.pipeline.close();
    await this.store.close();
  }
}
