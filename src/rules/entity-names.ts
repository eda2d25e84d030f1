import type { TextFact } from '../../schemas/fact.js';
import { textEvidence } from './finding.js';
import { nameKey, sameEntity } from './lib/names.js';
import { rowLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

interface Named {
  kind: 'project' | 'supervisor';
  part: string;
  fact: TextFact;
}

/** F3 the same entity named differently across parts (质量安全监督管理专项 / 质量安全监督管专项). */
export const rule: Rule = {
  meta: {
    id: 'entity-names',
    version: 1,
    severity: 'info',
    catalogue: 'F3',
    title: { zh: '同一对象名称不一致', en: 'Same entity, different names' },
    description: {
      zh: '同一项目或单位在不同部分的名称写法不一致（如“质量安全监督管理专项”与“质量安全监督管专项”，“汨罗市住房和城乡建设局”与“汨罗市住房和城乡建设”）；检查仍按相近名称对应。',
      en: 'The same project or body is named differently across parts; linking still uses the similar name.',
    },
    formula: '名称相似度（字二元组 Dice）≥ 0.8 且不完全相同',
    tolerance: '规范化（G4）后比较，忽略空格、标点和编号',
    families: 'all',
    source: '审核经验；catalogue F3',
  },
  check(report) {
    const names: Named[] = [];
    for (const p of report.projects) {
      if (p.name?.text.trim()) names.push({ kind: 'project', part: p.part, fact: p.name });
      if (p.supervisor?.text.trim()) names.push({ kind: 'supervisor', part: p.part, fact: p.supervisor });
    }
    for (const r of report.basicData?.spending ?? []) {
      if (r.key === 'project-item' || r.parent) names.push({ kind: 'project', part: report.basicData!.part, fact: { text: rowLabel(r), loc: r.loc } });
    }
    const out: FindingDraft[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = names[i];
        const b = names[j];
        if (a.kind !== b.kind) continue;
        if (a.part === b.part || sameEntity(a.fact.text, b.fact.text) !== 'fuzzy') continue;
        // A name with an exact counterpart in the other part is a different entity ("业务工作经费" vs "工作经费").
        const exactElsewhere = (x: Named, otherPart: string) =>
          names.some((c) => c !== x && c.kind === x.kind && c.part === otherPart && sameEntity(c.fact.text, x.fact.text) === 'sure');
        if (exactElsewhere(a, b.part) || exactElsewhere(b, a.part)) continue;
        const key = [nameKey(a.fact.text), nameKey(b.fact.text)].sort().join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          message: {
            zh: `${a.part}的“${a.fact.text.trim()}”与${b.part}的“${b.fact.text.trim()}”名称不一致，似为同一${a.kind === 'project' ? '项目' : '单位'}`,
            en: `"${a.fact.text.trim()}" (${a.part}) and "${b.fact.text.trim()}" (${b.part}) look like the same ${a.kind} named differently`,
          },
          values: [],
          evidence: [textEvidence(a.fact, 'name'), textEvidence(b.fact, 'name')],
          expected: '同一名称',
          observed: `${a.fact.text.trim()} / ${b.fact.text.trim()}`,
          tolerance: null,
          part: b.part,
        });
      }
    }
    return out;
  },
};
