import type { BatchCounts } from '../../store/index.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { errorLabel, FORMAT_LABELS, REVIEW_LABELS, SEVERITIES, SEVERITY_LABELS } from '../labels.js';
import { formatTime, PAGE_SIZE, SORTS, type ReportFilter, type ReportPage, type SortKey } from '../queries.js';
import { reportBase } from './report.js';
import { batchSummary } from './batches.js';
import { ruleTitle } from '../rule-titles.js';

export interface ReportListOptions {
  page: ReportPage;
  filter: ReportFilter;
  sort: SortKey;
  rules: string[];
  /** The batch the list is narrowed to, with its counts. */
  batch: BatchCounts | null;
  /** Whether this is not the first page (a link back to the first page is shown). */
  paged: boolean;
  ctx: PageContext | null;
}

function filterParams(filter: ReportFilter, sort: SortKey): Record<string, string | undefined> {
  return {
    batch: filter.batchId,
    severity: filter.severity,
    rule: filter.rule,
    department: filter.department,
    review: filter.review,
    status: filter.status,
    sort: sort === 'processed' ? undefined : sort,
  };
}

/** The report list: filters, sortable columns, keyset paging. */
export function renderReportList(o: ReportListOptions): string {
  const base = '/reports';
  const f = o.filter;
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  const form = html`<form class="filters" method="get" action="${base}" aria-label="筛选报告">
${f.batchId ? html`<input type="hidden" name="batch" value="${f.batchId}">` : ''}
<label class="stack">严重程度<select name="severity">${option('', '全部', f.severity ?? '')}${SEVERITIES.map((s) => option(s, `有${SEVERITY_LABELS[s]}`, f.severity))}</select></label>
<label class="stack">规则<select name="rule">${option('', '全部', f.rule ?? '')}${o.rules.map((r) => option(r, ruleTitle(r) ? `${ruleTitle(r)}（${r}）` : r, f.rule))}</select></label>
<label class="stack">部门名称包含<input type="search" name="department" value="${f.department ?? ''}"></label>
<label class="stack">审核状态<select name="review">${option('', '全部', f.review ?? '')}${(['open', 'confirmed', 'dismissed', 'fixed'] as const).map((s) => option(s, `有${REVIEW_LABELS[s]}的发现`, f.review))}</select></label>
<label class="stack">处理状态<select name="status">${option('', '全部', f.status ?? '')}${option('ok', '已处理', f.status)}${option('error', '处理失败', f.status)}</select></label>
<label class="stack">排序<select name="sort">${Object.entries(SORTS).map(([k, s]) => option(k, s.label, o.sort))}</select></label>
<button type="submit">筛选</button> <a class="button secondary" href="${base}${queryString({ batch: f.batchId })}">清除</a>
</form>`;
  const sortLink = (key: SortKey, label: string): SafeHtml =>
    key === o.sort
      ? html`<span aria-sort="${SORTS[key].dir === 'desc' ? 'descending' : 'ascending'}">${label} ${SORTS[key].dir === 'desc' ? '▼' : '▲'}</span>`
      : html`<a href="${base}${queryString({ ...filterParams(f, o.sort), sort: key })}" title="按${label}排序">${label}</a>`;
  const rows = o.page.rows.map(
    (r) => html`<tr>
<td><a href="${reportBase(r.sha256)}">${r.department ?? '（未识别部门）'}</a><br><span class="muted">${r.fileName}</span></td>
<td class="num">${r.year ?? '—'}</td>
<td>${r.format ? FORMAT_LABELS[r.format] ?? r.format : '—'}</td>
<td>${r.status === 'ok' ? '已处理' : html`<span class="error-text">未能读取：${errorLabel(r.errorCode)}</span><br><span class="muted">${r.errorMessage ?? ''}</span>`}</td>
${r.status === 'ok'
  ? html`<td class="num"><span class="badge sev-error">${r.findings.error}</span></td>
<td class="num"><span class="badge sev-warning">${r.findings.warning}</span></td>
<td class="num"><span class="badge sev-info">${r.findings.info}</span></td>
<td class="num">${r.newFindings}${r.run === 1 ? html`<span class="muted">（首次处理）</span>` : ''}</td>
<td class="num">${r.reviewed}/${r.findings.error + r.findings.warning + r.findings.info}</td>`
  : html`<td colspan="5" class="problem">问题文件：没有检查结果</td>`}
<td>${formatTime(r.processedAt)}</td>
</tr>`,
  );
  const nextHref = o.page.next ? `${base}${queryString({ ...filterParams(f, o.sort), after: o.page.next })}` : null;
  const exportQuery = queryString({ ...filterParams(f, o.sort), sort: undefined });
  const body = html`<h1>${o.batch ? html`批次 <code>${o.batch.id}</code> 的报告` : '全部报告'}</h1>
${o.batch ? html`<p><a href="/batches/${encodeURIComponent(o.batch.id)}">← 批次页（全部文件、按规则统计）</a></p>${batchSummary(o.batch)}` : ''}
${form}
<p class="actions"><a class="button" href="/export/findings.xlsx${exportQuery}">导出 Excel（当前筛选）</a> <a class="button secondary" href="/export/findings.csv${exportQuery}">发现 CSV</a></p>
<table class="list" aria-describedby="list-caption"><caption id="list-caption" class="muted">本页 ${o.page.rows.length} 份（每页最多 ${PAGE_SIZE} 份）；点击部门名称打开审核页</caption>
<thead><tr><th scope="col">${sortLink('department', '部门')} / ${sortLink('file', '文件')}</th><th scope="col">${sortLink('year', '年度')}</th><th scope="col">格式</th><th scope="col">状态</th>
<th scope="col">${sortLink('errors', '错误')}</th><th scope="col">警告</th><th scope="col">提示</th><th scope="col">本次新增</th><th scope="col">已审核</th><th scope="col">${sortLink('processed', '处理时间')}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="10">没有符合条件的报告。</td></tr>`}</tbody></table>
<nav class="pager" aria-label="翻页">${o.paged ? html`<a href="${base}${queryString(filterParams(f, o.sort))}">« 第一页</a>` : ''}${nextHref ? html`<a href="${nextHref}" rel="next">下一页 »</a>` : html`<span class="muted">已是最后一页</span>`}</nav>`;
  return layout({ title: o.batch ? `批次 ${o.batch.id}` : '报告列表', body, ctx: o.ctx });
}
