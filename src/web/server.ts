import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { Queue } from 'bullmq';
import type { Severity } from '../../schemas/finding.js';
import type { Store } from '../store/index.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { isReviewStatus, SEVERITIES } from './labels.js';
import { isSortKey, listReportPage, listRules, loadReportView, type ReportFilter } from './queries.js';
import { renderBatchesPage } from './pages/batches.js';
import { renderReportList } from './pages/reports.js';
import { renderRecordsPage, renderReportPage, renderSourcePage, reportBase } from './pages/report.js';
import { writeXlsx } from '../export/xlsx.js';
import { writeCsv } from '../export/csv.js';
import { SHEETS } from '../export/rows.js';
import { mountBullBoard } from './bull-board.js';
import { PassThrough } from 'node:stream';

export interface ServerOptions {
  store: Store;
  /** Mount Bull Board under /queues (when Redis is configured). */
  redisUrl?: string | null;
  /** BullMQ key prefix of the queues shown there (default SELFEVAL_QUEUE_PREFIX or "selfeval"). */
  queuePrefix?: string;
  logger?: boolean;
}

/** Our pages never run scripts and only post to themselves. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_NOTE = 4000;
const MAX_REVIEWER = 100;

type Query = Record<string, string | undefined>;

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(page);
}

function errorPage(reply: FastifyReply, status: number, message: string, queuesLink: boolean): FastifyReply {
  return sendPage(reply, layout({ title: '出错了', body: html`<h1>出错了</h1><p class="error-text">${message}</p><p><a href="/">返回首页</a></p>`, queuesLink }), status);
}

function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A cross-site form post (another origin submitting to us) is refused. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function parseFilter(q: Query): ReportFilter {
  const severity = SEVERITIES.includes(q.severity as Severity) ? (q.severity as Severity) : undefined;
  const review = q.review === 'open' || isReviewStatus(q.review) ? (q.review as ReportFilter['review']) : undefined;
  const status = q.status === 'ok' || q.status === 'error' ? q.status : undefined;
  return {
    severity,
    review,
    status,
    rule: q.rule?.trim() || undefined,
    department: q.department?.trim().slice(0, 200) || undefined,
  };
}

/** The reviewer web UI: batch page, report list, report page with review actions, exports, Bull Board. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 64 * 1024 });
  await app.register(formbody);
  let queues: Queue[] = [];
  const queuesLink = Boolean(opts.redisUrl);
  if (opts.redisUrl) queues = await mountBullBoard(app, opts.redisUrl, opts.queuePrefix);
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close().catch(() => {})));
  });

  app.setNotFoundHandler((req, reply) => errorPage(reply, 404, `找不到页面 / not found: ${req.url}`, queuesLink));
  app.setErrorHandler((err, _req, reply) => {
    app.log.error(err);
    return errorPage(reply, 500, `服务器内部错误 / internal error: ${err instanceof Error ? err.message : String(err)}`, queuesLink);
  });

  app.get('/healthz', async () => ({ ok: true, store: store.kind }));

  app.get('/', async (_req, reply) => {
    const batches = await store.listBatches(30);
    const counts = (await Promise.all(batches.map((b) => store.batchCounts(b.id)))).filter((c) => c !== null);
    const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    return sendPage(reply, renderBatchesPage(counts, n, queuesLink));
  });

  const listHandler = async (req: FastifyRequest, reply: FastifyReply, batchId: string | null) => {
    const q = req.query as Query;
    const batch = batchId ? await store.batchCounts(batchId) : null;
    if (batchId && !batch) return errorPage(reply, 404, `没有这个批次 / no such batch: ${batchId}`, queuesLink);
    const filter = { ...parseFilter(q), batchId: batchId ?? undefined };
    const sort = isSortKey(q.sort) ? q.sort : 'processed';
    const [page, rules] = await Promise.all([listReportPage(store, filter, sort, q.after ?? null), listRules(store)]);
    return sendPage(reply, renderReportList({ page, filter, sort, rules, batch, paged: Boolean(q.after), queuesLink }));
  };
  app.get('/reports', (req, reply) => listHandler(req, reply, null));
  app.get<{ Params: { id: string } }>('/batches/:id', (req, reply) => listHandler(req, reply, req.params.id));

  const withView = async (sha: string, reply: FastifyReply) => {
    if (!SHA256.test(sha)) {
      errorPage(reply, 404, `报告编号无效 / invalid report id: ${sha}`, queuesLink);
      return null;
    }
    const view = await loadReportView(store, sha);
    if (!view) errorPage(reply, 404, `没有这份报告 / no such report: ${sha}`, queuesLink);
    return view;
  };

  app.get<{ Params: { sha: string } }>('/reports/:sha', async (req, reply) => {
    const view = await withView(req.params.sha, reply);
    if (!view) return reply;
    const q = req.query as Query;
    const page = renderReportPage(view, { mode: 'live', reviewer: readCookie(req, 'reviewer'), severity: q.severity, review: q.review, queuesLink });
    return sendPage(reply, page);
  });

  app.get<{ Params: { sha: string } }>('/reports/:sha/source', async (req, reply) => {
    const view = await withView(req.params.sha, reply);
    return view ? sendPage(reply, renderSourcePage(view, queuesLink)) : reply;
  });

  app.get<{ Params: { sha: string; part: string } }>('/reports/:sha/records/:part', async (req, reply) => {
    const view = await withView(req.params.sha, reply);
    if (!view) return reply;
    const page = renderRecordsPage(view, req.params.part, queuesLink);
    return page ? sendPage(reply, page) : errorPage(reply, 404, `没有这一部分 / no such part: ${req.params.part}`, queuesLink);
  });

  app.post<{ Params: { sha: string } }>('/reports/:sha/reviews', async (req, reply) => {
    if (!sameOrigin(req)) return errorPage(reply, 403, '拒绝来自其他网站的提交 / cross-site form post refused', queuesLink);
    const sha = req.params.sha;
    const view = await withView(sha, reply);
    if (!view) return reply;
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const findingId = body.findingId ?? '';
    if (!view.result.discrepancies.some((f) => f.id === findingId)) {
      return errorPage(reply, 400, `这份报告没有这条发现 / no such finding: ${findingId}`, queuesLink);
    }
    const status = body.status ?? '';
    const note = (body.note ?? '').trim();
    const reviewer = (body.reviewer ?? '').trim();
    if (status !== 'open' && !isReviewStatus(status)) return errorPage(reply, 400, `审核结论无效 / invalid status: ${status}`, queuesLink);
    if (status !== 'open' && !reviewer) return errorPage(reply, 400, '请填写审核人 / reviewer name is required', queuesLink);
    if (note.length > MAX_NOTE || reviewer.length > MAX_REVIEWER) return errorPage(reply, 400, '备注或审核人过长 / note or name too long', queuesLink);
    if (status === 'open') await store.clearReview(sha, findingId);
    else await store.setReview({ reportSha256: sha, findingId, status, note, reviewer });
    const q = req.query as Query;
    const back = new URLSearchParams();
    if (q.severity) back.set('severity', q.severity);
    if (q.review) back.set('review', q.review);
    const anchor = /^f-[A-Za-z0-9_-]+$/.test(body.anchor ?? '') ? `#${body.anchor}` : '';
    if (reviewer) reply.header('set-cookie', `reviewer=${encodeURIComponent(reviewer)}; Path=/; SameSite=Strict; Max-Age=31536000`);
    return reply.redirect(`${reportBase(sha)}${back.size ? `?${back}` : ''}${anchor}`, 303);
  });

  app.get<{ Params: { file: string } }>('/export/report/:file', async (req, reply) => {
    const sha = req.params.file.replace(/\.html$/, '');
    const view = await withView(sha, reply);
    if (!view) return reply;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="report-${sha.slice(0, 12)}.html"`)
      .send(renderReportPage(view, { mode: 'static' }));
  });

  app.get<{ Params: { format: string } }>('/export/findings.:format', async (req, reply) => {
    const q = req.query as Query;
    const selection = { batchId: q.batch || undefined, sha256: q.report && SHA256.test(q.report) ? q.report : undefined };
    const format = req.params.format;
    const stream = new PassThrough();
    if (format === 'xlsx') {
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="selfeval-findings.xlsx"');
      writeXlsx(store, selection, stream).catch((e) => stream.destroy(e));
      return reply.send(stream);
    }
    if (format === 'csv') {
      const sheet = q.sheet && Object.hasOwn(SHEETS, q.sheet) ? (q.sheet as keyof typeof SHEETS) : 'findings';
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="selfeval-${sheet}.csv"`);
      writeCsv(store, selection, sheet, stream).then(() => stream.end(), (e) => stream.destroy(e));
      return reply.send(stream);
    }
    return errorPage(reply, 404, `不支持的导出格式 / unsupported export format: ${format}`, queuesLink);
  });

  return app;
}
