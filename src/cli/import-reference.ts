import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { recordAudit } from '../store/audit.js';
import { reportsOfYears, runCrossChecks } from '../bureau/cross-check.js';
import { saveReferenceImport } from '../bureau/ledger-store.js';
import { readReferenceFile, ReferenceFormatError } from '../bureau/reference-import.js';
import { parseArgs, UsageError } from './args.js';
import { openCommandStore } from './store-options.js';

const HELP = `用法 / usage: selfeval import-reference FILE [--db DIR] [--json]

  导入财政局参考台账（.xlsx 或 .csv，列格式见 docs/reference-ledger.md），并重新核对这些年度的报告。
  文件有任何一处格式错误时整份不导入，并指出行和列。同一年度的台账再次导入时整体替换。
  import the bureau's reference table (.xlsx/.csv, layout in docs/reference-ledger.md), all or
  nothing, replacing the years it holds, then re-check the reports of those years.
  --db DIR   PGlite 数据目录（未设置 DATABASE_URL 时）/ PGlite data directory
  --json     结果为一个 JSON 对象 / one JSON object
`;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['help', 'json'], values: ['db'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval import-reference: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    process.stderr.write(`selfeval import-reference: 请给出一个台账文件 / one FILE is required\n\n${HELP}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    process.stderr.write(`selfeval import-reference: 无法读取文件 / cannot read ${file}\n`);
    return 1;
  }
  let rows;
  try {
    rows = await readReferenceFile(bytes, file);
  } catch (e) {
    if (e instanceof ReferenceFormatError) {
      process.stderr.write(`selfeval import-reference: ${basename(file)}：${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const store = await openCommandStore(parsed.values.get('db'), { create: true }); // the ledger may come before any report
  try {
    const actor = `cli:${osUser()}`;
    const outcome = await saveReferenceImport(store.db, rows, { fileName: basename(file), bytes, actor });
    await recordAudit(store.db, { actor, actorName: '命令行', role: 'admin', action: 'reference.import', detail: { file: basename(file), ...outcome }, ip: 'local' });
    const checked = await runCrossChecks(store, await reportsOfYears(store, outcome.years));
    const summary = { ...outcome, reportsChecked: checked.reports, crossFindings: checked.findings };
    if (parsed.flags.has('json')) process.stdout.write(JSON.stringify(summary) + '\n');
    else
      process.stdout.write(
        `已导入 / imported ${outcome.rows} 行（${outcome.years.join('、')}年度，替换原有 ${outcome.replaced} 行）；重新核对报告 ${checked.reports} 份，跨报告发现 ${checked.findings} 条\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
