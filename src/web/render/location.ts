import type { Location } from '../../../schemas/location.js';

/** "项目支出绩效自评表（工作经费） · 表5 第7行第4列 · 第12页" — 1-based for readers. */
export function describeLocation(loc: Location): string {
  const parts: string[] = [];
  if (loc.part) parts.push(loc.part);
  if (loc.table !== null && loc.table !== undefined) {
    let cell = `表${loc.table + 1}`;
    if (loc.row !== null && loc.col !== null) cell += ` 第${loc.row + 1}行第${loc.col + 1}列`;
    parts.push(cell);
  }
  if (loc.paragraph !== null && loc.paragraph !== undefined) parts.push(`第${loc.paragraph + 1}段`);
  if (loc.page !== null && loc.page !== undefined) parts.push(`第${loc.page}页`);
  return parts.join(' · ') || '位置未知';
}

/** Plain number as a reader expects it (no float noise: 334.73, not 334.73000000000002). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}
