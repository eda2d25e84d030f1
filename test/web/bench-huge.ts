/**
 * Cost of the reviewer UI on a huge document (issue 18: a 1M-paragraph document made one page
 * 135.8 MB, and 16 such requests took the UI down for 100 s). Prints, for each request: wall time,
 * the server process's CPU time, and the page size.
 *   npx tsx test/web/bench-huge.ts [paragraphs=1000000] [--pglite]
 */
import { buildServer } from '../../src/web/server.js';
import { addAccount, injectLogin, tempPgliteStore, tempPostgresStore, type TempStore } from './helpers.js';
import { insertHugeReport } from './huge.js';

const paragraphs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const pglite = process.argv.includes('--pglite');

async function main() {
  const temp: TempStore = pglite ? await tempPgliteStore() : await tempPostgresStore();
  try {
    let t = performance.now();
    const { sha256, cited } = await insertHugeReport(temp.store, paragraphs);
    console.log(`${pglite ? 'PGlite' : 'PostgreSQL'}: stored a document of ${paragraphs} paragraphs in ${Math.round(performance.now() - t)} ms`);
    await addAccount(temp.store, 'bench', 'viewer');
    const app = await buildServer({ store: temp.store, web: { requestTimeoutMs: 600_000 } });
    const s = await injectLogin(app, 'bench');
    const measure = async (label: string, url: string) => {
      const cpu = process.cpuUsage();
      t = performance.now();
      const res = await app.inject({ url, headers: s.headers() });
      const used = process.cpuUsage(cpu);
      console.log(
        `${label.padEnd(44)} ${res.statusCode}  ${String(Math.round(performance.now() - t)).padStart(7)} ms wall  ${String(Math.round((used.user + used.system) / 1000)).padStart(6)} ms CPU  ${(res.body.length / 1024).toFixed(0).padStart(6)} KiB`,
      );
    };
    await measure('report page (first view: starts the index)', `/reports/${sha256}`);
    t = performance.now();
    for (;;) {
      const res = await app.inject({ url: `/reports/${sha256}`, headers: s.headers() });
      if (!res.body.includes('正在为它建立索引')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`index of the document built in the background in ${Math.round(performance.now() - t)} ms`);
    await measure('report page (indexed)', `/reports/${sha256}`);
    await measure('full source, page 1', `/reports/${sha256}/source`);
    await measure(`full source, page holding paragraph ${cited[0]}`, `/reports/${sha256}/source?paragraph=${cited[0]}`);
    await measure('full source, last page', `/reports/${sha256}/source?from=${paragraphs - 200}`);
    // 16 concurrent report pages (what took the UI down) and the health check among them.
    t = performance.now();
    const cpu = process.cpuUsage();
    const flood = Array.from({ length: 16 }, (_, i) => app.inject({ url: `/reports/${sha256}/source?from=${i * 1000}`, headers: s.headers() }));
    const h0 = performance.now();
    const health = await app.inject({ url: '/healthz' });
    const healthMs = performance.now() - h0;
    const done = await Promise.all(flood);
    const used = process.cpuUsage(cpu);
    console.log(
      `16 concurrent source pages: ${Math.round(performance.now() - t)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU, statuses ${[...new Set(done.map((r) => r.statusCode))].join('/')}, largest ${(Math.max(...done.map((r) => r.body.length)) / 1024).toFixed(0)} KiB; /healthz ${health.statusCode} in ${Math.round(healthMs)} ms`,
    );
    await app.close();
  } finally {
    await temp.cleanup();
  }
}

await main();
