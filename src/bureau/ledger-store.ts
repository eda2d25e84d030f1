import { createHash } from 'node:crypto';
import type { Queryable } from '../store/index.js';
import type { LedgerRow } from './ledger-check.js';
import type { ReferenceRow } from './reference-import.js';

export interface ImportOutcome {
  importId: number;
  years: number[];
  rows: number;
  /** Rows of those years the import replaced. */
  replaced: number;
}

/**
 * Store a validated reference table in one transaction: the rows of every year the file holds
 * replace that year's previous rows (a corrected table replaces the wrong one whole).
 */
export async function saveReferenceImport(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, rows: ReferenceRow[], source: { fileName: string; bytes: Uint8Array; actor: string }): Promise<ImportOutcome> {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const sha256 = createHash('sha256').update(source.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const [{ id }] = await tx.query<{ id: string }>(
      'INSERT INTO reference_imports (file_name, sha256, years, row_count, actor) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [source.fileName, sha256, years, rows.length, source.actor],
    );
    const [{ n }] = await tx.query<{ n: number }>('WITH d AS (DELETE FROM reference_rows WHERE year = ANY($1::int[]) RETURNING 1) SELECT count(*)::int AS n FROM d', [years]);
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const base = params.length;
        params.push(r.year, r.department, r.project, r.initialBudget, r.fullYearBudget, r.executed, r.departmentCode, r.projectCode, r.sourceRow, id);
        return `(${Array.from({ length: 10 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      await tx.query(
        `INSERT INTO reference_rows (year, department, project, initial_budget, full_year_budget, executed, department_code, project_code, source_row, import_id) VALUES ${values.join(', ')}`,
        params,
      );
    }
    return { importId: Number(id), years, rows: rows.length, replaced: n };
  });
}

export interface LedgerDbRow {
  year: number;
  department: string;
  project: string;
  initial_budget: string | null;
  full_year_budget: string | null;
  executed: string | null;
  department_code: string | null;
  project_code: string | null;
  source_row: number;
  file_name: string;
}

/** The ledger rows of some years (all years when none given), in file order. */
export async function loadLedger(db: Queryable, years?: number[]): Promise<LedgerRow[]> {
  const rows = await db.query<LedgerDbRow>(
    `SELECT r.*, i.file_name FROM reference_rows r JOIN reference_imports i ON i.id = r.import_id
     ${years ? 'WHERE r.year = ANY($1::int[])' : ''} ORDER BY r.year, r.source_row`,
    years ? [years] : [],
  );
  return rows.map(toLedgerRow);
}

/** A reference_rows row (with its import's file name), as the SQL returns it, as the checks take it. */
export function toLedgerRow(r: LedgerDbRow): LedgerRow {
  return {
    year: r.year,
    department: r.department,
    project: r.project,
    initialBudget: r.initial_budget,
    fullYearBudget: r.full_year_budget,
    executed: r.executed,
    departmentCode: r.department_code,
    projectCode: r.project_code,
    sourceRow: r.source_row,
    fileName: r.file_name,
  };
}

export async function listImports(db: Queryable): Promise<Array<{ id: number; fileName: string; years: number[]; rows: number; actor: string; importedAt: Date }>> {
  const rows = await db.query<{ id: string; file_name: string; years: number[]; row_count: number; actor: string; imported_at: Date }>(
    'SELECT id, file_name, years, row_count, actor, imported_at FROM reference_imports ORDER BY id DESC LIMIT 50',
  );
  return rows.map((r) => ({ id: Number(r.id), fileName: r.file_name, years: r.years, rows: r.row_count, actor: r.actor, importedAt: new Date(r.imported_at) }));
}
