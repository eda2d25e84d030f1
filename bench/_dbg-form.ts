import { readFileSync, writeFileSync } from 'node:fs';
import { wordPdf } from '../test/fixtures/producers/word-pdf.js';
const seed = new Uint8Array(readFileSync('samples/seed.pdf'));
writeFileSync(`/tmp/p7/form.pdf`, await wordPdf(seed, { form: {} }));
writeFileSync(`/tmp/p7/form-noap.pdf`, await wordPdf(seed, { form: { appearance: false } }));
