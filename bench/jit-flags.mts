/**
 * Whole-process CPU per seed.docx report (all threads: the pipeline on the main thread, V8's helper
 * threads for GC and JIT) over reports n/2..n of one process, and the main thread's own share —
 * to compare V8 flags (node [flags] --import tsx bench/jit-flags.mts 200).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
// Flags set at run time (as bin/selfeval would), instead of on the command line.
if (process.env.JIT_RUNTIME_FLAGS) setFlagsFromString(process.env.JIT_RUNTIME_FLAGS);
import { runPipeline } from '../src/pipeline.js';
const bytes = new Uint8Array(readFileSync(new URL('../samples/seed.docx', import.meta.url)));
const n = Number(process.argv[2] ?? 200);
const mainTicks = () => { const s = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
let c0 = process.cpuUsage(), m0 = mainTicks();
const marks: string[] = [];
for (let i = 0; i < n; i++) {
  if (i === n / 2 || i === n / 4) {
    const c = process.cpuUsage(c0), m = mainTicks() - m0;
    marks.push(`reports ${i === n / 4 ? 0 : n / 4}-${i}: process ${((c.user + c.system) / 1000 / (n / 4)).toFixed(1)} ms, main ${(m / (n / 4)).toFixed(1)} ms`);
    if (i === n / 2) { c0 = process.cpuUsage(); m0 = mainTicks(); } else { c0 = process.cpuUsage(); m0 = mainTicks(); }
  }
  const { result, document } = await runPipeline({ bytes, file: `seed-${i}.docx` });
  JSON.stringify(result); JSON.stringify(document);
}
const c = process.cpuUsage(c0), m = mainTicks() - m0;
marks.push(`reports ${n / 2}-${n}: process ${((c.user + c.system) / 1000 / (n / 2)).toFixed(1)} ms, main ${(m / (n / 2)).toFixed(1)} ms`);
console.log([...process.execArgv.filter((a) => a.startsWith('--') && !a.startsWith('--import')), process.env.JIT_RUNTIME_FLAGS ? `runtime ${process.env.JIT_RUNTIME_FLAGS}` : ''].filter(Boolean).join(' ') || '(default)', '|', marks.join(' | '));
