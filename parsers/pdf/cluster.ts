/**
 * Cluster positions (x or y, in PDF points) into ascending boundaries: values within `snap` of a
 * group's first value belong to it, and each group stands for its mean. Rulings drawn by different
 * exporters land a fraction of a point apart; this is what makes them one grid line.
 * Two neighbouring groups whose means are within `snap` are one line cut in two by where a group
 * happened to start (98.72 101.11 | 101.28 ×5 → 99.92 and 101.28: a column 1.4 pt wide that no text
 * fits, where two tables of a web page set one under the other draw their border 2.6 pt apart):
 * they are merged.
 */
export function clusterPositions(values: number[], snap: number): number[] {
  const sorted = Float64Array.from(values).sort(); // numeric, native
  const groups: Array<{ sum: number; n: number }> = [];
  let first = Number.NaN;
  for (const v of sorted) {
    const last = groups.at(-1);
    if (last && v - first <= snap) {
      last.sum += v;
      last.n++;
    } else {
      first = v;
      groups.push({ sum: v, n: 1 });
    }
  }
  const merged: Array<{ sum: number; n: number }> = [];
  for (const g of groups) {
    const prev = merged.at(-1);
    if (prev && g.sum / g.n - prev.sum / prev.n <= snap) {
      prev.sum += g.sum;
      prev.n += g.n;
    } else merged.push({ ...g });
  }
  return merged.map((g) => g.sum / g.n);
}
