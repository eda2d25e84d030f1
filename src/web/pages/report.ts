import type { Report } from '../../../schemas/report.js';
import type { Severity } from '../../../schemas/finding.js';
import { indexSource } from '../anchors.js';
import { EvidenceMap } from '../evidence-map.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { FORMAT_LABELS, REVIEW_LABELS, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, isReviewStatus } from '../labels.js';
import type { ReportView } from '../model.js';
import { renderFinding } from '../render/finding.js';
import { recordParts } from '../render/records.js';
import { renderParagraph, renderSourceTable } from '../render/source.js';

export interface ReportPageOptions {
  /** "static": the e-mailable export — no forms, no links back to the server. */
  mode: 'live' | 'static';
  reviewer?: string;
  /** Narrow the finding list (live mode): severity, review status ("open" = not yet reviewed). */
  severity?: string;
  review?: string;
  queuesLink?: boolean;
}

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

function severityCounts(view: ReportView): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of view.result.discrepancies) counts[f.severity]++;
  return counts;
}

function summary(view: ReportView): SafeHtml {
  const r = view.result;
  const counts = severityCounts(view);
  const reviewed = r.discrepancies.filter((f) => view.reviews.has(f.id)).length;
  const newCount = view.newFindingIds ? r.discrepancies.filter((f) => view.newFindingIds!.has(f.id)).length : null;
  return html`<dl class="summary">
<dt>文件</dt><dd>${view.file}</dd>
<dt>部门</dt><dd>${r.report?.department?.text ?? '—'}</dd>
<dt>年度</dt><dd>${r.report?.year ?? '—'}</dd>
<dt>格式</dt><dd>${r.format ? FORMAT_LABELS[r.format] ?? r.format : '—'}</dd>
<dt>状态</dt><dd>${STATUS_LABELS[r.status]}${r.error ? html`：<span class="error-text">${r.error.code} ${r.error.message}</span>` : ''}</dd>
<dt>发现</dt><dd class="counts">${SEVERITIES.map((s) => html`<span class="badge sev-${s}">${SEVERITY_LABELS[s]} ${counts[s]}</span>`)}${newCount !== null ? html`<span class="badge new">新增 ${newCount}</span>` : ''}<span class="muted">已审核 ${reviewed}/${r.discrepancies.length}</span></dd>
<dt>规则版本</dt><dd><code>${r.rulesVersion}</code></dd>
<dt>SHA-256</dt><dd><code>${view.sha256}</code></dd>
</dl>`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then hints; within a severity the rules' own order. */
export function sortFindings<T extends { severity: Severity }>(findings: T[]): T[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}

/** The reviewer's page for one report: findings with evidence links, the cited source, the records. */
export function renderReportPage(view: ReportView, opts: ReportPageOptions): string {
  const live = opts.mode === 'live';
  const base = reportBase(view.sha256);
  const all = sortFindings(view.result.discrepancies);
  const source = indexSource(view.document);
  // Numbers and evidence highlights are computed over all findings so "发现N" is stable under filters.
  const evidence = new EvidenceMap(all, source);
  const visible = all
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => !live || !opts.severity || finding.severity === opts.severity)
    .filter(({ finding }) => {
      if (!live || !opts.review) return true;
      const r = view.reviews.get(finding.id);
      return opts.review === 'open' ? !r : isReviewStatus(opts.review) && r?.status === opts.review;
    });
  const cards = visible.map(({ finding, index }) =>
    renderFinding({
      finding,
      index,
      evidence,
      review: view.reviews.get(finding.id),
      isNew: view.newFindingIds?.has(finding.id) ?? false,
      reviewAction: live ? `${base}/reviews${queryString({ severity: opts.severity, review: opts.review })}` : null,
      reviewer: opts.reviewer ?? '',
    }),
  );
  const captions = tableCaptions(view.result.report);
  const tables = [...evidence.citedTables]
    .sort((a, b) => a - b)
    .map((t) => renderSourceTable(source.tables.get(t)!, evidence, `表${t + 1} ${captions.get(t) ?? ''}`.trim()));
  const paragraphs = evidence.citedParagraphs().map((p) => renderParagraph(source.paragraphs.get(p)!, evidence.paragraphs.get(p)!, '文字报告'));
  const parts = view.result.report ? recordParts(view.result.report) : [];

  const filterForm = live
    ? html`<form class="filters" method="get" action="${base}" aria-label="筛选发现">
<label class="stack">严重程度<select name="severity"><option value="">全部</option>${SEVERITIES.map((s) => html`<option value="${s}"${opts.severity === s ? html` selected` : ''}>${SEVERITY_LABELS[s]}</option>`)}</select></label>
<label class="stack">审核状态<select name="review"><option value="">全部</option>${(['open', 'confirmed', 'dismissed', 'fixed'] as const).map((s) => html`<option value="${s}"${opts.review === s ? html` selected` : ''}>${REVIEW_LABELS[s]}</option>`)}</select></label>
<button type="submit">筛选</button></form>`
    : '';

  const body = html`<h1>${reportTitle(view)}</h1>
${summary(view)}
${live ? html`<p><a href="${base}/source">查看全文（所有表格和段落）</a> · <a href="/export/report/${view.sha256}.html">下载离线审核页</a> · <a href="/export/findings.xlsx${queryString({ report: view.sha256 })}">导出 Excel</a></p>` : ''}
<h2 id="findings">发现（${visible.length}${visible.length !== all.length ? ` / 共${all.length}` : ''}）</h2>
${filterForm}
${cards.length ? cards : html`<p>${all.length ? '没有符合筛选条件的发现。' : '未发现问题。'}</p>`}
${view.goneFindings?.length ? html`<h2 id="gone">本次已消失的发现（${view.goneFindings.length}）</h2>
<p class="meta">以前的处理报告过、这次不再出现的发现（例如规则更新后）。</p>
<ul>${view.goneFindings.map((g) => html`<li><span class="badge sev-${g.finding.severity}">${SEVERITY_LABELS[g.finding.severity]}</span> <code>${g.finding.rule}</code> ${g.finding.message}${g.review ? html` — ${REVIEW_LABELS[g.review.status]}${g.review.note ? html`：${g.review.note}` : ''}（${g.review.reviewer}）` : ''}</li>`)}</ul>` : ''}
${tables.length || paragraphs.length ? html`<h2 id="source">原文证据</h2><p class="meta">高亮处为发现引用的单元格和句子；“↑发现N”返回对应发现。</p>${tables}${paragraphs}` : ''}
${parts.length ? html`<h2 id="records">提取的记录</h2>${live ? html`<ul>${parts.map((p) => html`<li><a href="${base}/records/${p.key}">${p.title}</a></li>`)}</ul>` : parts.map((p) => html`<details><summary>${p.title}</summary>${p.render('')}</details>`)}` : ''}`;
  return layout({ title: reportTitle(view), body, standalone: !live, queuesLink: opts.queuesLink });
}

/** The whole document with every finding's evidence highlighted (targets of the records' ↗ links). */
export function renderSourcePage(view: ReportView, queuesLink = false): string {
  const base = reportBase(view.sha256);
  const source = indexSource(view.document);
  const evidence = new EvidenceMap(sortFindings(view.result.discrepancies), source);
  const captions = tableCaptions(view.result.report);
  const blocks = (view.document?.blocks ?? []).map((b) =>
    b.kind === 'table'
      ? renderSourceTable(b, evidence, `表${b.table + 1} ${captions.get(b.table) ?? ''}`.trim())
      : renderParagraph(b, evidence.paragraphs.get(b.paragraph) ?? [], '段落'),
  );
  // Back-links point at finding cards on the report page, not this one.
  const body = html`<h1>全文：${reportTitle(view)}</h1><p><a href="${base}">← 返回审核页</a></p>${blocks.length ? blocks : html`<p class="muted">没有保存原文结构。</p>`}`;
  return layout({ title: `全文 ${reportTitle(view)}`, body, queuesLink }).replace(/href="#f-/g, `href="${base}#f-`);
}

/** The extracted records of one part, with links to their source cells. */
export function renderRecordsPage(view: ReportView, partKey: string, queuesLink = false): string | null {
  const base = reportBase(view.sha256);
  const parts = view.result.report ? recordParts(view.result.report) : [];
  const part = parts.find((p) => p.key === partKey);
  if (!part) return null;
  const nav = html`<nav aria-label="报告各部分"><ul>${parts.map((p) => html`<li>${p.key === partKey ? html`<strong aria-current="page">${p.title}</strong>` : html`<a href="${base}/records/${p.key}">${p.title}</a>`}</li>`)}</ul></nav>`;
  const body = html`<h1>${part.title}</h1><p><a href="${base}">← 返回审核页</a></p>${nav}${part.render(`${base}/source`)}`;
  return layout({ title: part.title, body, queuesLink });
}
