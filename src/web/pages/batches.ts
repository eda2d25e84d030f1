import type { BatchCounts } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { SEVERITIES, SEVERITY_LABELS } from '../labels.js';
import { formatTime } from '../queries.js';

const KIND_LABELS: Record<string, string> = { enqueue: '手动提交', nightly: '夜间批处理', reprocess: '重新检查', extract: '命令行导入' };

/** Counts of one batch (收到、成功、失败、发现、新增). */
export function batchSummary(b: BatchCounts): SafeHtml {
  const failed = Object.entries(b.failedByCode).map(([code, n]) => `${code} ${n}`).join('，');
  return html`<dl class="summary">
<dt>类型</dt><dd>${KIND_LABELS[b.kind] ?? b.kind}${b.source ? html`（${b.source}）` : ''}</dd>
<dt>时间</dt><dd>${formatTime(b.createdAt)}${b.finishedAt ? html` — ${formatTime(b.finishedAt)}` : html` <strong>处理中（还有 ${b.queued} 份）</strong>`}</dd>
<dt>收到文件</dt><dd>${b.received}（不同内容 ${b.unique}，重复 ${b.duplicates}）</dd>
<dt>处理结果</dt><dd>成功 ${b.ok}，失败 ${b.failed}${failed ? html`（${failed}）` : ''}</dd>
<dt>发现</dt><dd class="counts">${SEVERITIES.map((s) => html`<span class="badge sev-${s}">${SEVERITY_LABELS[s]} ${b.findings[s]}</span>`)}<span class="badge new">本批新增 ${b.newFindings}</span></dd>
</dl>`;
}

/** The start page: recent batches with their counts. */
export function renderBatchesPage(batches: BatchCounts[], totalReports: number, queuesLink = false): string {
  const rows = batches.map(
    (b) => html`<tr><td><a href="/batches/${encodeURIComponent(b.id)}">${b.id}</a></td><td>${KIND_LABELS[b.kind] ?? b.kind}</td><td>${formatTime(b.createdAt)}</td>
<td>${b.complete ? '已完成' : html`<strong>处理中</strong>（剩 ${b.queued}）`}</td><td class="num">${b.received}</td><td class="num">${b.ok}</td><td class="num">${b.failed}</td>
${SEVERITIES.map((s) => html`<td class="num"><span class="badge sev-${s}">${b.findings[s]}</span></td>`)}<td class="num">${b.newFindings}</td></tr>`,
  );
  const body = html`<h1>批次</h1>
<p>共 ${totalReports} 份报告。<a href="/reports">查看全部报告</a></p>
<table class="list"><thead><tr><th scope="col">批次</th><th scope="col">类型</th><th scope="col">时间</th><th scope="col">状态</th><th scope="col">收到</th><th scope="col">成功</th><th scope="col">失败</th>
<th scope="col">错误</th><th scope="col">警告</th><th scope="col">提示</th><th scope="col">新增发现</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="11">还没有批次。用 <code>selfeval extract --db DIR</code> 或 <code>selfeval enqueue</code> 导入报告。</td></tr>`}</tbody></table>`;
  return layout({ title: '批次', body, queuesLink });
}
