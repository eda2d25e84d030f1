import type { Finding } from '../../../schemas/finding.js';
import { findingAnchor } from '../anchors.js';
import type { EvidenceMap } from '../evidence-map.js';
import { html, type SafeHtml } from '../html.js';
import { REVIEW_LABELS, REVIEW_STATUSES, ROLE_LABELS, SEVERITY_LABELS } from '../labels.js';
import type { Review } from '../model.js';
import { describeLocation, formatNumber } from './location.js';
import { ruleTitle } from '../rule-titles.js';

export interface FindingCardOptions {
  finding: Finding;
  /** 0-based position on the page. */
  index: number;
  evidence: EvidenceMap;
  review: Review | undefined;
  isNew: boolean;
  /** Where the review form posts; null in the static export (read-only). */
  reviewAction: string | null;
  /** Reviewer name to prefill. */
  reviewer: string;
}

export function reviewBadge(review: Review | undefined): SafeHtml {
  const status = review?.status ?? 'open';
  return html`<span class="badge review-${status}">${REVIEW_LABELS[status]}</span>`;
}

/** One finding: message, figures, every evidence item linked to its highlight, and the review form. */
export function renderFinding(o: FindingCardOptions): SafeHtml {
  const f = o.finding;
  const anchor = findingAnchor(f.id);
  const headingId = `${anchor}-h`;
  const evidenceItems = f.evidence.map((ev, ei) => {
    const target = o.evidence.target(o.index, ei);
    const where = describeLocation(ev.location);
    const link = target ? html`<a class="evidence-link" href="#${target}">${where}</a>` : html`<span>${where}</span>`;
    return html`<li>${link}：<q>${ev.text}</q>${ev.value !== null ? html` = <strong>${formatNumber(ev.value)}</strong>` : ''}${ev.role ? html` <span class="muted">（${ROLE_LABELS[ev.role] ?? ev.role}）</span>` : ''}</li>`;
  });
  const review = o.review;
  return html`<article class="finding sev-${f.severity}" id="${anchor}" tabindex="-1" aria-labelledby="${headingId}" data-finding-id="${f.id}" data-rule="${f.rule}">
<h3 id="${headingId}">发现${o.index + 1} <span class="badge">${SEVERITY_LABELS[f.severity]}</span> ${ruleTitle(f.rule) ?? ''} <code>${f.rule}</code>${o.isNew ? html` <span class="badge new">新增</span>` : ''} <span class="review-state">${reviewBadge(review)}</span></h3>
<p class="message">${f.message}</p>
<dl>
${f.values.length ? html`<dt>涉及数值</dt><dd class="values">${f.values.map(formatNumber).join('，')}</dd>` : ''}
${f.part ? html`<dt>所属部分</dt><dd>${f.part}</dd>` : ''}
${f.expected !== null ? html`<dt>应为</dt><dd>${f.expected}</dd>` : ''}
${f.observed !== null ? html`<dt>实际</dt><dd>${f.observed}</dd>` : ''}
${f.tolerance !== null ? html`<dt>容差</dt><dd>${f.tolerance}</dd>` : ''}
${f.missing.length ? html`<dt>缺少</dt><dd>${f.missing.join('、')}</dd>` : ''}
<dt>编号</dt><dd><code>${f.id}</code></dd>
</dl>
${f.evidence.length ? html`<p class="meta">证据（点击跳到原文）：</p><ol class="evidence">${evidenceItems}</ol>` : html`<p class="meta">无原文证据</p>`}
${review ? html`<p class="review-record">审核结论：<strong>${REVIEW_LABELS[review.status]}</strong>${review.note ? html`，备注：<span class="review-note">${review.note}</span>` : ''}（${review.reviewer}，${review.updatedAt}）</p>` : ''}
${o.reviewAction ? reviewForm(o, anchor) : ''}
</article>`;
}

function reviewForm(o: FindingCardOptions, anchor: string): SafeHtml {
  const current = o.review?.status ?? 'open';
  const options = (['open', ...REVIEW_STATUSES] as const).map(
    (s) => html`<label><input type="radio" name="status" value="${s}"${s === current ? html` checked` : ''}> ${REVIEW_LABELS[s]}</label>`,
  );
  return html`<form class="review" method="post" action="${o.reviewAction ?? ''}" aria-label="审核发现${o.index + 1}">
<input type="hidden" name="findingId" value="${o.finding.id}">
<input type="hidden" name="anchor" value="${anchor}">
<fieldset><legend>审核结论</legend>${options}</fieldset>
<label class="stack">备注<textarea name="note" rows="2">${o.review?.note ?? ''}</textarea></label>
<label class="stack">审核人<input type="text" name="reviewer" value="${o.review?.reviewer ?? o.reviewer}" required autocomplete="name"></label>
<button type="submit">保存审核</button>
</form>`;
}
