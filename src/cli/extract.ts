import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Result } from '../../schemas/result.js';
import { collectInputs } from '../files.js';
import { runIsolated } from '../isolate/runner.js';
import { RULES_VERSION } from '../rules/index.js';
import { parseArgs, UsageError } from './args.js';
import { formatSummary } from './summary.js';
import { ExtractSink } from '../store/extract-sink.js';
import { Progress, progressWanted } from '../progress.js';

const HELP = `用法 / usage: selfeval extract <files|folders>... [--json] [--out DIR] [--lang zh|en]

  --json       每个文件输出一行 JSON（NDJSON，见 output-contract） / one JSON object per file
  --out DIR    每个输入文件写一个结果文件 / write one result file per input
  --lang en    英文提示 / English messages
  --db DIR     结果存入数据库：PGlite 数据目录 DIR，设置了 DATABASE_URL 时存入 PostgreSQL / store results (PGlite in DIR, or DATABASE_URL)
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'help'], values: ['out', 'lang', 'db'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval extract: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    process.stderr.write(`selfeval extract: 请指定文件或文件夹 / no input given\n\n${HELP}`);
    return 2;
  }
  const lang = parsed.values.get('lang') === 'en' ? 'en' : 'zh';
  const json = parsed.flags.has('json');
  const outDir = parsed.values.get('out');
  if (outDir) await mkdir(outDir, { recursive: true });

  const inputs = await collectInputs(parsed.positionals);
  const usedNames = new Set<string>();
  let failed = 0;
  const dbDir = parsed.values.get('db');
  const sink = dbDir !== undefined ? await ExtractSink.open(dbDir, inputs.map((i) => i.path)) : null;
  const bar = new Progress(inputs.length, { enabled: progressWanted(json) && inputs.length > 1 });
  for (const input of inputs) {
    const result = sink ? await sink.extract(input.path, lang, () => extractFile(input.path, lang)) : await extractFile(input.path, lang);
    if (result.status === 'error') failed++;
    bar.finish();
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else process.stdout.write(formatSummary(result, lang) + '\n');
    bar.tick();
    if (outDir) {
      let name = `${basename(input.path)}.json`;
      for (let k = 2; usedNames.has(name); k++) name = `${basename(input.path)}.${k}.json`;
      usedNames.add(name);
      await writeFile(join(outDir, name), JSON.stringify(result, null, 2));
    }
  }
  bar.finish();
  if (sink) {
    await sink.close();
    if (!json) process.stdout.write(`\n已存入数据库，批次 / stored as batch ${sink.batchId}`);
  }
  if (!json) {
    process.stdout.write(`\n共 ${inputs.length} 个文件，成功 ${inputs.length - failed}，失败 ${failed} / ${inputs.length} files, ${failed} failed\n`);
  }
  return failed > 0 ? 1 : 0;
}

/** Read one file and run the pipeline; an unreadable file becomes an error result, never a throw. */
export async function extractFile(path: string, lang: 'zh' | 'en'): Promise<Result> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 / no such file' : `无法读取文件 / cannot read: ${(e as Error).message}`;
    return {
      file: path,
      sha256: createHash('sha256').update('').digest('hex'),
      format: null,
      status: 'error',
      error: { code: 'READ_FAILED', message: `${path}：${reason}` },
      report: null,
      discrepancies: [],
      rulesVersion: RULES_VERSION,
      timings: {},
    };
  }
  // In a worker thread with time and memory limits: a hostile file cannot hang or crash the run.
  return runIsolated({ bytes, file: path, lang });
}
