import type { NarrativeStat } from '../../../schemas/narrative.js';
import { isExact, normalize, normalizedInterval } from '../../narrative/compare.js';
import { addIntervals, intersects, type Interval } from '../../numbers/decimal.js';

/**
 * A spending total and its split by nature (按支出性质: 基本支出 + 项目支出) stated in different
 * paragraphs or sections — "二、一般公共预算支出情况: …一般公共预算财政拨款支出100.57万元", then "1.基本支出
 * 情况: …一般公共预算财政拨款基本支出100.57万元", "2.项目支出情况: …一般公共预算财政拨款项目支出21万元".
 * The parts are the whole's only when their labels are the whole's label with 基本 / 项目 put before
 * 支出 (same 口径: 一般公共预算财政拨款…), each is stated once (or always alike), they follow the whole
 * in the same narrative report and no year names another year. The split by nature is complete, so
 * the two must add up to the whole.
 */
export interface SectionSplit {
  total: NarrativeStat;
  parts: [NarrativeStat, NarrativeStat];
  totalInterval: Interval;
  sumInterval: Interval;
  /** The decimals every figure is read at (万元 at two at least): each ±½ of that place. */
  decimals: number;
}

const MONEY_DECIMALS = 2; // 万元 amounts are read at two decimals at least (an integer stands for x.00)
const YEAR = /(?:19|20)\d{2}(?=年)/g;

export function splitsAcrossSections(statistics: NarrativeStat[]): SectionSplit[] {
  const out: SectionSplit[] = [];
  const money = statistics.filter((s) => s.dimension === 'money' && isExact(s.figure) && s.mention !== 'slogan' && !s.partOf);
  // grouped once: the wholes divided in their own sentence, and the money statements by report and label
  const divided = new Set(statistics.map((s) => s.partOf).filter((id) => id != null));
  const byLabel = new Map<string, NarrativeStat[]>();
  for (const s of money) {
    const key = `${s.narrative}|${s.label}`;
    const list = byLabel.get(key);
    if (list) list.push(s);
    else byLabel.set(key, [s]);
  }
  for (const total of money) {
    const stem = /^(.{2,})支出$/.exec(total.label)?.[1];
    // the 口径 must be named (一般公共预算财政拨款, 财政拨款): a bare 支出 may be any whole
    if (!stem || /基本|项目/.test(stem)) continue;
    // a whole already divided in its own sentence is checked there
    if (divided.has(total.id)) continue;
    const basic = theOneAfter(byLabel.get(`${total.narrative}|${stem}基本支出`), total);
    const project = theOneAfter(byLabel.get(`${total.narrative}|${stem}项目支出`), total);
    if (!basic || !project) continue;
    if (!sameYears([total, basic, project])) continue;
    const t = normalize(total.figure);
    const ps = [normalize(basic.figure), normalize(project.figure)];
    if (ps.some((p) => p.unit !== t.unit)) continue;
    const dp = Math.max(MONEY_DECIMALS, t.decimals, ...ps.map((p) => p.decimals));
    const totalInterval = normalizedInterval(total.figure, dp);
    const sumInterval = addIntervals([basic, project].map((p) => normalizedInterval(p.figure, dp)));
    if (intersects(totalInterval, sumInterval)) continue;
    out.push({ total, parts: [basic, project], totalInterval, sumInterval, decimals: dp });
  }
  return out;
}

/**
 * The one statement of a label in paragraphs after the whole's: stated once there, or always with
 * the same figure.
 */
function theOneAfter(stats: NarrativeStat[] | undefined, total: NarrativeStat): NarrativeStat | null {
  const found = (stats ?? []).filter((s) => s.loc.paragraph !== total.loc.paragraph && (s.loc.paragraph ?? 0) > (total.loc.paragraph ?? 0));
  if (found.length === 0 || found.some((s) => s.normalizedValue !== found[0].normalizedValue)) return null;
  return found[0];
}

/** The sentences name no two different years (a 2023 whole is not split by 2024 parts). */
function sameYears(stats: NarrativeStat[]): boolean {
  const years = new Set(stats.flatMap((s) => s.sentence.match(YEAR) ?? []));
  return years.size <= 1;
}
