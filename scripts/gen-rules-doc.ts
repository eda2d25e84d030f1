/** Writes docs/rules.md from the rules' meta: `npx tsx scripts/gen-rules-doc.ts`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../src/rules/doc.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderRulesDoc());
console.log(`wrote ${target}`);
