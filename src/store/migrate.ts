import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.js';

/** Migration files: `NNN_name.sql` in src/store/migrations, applied in number order, each once. */
const MIGRATION_FILE = /^(\d{3,})_[\w-]+\.sql$/;

/** The migrations folder, from the sources or from the compiled build (dist/src/store → src/store). */
export function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, '..', '..', '..', 'src', 'store', 'migrations')];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`找不到数据库迁移文件夹 / migrations folder not found (looked in ${candidates.join(', ')})`);
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const out: Migration[] = [];
  for (const name of await readdir(dir)) {
    const m = MIGRATION_FILE.exec(name);
    if (!m) continue;
    out.push({ version: Number(m[1]), name, sql: await readFile(join(dir, name), 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i].version === out[i - 1].version) throw new Error(`迁移编号重复 / duplicate migration number: ${out[i - 1].name}, ${out[i].name}`);
  }
  return out;
}

/**
 * Apply the migrations not applied yet, each in its own transaction. Several workers starting at
 * once serialize on an advisory lock, so every migration runs exactly once.
 */
export async function migrate(db: Database): Promise<number[]> {
  const migrations = await loadMigrations();
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`).catch(async (e) => {
    // Concurrent CREATE TABLE IF NOT EXISTS can race on the catalog; the other process made it.
    if ((e as { code?: string }).code !== '23505') throw e;
  });
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [':selfeval-migrate']);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/**
 * Split a migration script into statements on `;` at line ends (comments removed). A function body
 * between `$$` lines is one piece however many `;` it holds. Migration files keep to that style: no
 * semicolons at line ends inside strings, function bodies quoted with `$$`.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const raw of sql.split('\n')) {
    const line = raw.replace(/--.*$/, '');
    if ((line.split('$$').length - 1) % 2 === 1) inBody = !inBody;
    current.push(line);
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.join('\n').replace(/;\s*$/, ''));
      current = [];
    }
  }
  statements.push(current.join('\n'));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
