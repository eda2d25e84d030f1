/**
 * Pairwise comparisons inside one group of like statements (same measure and unit) are bounded: a
 * group of up to PAIR_GROUP_ALL members is compared pair by pair; in a bigger one (a sentence repeated
 * in dozens of copied 项目支出绩效评价报告 of a county's report) each member is compared only with the
 * PAIR_WINDOW members that follow it in document order, so the work and the links grow linearly with
 * the report, not with its square. `pairWindowEnd` is the exclusive end of member i's partners.
 */
export const PAIR_GROUP_ALL = 16; // the 160 corpus documents' largest group: 7
export const PAIR_WINDOW = 8;

export function pairWindowEnd(i: number, groupSize: number): number {
  return groupSize <= PAIR_GROUP_ALL ? groupSize : Math.min(groupSize, i + 1 + PAIR_WINDOW);
}

/** Is a group of this size compared only within the window (some pairs left out)? */
export function pairsWindowed(groupSize: number): boolean {
  return groupSize > PAIR_GROUP_ALL;
}
