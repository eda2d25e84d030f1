import { queueConfig, reportsQueue } from '../queue/config.js';
import { waitForBatch } from '../queue/enqueue.js';
import { enqueueReprocess, reprocessInline } from '../queue/reprocess.js';
import { Progress, progressWanted } from '../progress.js';
import { RULES_VERSION } from '../rules/index.js';
import { parseArgs, UsageError } from './args.js';
import { formatBatchCounts } from './status.js';
import { openCommandStore } from './store-options.js';

const HELP = `用法 / usage: selfeval reprocess [--all] [--inline] [--wait] [--json] [--db DIR]

  用当前规则（${RULES_VERSION}）重新检查已存储的报告（从存储的原件）/ re-check stored reports under the current rules
  --all      所有报告，不只是规则版本不同的 / every report, not only those from another rule set
  --inline   在本进程处理（无队列；未设置 DATABASE_URL 时总是如此）/ process here, without the queue
  --wait     等待队列处理完毕 / wait for the queued batch
  --json     输出一个 JSON 对象 / one JSON object
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'help', 'all', 'inline', 'wait'], values: ['db'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval reprocess: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const json = parsed.flags.has('json');
  const store = await openCommandStore(parsed.values.get('db'));
  try {
    const all = parsed.flags.has('all');
    let batchId: string;
    if (parsed.flags.has('inline') || !process.env.DATABASE_URL) {
      const bar = new Progress(0, { label: '重新检查 / re-checking', enabled: progressWanted(json) });
      batchId = (await reprocessInline(store, { all, onProgress: (d, t) => bar.update(d, t) })).batchId;
      bar.finish();
    } else {
      const queue = reportsQueue(queueConfig());
      try {
        batchId = (await enqueueReprocess(store, queue, { all })).batchId;
      } finally {
        await queue.close();
      }
      if (!parsed.flags.has('wait')) {
        const c = await store.batchCounts(batchId);
        process.stdout.write(json ? JSON.stringify(c) + '\n' : formatBatchCounts(c!) + '\n');
        return 0;
      }
      await waitForBatch(store, batchId);
    }
    const counts = (await store.batchCounts(batchId))!;
    process.stdout.write(json ? JSON.stringify(counts) + '\n' : formatBatchCounts(counts) + '\n');
    return 0;
  } finally {
    await store.close();
  }
}
