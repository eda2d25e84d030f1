import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A new embedded store starts from a copy of an empty PGlite cluster instead of running initdb.
 *
 * PGlite's initdb runs inside WebAssembly and costs ~4.5 s of CPU (and ~0.8 GB RSS) for every new
 * data directory; opening an existing cluster costs ~0.3 s. The first new store on a machine builds
 * the empty cluster once into the user's cache (SELFEVAL_CACHE_DIR, else $XDG_CACHE_HOME/selfeval,
 * else ~/.cache/selfeval), keyed by the PGlite version, and every later new store copies it. The
 * template holds no schema and no data of ours (migrations still run per store), only what initdb
 * writes. Any failure (read-only home, a half-copied template) falls back to PGlite's own initdb.
 */
export function seedFromTemplate(dataDir: string, initCluster: (dir: string) => Promise<void>): Promise<boolean> {
  return seed(dataDir, initCluster).catch(() => false);
}

/** A PostgreSQL cluster is in the directory (PGlite runs initdb only when PG_VERSION is missing). */
export function hasCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

async function seed(dataDir: string, initCluster: (dir: string) => Promise<void>): Promise<boolean> {
  if (process.env.SELFEVAL_PGLITE_TEMPLATE === '0') return false;
  const template = join(cacheRoot(), `pglite-cluster-${pgliteVersion()}`);
  if (!hasCluster(template)) await buildTemplate(template, initCluster);
  // Entry by entry, so the data directory's own lock file stays where it is; PG_VERSION last, so a copy
  // cut short (disk full) leaves no cluster for PGlite to open, and what it copied is removed.
  const entries = readdirSync(template).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  const copied: string[] = [];
  try {
    for (const entry of entries) {
      copied.push(entry);
      cpSync(join(template, entry), join(dataDir, entry), { recursive: true });
    }
  } catch (e) {
    for (const entry of copied) rmSync(join(dataDir, entry), { recursive: true, force: true });
    throw e;
  }
  return hasCluster(dataDir);
}

/** initdb into a private directory, then one rename: a concurrent builder never sees half a cluster. */
async function buildTemplate(template: string, initCluster: (dir: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(template), { recursive: true });
  const work = mkdtempSync(`${template}.build-`);
  try {
    await initCluster(work);
    if (!hasCluster(work)) throw new Error('initdb wrote no cluster');
    try {
      renameSync(work, template);
    } catch (e) {
      if (!hasCluster(template)) throw e; // another process won the race: use its copy
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function cacheRoot(): string {
  if (process.env.SELFEVAL_CACHE_DIR) return process.env.SELFEVAL_CACHE_DIR;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'selfeval');
  return join(homedir(), '.cache', 'selfeval');
}

let version: string | undefined;
/** The installed PGlite's version: a cluster made by one PGlite build is copied only for that build. */
function pgliteVersion(): string {
  if (version) return version;
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return (version = pkg.version.replace(/[^\w.-]/gu, '_'));
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('PGlite package.json not found');
    dir = up;
  }
}
