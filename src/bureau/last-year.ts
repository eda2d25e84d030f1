import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Location } from '../../schemas/location.js';
import { location } from '../../schemas/location-value.js';
import type { Report } from '../../schemas/report.js';
import type { Indicator, SpendingRow } from '../../schemas/records.js';
import { intersects, intervalOf } from '../numbers/decimal.js';
import { factEvidence, textEvidence } from '../rules/finding.js';
import { totalBudgetRow, type SelfEvalForm } from '../rules/lib/forms.js';
import { nameKey } from '../rules/lib/names.js';
import { rowLabel, spendingColumnLabel } from '../rules/lib/spending.js';
import { attainment } from '../rules/lib/targets.js';
import { describeLocation } from '../web/render/location.js';
import { crossFinding, type Counterpart, type CrossFinding, type Passage } from './cross-finding.js';
import { matchName } from './name-match.js';
import { jaccard, shingles } from './shingles.js';

/** Last year's report of the same department, as the checks need it. */
export interface PreviousReport {
  sha256: string;
  file: string;
  year: number;
  report: Report;
  document: DocumentModel | null;
  /** Why its department was taken for this report's. */
  match: string;
}

export interface CurrentReport {
  report: Report;
  document: DocumentModel | null;
}

/** R2–R4 against last year's report of the same department. */
export function checkAgainstLastYear(current: CurrentReport, previous: PreviousReport): CrossFinding[] {
  return [...previousFinals(current.report, previous), ...copiedIndicators(current.report, previous), ...copiedNarratives(current, previous)];
}

function title(p: PreviousReport): string {
  return `${p.year}年度报告 ${p.file}`;
}

function where(p: PreviousReport, loc: Location): string {
  return `${p.year}年度报告 ${describeLocation(loc)}`;
}

function usable(f: Fact | null | undefined): f is Fact & { figure: NonNullable<Fact['figure']> } {
  return Boolean(f?.figure && !f.figure.approximate && f.figure.comparator === '=');
}

// ── R2 上年决算数 vs last year's 本年决算数 ─────────────────────────────────────────────────────

function rowKey(r: SpendingRow): string {
  return `${r.parent ? nameKey(r.parent.replace(/^[0-9]+[、.．]/, '')) : ''}>${nameKey(rowLabel(r))}`;
}

function previousFinals(current: Report, previous: PreviousReport): CrossFinding[] {
  const bd = current.basicData;
  const last = previous.report.basicData;
  if (!bd || !last) return [];
  const out: CrossFinding[] = [];
  const lastRows = last.spending.filter((r) => usable(r.final));
  const exact = new Map<string, SpendingRow>();
  for (const r of lastRows) if (!exact.has(rowKey(r))) exact.set(rowKey(r), r);
  for (const r of bd.spending) {
    if (!usable(r.previousFinal)) continue;
    let other = exact.get(rowKey(r));
    let reason = '行名称相同';
    let sure = true;
    if (!other) {
      // A project row renamed slightly (质量安全监督管理专项 / 质量安全监督管专项).
      const m = matchName(rowLabel(r), lastRows.filter((x) => x.key === r.key), rowLabel);
      if (!m) continue;
      other = m.item;
      reason = `行名称：本年“${rowLabel(r)}”↔ 上年“${rowLabel(other)}”，${m.reason}`;
      sure = m.level === 'sure';
    }
    const a = intervalOf(r.previousFinal.figure.value, r.previousFinal.figure.decimals);
    const b = intervalOf(other.final!.figure!.value, other.final!.figure!.decimals);
    if (intersects(a, b)) continue;
    const label = rowLabel(r);
    const counterpart: Counterpart = {
      kind: 'last-year',
      title: title(previous),
      sha256: previous.sha256,
      match: [previous.match, reason],
      items: [{ label: `${label} ${spendingColumnLabel(last, 'final')}`, text: other.final!.text.trim(), where: where(previous, other.final!.loc) }],
    };
    out.push(
      crossFinding(
        'previousFinal',
        {
          severity: sure ? 'error' : 'warning',
          message: {
            zh: `${bd.part}“${label}”的${spendingColumnLabel(bd, 'previousFinal')}为${r.previousFinal.text.trim()}，上年（${previous.year}年度）报告的${spendingColumnLabel(last, 'final')}为${other.final!.text.trim()}`,
            en: `${bd.part} "${label}": previous-year final ${r.previousFinal.text.trim()} but last year's report says ${other.final!.text.trim()}`,
          },
          values: [Number(r.previousFinal.figure.value), Number(other.final!.figure!.value)],
          evidence: [factEvidence(r.previousFinal, 'previousFinal')],
          expected: other.final!.text.trim(),
          observed: r.previousFinal.text.trim(),
          tolerance: '两边各按书写精度±½末位',
          part: bd.part,
        },
        counterpart,
      ),
    );
  }
  return out;
}

// ── R3 indicators and targets copied while the budget changed ─────────────────────────────────

function indicatorKey(ind: Indicator): string {
  return `${nameKey(ind.level3)}=${nameKey(ind.target.text)}`;
}

function formPairs(current: Report, previous: Report): Array<{ now: SelfEvalForm; then: SelfEvalForm; reason: string }> {
  const pairs: Array<{ now: SelfEvalForm; then: SelfEvalForm; reason: string }> = [];
  if (current.deptSelfEval && previous.deptSelfEval) pairs.push({ now: current.deptSelfEval, then: previous.deptSelfEval, reason: '部门整体支出绩效自评表' });
  for (const p of current.projects) {
    const name = p.name?.text.trim();
    if (!name) continue;
    const m = matchName(name, previous.projects.filter((x) => x.name?.text.trim()), (x) => x.name!.text);
    if (m) pairs.push({ now: p, then: m.item, reason: `项目：本年“${name}”↔ 上年“${m.name}”，${m.reason}` });
  }
  return pairs;
}

function copiedIndicators(current: Report, previous: PreviousReport): CrossFinding[] {
  const out: CrossFinding[] = [];
  for (const { now, then, reason } of formPairs(current, previous.report)) {
    const a = now.indicators.filter((i) => !i.notApplicable && i.level3.trim());
    const b = then.indicators.filter((i) => !i.notApplicable && i.level3.trim());
    if (a.length < 3 || a.length !== b.length) continue;
    const keysA = a.map(indicatorKey).sort();
    const keysB = b.map(indicatorKey).sort();
    if (keysA.some((k, i) => k !== keysB[i])) continue;
    const budgetNow = totalBudgetRow(now)?.fullYearBudget;
    const budgetThen = totalBudgetRow(then)?.fullYearBudget;
    const budgetChanged =
      usable(budgetNow) && usable(budgetThen) && !intersects(intervalOf(budgetNow.figure.value, budgetNow.figure.decimals), intervalOf(budgetThen.figure.value, budgetThen.figure.decimals));
    const actualsSame = a.every((ind) => b.some((o) => indicatorKey(o) === indicatorKey(ind) && nameKey(o.actual.text) === nameKey(ind.actual.text)));
    // 连续两年全部达标且数字相同: every target met (none missed) with last year's very figures.
    const allMet = actualsSame && a.every((ind) => ind.actual.text.trim() !== '' && attainment(ind)?.status !== 'missed');
    if (!budgetChanged && !allMet) continue;
    const budgetText = budgetChanged ? `，而全年预算数由${budgetThen!.text.trim()}变为${budgetNow!.text.trim()}` : '';
    const extra = allMet ? '；实际完成值也与上年完全相同，连续两年全部达标且数字相同' : '';
    out.push(
      crossFinding(
        'indicators',
        {
          severity: allMet ? 'warning' : 'info',
          message: {
            zh: `${now.part}的${a.length}项绩效指标及年度指标值与上年（${previous.year}年度）完全相同${budgetText}${extra}`,
            en: `${now.part}: all ${a.length} indicators and targets equal last year's${budgetChanged ? ` while the budget changed from ${budgetThen!.text.trim()} to ${budgetNow!.text.trim()}` : ''}${allMet ? '; the actual values are the same too, every target met' : ''}`,
          },
          values: budgetChanged ? [Number(budgetNow!.figure!.value), Number(budgetThen!.figure!.value)] : [],
          evidence: [...(budgetChanged ? [factEvidence(budgetNow!, 'budget')] : []), ...a.map((ind) => factEvidence(ind.target, 'target')), ...(allMet ? a.map((ind) => factEvidence(ind.actual, 'actual')) : [])],
          expected: null,
          observed: null,
          tolerance: '预算按书写精度±½末位；指标按规范化文本比较',
          part: now.part,
        },
        {
          kind: 'last-year',
          title: title(previous),
          sha256: previous.sha256,
          match: [previous.match, reason],
          items: [
            ...(budgetThen?.text.trim() ? [{ label: '上年全年预算数', text: budgetThen.text.trim(), where: where(previous, budgetThen.loc) }] : []),
            ...b.map((ind) => ({ label: ind.level3.trim(), text: `指标值 ${ind.target.text.trim()}；完成值 ${ind.actual.text.trim()}`, where: where(previous, ind.target.loc) })),
          ],
        },
      ),
    );
  }
  return out;
}

// ── R4 narrative copied from last year ────────────────────────────────────────────────────────

const MIN_CHARS = 30;
const SIMILAR = 0.8;
const MIN_COPIED = 3;
const MIN_SHARE = 0.6;

interface Para {
  block: ParagraphBlock;
  part: string;
  text: string;
  shingles: Set<string>;
}

/** Body paragraphs of the report's narratives, years written as Y / Y-1 so 2023→2024 copies compare equal. */
function narrativeParagraphs(report: Report, document: DocumentModel | null, year: number): Map<string, Para[]> {
  const byNarrative = new Map<string, Para[]>();
  if (!document) return byNarrative;
  const paragraphs = new Map<number, ParagraphBlock>();
  for (const b of document.blocks) if (b.kind === 'paragraph') paragraphs.set(b.paragraph, b);
  for (const n of report.narratives) {
    const list: Para[] = [];
    for (let i = n.firstParagraph; i <= n.lastParagraph; i++) {
      const p = paragraphs.get(i);
      if (!p || /heading|title|标题/i.test(p.style ?? '')) continue;
      const compact = p.text.replace(/\s+/g, '');
      if (compact.length < MIN_CHARS) continue;
      const text = compact.replaceAll(String(year), '〈本年〉').replaceAll(String(year - 1), '〈上年〉');
      list.push({ block: p, part: n.part, text: p.text, shingles: shingles(text) });
    }
    if (list.length) byNarrative.set(n.part, [...(byNarrative.get(n.part) ?? []), ...list]);
  }
  return byNarrative;
}

function paragraphFact(p: Para): TextFact {
  return { text: p.text, loc: location({ part: p.part, paragraph: p.block.paragraph, block: p.block.block, page: p.block.page }) };
}

function copiedNarratives(current: CurrentReport, previous: PreviousReport): CrossFinding[] {
  const year = current.report.year;
  if (year === null) return [];
  const now = narrativeParagraphs(current.report, current.document, year);
  const then = [...narrativeParagraphs(previous.report, previous.document, previous.year).values()].flat();
  if (!then.length) return [];
  const out: CrossFinding[] = [];
  for (const [part, paras] of now) {
    const copied: Array<{ p: Para; q: Para; s: number }> = [];
    for (const p of paras) {
      let best: { q: Para; s: number } | null = null;
      for (const q of then) {
        const s = jaccard(p.shingles, q.shingles);
        if (!best || s > best.s) best = { q, s };
      }
      if (best && best.s >= SIMILAR) copied.push({ p, q: best.q, s: best.s });
    }
    const total = paras.reduce((s, p) => s + p.text.length, 0);
    const share = copied.reduce((s, c) => s + c.p.text.length, 0) / total;
    if (copied.length < MIN_COPIED || share < MIN_SHARE) continue;
    const passages: Passage[] = copied.map((c) => ({
      current: c.p.text,
      previous: c.q.text,
      similarity: Math.round(c.s * 100) / 100,
      currentWhere: describeLocation(paragraphFact(c.p).loc),
      previousWhere: where(previous, paragraphFact(c.q).loc),
    }));
    out.push(
      crossFinding(
        'narrative',
        {
          message: {
            zh: `${part}有${copied.length}段（占正文${Math.round(share * 100)}%）与上年（${previous.year}年度）报告的段落高度相似，疑似照抄上年报告`,
            en: `${part}: ${copied.length} paragraphs (${Math.round(share * 100)}% of the text) nearly equal last year's report`,
          },
          values: [copied.length, Math.round(share * 100)],
          evidence: copied.map((c) => textEvidence(paragraphFact(c.p), 'copied')),
          expected: null,
          observed: `${copied.length}/${paras.length} 段`,
          tolerance: `4 字元组 Jaccard ≥ ${SIMILAR}；≥ ${MIN_COPIED} 段且 ≥ ${MIN_SHARE * 100}% 正文`,
          part,
        },
        { kind: 'last-year', title: title(previous), sha256: previous.sha256, match: [previous.match], items: [], passages },
      ),
    );
  }
  return out;
}
