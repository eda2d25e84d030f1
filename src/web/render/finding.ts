import type { Finding } from '../../../schemas/finding.js';
import type { Location } from '../../../schemas/location.js';
import type { DecisionHistoryEntry } from '../../store/decisions.js';
import { findingAnchor } from '../anchors.js';
import type { EvidenceMap } from '../evidence-map.js';
import { html, type SafeHtml } from '../html.js';
import { REVIEW_LABELS, ROLE_LABELS, SEVERITY_LABELS } from '../labels.js';
import type { Review } from '../model.js';
import { formatTime } from '../time.js';
import { describeLocation, formatNumber } from './location.js';
import { ruleTitle } from '../rule-titles.js';

/** Where a decision is posted from a finding card (live pages of a reviewer only). */
export interface DecideForm {
  action: string;
  csrf: string;
  /** Card to open after saving (the next one in the list), or null for the last. */
  next: string | null;
}

export interface FindingCardOptions {
  finding: Finding;
  /** 0-based position among all the report's findings ("发现N" stays the same under filters). */
  index: number;
  evidence: EvidenceMap;
  review: Review | undefined;
  isNew: boolean;
  history: DecisionHistoryEntry[];
  /** Null: read-only (a viewer, or the static export). */
  decide: DecideForm | null;
  /** Extra data attributes for the review screen's script (ids of the highlighted source, PDF boxes). */
  data?: Record<string, string>;
}

export function reviewBadge(review: Review | undefined): SafeHtml {
  const status = review?.status ?? 'open';
  return html`<span class="badge review-${status}">${REVIEW_LABELS[status]}</span>`;
}

/** "OCR 识别，可信度 87%，OCR 原文 目峻工 → 目竣工" for evidence read from a scan. */
export function ocrNote(loc: Location): SafeHtml | '' {
  if (!loc.textSource) return '';
  const what = loc.textSource === 'ocr' ? 'OCR 识别' : 'OCR 文字层';
  const corrected = (loc.ocrCorrections ?? []).map((c) => `，OCR 原文 ${c.read} → ${c.corrected}`).join('');
  return html` <span class="ocr">${what}${loc.confidence !== null && loc.confidence !== undefined ? `，可信度 ${Math.round(loc.confidence * 100)}%` : ''}${corrected}</span>`;
}

function historyList(history: DecisionHistoryEntry[]): SafeHtml | '' {
  if (history.length === 0) return '';
  return html`<details class="history"${history.length <= 3 ? html` open` : ''}><summary>审核记录（${history.length}）</summary><ol class="history">${history.map(
    (h) =>
      html`<li><time>${formatTime(h.at)}</time> ${h.actorName || h.actor}（${h.actor}）：<strong>${REVIEW_LABELS[h.status]}</strong>${h.note ? html`，备注：${h.note}` : ''}${h.bulk ? html` <span class="muted">（批量）</span>` : ''}</li>`,
  )}</ol></details>`;
}

/** One finding: message, figures, every evidence item linked to its highlight, history, and the decision buttons. */
export function renderFinding(o: FindingCardOptions): SafeHtml {
  const f = o.finding;
  const anchor = findingAnchor(f.id);
  const headingId = `${anchor}-h`;
  const evidenceItems = f.evidence.map((ev, ei) => {
    const target = o.evidence.target(o.index, ei);
    const where = describeLocation(ev.location);
    const link = target ? html`<a class="evidence-link" href="#${target}">${where}</a>` : html`<span>${where}</span>`;
    return html`<li>${link}：<q>${ev.text}</q>${ev.value !== null ? html` = <strong>${formatNumber(ev.value)}</strong>` : ''}${ev.role ? html` <span class="muted">（${ROLE_LABELS[ev.role] ?? ev.role}）</span>` : ''}${ocrNote(ev.location)}</li>`;
  });
  const review = o.review;
  const data = Object.entries(o.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<article class="finding sev-${f.severity}" id="${anchor}" tabindex="-1" aria-labelledby="${headingId}" data-finding-id="${f.id}" data-rule="${f.rule}"${data}>
<h3 id="${headingId}">发现${o.index + 1} <span class="badge">${SEVERITY_LABELS[f.severity]}</span> ${ruleTitle(f.rule) ?? ''} <code>${f.rule}</code>${o.isNew ? html` <span class="badge new">新增</span>` : ''} <span class="review-state">${reviewBadge(review)}</span></h3>
<p class="message">${f.message}</p>
<div class="details">
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
${historyList(o.history)}
${o.decide ? decideForm(o, o.decide) : ''}
</div>
</article>`;
}

function decideForm(o: FindingCardOptions, d: DecideForm): SafeHtml {
  const n = o.index + 1;
  return html`<form class="decide" method="post" action="${d.action}" aria-label="审核发现${n}">
<input type="hidden" name="_csrf" value="${d.csrf}">
<input type="hidden" name="findingId" value="${o.finding.id}">
<input type="hidden" name="next" value="${d.next ?? ''}">
<label>备注 <input type="text" name="note" value="${o.review?.note ?? ''}" maxlength="4000" placeholder="驳回时必须填写理由" aria-label="发现${n}的审核备注"></label>
<button type="submit" name="status" value="confirmed" data-key="c">确认 <kbd>c</kbd></button>
<button type="submit" name="status" value="dismissed" data-key="x" class="dismiss">驳回 <kbd>x</kbd></button>
<button type="submit" name="status" value="fixed" data-key="f" class="fixed">单位已整改 <kbd>f</kbd></button>
<button type="submit" name="status" value="open" data-key="u" class="reset">撤销结论 <kbd>u</kbd></button>
</form>`;
}
