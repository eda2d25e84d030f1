import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from './html.js';

/** Styles for every page, inline so the static export is one self-contained file. */
const CSS = `
:root { --fg:#1d1d1f; --muted:#5f6368; --line:#c9ccd1; --bg:#fff; --soft:#f4f6f8; --link:#0b57d0;
  --err:#b3261e; --err-bg:#fde7e5; --warn:#8a5300; --warn-bg:#fff1d6; --info:#1f5f8b; --info-bg:#e3f0fa; --focus:#0b57d0; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif; color:var(--fg); background:var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position:absolute; left:-9999px; top:0; background:#fff; padding:.5em 1em; z-index:10; }
.skip:focus { left: .5em; }
header.site { background:#16324f; color:#fff; padding:.6em 1.2em; display:flex; gap:1.5em; align-items:center; flex-wrap:wrap; }
header.site a { color:#fff; }
header.site .brand { font-weight:700; font-size:1.1em; text-decoration:none; }
main { padding: 1em 1.2em 3em; max-width: 1400px; }
h1 { font-size:1.45em; margin:.3em 0 .6em; } h2 { font-size:1.2em; margin:1.6em 0 .6em; border-bottom:1px solid var(--line); padding-bottom:.2em; }
h3 { font-size:1.02em; margin:.2em 0 .4em; }
.muted, .meta { color: var(--muted); font-size:.92em; }
table.list, table.records { border-collapse:collapse; width:100%; font-size:.94em; }
table.list th, table.list td, table.records th, table.records td { border:1px solid var(--line); padding:.35em .5em; text-align:left; vertical-align:top; }
table.list th, table.records th { background:var(--soft); }
table.list td.num, table.records td.num { text-align:right; font-variant-numeric: tabular-nums; }
table.list tbody tr:hover { background:#f9fafb; }
table.form { border-collapse:collapse; font-size:.9em; }
table.form td { border:1px solid #666; padding:.25em .4em; vertical-align:middle; min-width:3em; }
table.form td.hit { outline: 3px solid var(--err); outline-offset:-3px; }
table.form td.hit.sev-error { background:var(--err-bg); outline-color:var(--err); }
table.form td.hit.sev-warning { background:var(--warn-bg); outline-color:var(--warn); }
table.form td.hit.sev-info { background:var(--info-bg); outline-color:var(--info); }
.scroll { overflow-x:auto; max-width:100%; }
figure.source-table { margin: 1em 0 1.6em; } figcaption { font-weight:600; margin-bottom:.3em; }
blockquote.source-paragraph { margin:.8em 0; padding:.5em 1em; border-left:4px solid var(--line); background:var(--soft); }
blockquote.source-paragraph p { margin:.2em 0; }
mark { padding:0 .1em; } mark.sev-error { background:#ffc9c4; } mark.sev-warning { background:#ffe2a8; } mark.sev-info { background:#cfe6f7; }
:target { scroll-margin-top: 4em; } td:target, mark:target { box-shadow: 0 0 0 4px #f4b400; }
.backrefs { display:inline-flex; gap:.3em; margin-left:.3em; font-size:.8em; white-space:nowrap; }
.badge { display:inline-block; padding:0 .5em; border-radius:1em; font-size:.85em; font-weight:600; border:1px solid currentColor; }
.sev-error .badge, .badge.sev-error { color:var(--err); background:var(--err-bg); }
.sev-warning .badge, .badge.sev-warning { color:var(--warn); background:var(--warn-bg); }
.sev-info .badge, .badge.sev-info { color:var(--info); background:var(--info-bg); }
.badge.new { color:#0d652d; background:#e6f4ea; }
.badge.review-dismissed { color:#555; background:#eee; } .badge.review-confirmed { color:var(--err); background:var(--err-bg); } .badge.review-fixed { color:#0d652d; background:#e6f4ea; }
article.finding { border:1px solid var(--line); border-left:6px solid var(--line); border-radius:6px; padding:.7em 1em; margin: .8em 0; }
article.finding.sev-error { border-left-color: var(--err); } article.finding.sev-warning { border-left-color: var(--warn); } article.finding.sev-info { border-left-color: var(--info); }
article.finding .message { font-size:1.05em; margin:.3em 0; }
article.finding dl { display:grid; grid-template-columns:max-content 1fr; gap:.1em 1em; margin:.4em 0; font-size:.93em; }
article.finding dt { color:var(--muted); } article.finding dd { margin:0; }
ol.evidence { margin:.3em 0; padding-left:1.5em; } ol.evidence li { margin:.2em 0; }
form.review { display:flex; flex-wrap:wrap; gap:.6em 1.2em; align-items:flex-end; margin-top:.6em; padding-top:.6em; border-top:1px dashed var(--line); }
form.review fieldset { border:0; padding:0; margin:0; display:flex; gap:.8em; flex-wrap:wrap; }
form.review legend { font-weight:600; padding:0; margin-bottom:.2em; }
label { display:inline-flex; gap:.3em; align-items:center; }
label.stack { flex-direction:column; align-items:flex-start; }
select { max-width: 24em; }
input[type=text], input[type=search], select, textarea { font:inherit; padding:.25em .4em; border:1px solid #888; border-radius:4px; }
textarea { min-width: 22em; min-height: 2.4em; }
button, .button { font:inherit; padding:.3em 1em; border:1px solid #0b57d0; background:#0b57d0; color:#fff; border-radius:4px; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary, .button.secondary { background:#fff; color:#0b57d0; }
form.filters { display:flex; flex-wrap:wrap; gap:.6em 1.2em; align-items:flex-end; background:var(--soft); padding:.7em 1em; border-radius:6px; }
nav.pager { display:flex; gap:1em; margin:1em 0; align-items:center; }
dl.summary { display:grid; grid-template-columns:max-content 1fr; gap:.15em 1.2em; margin:.5em 0 1em; }
dl.summary dt { color:var(--muted); } dl.summary dd { margin:0; }
.counts { display:inline-flex; gap:.3em; flex-wrap:wrap; }
.error-text { color: var(--err); }
details { margin:.5em 0; } summary { cursor:pointer; font-weight:600; }
pre { white-space:pre-wrap; word-break:break-all; background:var(--soft); padding:.6em; font-size:.85em; }
@media print { header.site, form.review, form.decide, form.bulk, .skip { display:none; } }

/* review screen: findings list beside the source, the source staying in view */
header.site .who { margin-left:auto; display:flex; gap:.8em; align-items:center; }
header.site form { margin:0; } header.site button { background:transparent; border-color:#fff; padding:.1em .7em; }
.review-screen { display:grid; grid-template-columns:minmax(24em, 5fr) 7fr; gap:1.2em; align-items:start; }
.review-screen .finding-pane { min-width:0; }
.review-screen .source-pane { position:sticky; top:0; max-height:100vh; overflow:auto; border-left:1px solid var(--line); padding:0 .2em 2em 1em; min-width:0; }
@media (max-width: 900px) { .review-screen { grid-template-columns:1fr; } .review-screen .source-pane { position:static; max-height:none; border:0; padding:0; } }
main.wide { max-width:none; }
ol.findings { list-style:none; padding:0; margin:.5em 0; }
ol.findings > li { margin:0; }
ol.findings article.finding { margin:.35em 0; padding:.45em .8em; }
ol.findings article.finding h3 { font-size:.96em; margin:0; }
ol.findings article.finding .message { font-size:.98em; margin:.2em 0; }
.js ol.findings > li:not(.current) .details { display:none; }
.js ol.findings > li:not(.current) article.finding { cursor:pointer; }
ol.findings > li.current article.finding { box-shadow:0 0 0 3px var(--focus); }
.js ol.findings > li:not(.current) .message { display:-webkit-box; -webkit-line-clamp:2; -webkit-box-orient:vertical; overflow:hidden; }
td.hit.cur, mark.cur { outline:3px solid #f4b400 !important; outline-offset:-1px; box-shadow:0 0 0 3px #f4b400; }
form.decide { display:flex; flex-wrap:wrap; gap:.4em .6em; align-items:center; margin-top:.5em; padding-top:.5em; border-top:1px dashed var(--line); }
form.decide input[name=note] { flex:1 1 auto; min-width:8em; }
form.decide button { padding:.2em .7em; }
form.decide button.dismiss { background:#555; border-color:#555; } form.decide button.fixed { background:#0d652d; border-color:#0d652d; }
form.decide button.reset { background:#fff; color:#0b57d0; }
kbd { border:1px solid #999; border-bottom-width:2px; border-radius:3px; padding:0 .3em; font-size:.85em; background:#fafafa; }
button kbd { background:transparent; color:inherit; border-color:currentColor; }
form.decide label { flex:1 1 16em; display:flex; gap:.4em; align-items:center; white-space:nowrap; }
.keys { font-size:.85em; color:var(--muted); margin:.3em 0; }
.notice { padding:.5em .8em; border-radius:6px; background:var(--info-bg); margin:.5em 0; }
.notice.error { background:var(--err-bg); color:var(--err); }
form.bulk { display:flex; flex-wrap:wrap; gap:.4em .8em; align-items:flex-end; border:1px solid var(--line); padding:.5em .8em; border-radius:6px; margin:.5em 0; }
ol.history { margin:.3em 0; padding-left:1.4em; font-size:.9em; } ol.history li { margin:.1em 0; }
.pdf-page { position:relative; margin:.5em 0 1em; border:1px solid var(--line); display:inline-block; max-width:100%; }
.pdf-page canvas { display:block; max-width:100%; height:auto; }
.pdf-page .box { position:absolute; border:3px solid var(--err); background:rgba(179,38,30,.12); pointer-events:none; }
.pdf-page .box.sev-warning { border-color:var(--warn); background:rgba(138,83,0,.12); } .pdf-page .box.sev-info { border-color:var(--info); background:rgba(31,95,139,.12); }
.pdf-page .box.cur { border-color:#f4b400; box-shadow:0 0 0 2px #000; }
.pdf-caption { font-size:.9em; color:var(--muted); }
.ocr { color:var(--warn); font-weight:600; }
table.list td.problem { color:var(--err); }
.login { max-width:26em; margin:3em auto; border:1px solid var(--line); border-radius:8px; padding:1.2em 1.6em; }
.login label { display:flex; flex-direction:column; align-items:stretch; margin:.6em 0; }
.login input { font:inherit; padding:.35em .5em; border:1px solid #888; border-radius:4px; }
nav.crumbs { font-size:.9em; margin:.2em 0 .6em; }

/* cross-report findings: this report beside the ledger or last year's report */
.cross-sides { display:grid; grid-template-columns:1fr 1fr; gap:.4em 1.2em; }
.cross-sides h4 { margin:.3em 0; font-size:.95em; }
.cross-sides ul { margin:.2em 0; padding-left:1.2em; }
table.passages td { width:45%; font-size:.9em; }
@media (max-width: 900px) { .cross-sides { grid-template-columns:1fr; } }

/* overview: charts (server-side SVG) and the numbers behind them */
.charts { display:grid; grid-template-columns:repeat(2, minmax(0, 1fr)); gap:1em 1.6em; margin:1em 0; max-width:1400px; }
@media (max-width: 900px) { .charts { grid-template-columns:1fr; } }
.charts figure { margin:0; border:1px solid var(--line); border-radius:6px; padding:.5em .8em; break-inside:avoid; }
.charts svg.chart { display:block; max-width:100%; height:auto; font-family:inherit; }
.chart-tables { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:1em 1.6em; align-items:start; }
table.chart-data caption { text-align:left; font-weight:600; }
.summary-line { margin:.6em 0; }
@media print { form.filters, .summary-line .button { display:none; } .charts { grid-template-columns:1fr 1fr; } .charts figure, table.chart-data { break-inside:avoid; } .charts figure > a { display:none; } table.overview { font-size:.8em; } table.overview a, .charts a { color:inherit; text-decoration:none; } }
`;

/** CSP source for the one inline style block (no 'unsafe-inline' needed). */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;

/** CSP of the e-mailable static export, carried in the file itself. */
export const STATIC_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src data:; form-action 'none'; base-uri 'none'`;

/** Who is looking, for the page header (null on the login page and in the static export). */
export interface PageContext {
  user: { username: string; displayName: string; role: 'viewer' | 'reviewer' | 'admin' } | null;
  /** The session's CSRF token, put into every form that changes something. */
  csrf: string;
  /** Bull Board is mounted (and the user is an admin). */
  queuesLink: boolean;
}

export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  /** Static export: no navigation to the server. */
  standalone?: boolean;
  ctx?: PageContext | null;
  /** Scripts of our own (paths under /static/), loaded as modules. */
  scripts?: string[];
  /** Use the full window width (the review screen). */
  wide?: boolean;
}

/** Hidden CSRF field for a form that changes something. */
export function csrfField(ctx: PageContext | null | undefined): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx?.csrf ?? ''}">`;
}

const ROLE_NAMES = { viewer: '只读', reviewer: '审核人', admin: '管理员' } as const;

function siteHeader(ctx: PageContext | null | undefined): SafeHtml {
  const user = ctx?.user;
  const admin = user?.role === 'admin';
  const nav = user
    ? html`<nav aria-label="主导航"><a href="/">批次</a> · <a href="/reports">报告列表</a> · <a href="/overview">部门总览</a>${admin ? html` · <a href="/admin/audit">审计记录</a> · <a href="/admin/users">用户</a> · <a href="/admin/reference">参考台账</a>` : ''}${admin && ctx?.queuesLink ? html` · <a href="/queues">队列监控</a>` : ''}</nav>
<div class="who"><span>${user.displayName || user.username}（${ROLE_NAMES[user.role]}）</span><form method="post" action="/logout">${csrfField(ctx)}<button type="submit">退出</button></form></div>`
    : '';
  return html`<header class="site"><a class="brand" href="/">绩效自评报告审核</a>${nav}</header>`;
}

export function layout(opts: LayoutOptions): string {
  const header = opts.standalone ? html`<header class="site"><span class="brand">绩效自评报告审核</span><span>离线副本 / offline copy</span></header>` : siteHeader(opts.ctx);
  const csp = opts.standalone ? html`<meta http-equiv="Content-Security-Policy" content="${STATIC_CSP}">` : '';
  const scripts = (opts.scripts ?? []).map((s) => html`<script type="module" src="${s}"></script>`);
  return `<!doctype html>
${html`<html lang="zh-CN"><head><meta charset="utf-8">${csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${opts.title} · 绩效自评报告审核</title><style>${raw(CSS)}</style>${scripts}</head>
<body><a class="skip" href="#main">跳到主要内容</a>${header}<main id="main" tabindex="-1"${opts.wide ? html` class="wide"` : ''}>${opts.body}</main></body></html>`}`;
}
