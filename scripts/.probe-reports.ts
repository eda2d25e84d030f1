import { parseDocument } from '../parsers/index.js';
import { readFileSync } from 'node:fs';
import { findReports } from '../src/narrative/reports.js';
import { isPerformanceParagraph, proseEvidence } from '../src/narrative/performance-prose.js';
import { reportTitle } from '../src/narrative/report-title.js';
const doc = await parseDocument(new Uint8Array(readFileSync(process.argv[2])));
for (const b of doc.blocks) if (b.kind === 'paragraph') console.log(b.paragraph, isPerformanceParagraph(b.text), JSON.stringify(proseEvidence(b.text)), JSON.stringify(reportTitle(b.text)), b.text.slice(0, 40));
for (const r of findReports(doc)) console.log(r.kind, r.title, r.first, r.last, r.sections.length, r.body.length);
