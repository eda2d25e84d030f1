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
import { overviewRows } from '../bureau/overview.js';
import { overviewCsv, writeOverviewXlsx } from '../export/overview.js';

const HELP = `用法 / usage: selfeval export --format xlsx|csv|html [--batch ID] [--report SHA] [--out FILE] [--db DIR]

  xlsx   工作簿：发现、绩效指标、预算执行、报告 / workbook: findings, indicators, budget blocks, reports
  csv    一张表（--sheet findings|indicators|budget|reports，默认 findings） / one sheet as CSV
  --sheet overview  部门总览：每份报告一行（自评/重算得分、执行率、发现数、审核进度），xlsx 或 csv；
                    可加 --year YYYY / --batch ID / overview sheet, one row per report
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
    parsed = parseArgs(args, { flags: ['help'], values: ['format', 'batch', 'report', 'out', 'db', 'sheet', 'year'] });
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
  if (sheet === 'overview') return exportOverview(parsed.values, format);
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

/** `export --sheet overview`: the overview page's rows as a workbook sheet or CSV. */
async function exportOverview(values: Map<string, string>, format: 'xlsx' | 'csv' | 'html'): Promise<number> {
  if (format === 'html') return usage('部门总览只能导出为 xlsx 或 csv / the overview sheet is xlsx or csv');
  const year = values.get('year');
  if (year !== undefined && !/^\d{4}$/.test(year)) return usage(`--year 应为四位年份 / --year must be a year: ${year}`);
  const outPath = values.get('out');
  if (format === 'xlsx' && !outPath && process.stdout.isTTY) return usage('xlsx 是二进制文件，请用 --out 指定文件 / use --out for xlsx');
  const store = await openCommandStore(values.get('db'));
  try {
    const batchId = values.get('batch');
    if (batchId && !(await store.batchCounts(batchId))) {
      process.stderr.write(`selfeval export: 没有这个批次 / no such batch: ${batchId}\n`);
      return 1;
    }
    const rows = await overviewRows(store, { year: year ? Number(year) : undefined, batchId }, Number.POSITIVE_INFINITY);
    const out: Writable = outPath ? createWriteStream(outPath) : process.stdout;
    if (format === 'xlsx') await writeOverviewXlsx(rows, out);
    else {
      out.write(overviewCsv(rows));
      if (outPath) out.end();
    }
    if (outPath) await finished(out);
    process.stderr.write(`已导出 / exported: 部门总览 ${rows.length} 行${outPath ? ` → ${outPath}` : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
