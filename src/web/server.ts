import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { PassThrough } from 'node:stream';
import { basename } from 'node:path';
import type { Queue } from 'bullmq';
import { sniffFormat, type SniffedFormat } from '../../parsers/sniff.js';
import type { Store } from '../store/index.js';
import { listUsers } from '../store/accounts.js';
import { listAudit, recordAudit } from '../store/audit.js';
import { decide, DecisionError, type DecisionActor } from '../store/decisions.js';
import { writeXlsx } from '../export/xlsx.js';
import { writeCsv } from '../export/csv.js';
import { SHEETS, type SheetKey } from '../export/rows.js';
import type { ExportSelection } from '../export/source.js';
import { installGuard } from './auth/guard.js';
import { registerLoginRoutes } from './auth/login.js';
import { batchFiles, batchReportOrder, batchRuleCounts, countFindings, selectFindings, type FindingSelection } from './batch-queries.js';
import { mountBullBoard } from './bull-board.js';
import { webConfig, type WebConfig } from './config.js';
import { HttpError } from './errors.js';
import { findingAnchor } from './anchors.js';
import { html } from './html.js';
import { installLoadLimits } from './load.js';
import { FILTER_KEYS, parseBatchId, parseFilter, parseNonNegative, parseSha, parseSort, strictQuery, isSha256, type Query } from './params.js';
import { decodeCursor, encodeCursor, listReportPage, listRules } from './queries.js';
import { clientIp, ctxOf, errorPage, sendPage, userAgent } from './reply.js';
import { blockIndexOf, loadBlockRange, loadReportView } from './report-data.js';
import { renderAuditPage, renderUsersPage } from './pages/admin.js';
import { renderBatchFindings, renderBatchPage, renderBatchesPage } from './pages/batches.js';
import { renderReportList } from './pages/reports.js';
import { renderRecordsPage, renderReportPage, renderSourcePage, reportBase, SOURCE_BLOCKS_PER_PAGE, type BatchNav, type FindingFilter } from './pages/report.js';
import { registerStatic } from './static.js';
import { getCrossFindings } from '../bureau/cross-check.js';
import { renderCrossFindings } from './render/cross.js';
import { registerBureauRoutes } from './bureau-routes.js';
import { setDisplayTimeZone } from './time.js';

export interface ServerOptions {
  store: Store;
  /** Mount Bull Board under /queues (when Redis is configured). */
  redisUrl?: string | null;
  /** BullMQ key prefix of the queues shown there (default SELFEVAL_QUEUE_PREFIX or "selfeval"). */
  queuePrefix?: string;
  logger?: boolean;
  /** Host names, time zone, sessions, SSO proxy, timeouts (src/web/config.ts); safe defaults. */
  web?: Partial<WebConfig>;
}

/** Largest selection one bulk decision may change. */
const MAX_BULK = 20_000;

type Body = Record<string, unknown>;

function field(body: Body, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : '';
}

function actorOf(req: FastifyRequest): DecisionActor {
  const s = req.session!;
  return { username: s.username, displayName: s.displayName, role: s.role, ip: clientIp(req), userAgent: userAgent(req) };
}

/** Finding-list filter of the review screen and the batch findings page (rule, severity, review). */
function findingFilter(q: Query): FindingFilter {
  const f = parseFilter({ rule: q.rule ?? '', severity: q.severity ?? '', review: q.review ?? '' });
  return { rule: f.rule, severity: f.severity, review: f.review };
}

function qs(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A Content-Disposition that carries a Chinese file name (RFC 6266 / 5987) with an ASCII fallback. */
function attachment(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The original's type by its bytes (the contract's `format` says "doc" for every Word-family container).
 * A web page (HTML, MHTML) is sent as bytes to save, never as a page to render under our origin.
 */
const MIME: Partial<Record<SniffedFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  rtf: 'application/rtf',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // GB/T 33190 版式文档: the type OFD readers (数科, 福昕) register for .ofd.
  ofd: 'application/ofd',
};

/**
 * The reviewer web UI: batches, report list, the review screen with decisions and bulk decisions,
 * exports, the original files, the audit trail, Bull Board. Every route goes through one guard
 * (src/web/auth/guard.ts): login, role, Host, Origin and CSRF checks, security headers.
 */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const config = webConfig(opts.web);
  setDisplayTimeZone(config.timeZone);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 256 * 1024,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    return503OnClosing: true,
    trustProxy: config.proxyAuth ? config.proxyAuth.trustedProxies : false,
  });
  await app.register(formbody);
  installGuard(app, { store, config, queues: Boolean(opts.redisUrl) });
  installLoadLimits(app, { concurrent: 4, queued: 32, timeoutMs: config.requestTimeoutMs });

  app.setNotFoundHandler((req, reply) => errorPage(req, reply, 404, '找不到页面 / not found'));
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) return errorPage(req, reply, err.status, err.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return errorPage(req, reply, status, `请求无效 / bad request (${status})`);
    req.log.error(err);
    return errorPage(req, reply, 500, '服务器内部错误，已记录在服务器日志中 / internal error');
  });

  registerLoginRoutes(app, store, config);
  await registerStatic(app);

  let queues: Queue[] = [];
  if (opts.redisUrl) queues = await mountBullBoard(app, { redisUrl: opts.redisUrl, prefix: opts.queuePrefix, store, secureCookies: config.secureCookies });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close().catch(() => {})));
  });

  // The health check: public, by address as well as by name, and cheap; the store gets one second.
  app.get('/healthz', { config: { access: 'public', anyHost: true } }, async (_req, reply) => {
    const store$ = store.db.query('SELECT 1').then(
      () => 'ok',
      () => 'down',
    );
    const state = await Promise.race([store$, new Promise<string>((r) => setTimeout(() => r('busy'), 1000).unref())]);
    return reply.code(state === 'down' ? 503 : 200).send({ ok: state !== 'down', store: state });
  });

  // ── lists ────────────────────────────────────────────────────────────────────────────────

  app.get('/', async (req, reply) => {
    strictQuery(req.query, []);
    const batches = await store.listBatches(30);
    const counts = (await Promise.all(batches.map((b) => store.batchCounts(b.id)))).filter((c) => c !== null);
    const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    return sendPage(reply, renderBatchesPage(counts, n, ctxOf(req)));
  });

  app.get('/reports', async (req, reply) => {
    const q = strictQuery(req.query, [...FILTER_KEYS, 'sort', 'after', 'batch']);
    const batchId = parseBatchId(q.batch);
    const batch = batchId ? await store.batchCounts(batchId) : null;
    if (batchId && !batch) throw new HttpError(404, `没有这个批次 / no such batch: ${batchId}`);
    const filter = { ...parseFilter(q), batchId };
    const sort = parseSort(q);
    const [page, rules] = await Promise.all([listReportPage(store, filter, sort, q.after || null), listRules(store)]);
    return sendPage(reply, renderReportList({ page, filter, sort, rules, batch, paged: Boolean(q.after), ctx: ctxOf(req) }));
  });

  const loadBatch = async (id: string) => {
    parseBatchId(id, 'batch');
    const batch = await store.batchCounts(id);
    if (!batch) throw new HttpError(404, `没有这个批次 / no such batch: ${id}`);
    return batch;
  };

  app.get<{ Params: { id: string } }>('/batches/:id', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, ['after']);
    const batch = await loadBatch(req.params.id);
    const after = parseNonNegative(q.after, 'after') ?? 0;
    const [rules, files] = await Promise.all([batchRuleCounts(store, batch.id), batchFiles(store, batch.id, after)]);
    return sendPage(reply, renderBatchPage({ batch, rules, files: files.files, next: files.next, after, ctx: ctxOf(req) }));
  });

  app.get<{ Params: { id: string } }>('/batches/:id/findings', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, ['rule', 'severity', 'review', 'after', 'saved']);
    const batch = await loadBatch(req.params.id);
    const filter = findingFilter(q);
    const selection: FindingSelection = { batchId: batch.id, ...filter };
    let after: [string, string] | null = null;
    if (q.after) {
      after = decodeCursor(q.after);
      if (!after || !isSha256(after[0])) throw new HttpError(400, '翻页参数无效，请从第一页重新打开列表 / malformed paging cursor');
    }
    const [rules, total, page] = await Promise.all([
      batchRuleCounts(store, batch.id),
      countFindings(store, selection),
      selectFindings(store, selection, { after, limit: 200 }),
    ]);
    const saved = parseNonNegative(q.saved, 'saved');
    const role = req.session!.role;
    return sendPage(
      reply,
      renderBatchFindings({
        batch,
        filter,
        rules,
        findings: page.findings,
        total,
        next: page.next ? encodeCursor(page.next[0], page.next[1]) : null,
        paged: Boolean(q.after),
        canDecide: role === 'reviewer' || role === 'admin',
        notice: saved !== undefined ? `已保存：${saved} 条发现的审核结论已更新。` : null,
        ctx: ctxOf(req),
      }),
    );
  });

  // ── decisions ────────────────────────────────────────────────────────────────────────────

  /** One decision for a whole filtered selection; the count the reviewer saw must still hold. */
  const bulkDecide = async (req: FastifyRequest, selection: FindingSelection, describe: Record<string, unknown>) => {
    const body = (req.body ?? {}) as Body;
    const expected = parseNonNegative(field(body, 'expected'), 'expected');
    const { findings } = await selectFindings(store, selection, { limit: MAX_BULK + 1 });
    if (findings.length > MAX_BULK) throw new HttpError(400, `一次最多批量审核 ${MAX_BULK} 条发现，请缩小筛选范围 / selection too large`);
    if (expected === undefined || expected !== findings.length) {
      throw new HttpError(409, `筛选出的发现已变化（提交时 ${expected ?? '?'} 条，现在 ${findings.length} 条），请刷新页面核对后重试 / selection changed`);
    }
    try {
      return await decide(store.db, {
        targets: findings,
        status: field(body, 'status'),
        note: field(body, 'note'),
        actor: actorOf(req),
        bulk: { ...describe, count: findings.length },
      });
    } catch (e) {
      if (e instanceof DecisionError) throw new HttpError(400, e.message);
      throw e;
    }
  };

  app.post<{ Params: { id: string } }>('/batches/:id/decisions', { config: { access: 'reviewer' } }, async (req, reply) => {
    strictQuery(req.query, []);
    const batch = await loadBatch(req.params.id);
    const body = (req.body ?? {}) as Body;
    const filter = findingFilter({ rule: field(body, 'rule'), severity: field(body, 'severity'), review: field(body, 'review') });
    const outcome = await bulkDecide(req, { batchId: batch.id, ...filter }, { batch: batch.id, ...filter });
    return reply.redirect(`/batches/${encodeURIComponent(batch.id)}/findings${qs({ ...filter, saved: String(outcome.changed) })}`, 303);
  });

  const withView = async (sha: string, blocks: 'cited' | 'none' = 'cited', wait = false) => {
    if (!isSha256(sha)) throw new HttpError(404, '报告编号无效 / invalid report id');
    const view = await loadReportView(store, sha, { blocks, wait });
    if (!view) throw new HttpError(404, '没有这份报告 / no such report');
    return view;
  };

  app.post<{ Params: { sha: string } }>('/reports/:sha/reviews', { config: { access: 'reviewer' } }, async (req, reply) => {
    const q = strictQuery(req.query, ['rule', 'severity', 'review', 'batch', 'fp']);
    const sha = req.params.sha;
    if (!isSha256(sha)) throw new HttpError(404, '报告编号无效 / invalid report id');
    const body = (req.body ?? {}) as Body;
    const findingId = field(body, 'findingId');
    try {
      await decide(store.db, { targets: [{ reportSha256: sha, findingId }], status: field(body, 'status'), note: field(body, 'note'), actor: actorOf(req) });
    } catch (e) {
      if (e instanceof DecisionError) {
        const back = `${reportBase(sha)}${qs({ rule: q.rule, severity: q.severity, review: q.review, batch: q.batch, fp: q.fp })}#${findingAnchor(findingId)}`;
        return errorPage(req, reply, 400, e.message, html`<p><a href="${back}">返回这条发现</a></p>`);
      }
      throw e;
    }
    const next = field(body, 'next');
    const anchor = /^f-[A-Za-z0-9_-]+$/.test(next) ? next : findingAnchor(findingId);
    return reply.redirect(`${reportBase(sha)}${qs({ rule: q.rule, severity: q.severity, review: q.review, batch: q.batch, fp: q.fp })}#${anchor}`, 303);
  });

  app.post<{ Params: { sha: string } }>('/reports/:sha/decisions', { config: { access: 'reviewer' } }, async (req, reply) => {
    strictQuery(req.query, []);
    const sha = parseSha(req.params.sha, 'report');
    if (!sha) throw new HttpError(404, '报告编号无效 / invalid report id');
    const body = (req.body ?? {}) as Body;
    const filter = findingFilter({ rule: field(body, 'rule'), severity: field(body, 'severity'), review: field(body, 'review') });
    const batch = parseBatchId(field(body, 'batch'));
    await bulkDecide(req, { reportSha256: sha, ...filter }, { report: sha, ...filter });
    return reply.redirect(`${reportBase(sha)}${qs({ ...filter, batch })}#findings`, 303);
  });

  // ── one report ───────────────────────────────────────────────────────────────────────────

  app.get<{ Params: { sha: string } }>('/reports/:sha', { config: { heavy: true, csp: 'pdf' } }, async (req, reply) => {
    const q = strictQuery(req.query, ['rule', 'severity', 'review', 'batch', 'fp']);
    const filter = findingFilter(q);
    const batchId = parseBatchId(q.batch);
    const findingsPage = parseNonNegative(q.fp, 'fp', 100_000) ?? 0;
    const view = await withView(req.params.sha);
    let batch: BatchNav | null = null;
    if (batchId) {
      const order = await batchReportOrder(store, batchId);
      const index = order.indexOf(view.sha256);
      if (index >= 0) batch = { id: batchId, index, total: order.length, prev: order[index - 1] ?? null, next: order[index + 1] ?? null };
    }
    const cross = renderCrossFindings(await getCrossFindings(store, view.sha256), { base: reportBase(view.sha256), live: true });
    return sendPage(reply, renderReportPage(view, { mode: 'live', ctx: ctxOf(req), filter, batch, findingsPage, cross }));
  });

  app.get<{ Params: { sha: string } }>('/reports/:sha/source', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, ['from', 'table', 'paragraph']);
    const view = await withView(req.params.sha, 'none');
    if (view.sourcePending) throw new HttpError(503, '这份报告的原文很大，正在为它建立索引（只需一次），请稍后刷新 / the document is being indexed, try again shortly');
    let from = parseNonNegative(q.from, 'from') ?? 0;
    const table = parseNonNegative(q.table, 'table');
    const paragraph = parseNonNegative(q.paragraph, 'paragraph');
    if (table !== undefined || paragraph !== undefined) {
      const at = await blockIndexOf(store, view, table !== undefined ? 'table' : 'paragraph', (table ?? paragraph)!);
      if (at !== null) from = Math.floor(at / SOURCE_BLOCKS_PER_PAGE) * SOURCE_BLOCKS_PER_PAGE;
    }
    const blocks = await loadBlockRange(store, view, from, SOURCE_BLOCKS_PER_PAGE);
    return sendPage(reply, renderSourcePage(view, blocks, from, ctxOf(req)));
  });

  app.get<{ Params: { sha: string; part: string } }>('/reports/:sha/records/:part', { config: { heavy: true } }, async (req, reply) => {
    strictQuery(req.query, []);
    const view = await withView(req.params.sha, 'none');
    const page = renderRecordsPage(view, req.params.part, ctxOf(req));
    if (!page) throw new HttpError(404, '没有这一部分 / no such part');
    return sendPage(reply, page);
  });

  /** The original file as received; `inline=1` (PDF only) feeds the page view. Downloads are audited. */
  app.get<{ Params: { sha: string } }>('/reports/:sha/original', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, ['inline']);
    if (q.inline !== undefined && q.inline !== '1') throw new HttpError(400, '参数“inline”只能是 1 / invalid value');
    const sha = req.params.sha;
    if (!isSha256(sha)) throw new HttpError(404, '报告编号无效 / invalid report id');
    const rows = await store.db.query<{ file_name: string; format: string | null }>('SELECT file_name, format FROM reports WHERE sha256 = $1', [sha]);
    const report = rows[0];
    if (!report) throw new HttpError(404, '没有这份报告 / no such report');
    const inline = q.inline === '1';
    if (inline && report.format !== 'pdf') throw new HttpError(400, '只有 PDF 可以在页面中显示 / only PDFs are shown inline');
    const bytes = await store.getFileBytes(sha);
    if (!bytes) throw new HttpError(404, '存储中没有这份报告的原件 / original not stored');
    if (!inline) {
      const s = req.session!;
      await recordAudit(store.db, { actor: s.username, actorName: s.displayName, role: s.role, action: 'download', reportSha256: sha, detail: { file: report.file_name }, ip: clientIp(req), userAgent: userAgent(req) });
    }
    return reply
      .header('content-type', MIME[sniffFormat(bytes)] ?? 'application/octet-stream')
      .header('content-disposition', attachment(basename(report.file_name.replace(/\\/g, '/')) || `report-${sha.slice(0, 12)}`, inline))
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes));
  });

  // ── exports (as protected as the pages, and audited) ────────────────────────────────────

  const auditExport = async (req: FastifyRequest, detail: Record<string, unknown>, target: { report?: string; batch?: string }) => {
    const s = req.session!;
    await recordAudit(store.db, {
      actor: s.username,
      actorName: s.displayName,
      role: s.role,
      action: 'export',
      reportSha256: target.report ?? null,
      batchId: target.batch ?? null,
      detail,
      ip: clientIp(req),
      userAgent: userAgent(req),
    });
  };

  app.get<{ Params: { file: string } }>('/export/report/:file', { config: { heavy: true } }, async (req, reply) => {
    strictQuery(req.query, []);
    const sha = req.params.file.replace(/\.html$/, '');
    const view = await withView(sha, 'cited', true);
    await auditExport(req, { format: 'html' }, { report: sha });
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-disposition', attachment(`审核页-${sha.slice(0, 12)}.html`))
      .send(renderReportPage(view, { mode: 'static', cross: renderCrossFindings(await getCrossFindings(store, sha), { base: null, live: false }) }));
  });

  app.get<{ Params: { format: string } }>('/export/findings.:format', { config: { heavy: true } }, async (req, reply) => {
    const q = strictQuery(req.query, [...FILTER_KEYS, 'batch', 'report', 'sheet']);
    const format = req.params.format;
    if (format !== 'xlsx' && format !== 'csv') throw new HttpError(404, `不支持的导出格式 / unsupported export format: ${format}`);
    const batchId = parseBatchId(q.batch);
    const sha256 = parseSha(q.report);
    if (batchId && !(await store.batchCounts(batchId))) throw new HttpError(404, `没有这个批次 / no such batch: ${batchId}`);
    if (sha256 && !(await store.db.query('SELECT 1 FROM reports WHERE sha256 = $1', [sha256])).length) throw new HttpError(404, '没有这份报告 / no such report');
    const filter = parseFilter(q);
    let sheet: SheetKey = 'findings';
    if (q.sheet) {
      if (format !== 'csv' || !Object.hasOwn(SHEETS, q.sheet)) throw new HttpError(400, `参数“sheet”无效：${q.sheet.slice(0, 40)}（CSV 可选 ${Object.keys(SHEETS).join('、')}）`);
      sheet = q.sheet as SheetKey;
    }
    const selection: ExportSelection = { batchId, sha256, filter };
    await auditExport(req, { format, ...(format === 'csv' ? { sheet } : {}), ...filter }, { report: sha256, batch: batchId });
    const what = sha256 ? `报告-${sha256.slice(0, 12)}` : batchId ? `批次-${batchId}` : '全部';
    const stream = new PassThrough();
    if (format === 'xlsx') {
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachment(`绩效自评审核-${what}.xlsx`));
      writeXlsx(store, selection, stream).catch((e) => stream.destroy(e));
    } else {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`绩效自评审核-${what}-${SHEETS[sheet].name}.csv`));
      writeCsv(store, selection, sheet, stream).then(() => stream.end(), (e) => stream.destroy(e));
    }
    return reply.send(stream);
  });

  registerBureauRoutes(app, store);

  // ── administration ───────────────────────────────────────────────────────────────────────

  app.get('/admin/audit', { config: { access: 'admin' } }, async (req, reply) => {
    const q = strictQuery(req.query, ['actor', 'action', 'report', 'batch', 'before']);
    const filter = { actor: q.actor?.trim() || undefined, action: q.action || undefined, reportSha256: parseSha(q.report), batchId: parseBatchId(q.batch) };
    const before = parseNonNegative(q.before, 'before') ?? null;
    const page = await listAudit(store.db, filter, before, 100);
    return sendPage(reply, renderAuditPage({ entries: page.entries, filter, next: page.next, paged: before !== null, ctx: ctxOf(req) }));
  });

  app.get('/admin/users', { config: { access: 'admin' } }, async (req, reply) => {
    strictQuery(req.query, []);
    return sendPage(reply, renderUsersPage(await listUsers(store.db), ctxOf(req)));
  });

  return app;
}

