import pg from 'pg';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectShared, shareDatabase } from './share.js';
import { hasCluster, seedFromTemplate } from './pglite-template.js';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** Anything that runs parameterized SQL ($1, $2 …): the database itself or an open transaction. */
export interface Queryable {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * One SQL connection abstraction over PostgreSQL (`pg`) and embedded PGlite, so the store runs the
 * same schema and the same queries on both.
 */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Schema the tables live in (PostgreSQL `search_path`). */
  readonly schema: string;
  /** Run a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * `snapshot`: every query sees the same snapshot (REPEATABLE READ, read only) — for reports
   * made of several queries.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { snapshot?: boolean }): Promise<T>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`无效的数据库 schema 名称 / invalid schema name: ${JSON.stringify(schema)}`);
  return schema;
}

/** PostgreSQL through a `pg` pool; every connection gets `search_path` = schema. */
export async function openPostgres(databaseUrl: string, schema = 'public', maxConnections = 4): Promise<Database> {
  checkSchemaName(schema);
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (e) {
      // Two processes creating the same schema at once: the loser sees a unique violation; fine.
      if ((e as { code?: string }).code !== '23505') throw e;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    schema,
    async query<T>(text: string, params?: unknown[]) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows as T[];
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { snapshot?: boolean }) {
      const client = await pool.connect();
      try {
        await client.query(options?.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        const tx: Queryable = {
          async query<R>(text: string, params?: unknown[]) {
            const r = await client.query(text, params as unknown[]);
            return r.rows as R[];
          },
        };
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Embedded PostgreSQL (PGlite) in a local data directory. One process owns it (a lock file) and
 * shares it on a local socket (src/store/share.ts): a second process opening the same directory —
 * `extract --db DIR` or `status` while `serve --db DIR` runs — works through the owner.
 */
export async function openPglite(dataDir: string, schema = 'public'): Promise<Database> {
  checkSchemaName(schema);
  await mkdir(dataDir, { recursive: true });
  let unlock: () => Promise<void>;
  try {
    unlock = await lockDataDir(dataDir);
  } catch (e) {
    if (e instanceof DataDirInUseError) {
      const shared = await connectShared(dataDir, schema);
      if (shared) return shared;
    }
    throw e;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let db;
  try {
    if (!hasCluster(dataDir)) await seedFromTemplate(dataDir, async (dir) => (await PGlite.create(dir)).close());
    db = await PGlite.create(dataDir);
  } catch (e) {
    await unlock();
    throw e;
  }
  if (schema !== 'public') {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  }
  // PGlite is a single connection: queue transactions so that concurrent callers never interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };
  const database: Database = {
    kind: 'pglite',
    schema,
    query<T>(text: string, params?: unknown[]) {
      return serialize(async () => (await db.query<T>(text, params as unknown[])).rows);
    },
    exec(script: string) {
      return serialize(async () => {
        await db.exec(script);
      });
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return serialize(() =>
        db.transaction(async (t) => {
          const tx: Queryable = {
            async query<R>(text: string, params?: unknown[]) {
              return (await t.query<R>(text, params as unknown[])).rows;
            },
          };
          return fn(tx);
        }),
      );
    },
    async close() {
      await share?.close();
      await chain;
      await db.close();
      await unlock();
    },
  };
  // Not shared when the socket cannot be made (the store still works for this process).
  const share = await shareDatabase(database, dataDir).catch(() => null);
  return database;
}

/** Another live process holds the PGlite data directory. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * PGlite is one process's database: two processes opening the same data directory would corrupt
 * it. A lock file with the owner's pid keeps a second one out (a stale lock of a dead pid is taken over).
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lock = join(dataDir, '.selfeval.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return async () => {
        await unlink(lock).catch(() => {});
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(`数据目录 ${dataDir} 正被进程 ${owner} 使用，且该进程没有共享它 / PGlite data directory in use by process ${owner}`);
      }
      await unlink(lock).catch(() => {});
    }
  }
  throw new Error(`无法锁定数据目录 / cannot lock data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
