/**
 * Benchmark (not a test): narrative analysis of the seed, per call, after warm-up.
 *   node --import tsx test/narrative/bench-narrative.ts [samples/seed.docx] [iterations]
 * Target (issue 4): a few ms per report. Prints wall and CPU time per call.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../parsers/index.js';
import { recognizeReport } from '../../src/recognize/index.js';
import { analyzeNarrative } from '../../src/narrative/index.js';

const file = process.argv[2] ?? 'samples/seed.docx';
const iterations = Number(process.argv[3] ?? 200);
const doc = await parseDocument(new Uint8Array(readFileSync(file)));
const report = recognizeReport(doc);
for (let k = 0; k < 20; k++) analyzeNarrative(doc, report); // warm-up (JIT)
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let stats = 0;
for (let k = 0; k < iterations; k++) stats = analyzeNarrative(doc, report).statistics.length;
const wall = (performance.now() - t0) / iterations;
const cpu = process.cpuUsage(cpu0);
console.log(
  `${file}: ${stats} statistics; narrative analysis ${wall.toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 1000 / iterations).toFixed(2)} ms CPU per call (${iterations} calls)`,
);
