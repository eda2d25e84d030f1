import type { Block, PageInfo } from '../../schemas/document.js';
import type { Database, Queryable } from './db.js';

/**
 * Reading parts of a stored DocumentModel without reading all of it (migrations/160_document_blocks.sql).
 * `reports.document` is one JSON value: any query on it parses the whole document (seconds for
 * a document of hundreds of thousands of paragraphs). The first look at a report's document
 * records its block count and page sizes; a document stored larger than MATERIALIZE_BYTES also
 * gets one row per block, so later pages read only their rows by index.
 */

/** Stored (compressed) size above which a document's blocks get their own rows. */
export const MATERIALIZE_BYTES = 1_000_000;

export interface DocumentIndex {
  sha256: string;
  run: number;
  blockCount: number;
  pageInfo: PageInfo[] | null;
  materialized: boolean;
}

function toIndex(r: Record<string, unknown>): DocumentIndex {
  return {
    sha256: r.sha256 as string,
    run: r.run as number,
    blockCount: r.block_count as number,
    pageInfo: (r.page_info as PageInfo[] | null) ?? null,
    materialized: r.materialized as boolean,
  };
}

/** Builds of large documents' indexes under way in this process. */
const building = new Map<string, Promise<unknown>>();

/**
 * The document's index for the report's current run, built on first use; null when the report
 * has no document. With `wait: false`, a large document's index is built in the background and
 * 'building' is returned at once (a page can say so instead of keeping the reviewer waiting).
 */
export async function documentIndex(db: Database, sha256: string, options: { wait: boolean } = { wait: true }): Promise<DocumentIndex | 'building' | null> {
  const rows = await db.query(
    `SELECT d.*, r.run AS report_run, r.document IS NULL AS no_document, pg_column_size(r.document)::int AS stored_bytes
     FROM reports r LEFT JOIN document_index d ON d.sha256 = r.sha256 WHERE r.sha256 = $1`,
    [sha256],
  );
  const row = rows[0];
  if (!row || row.no_document) return null;
  if (row.run === row.report_run) return toIndex(row);
  if (!options.wait && (row.stored_bytes as number) > MATERIALIZE_BYTES) {
    if (!building.has(sha256)) {
      const job = buildIndex(db, sha256).finally(() => building.delete(sha256));
      job.catch(() => {});
      building.set(sha256, job);
    }
    return 'building';
  }
  return buildIndex(db, sha256);
}

function buildIndex(db: Database, sha256: string): Promise<DocumentIndex> {
  return db.transaction(async (tx) => {
    // One builder per document; a second caller finds the index made by the first.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`document-index:${sha256}`]);
    const [current] = await tx.query(
      'SELECT d.* FROM document_index d JOIN reports r ON r.sha256 = d.sha256 AND r.run = d.run WHERE d.sha256 = $1',
      [sha256],
    );
    if (current) return toIndex(current);
    return build(tx, sha256);
  });
}

async function build(tx: Queryable, sha256: string): Promise<DocumentIndex> {
  await tx.query('DELETE FROM document_blocks WHERE sha256 = $1', [sha256]);
  await tx.query('DELETE FROM document_index WHERE sha256 = $1', [sha256]);
  const [meta] = await tx.query<{ bytes: number }>('SELECT pg_column_size(document)::int AS bytes FROM reports WHERE sha256 = $1', [sha256]);
  const materialized = meta.bytes > MATERIALIZE_BYTES;
  if (materialized) {
    await tx.query(
      `INSERT INTO document_blocks (sha256, block, kind, ordinal, data)
       SELECT $1, (b.i - 1)::int, b.elem->>'kind', coalesce((b.elem->>'table')::int, (b.elem->>'paragraph')::int, -1), b.elem
       FROM reports r, json_array_elements(r.document->'blocks') WITH ORDINALITY AS b(elem, i) WHERE r.sha256 = $1`,
      [sha256],
    );
    await tx.query(
      `INSERT INTO document_index (sha256, run, block_count, page_info, materialized)
       SELECT r.sha256, r.run, (SELECT count(*) FROM document_blocks WHERE sha256 = $1)::int, r.document->'pageInfo', true
       FROM reports r WHERE r.sha256 = $1`,
      [sha256],
    );
  } else {
    await tx.query(
      `INSERT INTO document_index (sha256, run, block_count, page_info, materialized)
       SELECT r.sha256, r.run, coalesce(json_array_length(r.document->'blocks'), 0), r.document->'pageInfo', false
       FROM reports r WHERE r.sha256 = $1`,
      [sha256],
    );
  }
  const [row] = await tx.query('SELECT * FROM document_index WHERE sha256 = $1', [sha256]);
  return toIndex(row);
}

/** Blocks by table / paragraph ordinal. */
export async function blocksByOrdinal(db: Queryable, index: DocumentIndex, want: { tables: number[]; paragraphs: number[] }): Promise<Block[]> {
  if (want.tables.length === 0 && want.paragraphs.length === 0) return [];
  const rows = index.materialized
    ? await db.query<{ elem: Block }>(
        `SELECT data AS elem FROM document_blocks
         WHERE sha256 = $1 AND ((kind = 'table' AND ordinal = ANY($2::int[])) OR (kind = 'paragraph' AND ordinal = ANY($3::int[])))
         ORDER BY block`,
        [index.sha256, want.tables, want.paragraphs],
      )
    : await db.query<{ elem: Block }>(
        `SELECT b.elem FROM reports r, json_array_elements(r.document->'blocks') AS b(elem)
         WHERE r.sha256 = $1 AND (
           (b.elem->>'kind' = 'table' AND (b.elem->>'table')::int = ANY($2::int[])) OR
           (b.elem->>'kind' = 'paragraph' AND (b.elem->>'paragraph')::int = ANY($3::int[])))`,
        [index.sha256, want.tables, want.paragraphs],
      );
  return rows.map((r) => r.elem);
}

/** Blocks [from, from + count) in reading order (0-based). */
export async function blockRange(db: Queryable, index: DocumentIndex, from: number, count: number): Promise<Block[]> {
  const rows = index.materialized
    ? await db.query<{ elem: Block }>('SELECT data AS elem FROM document_blocks WHERE sha256 = $1 AND block >= $2 AND block < $3 ORDER BY block', [
        index.sha256,
        from,
        from + count,
      ])
    : await db.query<{ elem: Block }>(
        `SELECT b.elem FROM reports r, json_array_elements(r.document->'blocks') WITH ORDINALITY AS b(elem, i)
         WHERE r.sha256 = $1 AND b.i > $2::int AND b.i <= $3::int ORDER BY b.i`,
        [index.sha256, from, from + count],
      );
  return rows.map((r) => r.elem);
}

/** Reading-order index of a table or paragraph, to open the source page that holds it. */
export async function blockIndexOf(db: Queryable, index: DocumentIndex, kind: 'table' | 'paragraph', ordinal: number): Promise<number | null> {
  const rows = index.materialized
    ? await db.query<{ i: number }>('SELECT block AS i FROM document_blocks WHERE sha256 = $1 AND kind = $2 AND ordinal = $3 LIMIT 1', [index.sha256, kind, ordinal])
    : await db.query<{ i: number }>(
        `SELECT (b.i - 1)::int AS i FROM reports r, json_array_elements(r.document->'blocks') WITH ORDINALITY AS b(elem, i)
         WHERE r.sha256 = $1 AND b.elem->>'kind' = $2 AND (b.elem->>$2)::int = $3::int LIMIT 1`,
        [index.sha256, kind, ordinal],
      );
  return rows[0]?.i ?? null;
}
