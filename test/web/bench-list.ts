/**
 * Benchmark of the reviewer UI's report list over 10,000 synthetic reports (PostgreSQL and PGlite):
 * time of the first page, a deep page (after walking 9,000 rows) and filtered pages, median of 5.
 *   npx tsx test/web/bench-list.ts [--pglite]
 */
import { listReportPage, type ReportFilter, type SortKey } from '../../src/web/queries.js';
import { buildServer } from '../../src/web/server.js';
import { addAccount, injectLogin, tempPgliteStore, tempPostgresStore, type TempStore } from './helpers.js';
import { insertSyntheticReports } from './synthetic.js';

const N = 10_000;

async function median(fn: () => Promise<unknown>, times = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
}

async function main() {
  const pglite = process.argv.includes('--pglite');
  const temp: TempStore = pglite ? await tempPgliteStore() : await tempPostgresStore();
  try {
    let t = performance.now();
    const { batchId } = await insertSyntheticReports(temp.store, N);
    console.log(`${pglite ? 'PGlite' : 'PostgreSQL'}: inserted ${N} reports in ${Math.round(performance.now() - t)} ms`);
    const cases: Array<[string, ReportFilter, SortKey]> = [
      ['all, newest first', {}, 'processed'],
      ['all, by department', {}, 'department'],
      ['errors only, by errors', { severity: 'error' }, 'errors'],
      ['rule execution-rate', { rule: 'execution-rate' }, 'processed'],
      ['department contains 第7号', { department: '第7号' }, 'department'],
      ['review dismissed', { review: 'dismissed' }, 'processed'],
      ['review open', { review: 'open' }, 'processed'],
      ['batch', { batchId }, 'file'],
    ];
    for (const [name, filter, sort] of cases) {
      const first = await median(() => listReportPage(temp.store, filter, sort, null, 50));
      // Walk to ~row 9,000 (or the end) to time a deep page.
      let cursor: string | null = null;
      let walked = 0;
      for (;;) {
        const p = await listReportPage(temp.store, filter, sort, cursor, 1000);
        if (!p.next || walked + 1000 >= 9000) {
          cursor = p.next ?? cursor;
          break;
        }
        cursor = p.next;
        walked += 1000;
      }
      const deep = cursor ? await median(() => listReportPage(temp.store, filter, sort, cursor, 50)) : NaN;
      console.log(`${name.padEnd(28)} first page ${first.toFixed(1)} ms, deep page ${deep.toFixed(1)} ms`);
    }
    const app = await buildServer({ store: temp.store });
    await addAccount(temp.store, 'bench', 'viewer');
    const session = await injectLogin(app, 'bench');
    const http = await median(() => app.inject({ url: '/reports?severity=error&sort=department', headers: session.headers() }));
    console.log(`HTTP /reports page (render included): ${http.toFixed(1)} ms`);
    await app.close();
    t = performance.now();
  } finally {
    await temp.cleanup();
  }
}

await main();
