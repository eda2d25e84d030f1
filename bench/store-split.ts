/**
 * What storing one report costs, statement by statement: the queue worker's save (saveResult and the
 * cross-report checks after it) of N byte-distinct seed.docx results on ONE PostgreSQL connection,
 * with the backend's CPU read from /proc around every statement, and the worker-side CPU of the
 * save (process.cpuUsage) beside it, and the round trips (every query the pg client sends, BEGIN and
 * COMMIT included) of the save and of the cross checks. Own schema, dropped afterwards.
 *
 *   node --import tsx bench/store-split.ts [--reports 200]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runPipeline } from '../src/pipeline.js';
import { justSaved, recheckAfterSave } from '../src/bureau/cross-check.js';
import { openStore } from '../src/store/index.js';
import type { Queryable } from '../src/store/db.js';
import type { Result } from '../schemas/result.js';
import { reportDepartment } from '../src/bureau/ledger-check.js';
import { reportScores } from '../src/bureau/scores.js';
import { ROOT, queueEnv } from './batch.js';

const { values: args } = parseArgs({ options: { reports: { type: 'string', default: '200' } } });
const reports = Number(args.reports);
const env = queueEnv();
const schema = `bench_store_${process.pid}_${Date.now().toString(36)}`;

function backendTicks(pid: number): number {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples', 'seed.docx')));
const { result, document } = await runPipeline({ bytes, file: 'seed.docx' });
const resultJson = JSON.stringify(result);
const documentJson = JSON.stringify(document);
const findingsJson = JSON.stringify(result.discrepancies);
console.error(`Result ${(resultJson.length / 1e6).toFixed(3)} M chars, DocumentModel ${(documentJson.length / 1e6).toFixed(3)}, findings ${(findingsJson.length / 1e6).toFixed(3)} (${result.discrepancies.length})`);

const store = await openStore({ databaseUrl: env.databaseUrl, schema, maxConnections: 1 });
const [{ pid }] = await store.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
// Every statement on the one connection, timed by backend CPU (ticks, 10 ms: summed over many reports).
const byStatement = new Map<string, { ticks: number; n: number }>();
const wrap = (q: Queryable['query']): Queryable['query'] =>
  async function timed<T>(text: string, params?: unknown[]) {
    const before = backendTicks(pid);
    const rows = await q<T>(text, params);
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const e = byStatement.get(key) ?? { ticks: 0, n: 0 };
    e.ticks += backendTicks(pid) - before;
    e.n++;
    byStatement.set(key, e);
    return rows;
  } as Queryable['query'];
const db = store.db;
const origQuery = db.query.bind(db);
const origTx = db.transaction.bind(db);
(db as { query: Queryable['query'] }).query = wrap(origQuery);
(db as { transaction: typeof db.transaction }).transaction = (fn, o) => origTx((tx) => fn({ query: wrap(tx.query.bind(tx)) }), o);

// Round trips: every query a pg client sends (a transaction's BEGIN and COMMIT included).
let roundTrips = 0;
const clientQuery = pg.Client.prototype.query;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...a: unknown[]) {
  roundTrips++;
  return (clientQuery as (...x: unknown[]) => unknown).apply(this, a);
};
const trips = { save: 0, cross: 0 };

const shaOf = (i: number) => i.toString(16).padStart(64, '0');
// Two ways of storing, alternated report by report on the one connection: "parsed" (the Result
// text parsed on the worker's main thread, as before the pipeline thread sent a summary) and
// "summary" (the text stored unparsed, the summary made on the pipeline thread).
const summary = {
  head: { ...result, report: result.report ? { year: result.report.year, family: result.report.family, department: result.report.department } : null },
  department: result.report ? reportDepartment(result.report) : null,
  scores: reportScores(result.report),
};
const by = { parsed: { client: 0, backend: 0, n: 0 }, summary: { client: 0, backend: 0, n: 0 } };
let clientMs = 0;
const t0Ticks = backendTicks(pid);
for (let i = 0; i < reports; i++) {
  const sha = shaOf(i + 1);
  await origQuery('INSERT INTO files (sha256, bytes, size, first_name) VALUES ($1, $2, $3, $4)', [sha, bytes, bytes.length, 'seed.docx']);
  const json = resultJson.replace(result.sha256, sha);
  const way = i % 2 === 0 ? 'parsed' : 'summary';
  const before = process.cpuUsage();
  const b0 = backendTicks(pid);
  if (way === 'parsed') {
    const r = JSON.parse(json) as Result;
    const t0 = roundTrips;
    const saved = await store.saveResult(r, null, { runKey: `k${i}`, json: { result: json, document: documentJson } });
    trips.save += roundTrips - t0;
    const t1 = roundTrips;
    await recheckAfterSave(store, sha, justSaved(r, () => JSON.parse(documentJson), 'seed.docx', saved.run)!);
    trips.cross += roundTrips - t1;
  } else {
    const head = { ...summary.head, sha256: sha };
    const saved = await store.saveResult(head, null, { runKey: `k${i}`, json: { result: json, document: documentJson } });
    await recheckAfterSave(store, sha, {
      sha256: sha, report: () => (JSON.parse(json) as Result).report!, year: head.report!.year, department: summary.department, storedDepartment: head.report!.department?.text ?? null, scores: summary.scores,
      document: () => JSON.parse(documentJson), fileName: 'seed.docx', run: saved.run,
    });
  }
  const u = process.cpuUsage(before);
  const ms = (u.user + u.system) / 1000;
  clientMs += ms;
  by[way].client += ms;
  by[way].backend += (backendTicks(pid) - b0) * 10;
  by[way].n++;
}
for (const [k, v] of Object.entries(by)) console.log(`${k}: worker-side ${(v.client / v.n).toFixed(2)} ms, backend ${(v.backend / v.n).toFixed(2)} ms per report`);
const totalTicks = backendTicks(pid) - t0Ticks;
const rows = [...byStatement.entries()].sort((a, b) => b[1].ticks - a[1].ticks);
console.log(`backend CPU per report: ${((totalTicks * 10) / reports).toFixed(1)} ms (files insert included); worker-side CPU of the save: ${(clientMs / reports).toFixed(1)} ms`);
const parsedN = by.parsed.n;
console.log(`round trips per report: save ${(trips.save / parsedN).toFixed(1)}, cross checks ${(trips.cross / parsedN).toFixed(1)}`);
for (const [k, v] of rows) if (v.ticks > 0) console.log(`${((v.ticks * 10) / reports).toFixed(2).padStart(7)} ms  ×${(v.n / reports).toFixed(0)}  ${k}`);
// Bytes per report in PostgreSQL: every table a save or its cross checks write (indexes and TOAST
// included), after VACUUM FULL so that dead row versions do not count; and the findings table's
// columns (pg_column_size: as stored, compressed) to show what each one costs.
const STORE_TABLES = ['files', 'reports', 'report_runs', 'findings', 'batch_items', 'cross_findings', 'report_scores'];
for (const t of STORE_TABLES) await origQuery(`VACUUM FULL ${t}`);
const sizes = await origQuery<{ t: string; b: string }>(
  STORE_TABLES.map((t) => `SELECT '${t}' AS t, pg_total_relation_size('${t}')::bigint AS b`).join(' UNION ALL '),
);
const bytesOf = Object.fromEntries(sizes.map((r) => [r.t, Number(r.b)]));
const hasEvidence = (await origQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'findings' AND column_name = 'evidence'")).length > 0;
const [cols] = await origQuery<Record<string, string>>(
  `SELECT ${hasEvidence ? 'coalesce(sum(pg_column_size(f.evidence)), 0)::bigint AS evidence, ' : ''}coalesce(sum(pg_column_size(f.finding)), 0)::bigint AS finding, coalesce(sum(pg_column_size(f.numbers)), 0)::bigint AS numbers,
          coalesce(sum(pg_column_size(f)), 0)::bigint AS row FROM findings f`,
);
const [rcols] = await origQuery<Record<string, string>>(
  'SELECT sum(pg_column_size(result))::bigint AS result, sum(pg_column_size(document))::bigint AS document, sum(octet_length(result::text))::bigint AS result_raw, sum(octet_length(document::text))::bigint AS document_raw FROM reports',
);
const perReport = (n: number | string) => Math.round(Number(n) / reports);
const withoutFiles = STORE_TABLES.filter((t) => t !== 'files').reduce((a, t) => a + bytesOf[t], 0);
console.log(`bytes per report (pg_total_relation_size / ${reports}, after VACUUM FULL): all tables but files ${perReport(withoutFiles)}; ` +
  STORE_TABLES.map((t) => `${t} ${perReport(bytesOf[t])}`).join(', '));
console.log(`findings columns per report (pg_column_size): ${Object.entries(cols).map(([k, v]) => `${k} ${perReport(v)}`).join(', ')}`);
console.log(`reports columns per report: ${Object.entries(rcols).map(([k, v]) => `${k} ${perReport(v)}`).join(', ')}`);
await store.close();
const admin = new pg.Client({ connectionString: env.databaseUrl });
await admin.connect();
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
await admin.end();
