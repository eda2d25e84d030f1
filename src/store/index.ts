/** The store: reports, findings, batches, original bytes and reviews, on PostgreSQL or PGlite. */
export { openStore, Store, sha256Of, newBatchId, DEFAULT_DATA_DIR, type OpenStoreOptions } from './store.js';
export type { Database, Queryable, Row } from './db.js';
export * from './types.js';
