import { html, type SafeHtml } from '../html.js';

/**
 * Server-side SVG charts (no script, no third-party library): grouped vertical bars and horizontal
 * bars. Every bar carries its value as text and in data-value, so the chart reads the same on
 * screen, printed in black and white, and to a test.
 */
export interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

const FONT = 12;

function niceMax(n: number): number {
  if (n <= 5) return Math.max(n, 1);
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

export function groupedBars(o: { id: string; title: string; categories: string[]; series: BarSeries[]; unit: string }): SafeHtml {
  const width = 560;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 28;
  const plotH = height - top - bottom;
  const plotW = width - left - 10;
  const max = niceMax(Math.max(0, ...o.series.flatMap((s) => s.values)));
  const groupW = plotW / Math.max(1, o.categories.length);
  const barW = Math.min(28, (groupW - 10) / Math.max(1, o.series.length));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max].map((t) => Math.round(t));
  const bars = o.categories.map((c, ci) =>
    o.series.map((s, si) => {
      const v = s.values[ci] ?? 0;
      const x = left + ci * groupW + (groupW - barW * o.series.length) / 2 + si * barW;
      return html`<g class="bar" data-series="${s.name}" data-category="${c}" data-value="${v}"><title>${s.name} ${c}：${v}${o.unit}</title><rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${s.color}" stroke="#333" stroke-width="0.5"></rect>${v > 0 ? html`<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle" font-size="${FONT - 1}">${v}</text>` : ''}</g>`;
    }),
  );
  const labels = o.categories.map((c, ci) => html`<text x="${(left + ci * groupW + groupW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="${FONT}">${c}</text>`);
  const legend = o.series.map((s, si) => html`<g><rect x="${left + si * 110}" y="4" width="12" height="12" fill="${s.color}" stroke="#333" stroke-width="0.5"></rect><text x="${left + si * 110 + 16}" y="14" font-size="${FONT}">${s.name}</text></g>`);
  const grid = ticks.map((t) => html`<g><line x1="${left}" x2="${width - 10}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ccc"></line><text x="${left - 4}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="${FONT - 1}">${t}</text></g>`);
  return html`<svg class="chart" id="${o.id}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${o.id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${o.id}-title">${o.title}</title>${grid}${legend}${bars}${labels}<line x1="${left}" x2="${width - 10}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"></line></svg>`;
}

export function horizontalBars(o: { id: string; title: string; items: Array<{ label: string; value: number; href?: string }>; color: string; unit: string }): SafeHtml {
  const width = 560;
  const rowH = 22;
  const left = 190;
  const height = Math.max(60, 14 + o.items.length * rowH);
  const max = niceMax(Math.max(0, ...o.items.map((i) => i.value)));
  const plotW = width - left - 50;
  const rows = o.items.map((it, i) => {
    const w = (it.value / max) * plotW;
    const yy = 8 + i * rowH;
    const label = it.label.length > 14 ? `${it.label.slice(0, 13)}…` : it.label;
    const text = html`<text x="${left - 6}" y="${yy + 14}" text-anchor="end" font-size="${FONT}">${label}</text>`;
    return html`<g class="bar" data-category="${it.label}" data-value="${it.value}"><title>${it.label}：${it.value}${o.unit}</title>${it.href ? html`<a href="${it.href}">${text}</a>` : text}<rect x="${left}" y="${yy + 2}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${o.color}" stroke="#333" stroke-width="0.5"></rect><text x="${(left + w + 4).toFixed(1)}" y="${yy + 14}" font-size="${FONT}">${it.value}</text></g>`;
  });
  return html`<svg class="chart" id="${o.id}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${o.id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${o.id}-title">${o.title}</title>${o.items.length ? rows : html`<text x="${width / 2}" y="34" text-anchor="middle" font-size="${FONT}">（没有数据）</text>`}<line x1="${left}" x2="${left}" y1="4" y2="${height - 4}" stroke="#333"></line></svg>`;
}
