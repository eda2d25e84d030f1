import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { chartData } from '../bureau/overview-charts.js';
import { findingsPerRule, overviewChoices, overviewRows, OVERVIEW_SORTS, sortOverview, type OverviewFilter, type OverviewSort } from '../bureau/overview.js';
import { listImports, loadLedger } from '../bureau/ledger-store.js';
import { overviewCsv, writeOverviewXlsx } from '../export/overview.js';
import { recordAudit } from '../store/audit.js';
import type { Store } from '../store/index.js';
import { HttpError } from './errors.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { parseBatchId, strictQuery, type Query } from './params.js';
import { clientIp, ctxOf, sendPage, userAgent } from './reply.js';
import { renderOverviewPage } from './pages/overview.js';
import { formatTimeSeconds } from './time.js';

const OVERVIEW_KEYS = ['year', 'batch', 'department', 'rule', 'errors', 'sort', 'dir'];

/** The overview's query string, strictly: a mistyped filter is a 400, never "everything". */
export function parseOverviewQuery(q: Query): { filter: OverviewFilter; sort: OverviewSort; dir: 'asc' | 'desc' } {
  const filter: OverviewFilter = {};
  if (q.year) {
    if (!/^\d{4}$/.test(q.year)) throw new HttpError(400, `参数“year”应为四位年份：${q.year.slice(0, 20)}`);
    filter.year = Number(q.year);
  }
  filter.batchId = parseBatchId(q.batch);
  if (q.department) {
    if (q.department.length > 100) throw new HttpError(400, '部门名称过长（最多 100 字）');
    filter.department = q.department.trim() || undefined;
  }
  if (q.rule) {
    if (!/^[a-z0-9][a-z0-9-]{0,60}$/.test(q.rule)) throw new HttpError(400, `参数“rule”无效：${q.rule.slice(0, 40)}`);
    filter.rule = q.rule;
  }
  if (q.errors) {
    if (q.errors !== '1') throw new HttpError(400, '参数“errors”只能是 1');
    filter.errorsOnly = true;
  }
  const sort = (q.sort || 'department') as OverviewSort;
  if (!OVERVIEW_SORTS.includes(sort)) throw new HttpError(400, `参数“sort”无效：${q.sort.slice(0, 20)}（可选 ${OVERVIEW_SORTS.join('、')}）`);
  const dir = q.dir || 'asc';
  if (dir !== 'asc' && dir !== 'desc') throw new HttpError(400, '参数“dir”只能是 asc 或 desc');
  return { filter, sort, dir };
}

async function auditExport(store: Store, req: FastifyRequest, detail: Record<string, unknown>, batchId?: string): Promise<void> {
  const s = req.session!;
  await recordAudit(store.db, { actor: s.username, actorName: s.displayName, role: s.role, action: 'export', batchId: batchId ?? null, detail, ip: clientIp(req), userAgent: userAgent(req) });
}

/** 部门总览 (viewer), its export (viewer, audited) and the reference ledger page (admin). */
export function registerBureauRoutes(app: FastifyInstance, store: Store): void {
  app.get('/overview', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, OVERVIEW_KEYS);
    const { filter, sort, dir } = parseOverviewQuery(q);
    const all = await overviewRows(store, filter);
    const rows = sortOverview(all, sort, dir);
    const [perRule, choices] = await Promise.all([findingsPerRule(store, rows.map((r) => r.sha256)), overviewChoices(store)]);
    return sendPage(reply, renderOverviewPage({ rows, charts: chartData(rows, perRule), filter, sort, dir, choices, scoresPending: all.scoresPending, ctx: ctxOf(req) }));
  });

  app.get<{ Params: { format: string } }>('/export/overview.:format', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, OVERVIEW_KEYS);
    const format = req.params.format;
    if (format !== 'xlsx' && format !== 'csv') throw new HttpError(404, `不支持的导出格式 / unsupported export format: ${format}`);
    const { filter, sort, dir } = parseOverviewQuery(q);
    const rows = sortOverview(await overviewRows(store, filter, 60_000), sort, dir);
    await auditExport(store, req, { format, sheet: 'overview', ...filter }, filter.batchId);
    const name = `部门总览${filter.year ? `-${filter.year}` : ''}.${format}`;
    const disposition = `attachment; filename="overview.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition).send(overviewCsv(rows));
    const stream = new PassThrough();
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', disposition);
    writeOverviewXlsx(rows, stream).catch((e) => stream.destroy(e));
    return reply.send(stream);
  });

  app.get('/admin/reference', { config: { access: 'admin' } }, async (req, reply) => {
    const q = strictQuery(req.query, ['year']);
    if (q.year && !/^\d{4}$/.test(q.year)) throw new HttpError(400, `参数“year”应为四位年份：${q.year.slice(0, 20)}`);
    const imports = await listImports(store.db);
    const rows = await loadLedger(store.db, q.year ? [Number(q.year)] : undefined);
    const body = html`<h1>财政局参考台账</h1>
<p class="meta">用命令 <code>selfeval import-reference 文件.xlsx</code> 导入（列格式见 docs/reference-ledger.md）；同一年度再次导入时整体替换，并重新核对该年度的报告。</p>
<h2>导入记录</h2>
${imports.length ? html`<table class="list"><thead><tr><th>#</th><th>时间</th><th>文件</th><th>年度</th><th>行数</th><th>操作人</th></tr></thead><tbody>${imports.map((i) => html`<tr><td class="num">${i.id}</td><td>${formatTimeSeconds(i.importedAt)}</td><td>${i.fileName}</td><td>${i.years.join('、')}</td><td class="num">${i.rows}</td><td><code>${i.actor}</code></td></tr>`)}</tbody></table>` : html`<p>还没有导入参考台账。</p>`}
<h2>台账内容${q.year ? `（${q.year}年度）` : ''}（${rows.length} 行）</h2>
<table class="list"><thead><tr><th>年度</th><th>部门名称</th><th>项目名称</th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>编码</th><th>来源</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td class="num">${r.year}</td><td>${r.department}</td><td>${r.project || html`<span class="muted">部门整体</span>`}</td><td class="num">${r.initialBudget ?? '—'}</td><td class="num">${r.fullYearBudget ?? '—'}</td><td class="num">${r.executed ?? '—'}</td><td>${[r.departmentCode, r.projectCode].filter(Boolean).join(' / ')}</td><td>${r.fileName} 第${r.sourceRow}行</td></tr>`)}</tbody></table>`;
    return sendPage(reply, layout({ title: '参考台账', body, ctx: ctxOf(req) }));
  });
}
