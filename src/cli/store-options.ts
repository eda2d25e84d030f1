import { openStore, DEFAULT_DATA_DIR, type Store } from '../store/index.js';

/** The store a command uses: PostgreSQL when DATABASE_URL is set, else PGlite in --db DIR. */
export async function openCommandStore(dataDir: string | undefined): Promise<Store> {
  return openStore({ dataDir: dataDir ?? DEFAULT_DATA_DIR });
}

/** Commands that share the store with queue workers on other machines need PostgreSQL. */
export function requirePostgres(command: string): string | null {
  if (process.env.DATABASE_URL) return null;
  return `selfeval ${command}: 队列模式需要 PostgreSQL，请设置 DATABASE_URL（无 PostgreSQL 时用 extract --db DIR）/ queue mode needs DATABASE_URL (without it use extract --db DIR)\n`;
}
