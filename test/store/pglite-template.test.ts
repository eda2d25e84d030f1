import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

/**
 * A new embedded store is seeded from a copy of an empty PGlite cluster kept in the user's cache,
 * built once per PGlite version (src/store/pglite-template.ts), instead of running initdb each time.
 */
const root = mkdtempSync(join(tmpdir(), 'selfeval-template-'));
const cache = join(root, 'cache');
const savedCache = process.env.SELFEVAL_CACHE_DIR;
afterEach(() => {
  if (savedCache === undefined) delete process.env.SELFEVAL_CACHE_DIR;
  else process.env.SELFEVAL_CACHE_DIR = savedCache;
});
let lastSeeded = '';
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The store's migrations count and its cluster's identifier (initdb draws a new one for every cluster). */
async function usable(dataDir: string): Promise<{ migrations: number; cluster: string }> {
  const store = await openStore({ dataDir, databaseUrl: '' });
  try {
    const [row] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    const [id] = await store.db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    return { migrations: row.n, cluster: id.id };
  } finally {
    await store.close();
  }
}

describe('new embedded stores from the cached empty cluster', () => {
  it('builds the template once, copies it into each new store, and each store gets its own migrations', async () => {
    process.env.SELFEVAL_CACHE_DIR = cache;
    const first = await usable(join(root, 'a'));
    expect(first.migrations).toBeGreaterThan(0);
    const [template] = readdirSync(cache).filter((d) => d.startsWith('pglite-cluster-'));
    expect(template).toMatch(/^pglite-cluster-\d+\.\d+\.\d+/u);
    const built = statSync(join(cache, template, 'PG_VERSION')).mtimeMs;
    // A copy, not a new initdb: the same cluster identifier, the template untouched, no build left over.
    expect(await usable(join(root, 'b'))).toEqual(first);
    expect(statSync(join(cache, template, 'PG_VERSION')).mtimeMs).toBe(built);
    expect(readdirSync(cache).filter((d) => d.includes('.build-'))).toEqual([]);
    lastSeeded = first.cluster;
  }, 180_000);

  it('a cache that cannot be written falls back to initdb in the data directory', async () => {
    const notADir = join(root, 'file');
    writeFileSync(notADir, 'x');
    process.env.SELFEVAL_CACHE_DIR = join(notADir, 'cache');
    const own = await usable(join(root, 'c'));
    expect(own.migrations).toBeGreaterThan(0);
    expect(own.cluster).not.toBe(lastSeeded);
    expect(existsSync(join(root, 'c', 'PG_VERSION'))).toBe(true);
  }, 180_000);
});
