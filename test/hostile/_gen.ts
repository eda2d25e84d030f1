import { generateCorpus } from './corpus.ts';
import { readdirSync, statSync } from 'node:fs';
const t = performance.now();
const files = await generateCorpus(process.argv[2]);
console.log('files', files.length, 'ms', Math.round(performance.now() - t), 'MB', (files.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1));
const dir = process.argv[2];
const ents = readdirSync(dir).map((n) => [n, statSync(`${dir}/${n}`).mtimeMs] as const).sort((a, b) => a[1] - b[1]);
for (let i = 1; i < ents.length; i++) { const d = ents[i][1] - ents[i - 1][1]; if (d > 150) console.log(ents[i][0], Math.round(d)); }
