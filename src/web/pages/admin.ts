import { ROLE_LABELS, type Account } from '../../store/accounts.js';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilter } from '../../store/audit.js';
import { findingAnchor } from '../anchors.js';
import { html, queryString } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { REVIEW_LABELS, type ReviewStatus } from '../labels.js';
import { formatTimeSeconds } from '../time.js';
import { reportBase } from './report.js';

function describe(e: AuditEntry) {
  const d = e.detail as Record<string, unknown>;
  if (e.action === 'decision') {
    const status = REVIEW_LABELS[(d.status as ReviewStatus | 'open') ?? 'open'] ?? String(d.status);
    const before = d.previous && typeof d.previous === 'object' ? REVIEW_LABELS[(d.previous as { status: ReviewStatus }).status] : '未审核';
    return html`${before} → <strong>${status}</strong>${d.note ? html`，备注：${String(d.note)}` : ''}${d.bulk ? html` <span class="muted">（批量）</span>` : ''}`;
  }
  const parts = Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return html`<span class="muted">${parts.join('，')}</span>`;
}

/** The audit trail for administrators: newest first, filtered by person, action, report or batch. */
export function renderAuditPage(o: { entries: AuditEntry[]; filter: AuditFilter; next: number | null; paged: boolean; ctx: PageContext | null }): string {
  const f = o.filter;
  const q = { actor: f.actor, action: f.action, report: f.reportSha256, batch: f.batchId };
  const rows = o.entries.map(
    (e) => html`<tr><td class="num">${e.id}</td><td>${formatTimeSeconds(e.at)}</td><td>${e.actorName ? html`${e.actorName}<br>` : ''}<code>${e.actor}</code></td>
<td>${AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS] ?? e.action}</td>
<td>${e.reportSha256 ? html`<a href="${reportBase(e.reportSha256)}${e.findingId ? `#${findingAnchor(e.findingId)}` : ''}">${e.reportSha256.slice(0, 12)}…</a>` : ''}${e.batchId ? html` 批次 <code>${e.batchId}</code>` : ''}</td>
<td>${describe(e)}</td><td>${e.ip ?? ''}</td></tr>`,
  );
  const option = (value: string, label: string) => html`<option value="${value}"${(f.action ?? '') === value ? html` selected` : ''}>${label}</option>`;
  const body = html`<h1>审计记录</h1>
<p class="meta">每次登录、审核结论、导出、下载和管理操作都记录在这里（只能追加，不能修改或删除）。</p>
<form class="filters" method="get" action="/admin/audit" aria-label="筛选审计记录">
<label class="stack">账号<input type="search" name="actor" value="${f.actor ?? ''}"></label>
<label class="stack">操作<select name="action">${option('', '全部')}${Object.entries(AUDIT_ACTIONS).map(([k, v]) => option(k, v))}</select></label>
<label class="stack">报告 SHA-256<input type="search" name="report" value="${f.reportSha256 ?? ''}"></label>
<button type="submit">筛选</button> <a class="button secondary" href="/admin/audit">清除</a></form>
<table class="list"><thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">人员</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">内容</th><th scope="col">来源地址</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="7">没有记录。</td></tr>`}</tbody></table>
<nav class="pager" aria-label="翻页">${o.paged ? html`<a href="/admin/audit${queryString(q)}">« 最新</a>` : ''}${o.next !== null ? html`<a href="/admin/audit${queryString({ ...q, before: String(o.next) })}" rel="next">更早 »</a>` : ''}</nav>`;
  return layout({ title: '审计记录', body, ctx: o.ctx });
}

/** Accounts (managed with `selfeval user add|passwd|disable` on the server). */
export function renderUsersPage(users: Account[], ctx: PageContext | null): string {
  const rows = users.map(
    (u) => html`<tr><td><code>${u.username}</code></td><td>${u.displayName}</td><td>${ROLE_LABELS[u.role]}</td><td>${u.disabled ? html`<span class="error-text">已停用</span>` : '正常'}</td><td>${formatTimeSeconds(u.updatedAt)}</td>
<td><a href="/admin/audit?actor=${encodeURIComponent(u.username)}">操作记录</a></td></tr>`,
  );
  const body = html`<h1>用户</h1>
<p class="meta">在服务器上用命令管理账号：<code>selfeval user add 用户名 --role reviewer --name 姓名</code>、<code>selfeval user passwd 用户名</code>、<code>selfeval user disable 用户名</code>。每次变动都记入审计记录。</p>
<table class="list"><thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">状态</th><th scope="col">最后修改</th><th scope="col"></th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return layout({ title: '用户', body, ctx });
}
