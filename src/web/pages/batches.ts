import type { BatchCounts } from '../../store/index.js';
import type { BatchFile, RuleCount, SelectedFinding } from '../batch-queries.js';
import { findingAnchor } from '../anchors.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { errorLabel, REVIEW_LABELS, SEVERITIES, SEVERITY_LABELS } from '../labels.js';
import { ruleTitle } from '../rule-titles.js';
import { formatTime } from '../time.js';
import { bulkForm, reportBase, type FindingFilter } from './report.js';

const KIND_LABELS: Record<string, string> = { enqueue: '手动提交', nightly: '夜间批处理', reprocess: '重新检查', extract: '命令行导入' };

function batchHref(id: string): string {
  return `/batches/${encodeURIComponent(id)}`;
}

/** Counts of one batch (收到、成功、失败、发现、新增). A file that could not be read counts as a problem. */
export function batchSummary(b: BatchCounts): SafeHtml {
  const failed = Object.entries(b.failedByCode).map(([code, n]) => `${errorLabel(code)} ${n} 份`).join('；');
  return html`<dl class="summary">
<dt>类型</dt><dd>${KIND_LABELS[b.kind] ?? b.kind}${b.source ? html`（${b.source}）` : ''}</dd>
<dt>时间</dt><dd>${formatTime(b.createdAt)}${b.finishedAt ? html` — ${formatTime(b.finishedAt)}` : html` <strong>处理中（还有 ${b.queued} 份）</strong>`}</dd>
<dt>收到文件</dt><dd>${b.received}（不同内容 ${b.unique}，重复 ${b.duplicates}）</dd>
<dt>处理结果</dt><dd>成功 ${b.ok}，${b.failed ? html`<strong class="error-text">未能读取 ${b.failed}</strong>（${failed}）` : '未能读取 0'}</dd>
<dt>发现</dt><dd class="counts">${SEVERITIES.map((s) => html`<span class="badge sev-${s}">${SEVERITY_LABELS[s]} ${b.findings[s]}</span>`)}<span class="badge new">本批新增 ${b.newFindings}</span></dd>
</dl>`;
}

/** The start page: recent batches with their counts. */
export function renderBatchesPage(batches: BatchCounts[], totalReports: number, ctx: PageContext | null): string {
  const rows = batches.map(
    (b) => html`<tr><td><a href="${batchHref(b.id)}">${b.id}</a></td><td>${KIND_LABELS[b.kind] ?? b.kind}</td><td>${formatTime(b.createdAt)}</td>
<td>${b.complete ? '已完成' : html`<strong>处理中</strong>（剩 ${b.queued}）`}</td><td class="num">${b.received}</td><td class="num">${b.ok}</td><td class="num${b.failed ? ' problem' : ''}">${b.failed}</td>
${SEVERITIES.map((s) => html`<td class="num"><span class="badge sev-${s}">${b.findings[s]}</span></td>`)}<td class="num">${b.newFindings}</td>
<td><a href="/export/findings.xlsx?batch=${encodeURIComponent(b.id)}">Excel</a></td></tr>`,
  );
  const body = html`<h1>批次</h1>
<p>共 ${totalReports} 份报告。<a href="/reports">查看全部报告</a> · <a href="/export/findings.xlsx">导出全部（Excel）</a></p>
<table class="list"><thead><tr><th scope="col">批次</th><th scope="col">类型</th><th scope="col">时间</th><th scope="col">状态</th><th scope="col">收到</th><th scope="col">成功</th><th scope="col">未能读取</th>
<th scope="col">错误</th><th scope="col">警告</th><th scope="col">提示</th><th scope="col">新增发现</th><th scope="col">导出</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="12">还没有批次。用 <code>selfeval extract --db DIR</code> 或 <code>selfeval enqueue</code> 导入报告。</td></tr>`}</tbody></table>`;
  return layout({ title: '批次', body, ctx });
}

function fileStatus(f: BatchFile): SafeHtml {
  if (f.status === 'queued') return html`<span class="muted">等待处理</span>`;
  if (f.status === 'error') return html`<span class="error-text">未能读取：${errorLabel(f.errorCode)}</span>${f.errorCode ? html` <span class="muted">（${f.errorCode}）</span>` : ''}`;
  return html`已处理`;
}

function fileFindings(f: BatchFile): SafeHtml {
  if (!f.findings) return html`<td colspan="4" class="problem">${f.status === 'error' ? '问题文件：没有检查结果' : '—'}</td>`;
  const total = f.findings.error + f.findings.warning + f.findings.info;
  return html`${SEVERITIES.map((s) => html`<td class="num"><span class="badge sev-${s}">${f.findings![s]}</span></td>`)}<td class="num">${f.reviewed}/${total}</td>`;
}

/** One batch: counts, findings per rule (links to bulk review), and every file received, duplicates and failures included. */
export function renderBatchPage(o: { batch: BatchCounts; rules: RuleCount[]; files: BatchFile[]; next: number | null; after: number; ctx: PageContext | null }): string {
  const b = o.batch;
  const base = batchHref(b.id);
  const rules = o.rules.map(
    (r) => html`<tr><td><a href="${base}/findings${queryString({ rule: r.rule, severity: r.severity })}">${ruleTitle(r.rule) ?? r.rule}</a> <code>${r.rule}</code></td>
<td><span class="badge sev-${r.severity}">${SEVERITY_LABELS[r.severity]}</span></td><td class="num">${r.count}</td><td class="num">${r.open ? html`<a href="${base}/findings${queryString({ rule: r.rule, severity: r.severity, review: 'open' })}">${r.open}</a>` : '0'}</td></tr>`,
  );
  const files = o.files.map((f) => {
    const name = f.sha256 && f.status !== 'queued' ? html`<a href="${reportBase(f.sha256)}?batch=${encodeURIComponent(b.id)}">${f.fileName}</a>` : html`${f.fileName}`;
    const dup = f.duplicateOf
      ? html`<br><span class="muted">与第 ${f.duplicateOf.item} 个文件（${f.duplicateOf.fileName}）内容相同</span>`
      : f.receivedBefore
        ? html`<br><span class="muted">与此前批次 <a href="${batchHref(f.receivedBefore.batchId)}">${f.receivedBefore.batchId}</a> 中的 ${f.receivedBefore.fileName} 内容相同</span>`
        : '';
    return html`<tr${f.status === 'error' ? html` class="failed"` : ''}><td class="num">${f.item}</td><td>${name}${dup}</td><td>${f.department ?? '—'}</td><td>${fileStatus(f)}</td>${fileFindings(f)}</tr>`;
  });
  const body = html`<h1>批次 <code>${b.id}</code></h1>
${batchSummary(b)}
<p class="actions"><a class="button" href="/export/findings.xlsx?batch=${encodeURIComponent(b.id)}">导出本批次 Excel</a> <a class="button secondary" href="/export/findings.csv?batch=${encodeURIComponent(b.id)}">发现 CSV</a> · <a href="/reports?batch=${encodeURIComponent(b.id)}">按报告筛选和排序</a> · <a href="${base}/findings">本批次全部发现</a> · <a href="/overview?batch=${encodeURIComponent(b.id)}">本批次部门总览（图表）</a></p>
<h2 id="rules">按规则统计发现</h2>
${rules.length ? html`<table class="list"><thead><tr><th scope="col">规则</th><th scope="col">严重程度</th><th scope="col">发现</th><th scope="col">未审核</th></tr></thead><tbody>${rules}</tbody></table>` : html`<p class="muted">本批次没有发现。</p>`}
<h2 id="files">收到的文件（${b.received}）</h2>
<table class="list"><thead><tr><th scope="col">序号</th><th scope="col">文件</th><th scope="col">部门</th><th scope="col">处理状态</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">提示</th><th scope="col">已审核</th></tr></thead>
<tbody>${files.length ? files : html`<tr><td colspan="8">没有文件。</td></tr>`}</tbody></table>
<nav class="pager" aria-label="文件翻页">${o.after > 0 ? html`<a href="${base}">« 第一页</a>` : ''}${o.next !== null ? html`<a href="${base}?after=${o.next}" rel="next">下一页 »</a>` : ''}</nav>`;
  return layout({ title: `批次 ${b.id}`, body, ctx: o.ctx });
}

/** Findings of a batch across its reports, filtered, with one decision for the whole selection. */
export function renderBatchFindings(o: {
  batch: BatchCounts;
  filter: FindingFilter;
  rules: RuleCount[];
  findings: SelectedFinding[];
  total: number;
  next: string | null;
  paged: boolean;
  canDecide: boolean;
  notice: string | null;
  ctx: PageContext | null;
}): string {
  const b = o.batch;
  const base = `${batchHref(b.id)}/findings`;
  const f = o.filter;
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${(current ?? '') === value ? html` selected` : ''}>${label}</option>`;
  const ruleIds = [...new Set(o.rules.map((r) => r.rule))].sort();
  const form = html`<form class="filters" method="get" action="${base}" aria-label="筛选发现">
<label class="stack">规则<select name="rule">${option('', '全部', f.rule)}${ruleIds.map((r) => option(r, ruleTitle(r) ? `${ruleTitle(r)}（${r}）` : r, f.rule))}</select></label>
<label class="stack">严重程度<select name="severity">${option('', '全部', f.severity)}${SEVERITIES.map((s) => option(s, SEVERITY_LABELS[s], f.severity))}</select></label>
<label class="stack">审核状态<select name="review">${option('', '全部', f.review)}${(['open', 'confirmed', 'dismissed', 'fixed'] as const).map((s) => option(s, REVIEW_LABELS[s], f.review))}</select></label>
<button type="submit">筛选</button> <a class="button secondary" href="${base}">清除</a></form>`;
  const query = { rule: f.rule, severity: f.severity, review: f.review };
  const rows = o.findings.map(
    (x) => html`<tr><td><a href="${reportBase(x.reportSha256)}${queryString({ batch: b.id })}#${findingAnchor(x.findingId)}">${x.department ?? x.fileName}</a><br><span class="muted">${x.fileName}</span></td>
<td><span class="badge sev-${x.severity}">${SEVERITY_LABELS[x.severity]}</span> ${ruleTitle(x.rule) ?? x.rule}</td><td>${x.message}</td><td>${REVIEW_LABELS[x.review ?? 'open']}</td></tr>`,
  );
  const body = html`<nav class="crumbs"><a href="${batchHref(b.id)}">← 批次 ${b.id}</a></nav>
<h1>批次发现（${o.total}）</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${form}
${o.canDecide ? bulkForm({ action: `${batchHref(b.id)}/decisions`, ctx: o.ctx, count: o.total, hidden: query, what: '筛选出的发现' }) : ''}
<table class="list"><thead><tr><th scope="col">报告</th><th scope="col">规则</th><th scope="col">说明</th><th scope="col">审核状态</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="4">没有符合条件的发现。</td></tr>`}</tbody></table>
<nav class="pager" aria-label="翻页">${o.paged ? html`<a href="${base}${queryString(query)}">« 第一页</a>` : ''}${o.next ? html`<a href="${base}${queryString({ ...query, after: o.next })}" rel="next">下一页 »</a>` : ''}</nav>`;
  return layout({ title: `批次发现 ${b.id}`, body, ctx: o.ctx });
}
