import { readFile } from 'node:fs/promises';
import type { Result } from '../../schemas/result.js';
import { IsolatedRunner } from '../isolate/runner.js';
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

  static async open(dataDir: string, paths: string[]): Promise<ExtractSink> {
    const store = await openStore({ dataDir });
    try {
      const items: BatchItemInput[] = [];
      for (const path of paths) {
        try {
          items.push({ fileName: path, sha256: sha256Of(await readFile(path)) });
        } catch {
          items.push({ fileName: path, sha256: null, errorCode: 'READ_FAILED' });
        }
      }
      // Every readable file is processed, even when its report exists (settleExisting false).
      const batch = await store.createBatch({ kind: 'extract', source: paths.join(', '), rulesVersion: RULES_VERSION, items, settleExisting: false });
      return new ExtractSink(store, batch.id);
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  /** Process one file and store it in one transaction; an unreadable file goes to `unreadable()`. */
  async extract(path: string, lang: 'zh' | 'en', unreadable: () => Promise<Result>): Promise<Result> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      return unreadable();
    }
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
