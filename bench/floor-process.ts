/**
 * The .docx floor as a whole process, for the per-report marginal CPU figure (bench/process-marginal.ts):
 * read every .docx of a folder, inflate word/document.xml with node:zlib and tokenize it with the
 * fastest tokenizer — what `selfeval extract` must at least do for each file, nothing more.
 *
 *   node --import tsx bench/floor-process.ts DIR [TOKENIZER]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCX_TOKENIZERS, docxFloor, prepareSaxWasm, type DocxTokenizer } from './floors.js';

const [dir, tokenizer = 'byte scanner'] = process.argv.slice(2);
if (!dir || !(tokenizer in DOCX_TOKENIZERS)) {
  process.stderr.write(`usage: bench/floor-process.ts DIR [${Object.keys(DOCX_TOKENIZERS).join(' | ')}]\n`);
  process.exit(2);
}
await prepareSaxWasm();
let sum = 0;
for (const name of readdirSync(dir).sort()) if (name.endsWith('.docx')) sum += docxFloor(new Uint8Array(readFileSync(join(dir, name))), tokenizer as DocxTokenizer);
process.stdout.write(`${sum}\n`);
