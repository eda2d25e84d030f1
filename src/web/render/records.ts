import type { Fact, TextFact } from '../../../schemas/fact.js';
import type { Location } from '../../../schemas/location.js';
import type { BasicData, BudgetBlock, DeptSelfEval, Indicator, ProjectSelfEval } from '../../../schemas/records.js';
import type { Report } from '../../../schemas/report.js';
import { cellAnchor, paragraphAnchor } from '../anchors.js';
import { html, multiline, type SafeHtml } from '../html.js';
import { DIMENSION_LABELS } from '../labels.js';

/** One part of a report (基础数据表, 部门整体支出绩效自评表, each 项目支出绩效自评表, narratives). */
export interface RecordPart {
  key: string;
  title: string;
  render(sourceHref: string): SafeHtml;
}

/** The parts of a report's extracted records, in reading order. */
export function recordParts(report: Report): RecordPart[] {
  const parts: RecordPart[] = [];
  if (report.basicData) {
    const b = report.basicData;
    parts.push({ key: 'basic', title: b.part, render: (href) => renderBasicData(b, href) });
  }
  if (report.deptSelfEval) {
    const d = report.deptSelfEval;
    parts.push({ key: 'dept', title: d.part, render: (href) => renderSelfEval(d, href) });
  }
  report.projects.forEach((p, i) => parts.push({ key: `project-${i}`, title: p.part, render: (href) => renderSelfEval(p, href) }));
  if (report.narratives.length || report.statistics.length) {
    parts.push({ key: 'narrative', title: '文字报告中的数字', render: (href) => renderNarrative(report, href) });
  }
  return parts;
}

/** Link to where a value came from in the full-source page. */
function locLink(loc: Location, sourceHref: string): SafeHtml {
  let anchor: string | null = null;
  let at = '';
  if (loc.table !== null && loc.row !== null && loc.col !== null) {
    anchor = cellAnchor(loc.table, loc.row, loc.col);
    at = `?table=${loc.table}`;
  } else if (loc.paragraph !== null) {
    anchor = paragraphAnchor(loc.paragraph);
    at = `?paragraph=${loc.paragraph}`;
  }
  if (!anchor) return html``;
  // The full source is paged: the query opens the page holding the cell or paragraph.
  return html` <a class="loc" href="${sourceHref}${sourceHref ? at : ''}#${anchor}" title="查看原文位置" aria-label="查看原文位置">↗</a>`;
}

function factCell(fact: Fact | TextFact | null | undefined, sourceHref: string, numeric = false): SafeHtml {
  if (!fact) return html`<td class="muted">—</td>`;
  const isFigure = 'figure' in fact && fact.figure !== null;
  return html`<td class="${numeric && isFigure ? 'num' : ''}">${fact.text === '' ? html`<span class="muted">（空）</span>` : multiline(fact.text)}${locLink(fact.loc, sourceHref)}</td>`;
}

function renderBudget(budget: BudgetBlock | null, sourceHref: string): SafeHtml {
  if (!budget) return html`<p class="muted">未识别到预算执行情况。</p>`;
  const rows = budget.rows.map(
    (r) => html`<tr><th scope="row">${r.label}</th>${factCell(r.initialBudget, sourceHref, true)}${factCell(r.fullYearBudget, sourceHref, true)}${factCell(r.executed, sourceHref, true)}${factCell(r.weight, sourceHref, true)}${factCell(r.rate, sourceHref, true)}${factCell(r.score, sourceHref, true)}</tr>`,
  );
  const breakdown = (title: string, items: BudgetBlock['byIncome']) =>
    items.length
      ? html`<p><strong>${title}</strong>：${items.map((it, i) => html`${i ? '；' : ''}${it.label} ${it.amount.text}${locLink(it.amount.loc, sourceHref)}`)}</p>`
      : '';
  const unitNote = budget.statedUnit !== undefined && budget.unit ? `；表头${budget.statedUnit ? `写作${budget.statedUnit}` : '未写单位'}，按金额量级读作${budget.unit}` : '';
  return html`<h3>预算执行情况${budget.unit ? html`（单位：${budget.unit}${unitNote}）` : ''}</h3>
<div class="scroll"><table class="records"><thead><tr><th scope="col">项目</th><th scope="col">年初预算数</th><th scope="col">全年预算数</th><th scope="col">全年执行数</th><th scope="col">分值</th><th scope="col">执行率</th><th scope="col">得分</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${breakdown('按收入性质分', budget.byIncome)}${breakdown('按支出性质分', budget.bySpending)}`;
}

function renderIndicators(indicators: Indicator[], sourceHref: string): SafeHtml {
  if (!indicators.length) return html`<p class="muted">未识别到绩效指标。</p>`;
  const rows = indicators.map(
    (x) => html`<tr${x.notApplicable ? html` class="muted"` : ''}><td>${x.level1}</td><td>${x.level2}</td><td>${x.level3}${x.notApplicable ? '（不适用）' : ''}</td>${factCell(x.target, sourceHref)}${factCell(x.actual, sourceHref)}${factCell(x.weight, sourceHref, true)}${factCell(x.score, sourceHref, true)}${factCell(x.reason, sourceHref)}</tr>`,
  );
  return html`<h3>绩效指标（${indicators.length}项）</h3>
<div class="scroll"><table class="records"><thead><tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">年度指标值</th><th scope="col">实际完成值</th><th scope="col">分值</th><th scope="col">得分</th><th scope="col">偏差原因</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function renderSelfEval(form: DeptSelfEval | ProjectSelfEval, sourceHref: string): SafeHtml {
  const head: Array<[string, TextFact | null]> =
    form.kind === 'dept-self-eval'
      ? [['预算部门', form.department]]
      : [
          ['项目名称', form.name],
          ['主管部门', form.supervisor],
          ['实施单位', form.implementer],
        ];
  return html`<table class="records"><tbody>
${head.map(([label, fact]) => html`<tr><th scope="row">${label}</th>${factCell(fact, sourceHref)}</tr>`)}
<tr><th scope="row">年度</th><td>${form.year ?? '—'}</td></tr>
<tr><th scope="row">预期目标</th>${factCell(form.goals.expected, sourceHref)}</tr>
<tr><th scope="row">实际完成情况</th>${factCell(form.goals.achieved, sourceHref)}</tr>
${form.total ? html`<tr><th scope="row">总分</th><td>分值 ${form.total.weight?.text ?? '—'}，得分 ${form.total.score?.text ?? '—'}${locLink(form.total.loc, sourceHref)}</td></tr>` : ''}
</tbody></table>
${renderBudget(form.budget, sourceHref)}
${renderIndicators(form.indicators, sourceHref)}`;
}

function renderBasicData(b: BasicData, sourceHref: string): SafeHtml {
  const s = b.staffing;
  const spending = b.spending.map(
    (r) => html`<tr><th scope="row">${r.parent ? html`<span class="muted">└ </span>` : ''}${r.label}</th>${factCell(r.previousFinal, sourceHref, true)}${factCell(r.budget, sourceHref, true)}${factCell(r.final, sourceHref, true)}</tr>`,
  );
  const cols = ['previousFinal', 'budget', 'final'].map((field, i) => b.spendingColumns.find((c) => c.field === field)?.label ?? ['上年决算数', '本年预算数', '本年决算数'][i]);
  return html`${s ? html`<h3>财政供养人员情况</h3><table class="records"><tbody><tr><th scope="row">编制数</th>${factCell(s.authorized, sourceHref, true)}<th scope="row">实际在职人数</th>${factCell(s.actual, sourceHref, true)}<th scope="row">控制率</th>${factCell(s.controlRate, sourceHref, true)}</tr></tbody></table>` : ''}
<h3>经费控制情况</h3>
<div class="scroll"><table class="records"><thead><tr><th scope="col">项目</th>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${spending}</tbody></table></div>
${b.savingMeasures ? html`<h3>厉行节约保障措施</h3><p>${multiline(b.savingMeasures.text)}</p>` : ''}`;
}

function renderNarrative(report: Report, sourceHref: string): SafeHtml {
  const stats = report.statistics.map(
    (s) => html`<tr><td>${s.label}</td><td class="num">${s.figure.text}</td><td>${DIMENSION_LABELS[s.dimension] ?? s.dimension}</td><td>${s.sentence}${locLink(s.loc, sourceHref)}</td></tr>`,
  );
  return html`${report.narratives.length ? html`<h3>文字报告</h3><ul>${report.narratives.map((n) => html`<li>${n.title}（${n.lastParagraph < n.firstParagraph ? `文字在表格单元格内${n.titleLocation?.table != null ? `（表${n.titleLocation.table + 1}）` : ''}` : `第${n.firstParagraph + 1}–${n.lastParagraph + 1}段`}，${n.sections.length}节）</li>`)}</ul>` : ''}
<h3>文字中的数字（${report.statistics.length}个）</h3>
${stats.length ? html`<div class="scroll"><table class="records"><thead><tr><th scope="col">所指</th><th scope="col">数字</th><th scope="col">类别</th><th scope="col">句子</th></tr></thead><tbody>${stats}</tbody></table></div>` : html`<p class="muted">无</p>`}`;
}
