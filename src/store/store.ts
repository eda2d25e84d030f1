import { createHash, randomBytes } from 'node:crypto';
import type { DocumentModel } from '../../schemas/document.js';
import type { Finding, Severity } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { openPglite, openPostgres, type Database, type Queryable, type Row } from './db.js';
import { migrate } from './migrate.js';
import type {
  BatchCounts,
  BatchItemInput,
  BatchKind,
  FindingState,
  JsonText,
  ListReportsOptions,
  ReportSummary,
  Review,
  ReviewStatus,
  ResultHead,
  SaveOptions,
  SaveOutcome,
  StoredFile,
  StoredFinding,
  StoredReport,
} from './types.js';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; default `process.env.DATABASE_URL`. */
  databaseUrl?: string;
  /** PGlite data directory, used when there is no database URL. Default `.selfeval-db`. */
  dataDir?: string;
  /** PostgreSQL schema for the tables (tests use one per run); default `SELFEVAL_DB_SCHEMA` or public. */
  schema?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export const DEFAULT_DATA_DIR = '.selfeval-db';

/**
 * Open the store: PostgreSQL when a database URL is given (or DATABASE_URL is set), else PGlite in
 * `dataDir`. Migrations run before the store is returned.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const schema = options.schema ?? process.env.SELFEVAL_DB_SCHEMA ?? 'public';
  const db = url
    ? await openPostgres(url, schema, options.maxConnections)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, schema);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return new Store(db);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function newBatchId(kind: BatchKind, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${kind}-${randomBytes(3).toString('hex')}`;
}

/** JSON for a jsonb parameter. PostgreSQL's jsonb rejects the NUL character, which damaged files can carry. */
function toJsonb(value: unknown): string {
  return jsonbText(JSON.stringify(value));
}

/** JSON text made fit for jsonb (the NUL escape removed; a scan of the text when there is none). */
function jsonbText(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)\\u0000/g, '') : json;
}

/**
 * A JSON parameter given as text or as UTF-8 bytes. PostgreSQL takes the bytes as they are (a json
 * parameter in binary format is its UTF-8 text): a 0.5 MB Result is neither decoded nor encoded
 * again on the worker's main thread. Bytes holding the NUL escape, and any bytes for PGlite (which
 * would take them for bytea), go as text.
 */
function jsonParam(json: JsonText, kind: Database['kind']): string | Buffer {
  if (typeof json === 'string') return jsonbText(json);
  const bytes = Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  return kind === 'postgres' && bytes.indexOf('\\u0000') < 0 ? bytes : jsonbText(bytes.toString('utf8'));
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** The store's typed API. `db` is exposed for modules that add their own queries (e.g. the web UI). */
export class Store {
  constructor(readonly db: Database) {}

  get kind(): Database['kind'] {
    return this.db.kind;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // ── files ──────────────────────────────────────────────────────────────────────────────

  /** Keep the original bytes (once per content). */
  async putFile(bytes: Uint8Array, fileName: string): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const rows = await this.db.query(
      `INSERT INTO files (sha256, bytes, size, first_name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      [sha256, bytes, bytes.length, fileName],
    );
    return { sha256, isNew: rows.length > 0 };
  }

  async getFileBytes(sha256: string): Promise<Uint8Array | null> {
    const rows = await this.db.query<{ bytes: Uint8Array }>('SELECT bytes FROM files WHERE sha256 = $1', [sha256]);
    return rows[0] ? new Uint8Array(rows[0].bytes) : null;
  }

  /** Which of these hashes are already stored as files. */
  async knownFiles(sha256s: string[]): Promise<Set<string>> {
    if (sha256s.length === 0) return new Set();
    const rows = await this.db.query<{ sha256: string }>('SELECT sha256 FROM files WHERE sha256 = ANY($1::text[])', [sha256s]);
    return new Set(rows.map((r) => r.sha256));
  }

  /**
   * Which of these hashes need nothing more from an intake scan: their bytes have a report, or a
   * batch item is waiting for them. Bytes stored without either (a crash between storing and
   * queueing, or processing that failed for good) are not among them, so the scan takes them again.
   */
  async handledFiles(sha256s: string[]): Promise<Set<string>> {
    if (sha256s.length === 0) return new Set();
    const rows = await this.db.query<{ sha256: string }>(
      `SELECT sha256 FROM reports WHERE sha256 = ANY($1::text[])
       UNION SELECT sha256 FROM batch_items WHERE sha256 = ANY($1::text[]) AND status = 'queued'`,
      [sha256s],
    );
    return new Set(rows.map((r) => r.sha256));
  }

  /**
   * Stored submissions that have no report yet (收到但未处理): waiting for a worker, lost between
   * storing and queueing, or failed for good on a transient fault. With the batch that waits for
   * them (the latest with a queued item) and the name they were received under.
   */
  async unfinishedFiles(): Promise<Array<{ sha256: string; fileName: string; batchId: string | null }>> {
    const rows = await this.db.query<{ sha256: string; file_name: string; batch_id: string | null }>(
      `SELECT f.sha256, COALESCE(i.file_name, f.first_name) AS file_name, i.batch_id
       FROM files f
       LEFT JOIN LATERAL (
         SELECT batch_id, file_name FROM batch_items b WHERE b.sha256 = f.sha256
         ORDER BY (b.status = 'queued') DESC, b.batch_id DESC LIMIT 1
       ) i ON true
       WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.sha256 = f.sha256)
       ORDER BY f.received_at, f.sha256`,
    );
    return rows.map((r) => ({ sha256: r.sha256, fileName: r.file_name, batchId: r.batch_id }));
  }

  // ── results ────────────────────────────────────────────────────────────────────────────

  /**
   * Store one processed report in one transaction: the report row, a run, the findings compared
   * with the previous run by stable id (new / unchanged / gone), and the batch items waiting for
   * these bytes. Idempotent per `runKey`.
   */
  async saveResult(result: Result, document: DocumentModel | null, options?: SaveOptions): Promise<SaveOutcome>;
  /** With the JSON text given, the head of the Result is enough. */
  async saveResult(result: ResultHead, document: null, options: SaveOptions & { json: NonNullable<SaveOptions['json']> }): Promise<SaveOutcome>;
  async saveResult(result: ResultHead, document: DocumentModel | null, options: SaveOptions = {}): Promise<SaveOutcome> {
    const runKey = options.runKey ?? `run-${Date.now()}-${randomBytes(4).toString('hex')}`;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of result.discrepancies) counts[f.severity]++;
    const report = result.report;
    // One statement, one round trip (migrations/003_save_report_function.sql): the function takes
    // the advisory lock, the batch locks, and writes the report, its run, findings and batch items.
    const [row] = await this.db.query<{ saved: boolean; run_no: number; n_new: number; n_unchanged: number; n_gone: number }>(
      `SELECT * FROM store_save_report($1, $2, $3, $4::integer, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::integer, $13::integer,
         $14::integer, $15::json, $16::json, $17::jsonb, $18, $19)`,
      [
        result.sha256,
        result.file,
        report?.department?.text ?? null,
        report?.year ?? null,
        report?.family ?? null,
        result.format,
        result.status,
        result.error?.code ?? null,
        result.error?.message ?? null,
        result.rulesVersion,
        toJsonb(result.timings),
        counts.error,
        counts.warning,
        counts.info,
        options.json ? jsonParam(options.json.result, this.db.kind) : toJsonb(result),
        options.json ? (options.json.document === null ? null : jsonParam(options.json.document, this.db.kind)) : document ? toJsonb(document) : null,
        toJsonb(uniqueById(result.discrepancies)),
        runKey,
        options.batchId ?? null,
      ],
    );
    return { stored: row.saved, run: row.run_no, findingsNew: row.n_new, findingsUnchanged: row.n_unchanged, findingsGone: row.n_gone };
  }

  /**
   * Give up on these bytes (retries exhausted on a transient fault): their waiting batch items
   * become errors with `code`, so the batch still completes. Nothing is stored as a report.
   */
  async failItems(sha256: string, code: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT store_lock_batches_of($1, NULL)', [sha256]);
      await tx.query('SELECT store_settle_items($1, $2, $3, NULL)', [sha256, 'error', code]);
    });
  }

  async getReport(sha256: string): Promise<StoredReport | null> {
    const rows = await this.db.query(`SELECT * FROM reports WHERE sha256 = $1`, [sha256]);
    if (!rows[0]) return null;
    return { ...toSummary(rows[0]), result: rows[0].result as Result, document: (rows[0].document as DocumentModel) ?? null };
  }

  async listReports(options: ListReportsOptions = {}): Promise<ReportSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (options.status) add('r.status = ?', options.status);
    if (options.department) add('r.department = ?', options.department);
    if (options.after) add('r.sha256 > ?', options.after);
    if (options.batchId) add('r.sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = ?)', options.batchId);
    params.push(options.limit ?? 100);
    const rows = await this.db.query(
      `SELECT r.sha256, r.file_name, r.file_names, r.department, r.year, r.family, r.format, r.status, r.error_code,
              r.error_message, r.rules_version, r.run, r.timings, r.findings_error, r.findings_warning, r.findings_info,
              r.first_processed_at, r.processed_at
       FROM reports r ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY r.sha256 LIMIT $${params.length}`,
      params,
    );
    return rows.map(toSummary);
  }

  /** Findings of a report with their state against its latest run and any reviewer decision. */
  async getFindings(sha256: string, options: { includeGone?: boolean } = {}): Promise<StoredFinding[]> {
    const rows = await this.db.query(
      `SELECT f.*, r.run AS report_run, v.status AS review_status, v.note AS review_note, v.reviewer AS review_reviewer,
              v.created_at AS review_created_at, v.updated_at AS review_updated_at
       FROM findings f JOIN reports r ON r.sha256 = f.report_sha256
       LEFT JOIN reviews v ON v.report_sha256 = f.report_sha256 AND v.finding_id = f.id
       WHERE f.report_sha256 = $1 ${options.includeGone ? '' : 'AND f.gone_run IS NULL'}
       ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule, f.id`,
      [sha256],
    );
    return rows.map((r) => {
      const run = r.report_run as number;
      const state: FindingState = r.gone_run != null ? 'gone' : (r.first_seen_run as number) === run ? 'new' : 'unchanged';
      return {
        reportSha256: r.report_sha256 as string,
        id: r.id as string,
        rule: r.rule as string,
        severity: r.severity as Severity,
        message: r.message as string,
        messageEn: (r.message_en as string) ?? null,
        part: (r.part as string) ?? null,
        finding: r.finding as Finding,
        firstSeenRun: r.first_seen_run as number,
        lastSeenRun: r.last_seen_run as number,
        goneRun: (r.gone_run as number) ?? null,
        state,
        review: r.review_status
          ? {
              reportSha256: r.report_sha256 as string,
              findingId: r.id as string,
              status: r.review_status as ReviewStatus,
              note: r.review_note as string,
              reviewer: r.review_reviewer as string,
              createdAt: r.review_created_at as Date,
              updatedAt: r.review_updated_at as Date,
            }
          : null,
      };
    });
  }

  /** Reports whose findings were computed by another rule set than `rulesVersion`. */
  async staleReports(rulesVersion: string): Promise<Array<{ sha256: string; fileName: string }>> {
    const rows = await this.db.query<{ sha256: string; file_name: string }>(
      `SELECT r.sha256, r.file_name FROM reports r JOIN files f ON f.sha256 = r.sha256
       WHERE r.rules_version <> $1 ORDER BY r.sha256`,
      [rulesVersion],
    );
    return rows.map((r) => ({ sha256: r.sha256, fileName: r.file_name }));
  }

  // ── reviews ────────────────────────────────────────────────────────────────────────────

  async setReview(input: { reportSha256: string; findingId: string; status: ReviewStatus; note?: string; reviewer?: string }): Promise<Review> {
    const rows = await this.db.query(
      `INSERT INTO reviews (report_sha256, finding_id, status, note, reviewer) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_sha256, finding_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
         reviewer = EXCLUDED.reviewer, updated_at = now()
       RETURNING *`,
      [input.reportSha256, input.findingId, input.status, input.note ?? '', input.reviewer ?? ''],
    );
    return toReview(rows[0]);
  }

  async clearReview(reportSha256: string, findingId: string): Promise<void> {
    await this.db.query('DELETE FROM reviews WHERE report_sha256 = $1 AND finding_id = $2', [reportSha256, findingId]);
  }

  async getReviews(reportSha256: string): Promise<Review[]> {
    const rows = await this.db.query('SELECT * FROM reviews WHERE report_sha256 = $1 ORDER BY finding_id', [reportSha256]);
    return rows.map(toReview);
  }

  // ── batches ────────────────────────────────────────────────────────────────────────────

  /**
   * Record a batch and its items in one transaction. Items whose bytes already have a report are
   * settled at once from it (for a reprocess batch: a report from `rulesVersion`); the others wait
   * (`queued`) for a worker.
   * Returns the batch id and the hashes that need processing.
   */
  async createBatch(input: {
    kind: BatchKind;
    source?: string | null;
    rulesVersion: string;
    items: BatchItemInput[];
    id?: string;
    /** False: every readable item waits for processing, even when a report exists (forced re-check). */
    settleExisting?: boolean;
  }): Promise<{ id: string; toProcess: string[] }> {
    const id = input.id ?? newBatchId(input.kind);
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO batches (id, kind, source, rules_version) VALUES ($1, $2, $3, $4)', [id, input.kind, input.source ?? null, input.rulesVersion]);
      const items = input.items.map((it, i) => ({
        item: i + 1,
        file_name: it.fileName,
        sha256: it.sha256,
        status: it.sha256 ? 'queued' : 'error',
        error_code: it.sha256 ? null : (it.errorCode ?? 'READ_FAILED'),
      }));
      await tx.query(
        `INSERT INTO batch_items (batch_id, item, file_name, sha256, status, error_code, finished_at)
         SELECT $1, i.item, i.file_name, i.sha256, i.status, i.error_code, CASE WHEN i.status = 'queued' THEN NULL ELSE now() END
         FROM jsonb_to_recordset($2::jsonb) AS i(item integer, file_name text, sha256 text, status text, error_code text)`,
        [id, toJsonb(items)],
      );
      if (input.settleExisting !== false) await settleFromReports(tx, id, input.kind === 'reprocess' ? input.rulesVersion : null);
      const waiting = await tx.query<{ sha256: string }>(
        `SELECT DISTINCT sha256 FROM batch_items WHERE batch_id = $1 AND status = 'queued' ORDER BY sha256`,
        [id],
      );
      await finishBatches(tx, [id]);
      return { id, toProcess: waiting.map((r) => r.sha256) };
    });
  }

  /**
   * Settle queued items of a batch whose bytes meanwhile got a report (closes the race where a
   * worker stored the report just before the batch was committed).
   */
  async settleBatch(batchId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ kind: string; rules_version: string }>('SELECT kind, rules_version FROM batches WHERE id = $1 FOR UPDATE', [batchId]);
      if (!rows[0]) return;
      await settleFromReports(tx, batchId, rows[0].kind === 'reprocess' ? rows[0].rules_version : null);
      await finishBatches(tx, [batchId]);
    });
  }

  async batchCounts(batchId: string): Promise<BatchCounts | null> {
    // One snapshot: the batch row and its items as of the same moment (complete ⇔ finishedAt set).
    return this.db.transaction((tx) => batchCountsIn(tx, batchId), { snapshot: true });
  }

  async listBatches(limit = 20): Promise<Array<{ id: string; kind: BatchKind; createdAt: Date; finishedAt: Date | null }>> {
    const rows = await this.db.query('SELECT id, kind, created_at, finished_at FROM batches ORDER BY created_at DESC, id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({ id: r.id as string, kind: r.kind as BatchKind, createdAt: r.created_at as Date, finishedAt: (r.finished_at as Date) ?? null }));
  }

  async latestBatchId(): Promise<string | null> {
    return (await this.listBatches(1))[0]?.id ?? null;
  }
}

// ── helpers that run inside a transaction ─────────────────────────────────────────────────

async function batchCountsIn(tx: Queryable, batchId: string): Promise<BatchCounts | null> {
  const b = await tx.query('SELECT * FROM batches WHERE id = $1', [batchId]);
  if (!b[0]) return null;
  const [agg] = await tx.query<Record<string, number>>(
    `SELECT count(*)::int AS received,
            count(DISTINCT sha256)::int AS unique_count,
            count(DISTINCT sha256) FILTER (WHERE status = 'queued')::int AS queued,
            count(DISTINCT sha256) FILTER (WHERE status = 'ok')::int AS ok,
            count(DISTINCT coalesce(sha256, 'item:' || item)) FILTER (WHERE status = 'error')::int AS failed,
            count(*) FILTER (WHERE sha256 IS NOT NULL)::int AS readable
     FROM batch_items WHERE batch_id = $1`,
    [batchId],
  );
  const byCode = await tx.query<{ code: string; n: number }>(
    `SELECT error_code AS code, count(DISTINCT coalesce(sha256, 'item:' || item))::int AS n
     FROM batch_items WHERE batch_id = $1 AND status = 'error' GROUP BY error_code ORDER BY error_code`,
    [batchId],
  );
  const [sev] = await tx.query<Record<string, number>>(
    `SELECT coalesce(sum(r.findings_error), 0)::int AS error, coalesce(sum(r.findings_warning), 0)::int AS warning,
            coalesce(sum(r.findings_info), 0)::int AS info
     FROM reports r WHERE r.sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = $1 AND status <> 'queued')`,
    [batchId],
  );
  const [fresh] = await tx.query<{ n: number }>(
    `SELECT coalesce(sum(findings_new), 0)::int AS n FROM report_runs WHERE batch_id = $1`,
    [batchId],
  );
  const failedByCode: Record<string, number> = {};
  for (const r of byCode) failedByCode[r.code ?? 'UNKNOWN'] = r.n;
  return {
    id: b[0].id as string,
    kind: b[0].kind as BatchKind,
    source: (b[0].source as string) ?? null,
    rulesVersion: b[0].rules_version as string,
    createdAt: b[0].created_at as Date,
    finishedAt: (b[0].finished_at as Date) ?? null,
    complete: agg.queued === 0,
    received: agg.received,
    unique: agg.unique_count,
    duplicates: agg.readable - agg.unique_count,
    queued: agg.queued,
    ok: agg.ok,
    failed: agg.failed,
    failedByCode,
    findings: { error: sev.error, warning: sev.warning, info: sev.info },
    newFindings: fresh.n,
  };
}


/** The findings with unique ids (the first of each id), as the findings table keys them. */
function uniqueById(findings: Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) if (!byId.has(f.id)) byId.set(f.id, f);
  return byId.size === findings.length ? findings : [...byId.values()];
}

/**
 * Settle a batch's waiting items from reports already stored for the same bytes (same bytes → one
 * report). A reprocess batch (`rulesVersion` given) only takes reports from that rule set.
 */
async function settleFromReports(tx: Queryable, batchId: string, rulesVersion: string | null) {
  const settled = await tx.query<{ sha256: string }>(
    `UPDATE batch_items i SET status = r.status, error_code = r.error_code, finished_at = now()
     FROM reports r
     WHERE i.batch_id = $1 AND i.status = 'queued' AND r.sha256 = i.sha256 AND ($2::text IS NULL OR r.rules_version = $2)
     RETURNING i.sha256`,
    [batchId, rulesVersion],
  );
  for (const sha of new Set(settled.map((r) => r.sha256))) await mergeFileNames(tx, sha, null);
}

/** A report's file names: every name its bytes arrived under (batch items), plus `extra`. */
async function mergeFileNames(tx: Queryable, sha: string, extra: string | null) {
  await tx.query('SELECT store_merge_file_names($1, $2)', [sha, extra]);
}

/** Finish the batches among `ids` left with nothing queued. */
async function finishBatches(tx: Queryable, ids: string[]) {
  await tx.query('SELECT store_finish_batches($1::text[])', [ids]);
}

function toSummary(r: Row): ReportSummary {
  return {
    sha256: r.sha256 as string,
    fileName: r.file_name as string,
    fileNames: r.file_names as string[],
    department: (r.department as string) ?? null,
    year: (r.year as number) ?? null,
    family: (r.family as string) ?? null,
    format: (r.format as string) ?? null,
    status: r.status as 'ok' | 'error',
    errorCode: (r.error_code as string) ?? null,
    errorMessage: (r.error_message as string) ?? null,
    rulesVersion: r.rules_version as string,
    run: r.run as number,
    timings: r.timings as Record<string, number>,
    findings: { error: r.findings_error as number, warning: r.findings_warning as number, info: r.findings_info as number },
    firstProcessedAt: r.first_processed_at as Date,
    processedAt: r.processed_at as Date,
  };
}

function toReview(r: Row): Review {
  return {
    reportSha256: r.report_sha256 as string,
    findingId: r.finding_id as string,
    status: r.status as ReviewStatus,
    note: r.note as string,
    reviewer: r.reviewer as string,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export { SEVERITIES };
