import type { FactIndex } from './index.js';
import type { IndexedFact } from './types.js';

/**
 * Targets and actuals stated in prose, one sentence each ("发放…燃油补贴人次数年初指标值为不低于180人,
 * 全年实际完成值164人"): a figure labelled as the target (指标值/目标值) followed in the same sentence
 * by one labelled as the actual (实际完成值/完成值/实际值), in the same unit.
 */
export interface ProseTarget {
  /** What is measured: the target's label without 年初指标值为 ("发放残疾人机动轮椅车燃油补贴人次数"). */
  name: string;
  target: IndexedFact;
  actual: IndexedFact;
}

const TARGET = /(?:年初|年度|预期|绩效)?(?:指标值|目标值|目标)(?:为|是|:|：)?$/;
const ACTUAL = /(?:实际)?完成(?:值|数|情况)?(?:为|是|:|：)?$|实际(?:值|数)?(?:为|是)?$|实际完成(?:值|数)?(?:为|是)?$/;

export function proseTargets(index: FactIndex): ProseTarget[] {
  const out: ProseTarget[] = [];
  const sentences = new Map<string, IndexedFact[]>();
  for (const f of index.facts) {
    if (f.source !== 'narrative' || !f.stat) continue;
    const list = sentences.get(f.sentenceKey!);
    if (list) list.push(f);
    else sentences.set(f.sentenceKey!, [f]);
  }
  for (const facts of sentences.values()) {
    for (let i = 0; i + 1 < facts.length; i++) {
      const t = facts[i];
      const a = facts[i + 1];
      if (!TARGET.test(t.stat!.label) || !ACTUAL.test(a.stat!.label)) continue;
      if (t.statement.unit !== a.statement.unit) continue;
      const name = t.stat!.label.replace(TARGET, '').replace(/^.*[:：]/, '').trim() || t.stat!.label;
      out.push({ name, target: t, actual: a });
    }
  }
  return out;
}
