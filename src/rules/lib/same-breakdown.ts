import type { NarrativeStat } from '../../../schemas/narrative.js';
import { isExact, normalize, restatementAgrees } from '../../narrative/compare.js';
import { intersects } from '../../numbers/decimal.js';
import { summed } from '../narrative-total-parts.js';
import { commonEnding, measureName, placesDiffer, subjectWordsDiffer } from './restated-label.js';

/**
 * Two totals of one report broken down into the same parts ("共下达补助资金246.2万元（其中：下达中央补助资金226.7万元，
 * 下达省级补助资金19.5万元）" in 项目概况 and "共下达我区补助资金246.3万元（其中：中央补助资金226.7万元，省级补助资金
 * 19.5万元）" in 资金使用情况): the same amounts, in the same order, under names that end alike, add up to at least one of
 * them — a whole list, so the other total has the same parts and is the same whole. Two parts at least, money, one unit,
 * different paragraphs, and the totals' names ending alike (补助资金) and saying no different subject (收入/支出, 应/实际,
 * 中央/省级, a place): each pair the first total and the other, their values disagreeing.
 */
export function sameBreakdownPairs(statistics: readonly NarrativeStat[]): Array<[NarrativeStat, NarrativeStat, NarrativeStat[]]> {
  const parts = new Map<string, NarrativeStat[]>();
  for (const s of statistics) {
    if (!s.partOf || !s.relation) continue;
    const list = parts.get(s.partOf);
    if (list) list.push(s);
    else parts.set(s.partOf, [s]);
  }
  const totals = statistics.filter((t) => {
    const ps = parts.get(t.id);
    return t.dimension === 'money' && t.narrative != null && isExact(t.figure) && !!ps && ps.length >= 2 && ps.every((p) => isExact(p.figure) && p.normalizedUnit === t.normalizedUnit);
  });
  const out: Array<[NarrativeStat, NarrativeStat, NarrativeStat[]]> = [];
  for (let i = 0; i < totals.length; i++) {
    for (let j = i + 1; j < totals.length; j++) {
      const [a, b] = [totals[i], totals[j]];
      if (a.narrative !== b.narrative || a.normalizedUnit !== b.normalizedUnit || a.loc.paragraph === b.loc.paragraph) continue;
      if (restatementAgrees(normalize(a.figure), normalize(b.figure))) continue;
      const [pa, pb] = [parts.get(a.id)!, parts.get(b.id)!];
      if (pa.length !== pb.length || !pa.every((p, k) => sameItem(p, pb[k]))) continue;
      // a whole list: its parts add up to one of the totals
      if (!intersects(summed(a, pa).tInt, summed(a, pa).sumInt) && !intersects(summed(b, pb).tInt, summed(b, pb).sumInt)) continue;
      const [na, nb] = [measureName(a.label).name, measureName(b.label).name];
      if (commonEnding(na, nb) < 2 || subjectWordsDiffer(na, nb) || placesDiffer(na, nb)) continue;
      out.push([a, b, pa]);
    }
  }
  return out;
}

/** Two parts listed alike: the same amount, names ending alike in two characters or more and saying no different subject. */
function sameItem(p: NarrativeStat, q: NarrativeStat): boolean {
  if (p.relation !== q.relation || p.normalizedValue !== q.normalizedValue || p.figure.decimals !== q.figure.decimals) return false;
  const [np, nq] = [measureName(p.label).name, measureName(q.label).name];
  return commonEnding(np, nq) >= 2 && !subjectWordsDiffer(np, nq);
}
