/**
 * test/durations.json from a vitest JSON report of a whole run on a fresh clone (fixture caches cold, as on CI): seconds per test file, which the test sequencer
 * (test/support/longest-first.ts) uses to start the longest files first on a fresh clone.
 *   npx vitest run --reporter=default --reporter=json --outputFile=/tmp/vitest.json
 *   npx tsx scripts/test-durations.ts /tmp/vitest.json
 * A report of part of the suite (one project: `--project in-process`) replaces the seconds of its files; the
 * others keep theirs. The sequencer compares files of one project with each other only, so one project's
 * files should come from one run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('用法 / usage: tsx scripts/test-durations.ts VITEST_JSON_REPORT');
  process.exit(2);
}
const root = resolve(new URL('..', import.meta.url).pathname);
const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; startTime: number; endTime: number }[] };
const durations = new URL('../test/durations.json', import.meta.url);
const recorded: Record<string, number> = JSON.parse(readFileSync(durations, 'utf8'));
const measured = new Map(testResults.map((t) => [relative(root, t.name), Math.round((t.endTime - t.startTime) / 100) / 10] as const));
const rows = [...Object.entries(recorded).filter(([file]) => !measured.has(file) && existsSync(join(root, file))), ...measured].sort((a, b) => b[1] - a[1]);
writeFileSync(durations, `${JSON.stringify(Object.fromEntries(rows), null, 1)}\n`);
console.log(`${measured.size} files measured, ${rows.length - measured.size} kept; ${rows.reduce((s, r) => s + r[1], 0).toFixed(0)} s in all`);
