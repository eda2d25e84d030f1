import type { CrossFinding } from '../../bureau/cross-finding.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { SEVERITY_LABELS } from '../labels.js';
import { ruleTitle } from '../rule-titles.js';
import { describeLocation } from './location.js';

/**
 * Cross-report findings (跨报告核对) on the report page: this report's cells and sentences on the
 * left, the other side — the bureau's ledger row or last year's report — on the right, with the
 * reason the names were matched; copied paragraphs side by side.
 */
export function renderCrossFindings(findings: CrossFinding[], o: { base: string | null; live: boolean }): SafeHtml {
  const sourceLink = (loc: CrossFinding['finding']['evidence'][number]['location']) => {
    if (!o.live || !o.base) return '';
    const q = loc.table !== null ? queryString({ table: loc.table }) : loc.paragraph !== null ? queryString({ paragraph: loc.paragraph }) : '';
    return q ? html` <a href="${o.base}/source${q}">原文</a>` : '';
  };
  const items = findings.map(({ finding: f, counterpart: c }, i) => {
    const ours = c.passages?.length
      ? html`<p>${c.passages.length} 段，见下方对照表${o.live ? html`：${f.evidence.map((e, k) => html`${k ? '、' : ''}${describeLocation(e.location).split(' · ').pop()}${sourceLink(e.location)}`)}` : ''}</p>`
      : f.evidence.length
      ? html`<ul>${f.evidence.map((e) => html`<li><q>${e.text.length > 160 ? `${e.text.slice(0, 160)}…` : e.text}</q> <span class="muted">${describeLocation(e.location)}</span>${sourceLink(e.location)}</li>`)}</ul>`
      : html`<p class="muted">本报告中没有对应内容${f.missing.length ? `（${f.missing.join('、')}）` : ''}</p>`;
    const other = c.sha256 && o.live ? html`<a href="/reports/${c.sha256}">${c.title}</a>` : html`${c.title}`;
    const theirs = c.passages?.length ? html`<p>${c.passages.length} 段，见下方对照表</p>` : c.items.length ? html`<ul>${c.items.map((it) => html`<li>${it.label}：<strong>${it.text}</strong> <span class="muted">${it.where}</span></li>`)}</ul>` : '';
    const passages = c.passages?.length
      ? html`<table class="list passages"><caption class="muted">照抄的段落（左：本报告，右：上年报告；相似度为 4 字元组 Jaccard）</caption><thead><tr><th scope="col">本报告</th><th scope="col">上年报告</th><th scope="col">相似度</th></tr></thead><tbody>${c.passages.map(
          (p) => html`<tr><td>${p.current}<br><span class="muted">${p.currentWhere}</span></td><td>${p.previous}<br><span class="muted">${p.previousWhere}</span></td><td class="num">${p.similarity.toFixed(2)}</td></tr>`,
        )}</tbody></table>`
      : '';
    return html`<li><article class="finding cross sev-${f.severity}" id="x-${i + 1}" data-rule="${f.rule}">
<h3><span class="badge sev-${f.severity}">${SEVERITY_LABELS[f.severity]}</span> ${ruleTitle(f.rule) ?? f.rule} <code class="muted">${f.rule}</code></h3>
<p class="message">${f.message}</p>
${c.match?.length ? html`<p class="meta">名称对应：${c.match.join('；')}</p>` : ''}
<div class="cross-sides"><div><h4>本报告</h4>${ours}</div><div><h4>${c.kind === 'ledger' ? '财政局参考台账' : '上年报告'}：${other}</h4>${theirs}</div></div>
${passages}
${f.tolerance ? html`<p class="meta">容差：${f.tolerance}</p>` : ''}
</article></li>`;
  });
  return html`<h2 id="cross">跨报告核对（与参考台账、上年报告）（${findings.length}）</h2>
<p class="meta">这些发现比较本报告与财政局参考台账、同一部门上年的报告，每次导入台账或存入相关报告时重新计算。</p>
${findings.length ? html`<ol class="findings cross-findings">${items}</ol>` : html`<p class="muted">没有跨报告发现（没有对应的台账行或上年报告，或核对一致）。</p>`}`;
}
