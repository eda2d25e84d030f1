import type { BatchCounts } from '../store/index.js';
import { parseArgs, UsageError } from './args.js';
import { openCommandStore } from './store-options.js';

const HELP = `用法 / usage: selfeval status [BATCH] [--json] [--db DIR]

  显示批次统计（默认最近一个批次）/ counts of a batch (default: the latest)
  --json     一个 JSON 对象 / one JSON object
  --db DIR   PGlite 数据目录（未设置 DATABASE_URL 时）/ PGlite data directory when DATABASE_URL is not set
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'help'], values: ['db'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval status: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const store = await openCommandStore(parsed.values.get('db'));
  try {
    const id = parsed.positionals[0] ?? (await store.latestBatchId());
    if (!id) {
      process.stderr.write('selfeval status: 还没有任何批次 / no batches yet\n');
      return 1;
    }
    const counts = await store.batchCounts(id);
    if (!counts) {
      process.stderr.write(`selfeval status: 批次不存在 / no such batch: ${id}\n`);
      return 1;
    }
    process.stdout.write(parsed.flags.has('json') ? JSON.stringify(counts) + '\n' : formatBatchCounts(counts) + '\n');
    return 0;
  } finally {
    await store.close();
  }
}

export function formatBatchCounts(c: BatchCounts): string {
  const codes = Object.entries(c.failedByCode).map(([code, n]) => `${code}×${n}`).join('，');
  return [
    `批次 / batch ${c.id}（${c.kind}${c.source ? `，${c.source}` : ''}）${c.complete ? '已完成 / complete' : '处理中 / in progress'}`,
    `  收到文件 ${c.received}（不同内容 ${c.unique}，重复 ${c.duplicates}）/ received`,
    `  成功 ${c.ok}，失败 ${c.failed}${codes ? `（${codes}）` : ''}，等待 ${c.queued} / ok, failed, queued`,
    `  发现问题：错误 ${c.findings.error}，警告 ${c.findings.warning}，提示 ${c.findings.info}；本批新增 ${c.newFindings} / findings (new in this batch)`,
  ].join('\n');
}
