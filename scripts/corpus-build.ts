/**
 * Rebuilds the real-report corpus: each <root>/<id>/source.txt (the published text, tables as
 * tables) → <id>.docx (our WordprocessingML writer, real merged cells) → <id>.pdf (LibreOffice
 * headless, as the generator's fixtures are made). The .pdf is rebuilt only when the .docx bytes
 * changed (build.json keeps their sha256), since LibreOffice stamps dates into every PDF.
 *
 *   npm run corpus:build [-- --dir /work/heldout] [--force] [--only ID]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource } from '../test/corpus/source-format.js';
import { loadTruth } from '../test/corpus/score.js';
import { writeBlocksDocx } from '../test/fixtures/generator/docx.js';
import { docxToPdf } from '../test/fixtures/generator/pdf.js';
import { flag, opt } from './lib/args.js';

const root = opt('--dir') ?? 'test/corpus/real';
const only = opt('--only');
const force = flag('--force');

async function main(): Promise<void> {
  const ids = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory() && existsSync(join(root, d, 'source.txt')) && (!only || d === only)).sort();
  for (const id of ids) {
    const dir = join(root, id);
    const truth = loadTruth(join(dir, 'truth.json'));
    const blocks = parseSource(readFileSync(join(dir, 'source.txt'), 'utf8'), join(dir, 'source.txt'));
    const docx = writeBlocksDocx(blocks, { title: truth.meta.title, creator: truth.meta.publisher }, { producer: 'word' });
    const sha = createHash('sha256').update(docx).digest('hex');
    const buildPath = join(dir, 'build.json');
    const previous = existsSync(buildPath) ? (JSON.parse(readFileSync(buildPath, 'utf8')) as { docxSha256?: string }).docxSha256 : undefined;
    const pdfPath = join(dir, `${id}.pdf`);
    writeFileSync(join(dir, `${id}.docx`), docx);
    if (force || previous !== sha || !existsSync(pdfPath)) {
      const pdf = await docxToPdf(docx, { timeoutMs: 120_000 });
      writeFileSync(pdfPath, pdf);
      writeFileSync(buildPath, `${JSON.stringify({ docxSha256: sha, pdfFrom: 'soffice --headless --convert-to pdf' }, null, 2)}\n`);
      console.log(`${id}: docx + pdf (${blocks.length} blocks)`);
    } else {
      console.log(`${id}: unchanged`);
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
