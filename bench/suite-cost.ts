/**
 * Where the test suite's CPU goes, per test file: CPU of the vitest fork and its children (LibreOffice, Chromium,
 * Ghostscript, OCR…) from test/support/cpu-probe.ts, split into fixture making (cachedFile) and the rest (the
 * pipeline reading the fixtures, imports, assertions), and its system (kernel) part apart. CPU, not wall: the box is shared and loaded.
 *   TMPDIR=$(mktemp -d) SUITE_COST=/tmp/cost.jsonl npx vitest run --config bench/suite-cost.config.ts [files…]
 *   npx tsx bench/suite-cost.ts /tmp/cost.jsonl bench/results/suite15-NAME.json [label]
 * (The vitest main process — transforms, the sequencer — is not in the per-file figures: time the whole
 * command with /usr/bin/time for it. The fixtures' LibreOffice is one for all test processes
 * (test/fixtures/producers/office-fixtures.ts): its CPU is charged to the file whose process started it, while that
 * process lives, and is lost from the figures after; `starts.log` in its directory under TMPDIR counts its starts,
 * and sampling /proc for soffice.bin gives its whole CPU.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

interface Row {
  file: string;
  pid: number;
  cpu: number;
  /** the kernel's part of cpu (absent in files written before it was recorded) */
  sys?: number;
  testWall: number;
  make: Record<string, { cpu: number; wall: number; n: number }>;
}

const [input, output, label = ''] = process.argv.slice(2);
if (!input || !output) {
  console.error('用法 / usage: tsx bench/suite-cost.ts COST.jsonl OUT.json [label]');
  process.exit(2);
}
const rows = readFileSync(input, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
const round = (v: number) => Math.round(v * 10) / 10;
const files = rows
  .map((r) => {
    const making = Object.values(r.make).reduce((s, m) => s + m.cpu, 0);
    return {
      file: relative(process.cwd(), r.file),
      cpuSeconds: round(r.cpu),
      sysCpuSeconds: round(r.sys ?? 0),
      fixtureMakingCpuSeconds: round(making),
      restCpuSeconds: round(r.cpu - making),
      testsWallSeconds: round(r.testWall),
      fixtures: Object.fromEntries(Object.entries(r.make).map(([k, m]) => [k, { made: m.n, cpuSeconds: round(m.cpu) }])),
    };
  })
  .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
const sum = (f: (x: (typeof files)[number]) => number) => round(files.reduce((s, x) => s + f(x), 0));
const summary = { label, measured: new Date().toISOString(), files: files.length, cpuSeconds: sum((x) => x.cpuSeconds), sysCpuSeconds: sum((x) => x.sysCpuSeconds), fixtureMakingCpuSeconds: sum((x) => x.fixtureMakingCpuSeconds) };
writeFileSync(output, `${JSON.stringify({ ...summary, perFile: files }, null, 1)}\n`);
console.log(JSON.stringify(summary));
for (const f of files.slice(0, 25)) console.log(`${String(f.cpuSeconds).padStart(7)} ${String(f.sysCpuSeconds).padStart(6)} ${String(f.fixtureMakingCpuSeconds).padStart(6)}  ${f.file}`);
