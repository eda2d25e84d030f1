import type { Block } from '../../../schemas/document.js';
import type { Report } from '../../../schemas/report.js';
import type { Finding, Severity } from '../../../schemas/finding.js';
import { AUDIT_ACTIONS, type AuditEntry } from '../../store/audit.js';
import { findingAnchor } from '../anchors.js';
import { indexBlocks } from '../report-data.js';
import { EvidenceMap } from '../evidence-map.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { csrfField, layout, type PageContext } from '../layout.js';
import { errorLabel, FORMAT_LABELS, REVIEW_LABELS, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, isReviewStatus, type ReviewStatus } from '../labels.js';
import type { ReportView } from '../model.js';
import { findingBoxes } from '../pdf-boxes.js';
import { renderFinding } from '../render/finding.js';
import { recordParts } from '../render/records.js';
import { renderParagraph, renderSourceTable } from '../render/source.js';
import { ruleTitle } from '../rule-titles.js';
import { formatTime } from '../time.js';

/** Narrowing of the review screen's finding list. */
export interface FindingFilter {
  rule?: string;
  severity?: Severity;
  /** "open" = not yet reviewed. */
  review?: 'open' | ReviewStatus;
}

/** Where this report sits in the batch it was opened from (上一份 / 下一份). */
export interface BatchNav {
  id: string;
  index: number;
  total: number;
  prev: string | null;
  next: string | null;
}

export interface ReportPageOptions {
  /** "static": the e-mailable export — no forms, no links back to the server. */
  mode: 'live' | 'static';
  ctx?: PageContext | null;
  filter?: FindingFilter;
  batch?: BatchNav | null;
  /** Page of the finding list (0-based) when a report has more findings than one page shows. */
  findingsPage?: number;
  /** Cross-report findings (ledger, last year's report), rendered by src/web/render/cross.ts. */
  cross?: SafeHtml | null;
}

/** Findings shown per page of the review screen's list. */
export const FINDINGS_PER_PAGE = 200;

export function reportBase(sha256: string): string {
  return `/reports/${encodeURIComponent(sha256)}`;
}

/** Part name of each table ordinal, from the recognized records ("表3 部门整体支出绩效自评表"). */
export function tableCaptions(report: Report | null): Map<number, string> {
  const captions = new Map<number, string>();
  if (!report) return captions;
  const forms = [report.basicData, report.deptSelfEval, ...report.projects].filter((x) => x !== null);
  for (const form of forms) for (const t of form.tables) captions.set(t, form.part);
  return captions;
}

export function reportTitle(view: ReportView): string {
  return view.result.report?.department?.text || view.file;
}

function severityCounts(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function summary(view: ReportView): SafeHtml {
  const r = view.result;
  const counts = severityCounts(r.discrepancies);
  const reviewed = r.discrepancies.filter((f) => view.reviews.has(f.id)).length;
  const newCount = view.newFindingIds ? r.discrepancies.filter((f) => view.newFindingIds!.has(f.id)).length : null;
  const otherNames = view.fileNames.filter((n) => n !== view.file);
  return html`<dl class="summary">
<dt>文件</dt><dd>${view.file}${otherNames.length ? html` <span class="muted">（也以 ${otherNames.join('、')} 收到）</span>` : ''}</dd>
<dt>部门 / 年度</dt><dd>${r.report?.department?.text ?? '—'} / ${r.report?.year ?? '—'}</dd>
<dt>格式</dt><dd>${r.format ? FORMAT_LABELS[r.format] ?? r.format : '—'}</dd>
<dt>状态</dt><dd>${r.status === 'ok' ? STATUS_LABELS.ok : html`<span class="error-text">处理失败：${errorLabel(r.error?.code)}</span>`}</dd>
${r.status === 'ok' ? html`<dt>发现</dt><dd class="counts">${SEVERITIES.map((s) => html`<span class="badge sev-${s}">${SEVERITY_LABELS[s]} ${counts[s]}</span>`)}${newCount !== null ? html`<span class="badge new">新增 ${newCount}</span>` : ''}<span class="muted">已审核 ${reviewed}/${r.discrepancies.length}</span></dd>` : ''}
<dt>规则版本</dt><dd><code>${r.rulesVersion}</code> · SHA-256 <code>${view.sha256.slice(0, 16)}…</code></dd>
</dl>`;
}

/** A file that could not be read is a problem to act on, not "no findings". */
function failureNotice(view: ReportView): SafeHtml | '' {
  const r = view.result;
  if (r.status === 'ok') return '';
  return html`<div class="notice error" role="alert"><strong>此文件未能读取，没有检查结果（计为问题文件）。</strong><br>原因：${errorLabel(r.error?.code)}${r.error?.message ? html`<br><span class="muted">${r.error.message}</span>` : ''}${r.error?.code ? html` <span class="muted">（代码 ${r.error.code}）</span>` : ''}</div>`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then hints; within a severity the rules' own order. */
export function sortFindings<T extends { severity: Severity }>(findings: T[]): T[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}

export function matchesFilter(view: ReportView, f: Finding, filter: FindingFilter): boolean {
  if (filter.severity && f.severity !== filter.severity) return false;
  if (filter.rule && f.rule !== filter.rule) return false;
  if (filter.review) {
    const r = view.reviews.get(f.id);
    if (filter.review === 'open' ? r : !isReviewStatus(filter.review) || r?.status !== filter.review) return false;
  }
  return true;
}

function filterQuery(filter: FindingFilter, batch: BatchNav | null | undefined): Record<string, string | undefined> {
  return { rule: filter.rule, severity: filter.severity, review: filter.review, batch: batch?.id };
}

function filterForm(view: ReportView, filter: FindingFilter, batch: BatchNav | null | undefined): SafeHtml {
  const base = reportBase(view.sha256);
  const rules = [...new Set(view.result.discrepancies.map((f) => f.rule))].sort();
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${(current ?? '') === value ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${base}" aria-label="筛选发现">
${batch ? html`<input type="hidden" name="batch" value="${batch.id}">` : ''}
<label class="stack">规则<select name="rule">${option('', '全部', filter.rule)}${rules.map((r) => option(r, ruleTitle(r) ? `${ruleTitle(r)}（${r}）` : r, filter.rule))}</select></label>
<label class="stack">严重程度<select name="severity">${option('', '全部', filter.severity)}${SEVERITIES.map((s) => option(s, SEVERITY_LABELS[s], filter.severity))}</select></label>
<label class="stack">审核状态<select name="review">${option('', '全部', filter.review)}${(['open', 'confirmed', 'dismissed', 'fixed'] as const).map((s) => option(s, REVIEW_LABELS[s], filter.review))}</select></label>
<button type="submit">筛选</button> <a class="button secondary" href="${base}${queryString({ batch: batch?.id })}">清除</a>
</form>`;
}

/** One decision for the whole filtered selection (e.g. every 签章栏未填 hint). */
export function bulkForm(o: { action: string; ctx: PageContext | null | undefined; count: number; hidden: Record<string, string | undefined>; what: string }): SafeHtml {
  if (o.count === 0) return html``;
  return html`<form class="bulk" method="post" action="${o.action}" aria-label="批量审核">
${csrfField(o.ctx)}${Object.entries(o.hidden).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : ''))}
<input type="hidden" name="expected" value="${o.count}">
<label class="stack">对${o.what}（${o.count} 条）批量设置<select name="status">${(['confirmed', 'dismissed', 'fixed', 'open'] as const).map((s) => html`<option value="${s}">${s === 'open' ? '撤销结论' : REVIEW_LABELS[s]}</option>`)}</select></label>
<label class="stack">备注（驳回必填）<input type="text" name="note" maxlength="4000"></label>
<button type="submit">批量保存（${o.count} 条）</button>
</form>`;
}

function batchNavigation(nav: BatchNav | null | undefined, filter: FindingFilter): SafeHtml | '' {
  if (!nav) return '';
  const q = (sha: string) => `${reportBase(sha)}${queryString({ ...filterQuery(filter, nav) })}`;
  return html`<nav class="crumbs" aria-label="批次内导航"><a href="/batches/${encodeURIComponent(nav.id)}">批次 ${nav.id}</a> · 第 ${nav.index + 1} / ${nav.total} 份
${nav.prev ? html` · <a href="${q(nav.prev)}" rel="prev" data-key="[">上一份 <kbd>[</kbd></a>` : ''}${nav.next ? html` · <a href="${q(nav.next)}" rel="next" data-key="]">下一份 <kbd>]</kbd></a>` : ''}</nav>`;
}

function auditList(entries: AuditEntry[]): SafeHtml | '' {
  if (!entries.length) return '';
  return html`<details><summary>操作记录（${entries.length}）</summary><ol class="history">${entries.map(
    (e) => html`<li><time>${formatTime(e.at)}</time> ${e.actorName || e.actor}（${e.actor}）${AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS] ?? e.action}${e.detail.format ? html` ${String(e.detail.format)}` : ''}${e.ip ? html` <span class="muted">来自 ${e.ip}</span>` : ''}</li>`,
  )}</ol></details>`;
}

function originalIsPdf(view: ReportView): boolean {
  return !view.result.discrepancies.some((f) => f.rule === 'parse-issues' && f.observed === 'CONTAINER_CONVERTED');
}

/** The original PDF page with the current finding's boxes (drawn by /static/pdf-view.js with pdf.js). */
function pdfView(view: ReportView): SafeHtml | '' {
  if (view.result.format !== 'pdf' || !view.pageInfo?.length) return '';
  // Read as a PDF but sent as another container (OFD 版式文档): the browser's pdf.js cannot draw the original.
  if (!originalIsPdf(view)) {
    return html`<p class="pdf-view muted" id="pdf-view">原件不是 PDF 文件（见“文件实为…”说明），无法在此显示原件页面；请下载原件核对，证据位置以页码标出。</p>`;
  }
  const pages = view.pageInfo.map((p) => ({ page: p.page, width: p.width, height: p.height, rotation: p.rotation, textSource: p.textSource, confidence: p.confidence ?? null }));
  return html`<figure class="pdf-view" id="pdf-view" data-src="${reportBase(view.sha256)}/original?inline=1" data-pages="${JSON.stringify(pages)}">
<figcaption class="pdf-caption">原件页面 <span class="pdf-page-label"></span> <span class="pdf-page-buttons"></span></figcaption>
<div class="pdf-page" hidden><canvas></canvas></div>
<p class="pdf-status muted" role="status">选择一条有页面位置的发现，这里显示原件页面，并用方框标出证据。</p>
</figure>`;
}

/** The review screen (live) or the e-mailable static copy of a report's findings. */
export function renderReportPage(view: ReportView, opts: ReportPageOptions): string {
  const live = opts.mode === 'live';
  const base = reportBase(view.sha256);
  const filter = live ? (opts.filter ?? {}) : {};
  const all = sortFindings(view.result.discrepancies);
  // Numbers and evidence highlights are computed over all findings so "发现N" is stable under filters.
  const evidence = new EvidenceMap(all, view.source);
  const matching = all.map((finding, index) => ({ finding, index })).filter(({ finding }) => matchesFilter(view, finding, filter));
  const page = Math.max(0, opts.findingsPage ?? 0);
  const shown = live ? matching.slice(page * FINDINGS_PER_PAGE, (page + 1) * FINDINGS_PER_PAGE) : matching;
  const canDecide = live && (opts.ctx?.user?.role === 'reviewer' || opts.ctx?.user?.role === 'admin');
  const query = filterQuery(filter, opts.batch);
  const cards = shown.map(({ finding, index }, i) => {
    const next = shown[i + 1] ? findingAnchor(shown[i + 1].finding.id) : null;
    const targets = finding.evidence.map((_, ei) => evidence.target(index, ei)).filter((t): t is string => t !== null);
    return html`<li>${renderFinding({
      finding,
      index,
      evidence,
      review: view.reviews.get(finding.id),
      isNew: view.newFindingIds?.has(finding.id) ?? false,
      history: view.history.get(finding.id) ?? [],
      decide: canDecide ? { action: `${base}/reviews${queryString({ ...query, fp: page ? String(page) : undefined })}`, csrf: opts.ctx?.csrf ?? '', next } : null,
      data: live ? { targets: [...new Set(targets)].join(' '), boxes: JSON.stringify(findingBoxes(finding, view.source)) } : undefined,
    })}</li>`;
  });
  const captions = tableCaptions(view.result.report);
  const tables = [...evidence.citedTables]
    .sort((a, b) => a - b)
    .filter((t) => view.source.tables.has(t))
    .map((t) => renderSourceTable(view.source.tables.get(t)!, evidence, `表${t + 1} ${captions.get(t) ?? ''}`.trim()));
  const paragraphs = evidence.citedParagraphs().map((p) => renderParagraph(view.source.paragraphs.get(p)!, evidence.paragraphs.get(p)!, '文字报告'));
  const parts = view.result.report ? recordParts(view.result.report) : [];
  const emptyText = view.result.status !== 'ok' ? '文件未能读取，没有检查结果。' : all.length ? '没有符合筛选条件的发现。' : '未发现问题。';
  const pager =
    live && matching.length > FINDINGS_PER_PAGE
      ? html`<nav class="pager" aria-label="发现翻页">第 ${page + 1} / ${Math.ceil(matching.length / FINDINGS_PER_PAGE)} 页${page > 0 ? html` <a href="${base}${queryString({ ...query, fp: page > 1 ? String(page - 1) : undefined })}">上一页</a>` : ''}${(page + 1) * FINDINGS_PER_PAGE < matching.length ? html` <a href="${base}${queryString({ ...query, fp: String(page + 1) })}">下一页</a>` : ''}</nav>`
      : '';
  const sourceBlocks = view.sourcePending
    ? html`<p class="notice" role="status">这份报告的原文很大，正在为它建立索引（只需一次）。发现可以先审核；请稍后刷新页面查看原文证据。</p>`
    : tables.length || paragraphs.length
      ? html`${tables}${paragraphs}`
      : html`<p class="muted">没有可显示的原文证据。</p>`;
  const gone = view.goneFindings?.length
    ? html`<h2 id="gone">本次已消失的发现（${view.goneFindings.length}）</h2>
<p class="meta">以前的处理报告过、这次不再出现的发现（例如规则更新后）。</p>
<ul>${view.goneFindings.map((g) => html`<li><span class="badge sev-${g.finding.severity}">${SEVERITY_LABELS[g.finding.severity]}</span> <code>${g.finding.rule}</code> ${g.finding.message}${g.review ? html` — ${REVIEW_LABELS[g.review.status]}${g.review.note ? html`：${g.review.note}` : ''}（${g.review.reviewer}）` : ''}</li>`)}</ul>`
    : '';
  const records = parts.length
    ? html`<h2 id="records">提取的记录</h2>${live ? html`<ul>${parts.map((p) => html`<li><a href="${base}/records/${p.key}">${p.title}</a></li>`)}</ul>` : parts.map((p) => html`<details><summary>${p.title}</summary>${p.render('')}</details>`)}`
    : '';

  if (!live) {
    const body = html`<h1>${reportTitle(view)}</h1>
${summary(view)}${failureNotice(view)}
<h2 id="findings">发现（${all.length}）</h2>
${cards.length ? html`<ol class="findings">${cards}</ol>` : html`<p>${emptyText}</p>`}
${opts.cross ?? ''}
${gone}
${tables.length || paragraphs.length ? html`<h2 id="source">原文证据</h2><p class="meta">高亮处为发现引用的单元格和句子；“↑发现N”返回对应发现。</p>${sourceBlocks}` : ''}
${records}`;
    return layout({ title: reportTitle(view), body, standalone: true });
  }

  const body = html`${batchNavigation(opts.batch, filter)}<h1>${reportTitle(view)}</h1>
${summary(view)}${failureNotice(view)}
<p class="actions"><a href="${base}/original" download>下载原件</a> · <a href="/export/findings.xlsx${queryString({ report: view.sha256 })}">导出 Excel</a> · <a href="/export/report/${view.sha256}.html">下载离线审核页</a> · <a href="${base}/source">查看全文</a>${view.blockCount ? html` <span class="muted">（${view.blockCount} 个段落和表格）</span>` : ''}</p>
<h2 id="findings">发现（${matching.length}${matching.length !== all.length ? ` / 共${all.length}` : ''}）</h2>
${filterForm(view, filter, opts.batch)}
${canDecide && matching.length ? html`<details class="bulk-box"${matching.length !== all.length ? html` open` : ''}><summary>批量审核${matching.length === all.length ? '本报告全部' : '筛选出的'} ${matching.length} 条发现</summary>
${bulkForm({ action: `${base}/decisions`, ctx: opts.ctx, count: matching.length, hidden: { rule: filter.rule, severity: filter.severity, review: filter.review, batch: opts.batch?.id }, what: matching.length === all.length ? '本报告全部发现' : '筛选出的发现' })}</details>` : ''}
<p class="keys" id="keys">键盘：<kbd>j</kbd>/<kbd>↓</kbd> 下一条 · <kbd>k</kbd>/<kbd>↑</kbd> 上一条${canDecide ? html` · <kbd>c</kbd> 确认 · <kbd>x</kbd> 驳回（先填备注） · <kbd>f</kbd> 单位已整改 · <kbd>u</kbd> 撤销 · <kbd>n</kbd> 写备注` : ''}${opts.batch ? html` · <kbd>]</kbd>/<kbd>[</kbd> 下一份/上一份报告` : ''} · <kbd>Esc</kbd> 从备注回到发现</p>
<p class="status-line" role="status" aria-live="polite"></p>
<div class="review-screen">
<section class="finding-pane" aria-label="发现列表">
${cards.length ? html`<ol class="findings">${cards}</ol>` : html`<p>${emptyText}</p>`}
${pager}
</section>
<section class="source-pane" aria-label="原文" tabindex="-1">
<h2 id="source">原文证据</h2>
${pdfView(view)}
${sourceBlocks}
</section>
</div>
${opts.cross ?? ''}
${gone}
${records}
<h2 id="audit">审核与操作记录</h2>
<p class="meta">每条发现的审核记录在发现下方；下面是下载和导出等操作。<a href="/admin/audit?report=${view.sha256}">全部审计记录</a>（管理员）</p>
${auditList(view.audit)}`;
  return layout({ title: reportTitle(view), body, ctx: opts.ctx, scripts: ['/static/review.js', ...(view.result.format === 'pdf' && originalIsPdf(view) ? ['/static/pdf-view.js'] : [])], wide: true });
}

export const SOURCE_BLOCKS_PER_PAGE = 200;

/** One page of the whole document with every finding's evidence highlighted (targets of the records' ↗ links). */
export function renderSourcePage(view: ReportView, blocks: Block[], from: number, ctx: PageContext | null): string {
  const base = reportBase(view.sha256);
  const source = indexBlocks(blocks);
  const evidence = new EvidenceMap(sortFindings(view.result.discrepancies), source);
  const captions = tableCaptions(view.result.report);
  const rendered = blocks.map((b) =>
    b.kind === 'table'
      ? renderSourceTable(b, evidence, `表${b.table + 1} ${captions.get(b.table) ?? ''}`.trim())
      : renderParagraph(b, evidence.paragraphs.get(b.paragraph) ?? [], '段落'),
  );
  const total = view.blockCount;
  const to = from + blocks.length;
  const pager =
    total > SOURCE_BLOCKS_PER_PAGE
      ? html`<nav class="pager" aria-label="全文翻页">第 ${from + 1}–${to} 个（共 ${total} 个段落和表格）${from > 0 ? html` <a href="${base}/source${queryString({ from: from > SOURCE_BLOCKS_PER_PAGE ? String(from - SOURCE_BLOCKS_PER_PAGE) : undefined })}" rel="prev">上一页</a>` : ''}${to < total ? html` <a href="${base}/source?from=${to}" rel="next">下一页</a>` : ''}</nav>`
      : '';
  // Back-links point at finding cards on the report page, not this one.
  const body = html`<h1>全文：${reportTitle(view)}</h1><p><a href="${base}">← 返回审核页</a></p>${pager}${rendered.length ? rendered : html`<p class="muted">没有保存原文结构。</p>`}${pager}`;
  return layout({ title: `全文 ${reportTitle(view)}`, body, ctx }).replace(/href="#f-/g, `href="${base}#f-`);
}

/** The extracted records of one part, with links to their source cells. */
export function renderRecordsPage(view: ReportView, partKey: string, ctx: PageContext | null): string | null {
  const base = reportBase(view.sha256);
  const parts = view.result.report ? recordParts(view.result.report) : [];
  const part = parts.find((p) => p.key === partKey);
  if (!part) return null;
  const nav = html`<nav aria-label="报告各部分"><ul>${parts.map((p) => html`<li>${p.key === partKey ? html`<strong aria-current="page">${p.title}</strong>` : html`<a href="${base}/records/${p.key}">${p.title}</a>`}</li>`)}</ul></nav>`;
  const body = html`<h1>${part.title}</h1><p><a href="${base}">← 返回审核页</a></p>${nav}${part.render(`${base}/source`)}`;
  return layout({ title: part.title, body, ctx });
}
