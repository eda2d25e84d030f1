import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Result } from '../../schemas/result.js';
import { collectInputs, readInputFile, type InputFile } from '../files.js';
import { reportSkipped } from './skipped.js';
import { rulesVersion, sharedRunner, utf8Text } from '../isolate/runner.js';
import { parseArgs, UsageError } from './args.js';
import { formatSummary } from './summary.js';
import { serialized, type SerializedResult } from '../serialized-result.js';
import { Progress, progressWanted } from '../progress.js';
import { CountedOutput } from './confirmed-output.js';
import { batchTotalLine, childTask, EXTRACT_OPTIONS, crashReason, readChildInputs, reportDone } from './extract-supervisor.js';

const HELP = `用法 / usage: selfeval extract <files|folders|->... [--json] [--out DIR] [--lang zh|en] [--quiet]

  -            从标准输入读一个文件 / read one file from standard input
  -q, --quiet  只输出失败的文件和汇总，不显示进度和跳过的文件 / failed files and the summary only
  --json       每个文件输出一行 JSON（NDJSON，见 output-contract） / one JSON object per file
  --out DIR    每个输入文件写一个结果文件 / write one result file per input
  --lang en    英文提示 / English messages
  --db DIR     结果存入数据库：PGlite 数据目录 DIR，设置了 DATABASE_URL 时存入 PostgreSQL / store results (PGlite in DIR, or DATABASE_URL)
  --jobs N     同时处理的文件数（默认 CPU 核数，每个文件一个隔离线程） / files at once (default: CPU cores, one thread each)
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, EXTRACT_OPTIONS);
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
  // Run by the supervisor (src/cli/extract-supervisor.ts): its list, a range of it, maybe one at a time.
  const task = childTask();
  const jobs = task?.jobs ?? (parsed.values.has('jobs') ? Number(parsed.values.get('jobs')) : availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) {
    process.stderr.write(`selfeval extract: --jobs 需要正整数 / must be a positive integer\n`);
    return 2;
  }
  const lang = parsed.values.get('lang') === 'en' ? 'en' : 'zh';
  const json = parsed.flags.has('json');
  const outDir = parsed.values.get('out');
  if (outDir) await mkdir(outDir, { recursive: true });

  const collected = task ? { files: await readChildInputs(task), skipped: [] } : await collectInputs(parsed.positionals);
  const quiet = parsed.flags.has('quiet');
  if (!quiet) reportSkipped(collected.skipped);
  // --out names are given over the whole batch, so a supervised range names its files as one run would.
  const outNames = outDir ? resultFileNames(collected.files) : [];
  const first = task?.start ?? 0;
  const inputs = task ? collected.files.slice(task.start, task.end) : collected.files;
  if (parsed.positionals.filter((p) => p === '-').length > 1) {
    process.stderr.write(`selfeval extract: 标准输入（-）只能给一次 / - may be given once\n`);
    return 2;
  }
  let failed = 0;
  const dbDir = parsed.values.get('db');
  // The store's modules (and the rules they check with) are loaded only with --db.
  const sink = dbDir !== undefined ? await (await import('../store/extract-sink.js')).ExtractSink.open(dbDir, inputs, parsed.positionals) : null;
  const bar = new Progress(inputs.length, { enabled: progressWanted(json) && !quiet && inputs.length > 1 });
  // Files run side by side, one pipeline thread each; results are written in input order. (With
  // --db the store takes one file at a time.)
  const threads = sink ? 1 : Math.min(jobs, Math.max(1, inputs.length));
  if (!sink) sharedRunner(threads);
  const running: Promise<Outcome>[] = [];
  // Each file's output is written before the next is taken: a slow reader holds back the batch, not memory,
  // and a supervised child reports the offset its output has reached (src/cli/confirmed-output.ts).
  const stdout = new CountedOutput();
  let started = 0;
  // Twice the threads in flight, so a thread never waits while results are being written.
  const window = sink ? 1 : threads * 2;
  const startMore = (done: number) => {
    for (; started < inputs.length && started - done < window; started++) {
      const input = inputs[started];
      const crashed = task?.crashed?.index === first + started ? task.crashed : undefined;
      running[started] = crashed
        ? unreadResult(input.path, 'INTERNAL_ERROR', crashReason(crashed.signal)).then(serialized)
        : sink ? sink.extract(input, lang, () => extractFile(input, lang)) : extractSerialized(input, lang);
    }
  };
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    startMore(i);
    const done = await running[i];
    delete running[i];
    if (done.status === 'error') failed++;
    bar.finish();
    // The pipeline thread's JSON goes out as it is: no parse and re-serialization on this thread.
    if (json) {
      await stdout.write(done.json, '\n');
      // Written bytes nothing else reads (no --out, no store) are freed now they are out (runner.release).
      if (typeof done.json !== 'string' && !outDir && !sink) sharedRunner().release(done.json);
    }
    else if (!quiet || done.status === 'error') await stdout.write(formatSummary(parsedResult(done), lang) + '\n');
    bar.tick();
    if (outDir) await writeFile(join(outDir, outNames[first + i]), JSON.stringify(parsedResult(done), null, 2));
    if (task) reportDone(first + i, done.status, stdout.written);
  }
  bar.finish();
  if (sink) {
    await sink.close();
    if (sink.diskFull) {
      // Every file has its line above; the batch stays unfinished, nothing half-written.
      process.stderr.write(`selfeval extract: ${sink.diskFull}\n`);
      return 3;
    }
    if (!json) await stdout.write(`\n已存入数据库，批次 / stored as batch ${sink.batchId}`);
  }
  // A supervised range leaves the batch's last line to the supervisor.
  if (!json && !task) await stdout.write(batchTotalLine(inputs.length, failed));
  return failed > 0 ? 1 : 0;
}

/** A file's result as JSON text (or its UTF-8 bytes), parsed only when a summary or a pretty-printed file needs it. */
type Outcome = SerializedResult;

function parsedResult(o: Outcome): Result {
  o.result ??= JSON.parse(typeof o.json === 'string' ? o.json : utf8Text(o.json)) as Result;
  return o.result;
}

/** Read one file and run the pipeline; an unreadable file becomes an error result, never a throw. */
export async function extractFile(input: InputFile, lang: 'zh' | 'en'): Promise<Result> {
  const bytes = await readInput(input);
  if (!(bytes instanceof Uint8Array)) return bytes;
  // In a worker thread with time and memory limits: a hostile file cannot hang or crash the run.
  return sharedRunner().run({ bytes, file: input.path, lang });
}

async function extractSerialized(input: InputFile, lang: 'zh' | 'en'): Promise<Outcome> {
  const bytes = await readInput(input);
  if (!(bytes instanceof Uint8Array)) return serialized(bytes);
  const out = await sharedRunner().runJson({ bytes, file: input.path, lang, utf8: true });
  return { status: out.status, json: out.resultUtf8 ?? out.resultJson };
}

/**
 * The file's bytes, or the error result that stands for them: only a regular file within the size
 * limit is read (src/files.ts); a FIFO, a device, an oversize file or an unreadable folder is one
 * READ_FAILED / LIMIT_EXCEEDED line.
 */
async function readInput(input: InputFile): Promise<Uint8Array | Result> {
  const read = input.problem ? { ok: false as const, ...input.problem } : await readInputFile(input.path);
  if (read.ok) return read.bytes;
  return unreadResult(input.path, read.code, read.reason);
}

/** One result file name per input (`name.json`, then `name.2.json` … for repeated names). */
function resultFileNames(files: InputFile[]): string[] {
  const used = new Set<string>();
  return files.map((input) => {
    let name = `${basename(input.path)}.json`;
    for (let k = 2; used.has(name); k++) name = `${basename(input.path)}.${k}.json`;
    used.add(name);
    return name;
  });
}

export async function unreadResult(path: string, code: 'READ_FAILED' | 'LIMIT_EXCEEDED' | 'INTERNAL_ERROR', reason: string): Promise<Result> {
  return {
    file: path,
    sha256: createHash('sha256').update('').digest('hex'),
    format: null,
    status: 'error',
    error: { code, message: `${path}：${reason}` },
    report: null,
    discrepancies: [],
    rulesVersion: await rulesVersion(),
    timings: {},
  };
}
