import type { ChartData } from '../../bureau/overview-charts.js';
import { OVERVIEW_SORTS, type OverviewFilter, type OverviewRow, type OverviewSort } from '../../bureau/overview.js';
import { Rational } from '../../numbers/decimal.js';
import { html, queryString, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { ruleTitle } from '../rule-titles.js';
import { groupedBars, horizontalBars } from '../render/charts.js';
import { reportBase } from './report.js';

export interface OverviewPageOptions {
  rows: OverviewRow[];
  charts: ChartData;
  filter: OverviewFilter;
  sort: OverviewSort;
  dir: 'asc' | 'desc';
  choices: { years: number[]; rules: string[] };
  /** Reports whose scores are still being computed (their score cells are blank meanwhile). */
  scoresPending?: number;
  ctx: PageContext | null;
}

/** Rows the table shows; the charts, counts and exports use all of them. */
export const TABLE_ROWS = 1000;

const SORT_LABELS: Record<OverviewSort, string> = {
  department: '部门',
  year: '年度',
  self: '自评得分',
  recomputed: '重算得分',
  gap: '差值',
  rate: '执行率',
  errors: '错误',
  warnings: '警告',
  infos: '提示',
  cross: '其中跨报告',
  reviewed: '审核进度',
};

export function filterQuery(f: OverviewFilter): Record<string, string | undefined> {
  return { year: f.year?.toString(), batch: f.batchId, department: f.department, rule: f.rule, errors: f.errorsOnly ? '1' : undefined };
}

function dash(v: string | null, suffix = ''): string {
  return v === null ? '—' : `${v}${suffix}`;
}

function dataTable(id: string, caption: string, headers: string[], rows: Array<Array<string | number>>): SafeHtml {
  return html`<table class="list chart-data" id="${id}"><caption>${caption} <a href="#${id.replace(/^data-/, 'fig-')}">↑ 图表</a></caption><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td class="num">${c}</td>`))}</tr>`)}</tbody></table>`;
}

/** The bureau's overview: filters, four charts (numbers one click away), one row per report. */
export function renderOverviewPage(o: OverviewPageOptions): string {
  const f = o.filter;
  const q = filterQuery(f);
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${(current ?? '') === value ? html` selected` : ''}>${label}</option>`;
  const form = html`<form class="filters" method="get" action="/overview" aria-label="筛选">
<label class="stack">年度<select name="year">${option('', '全部', q.year)}${o.choices.years.map((y) => option(String(y), `${y}年度`, q.year))}</select></label>
<label class="stack">部门名称包含<input type="search" name="department" value="${f.department ?? ''}" maxlength="100"></label>
<label class="stack">规则<select name="rule">${option('', '全部', f.rule)}${o.choices.rules.map((r) => option(r, ruleTitle(r) ? `${ruleTitle(r)}（${r}）` : r, f.rule))}</select></label>
<label><input type="checkbox" name="errors" value="1"${f.errorsOnly ? html` checked` : ''}> 只看有错误的</label>
${f.batchId ? html`<input type="hidden" name="batch" value="${f.batchId}">` : ''}
${o.sort !== 'department' ? html`<input type="hidden" name="sort" value="${o.sort}">` : ''}${o.dir !== 'asc' ? html`<input type="hidden" name="dir" value="${o.dir}">` : ''}
<button type="submit">筛选</button> <a class="button secondary" href="/overview">清除</a>
</form>`;

  const c = o.charts;
  const charts = html`<div class="charts">
<figure id="fig-scores"><figcaption>自评得分与重算得分分布（份）</figcaption>${groupedBars({ id: 'chart-scores', title: '自评得分与重算得分分布', categories: c.scores.bins, series: [{ name: '自评得分', color: '#0b57d0', values: c.scores.self }, { name: '重算得分', color: '#f4b400', values: c.scores.recomputed }], unit: '份' })}<a href="#data-scores">查看图表数据</a></figure>
<figure id="fig-rates"><figcaption>预算执行率分布（份）</figcaption>${groupedBars({ id: 'chart-rates', title: '预算执行率分布', categories: c.rates.bins, series: [{ name: '报告份数', color: '#0d652d', values: c.rates.counts }], unit: '份' })}<a href="#data-rates">查看图表数据</a></figure>
<figure id="fig-rules"><figcaption>各规则发现数（条，含跨报告核对）</figcaption>${horizontalBars({ id: 'chart-rules', title: '各规则发现数', items: c.rules.map((r) => ({ label: ruleTitle(r.rule) ?? r.rule, value: r.count, href: `/overview${queryString({ ...q, rule: r.rule })}` })), color: '#1f5f8b', unit: '条' })}<a href="#data-rules">查看图表数据</a></figure>
<figure id="fig-departments"><figcaption>错误最多的部门（条）</figcaption>${horizontalBars({ id: 'chart-departments', title: '错误最多的部门', items: c.departments.map((d) => ({ label: d.department, value: d.errors, href: `/overview${queryString({ ...q, department: d.department })}` })), color: '#b3261e', unit: '条' })}<a href="#data-departments">查看图表数据</a></figure>
</div>`;

  const sortLink = (key: OverviewSort) => {
    const active = o.sort === key;
    const next = active && o.dir === 'asc' ? 'desc' : active ? 'asc' : key === 'department' || key === 'year' ? 'asc' : 'desc';
    const arrow = active ? (o.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return html`<a href="/overview${queryString({ ...q, sort: key, dir: next })}" data-sort="${key}"${active ? html` aria-sort="${o.dir === 'asc' ? 'ascending' : 'descending'}"` : ''}>${SORT_LABELS[key]}${arrow}</a>`;
  };
  const rows = o.rows.slice(0, TABLE_ROWS).map(
    (r) => html`<tr data-sha="${r.sha256}" data-department="${r.department ?? ''}">
<td><a href="${reportBase(r.sha256)}">${r.department ?? r.fileName}</a>${r.status === 'error' ? html` <span class="error-text">（处理失败）</span>` : ''}</td>
<td class="num" data-col="year">${r.year ?? '—'}</td>
<td class="num" data-col="self">${dash(r.selfScore)}</td>
<td class="num" data-col="recomputed" title="${r.recomputedScore !== null ? `${r.scoredItems} 项中重算 ${r.recomputedItems} 项` : ''}">${dash(r.recomputedScore)}</td>
<td class="num" data-col="gap">${dash(r.gap)}</td>
<td class="num" data-col="rate">${dash(r.executionRate, '%')}</td>
<td class="num" data-col="errors"><span class="badge sev-error">${r.errors}</span></td>
<td class="num" data-col="warnings"><span class="badge sev-warning">${r.warnings}</span></td>
<td class="num" data-col="infos"><span class="badge sev-info">${r.infos}</span></td>
<td class="num" data-col="cross">${r.cross ? html`<a href="${reportBase(r.sha256)}#cross">${r.cross}</a>` : '0'}</td>
<td class="num" data-col="reviewed">${r.reviewed}/${r.findings}</td>
</tr>`,
  );
  const avg = (vals: Array<string | null>) => {
    const xs = vals.filter((v): v is string => v !== null);
    if (!xs.length) return '—';
    return xs.reduce((s, v) => s.add(Rational.parse(v)), Rational.of(0)).div(Rational.of(xs.length)).toFixed(2);
  };
  const data = html`<h2 id="chart-data">图表数据</h2>
<div class="chart-tables">
${dataTable('data-scores', '自评得分与重算得分分布（份）', ['得分区间', '自评得分', '重算得分'], c.scores.bins.map((b, i) => [b, c.scores.self[i], c.scores.recomputed[i]]))}
${dataTable('data-rates', '预算执行率分布（份）', ['执行率区间', '报告份数'], c.rates.bins.map((b, i) => [b, c.rates.counts[i]]))}
${dataTable('data-rules', '各规则发现数（条）', ['规则', '发现数'], c.rules.map((r) => [`${ruleTitle(r.rule) ?? r.rule}（${r.rule}）`, r.count]))}
${dataTable('data-departments', '错误最多的部门（条）', ['部门', '错误', '报告份数'], c.departments.map((d) => [d.department, d.errors, d.reports]))}
</div>`;
  const body = html`<h1>部门总览${f.year ? `（${f.year}年度）` : ''}${f.batchId ? html`（批次 <code>${f.batchId}</code>）` : ''}</h1>
<p class="meta">每份报告一行：自评总分、按规则公式重算的得分（执行率得分按 分值×min(执行率,100%)，定量指标按目标值与实际值；其余指标取自评得分）、预算执行率、发现数（含与参考台账、上年报告的跨报告核对）和审核进度。</p>
${form}
<p class="summary-line">共 <strong id="row-count">${o.rows.length}</strong> 份报告 · 平均自评得分 ${avg(o.rows.map((r) => r.selfScore))} · 平均重算得分 ${avg(o.rows.map((r) => r.recomputedScore))} · 有错误 ${o.rows.filter((r) => r.errors > 0).length} 份
 · <a class="button secondary" href="/export/overview.xlsx${queryString(q)}">导出 Excel</a> <a class="button secondary" href="/export/overview.csv${queryString(q)}">CSV</a></p>
${o.scoresPending ? html`<p class="notice" role="status">还有 ${o.scoresPending} 份报告的得分正在计算（每次打开本页计算一部分），其得分暂显示为空；请稍后刷新。</p>` : ''}
${charts}
<h2 id="table">报告一览</h2>
${o.rows.length > TABLE_ROWS ? html`<p class="notice">表格显示排序后的前 ${TABLE_ROWS} 份（共 ${o.rows.length} 份）；图表和统计按全部报告。请筛选，或导出 Excel 查看全部。</p>` : ''}
<table class="list overview" id="overview-table"><caption class="muted">点击列名排序；点击部门名称打开审核页</caption>
<thead><tr>${OVERVIEW_SORTS.map((k) => html`<th scope="col">${sortLink(k)}</th>`)}</tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="${OVERVIEW_SORTS.length}">没有符合条件的报告。</td></tr>`}</tbody></table>
${data}`;
  return layout({ title: '部门总览', body, ctx: o.ctx, wide: true });
}
