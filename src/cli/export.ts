import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Store } from '../store/index.js';
import { writeXlsx } from '../export/xlsx.js';
import { writeCsv } from '../export/csv.js';
import { renderStaticReport } from '../export/html.js';
import { SHEETS, type SheetKey } from '../export/rows.js';
import { parseArgs, UsageError } from './args.js';
import { openCommandStore } from './store-options.js';

const HELP = `用法 / usage: selfeval export --format xlsx|csv|html [--batch ID] [--report SHA] [--out FILE] [--db DIR]

  xlsx   工作簿：发现、绩效指标、预算执行、报告 / workbook: findings, indicators, budget blocks, reports
  csv    一张表（--sheet findings|indicators|budget|reports，默认 findings） / one sheet as CSV
  html   一份报告的离线审核页（需要 --report） / static review page of one report (needs --report)
  --batch ID    只导出这一批次 / only this batch
  --report SHA  只导出这一份报告 / only this report
  --out FILE    输出文件，默认写到标准输出（xlsx 必须指定） / output file (default stdout; required for xlsx on a TTY)
  --db DIR      PGlite 数据目录（未设置 DATABASE_URL 时） / PGlite data dir
`;

function usage(message: string): number {
  process.stderr.write(`selfeval export: ${message}\n\n${HELP}`);
  return 2;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['help'], values: ['format', 'batch', 'report', 'out', 'db', 'sheet'] });
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = parsed.values.get('format');
  if (format !== 'xlsx' && format !== 'csv' && format !== 'html') return usage('请用 --format xlsx|csv|html 指定格式 / --format is required');
  const sheet = parsed.values.get('sheet') ?? 'findings';
  if (!Object.hasOwn(SHEETS, sheet)) return usage(`未知的表 / unknown sheet: ${sheet}`);
  const report = parsed.values.get('report');
  if (report !== undefined && !/^[0-9a-f]{64}$/.test(report)) return usage(`报告编号应为 64 位十六进制 SHA-256 / --report must be a sha256: ${report}`);
  if (format === 'html' && !report) return usage('html 导出需要 --report SHA / html export needs --report');
  const outPath = parsed.values.get('out');
  if (format === 'xlsx' && !outPath && process.stdout.isTTY) return usage('xlsx 是二进制文件，请用 --out 指定文件 / use --out for xlsx');
  const batchId = parsed.values.get('batch');

  const store = await openCommandStore(parsed.values.get('db'));
  try {
    return await exportTo(store, { format, sheet: sheet as SheetKey, batchId, report, outPath });
  } finally {
    await store.close();
  }
}

async function exportTo(
  store: Store,
  o: { format: 'xlsx' | 'csv' | 'html'; sheet: SheetKey; batchId?: string; report?: string; outPath?: string },
): Promise<number> {
  if (o.batchId && !(await store.batchCounts(o.batchId))) {
    process.stderr.write(`selfeval export: 没有这个批次 / no such batch: ${o.batchId}\n`);
    return 1;
  }
  if (o.report && !(await store.getReport(o.report))) {
    process.stderr.write(`selfeval export: 没有这份报告 / no such report: ${o.report}\n`);
    return 1;
  }
  const selection = { batchId: o.batchId, sha256: o.report };
  if (o.format === 'html') {
    const page = (await renderStaticReport(store, o.report!))!;
    if (o.outPath) await writeFile(o.outPath, page);
    else process.stdout.write(page);
    return 0;
  }
  const out: Writable = o.outPath ? createWriteStream(o.outPath) : process.stdout;
  let summary: string;
  if (o.format === 'xlsx') {
    const counts = await writeXlsx(store, selection, out);
    summary = Object.entries(counts).map(([k, n]) => `${SHEETS[k as SheetKey].name} ${n}`).join('，');
  } else {
    const n = await writeCsv(store, selection, o.sheet, out);
    summary = `${SHEETS[o.sheet].name} ${n}`;
    if (o.outPath) out.end();
  }
  if (o.outPath) await finished(out);
  process.stderr.write(`已导出 / exported: ${summary} 行${o.outPath ? ` → ${o.outPath}` : ''}\n`);
  return 0;
}
