/**
 * Cluster positions (x or y, in PDF points) into ascending boundaries: values within `snap` of a
 * group's first value belong to it, and each group stands for its mean. Rulings drawn by different
 * exporters land a fraction of a point apart; this is what makes them one grid line.
 */
export function clusterPositions(values: number[], snap: number): number[] {
  const sorted = Float64Array.from(values).sort(); // numeric, native
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[0] > snap) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}
