/**
 * Run selfeval end to end on one file many times, for a CPU profile of the hot path:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts samples/seed.pdf 20
 *   node --import tsx bench/hotspots.ts /tmp/prof/*.cpuprofile
 */
import { readFile } from 'node:fs/promises';
import { runPipeline } from '../src/pipeline.js';

const [file, times = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench/profile.ts FILE [RUNS]\n');
  process.exit(2);
}
const bytes = new Uint8Array(await readFile(file));
for (let i = 0; i < Number(times); i++) {
  const { result } = await runPipeline({ bytes, file });
  JSON.stringify(result);
  if (i === 0) process.stderr.write(`${file}: ${result.status} ${JSON.stringify(result.timings)}\n`);
}
