import { resolve } from 'node:path';
import type { Result } from '../../schemas/result.js';
import { IsolatedRunner } from '../isolate/runner.js';
import { readInputFile, type InputFile } from '../files.js';
import { RULES_VERSION } from '../rules/index.js';
import { openStore, sha256Of, type Store } from './store.js';
import type { BatchItemInput } from './types.js';
import { recheckAfterSave } from '../bureau/cross-check.js';
import type { SerializedOutput } from '../isolate/runner.js';
import { saveSerialized } from './save-output.js';
import { serialized, type SerializedResult } from '../serialized-result.js';


/**
 * `extract --db DIR`: every file's bytes, Result and DocumentModel go into the store (PGlite in
 * DIR, or PostgreSQL when DATABASE_URL is set) as one batch of kind "extract", without any queue.
 */
export class ExtractSink {
  private readonly pipeline = new IsolatedRunner();
  /**
   * Set when the store's disk is full (磁盘已满): the file being stored and every later one come
   * back as error lines, nothing more is written, and the batch stays unfinished (its items queued)
   * for a later run once space is freed.
   */
  diskFull: string | null = null;

  private constructor(readonly store: Store, readonly batchId: string, readonly dataDir: string) {}

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
      return new ExtractSink(store, batch.id, dataDir);
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  /**
   * Process one file and store it in one statement; an unreadable file goes to `unreadable()`. The
   * Result comes back as the pipeline thread's JSON (its UTF-8 bytes), written out as it is.
   */
  async extract(input: InputFile, lang: 'zh' | 'en', unreadable: () => Promise<Result>): Promise<SerializedResult> {
    if (this.diskFull) return serialized(this.notStored(input.path, null));
    const read = input.problem ? null : await readInputFile(input.path);
    if (!read?.ok) return serialized(await unreadable());
    const bytes = read.bytes;
    const path = input.path;
    let stored: Awaited<ReturnType<typeof saveSerialized>>;
    let out: SerializedOutput;
    try {
      await this.store.putFile(bytes, path);
      out = await this.pipeline.runJson({ bytes, file: path, lang, withDocument: true, withSummary: true, utf8: true });
      // One statement: a save the disk cannot hold is rolled back whole, never half-written.
      stored = await saveSerialized(this.store, out, path, { runKey: `extract.${this.batchId}`, batchId: this.batchId });
    } catch (e) {
      if (!isDiskFull(e)) throw e;
      this.diskFull = `数据库 ${this.store.kind === 'pglite' ? `数据目录 ${resolve(this.dataDir)}` : 'PostgreSQL（DATABASE_URL）'} 所在磁盘已满，批次 ${this.batchId} 未完成：腾出空间后重新运行同一命令 / the store's disk is full, batch unfinished`;
      return serialized(this.notStored(path, sha256Of(bytes)));
    }
    if (stored.justSaved) await recheckAfterSave(this.store, stored.head.sha256, stored.justSaved).catch(() => {});
    return { status: out.status, json: out.resultUtf8 ?? out.resultJson };
  }

  /** The error line of a file the full disk kept out of the store. */
  private notStored(path: string, sha256: string | null): Result {
    return {
      file: path,
      sha256: sha256 ?? sha256Of(new Uint8Array()),
      format: null,
      status: 'error',
      error: { code: 'INTERNAL_ERROR', message: `${path}：未存入，${this.diskFull} / not stored: disk full` },
      report: null,
      discrepancies: [],
      rulesVersion: RULES_VERSION,
      timings: {},
    };
  }

  async close(): Promise<void> {
    await this.pipeline.close();
    // A full disk may refuse the store's last write (a checkpoint) too: it has nothing to lose.
    await this.store.close().catch((e) => {
      if (!this.diskFull || !isDiskFull(e)) throw e;
    });
  }
}

/** PostgreSQL's disk_full (53100), or the file system's ENOSPC as PGlite reports it. */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return err?.code === '53100' || err?.code === 'ENOSPC' || /No space left on device|ENOSPC/i.test(err?.message ?? '');
}
