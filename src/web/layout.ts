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
:target { scroll-margin-top: 4em; } td:target, mark:target, article:target { box-shadow: 0 0 0 4px #f4b400; }
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
@media print { header.site, form.review, .skip { display:none; } }
`;

export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  /** Static export: no navigation to the server. */
  standalone?: boolean;
  queuesLink?: boolean;
}

export function layout(opts: LayoutOptions): string {
  const nav = opts.standalone
    ? html`<header class="site"><span class="brand">绩效自评报告审核</span><span>离线副本 / offline copy</span></header>`
    : html`<header class="site"><a class="brand" href="/">绩效自评报告审核</a>
<nav aria-label="主导航"><a href="/">批次</a> · <a href="/reports">报告列表</a>${opts.queuesLink ? html` · <a href="/queues">队列监控</a>` : ''}</nav></header>`;
  return `<!doctype html>
${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · 绩效自评报告审核</title><style>${raw(CSS)}</style></head>
<body><a class="skip" href="#main">跳到主要内容</a>${nav}<main id="main" tabindex="-1">${opts.body}</main></body></html>`}`;
}
