import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, DEFAULT_DATA_DIR, type Store } from '../store/index.js';
import { UsageError } from './args.js';

/**
 * The store a command uses: PostgreSQL when DATABASE_URL is set, else PGlite in --db DIR.
 * A command that only reads (status, export, reprocess, serve) never creates one: a mistyped
 * --db is an error naming the folder, not a new empty store that shows "no batches".
 */
export async function openCommandStore(dataDir: string | undefined, options: { create?: boolean } = {}): Promise<Store> {
  const dir = dataDir ?? DEFAULT_DATA_DIR;
  if (!process.env.DATABASE_URL && !options.create && !isPgliteDir(dir)) {
    throw new UsageError(`数据目录 ${resolve(dir)} 不存在或不是 selfeval 数据库；先用 extract --db ${dir} 建立，或设置 DATABASE_URL / no store in ${dir}`);
  }
  return openStore({ dataDir: dir });
}

/** A PGlite data directory (PostgreSQL's PG_VERSION file at its top). */
export function isPgliteDir(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/** Commands that share the store with queue workers on other machines need PostgreSQL. */
export function requirePostgres(command: string): string | null {
  if (process.env.DATABASE_URL) return null;
  return `selfeval ${command}: 队列模式需要 PostgreSQL，请设置 DATABASE_URL（无 PostgreSQL 时用 extract --db DIR）/ queue mode needs DATABASE_URL (without it use extract --db DIR)\n`;
}
