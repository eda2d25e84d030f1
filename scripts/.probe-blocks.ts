import { parseDocument } from '../parsers/index.js';
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const doc = await parseDocument(new Uint8Array(readFileSync(file)));
for (const b of doc.blocks) {
  if (b.kind === 'paragraph') console.log(`P${b.paragraph} [${b.style ?? ''}${b.fontSize ? ' ' + b.fontSize : ''}] ${b.text.slice(0, Number(process.argv[3] ?? 120))}`);
  else console.log(`T${b.table} ${b.nRows}x${b.nCols} ${b.cells.slice(0, 6).map((c) => c.text.replace(/\n/g, ' ').slice(0, 20)).join(' | ')}`);
}
