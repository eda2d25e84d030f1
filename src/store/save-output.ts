import type { DocumentModel } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import type { SerializedOutput } from '../isolate/runner.js';
import { justSaved as toJustSaved, type JustSaved } from '../bureau/cross-check.js';
import type { Store } from './store.js';
import type { ResultHead, SaveOptions, SaveOutcome } from './types.js';

/**
 * Store a pipeline thread's output as it came (the JSON text or its UTF-8 bytes, and the summary the
 * thread made of it): the Result is parsed on this thread only when the runner made it (an error)
 * or a cross check needs the report. For the queue worker and `extract --db`.
 */
export async function saveSerialized(
  store: Store,
  out: SerializedOutput,
  fileName: string,
  options: Pick<SaveOptions, 'runKey' | 'batchId'>,
): Promise<{ head: ResultHead; saved: SaveOutcome; justSaved: JustSaved | null; result: () => Result }> {
  const summary = out.summary;
  let parsed: Result | null = null;
  const result = () => (parsed ??= JSON.parse(out.resultJson) as Result);
  const head: ResultHead = summary ? summary.head : result();
  const document = out.documentUtf8 !== undefined ? out.documentUtf8 : out.documentJson;
  const saved = await store.saveResult(head, null, { ...options, json: { result: out.resultUtf8 ?? out.resultJson, document } });
  let justSaved: JustSaved | null = null;
  if (head.status === 'ok' && head.report) {
    const model = () => {
      const documentJson = out.documentJson;
      return documentJson === null ? null : (JSON.parse(documentJson) as DocumentModel);
    };
    justSaved = summary
      ? { sha256: head.sha256, report: () => result().report!, year: head.report!.year, department: summary.department, storedDepartment: head.report!.department?.text ?? null, scores: summary.scores, document: model, fileName, run: saved.run }
      : toJustSaved(result(), model, fileName, saved.run);
  }
  return { head, saved, justSaved, result };
}
