import { explainPair, factIndex, restatementGroups, type IndexedFact } from '../facts/index.js';
import { Rational } from '../numbers/decimal.js';
import { evidenceOf, pairParams, phraseOf, placeOf, plainValue, severityFor } from './lib/cross-part.js';
import type { FindingDraft, Rule } from './types.js';

/** Counted things too general to tell two counts apart (项目, 人次 …): never matched on their own. */
const GENERIC = new Set(['项目', '工作', '人次', '人员', '单位', '企业', '次数', '个数', '问题', '事项', '情况', '活动', '会议', '资金']);

/** The counted thing of a prose count, when specific enough to match across places. */
function noun(f: IndexedFact): string | null {
  const n = f.measure.noun;
  if (n.length < 2 || GENERIC.has(n)) return null;
  return n;
}

/**
 * Two project reports about different projects count different things, however alike their
 * sentences (每个项目的“深入基层开展调研N次”); the department's report and a project's may restate
 * the same count.
 */
function differentProjects(a: IndexedFact, b: IndexedFact): boolean {
  if (a.subject.kind !== 'project' || b.subject.kind !== 'project') return false;
  if (a.subject.project !== null && b.subject.project !== null) return a.subject.project !== b.subject.project;
  return !!a.subject.name && !!b.subject.name && a.subject.name !== b.subject.name;
}

function sameThing(a: IndexedFact, b: IndexedFact): boolean {
  const x = noun(a);
  const y = noun(b);
  if (!x || !y) return false;
  return x.includes(y) || y.includes(x);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * X4 (issue 19): counts in prose that disagree across places — "依法依规处理投诉2个，举报1个" in the
 * department report vs "收到实名制举报和投诉质疑函各一件" in the 招投标 project report: 投诉 2 vs 1.
 * The counted thing is matched by its noun after the handling verb (投诉 ⊂ 投诉质疑函), Chinese
 * numerals are read (各一件 = 1 for each listed thing). Two counts are taken for the same fact only
 * when their sentences count at least one other thing alike (举报 1 = 实名制举报 1): a single
 * shared noun may be chance. Paragraphs copied unchanged are one statement (one finding). Two
 * projects' reports are never compared: each counts its own project's things.
 */
/** A restated fact's group (module level: per-report closures were compiled again after every full GC). */
function groupOf(group: Map<string, string>, f: IndexedFact): string {
  return group.get(f.stat!.id) ?? f.stat!.id;
}

export const rule: Rule = {
  meta: {
    id: 'prose-count-mismatch',
    version: 1,
    severity: 'warning',
    catalogue: 'X4',
    title: { zh: '不同叙述中同一事项的件数不同', en: 'Counts of the same thing differ between narrative places' },
    description: {
      zh: '两处叙述（如部门报告与项目报告）对同一事项（投诉、举报等）给出不同件数，且两句中另有事项件数一致（可判断为同一统计）；中文数字与“各一件”按每项计。',
      en: 'Two narrative places give different counts of the same thing (complaints, reports …) while another thing counted in both sentences agrees.',
    },
    formula: '同一事项的件数在各处相同',
    tolerance: '计数须相等（不作舍入）',
    families: 'all',
    source: 'issue 19 class 4',
  },
  check(report) {
    const index = factIndex(report);
    const group = restatementGroups(report);
    // counts by sentence (a sentence = one statistic's sentence in one paragraph)
    const sentences = new Map<string, IndexedFact[]>();
    for (const f of index.facts) {
      if (f.source !== 'narrative' || !f.stat || f.statement.dimension !== 'count' || !f.statement.exact) continue;
      if (!f.eachOf && /[、，,]/.test(f.stat.label)) continue; // a list label counts the items together
      if (f.stat.partOf) continue; // a part of a stated total: C1's business
      if (!noun(f)) continue;
      pushTo(sentences, f.sentenceKey!, f);
    }
    const list = [...sentences.values()].filter((s) => s.length >= 2);
    // a sentence repeated unchanged (a copied paragraph) has the same statements: nothing to compare
    const signature = list.map((s) => s.map((f) => groupOf(group, f)).join('|'));
    const drafts: FindingDraft[] = [];
    const seen = new Set<string>();
    // candidate sentence pairs: a counted noun contained in another shares its first two characters
    const byBigram = new Map<string, number[]>();
    list.forEach((facts, i) => {
      const grams = new Set<string>();
      for (const f of facts) {
        const n = noun(f)!;
        for (let k = 0; k + 1 < n.length; k++) grams.add(n.slice(k, k + 2));
      }
      for (const g of grams) pushTo(byBigram, g, i);
    });
    const pairs = new Set<number>();
    list.forEach((facts, i) => {
      for (const f of facts) for (const j of byBigram.get(noun(f)!.slice(0, 2)) ?? []) if (j !== i) pairs.add(Math.min(i, j) * 1_000_000 + Math.max(i, j));
    });
    for (const code of [...pairs].sort((x, y) => x - y)) {
      const i = Math.floor(code / 1_000_000);
      const j = code % 1_000_000;
      {
        if (signature[i] === signature[j]) continue;
        const A = list[i];
        const B = list[j];
        if (A[0].location.part === B[0].location.part && A[0].stat!.section === B[0].stat!.section) continue;
        // two projects' reports count two projects' things (one sentence template, other subjects):
        // only the department's count and a project's, or one subject's two places, state one fact
        const [sa, sb] = [A[0].subject, B[0].subject];
        if (sa.kind === 'project' && sb.kind === 'project' && sa.project !== sb.project) continue;
        const matches: Array<[IndexedFact, IndexedFact]> = [];
        for (const a of A) for (const b of B) if (sameThing(a, b) && !differentProjects(a, b) && groupOf(group, a) !== groupOf(group, b)) matches.push([a, b]);
        const agree = matches.filter(([a, b]) => Rational.parse(a.statement.value).eq(Rational.parse(b.statement.value)));
        const differ = matches.filter(([a, b]) => !Rational.parse(a.statement.value).eq(Rational.parse(b.statement.value)));
        if (!agree.length || !differ.length) continue;
        for (const [a, b] of differ) {
          const key = [`${groupOf(group, a)}/${a.measure.noun}`, `${groupOf(group, b)}/${b.measure.noun}`].sort().join('|');
          if (seen.has(key)) continue;
          seen.add(key);
          const anchors = agree.filter(([x, y]) => x !== a && y !== b).map(([x]) => `${noun(x)}${x.statement.figure.text.trim()}`);
          if (!anchors.length) continue;
          const pair = explainPair(a, b, { anchors });
          drafts.push({
            severity: severityFor(pair.confidence),
            message: {
              zh: `${placeOf(report, a)}称${phraseOf(a)}，${placeOf(report, b)}称${phraseOf(b)}，同一事项件数不同（配对依据：${pair.reasons.join('，')}）`,
              en: `${a.location.part} counts ${a.statement.figure.text} (${a.measure.words}), ${b.location.part} counts ${b.statement.figure.text} (${b.measure.words})`,
            },
            values: [plainValue(a), plainValue(b)],
            evidence: [evidenceOf(a, 'narrative'), evidenceOf(b, 'restated')],
            expected: a.statement.figure.text.trim(),
            observed: b.statement.figure.text.trim(),
            tolerance: '计数须相等 / counts must be equal',
            params: pairParams(pair),
            part: a.location.part,
          });
        }
      }
    }
    return drafts;
  },
};
