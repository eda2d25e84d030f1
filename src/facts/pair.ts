import type { Report } from '../../schemas/report.js';
import { bigrams } from '../narrative/similarity.js';
import { CLAUSE_STOPS, clauseSpan } from '../text/clauses.js';
import { figureWriting } from '../numbers/figure.js';
import { sharedWords } from './measure.js';
import type { FactPair, IndexedFact } from './types.js';

/**
 * Explainable pairing: why two facts were taken for the same measure, as reasons a reviewer can
 * check (shared words, same unit, same subject, same year, similar sentence, other figures of the
 * same sentence repeated), and a confidence 0..1 built from them. Rules decide per class what a
 * confidence means; below their threshold a finding is info, never an error.
 */
export interface PairEvidence {
  /** Other figures of the same two sentences that agree (anchors of a copied or parallel sentence). */
  anchors?: string[];
  /** Similarity of the clauses around the two figures (0..1). */
  clauseSimilarity?: number;
  /** Both state one line of a breakdown however labelled (按支出性质分 项目支出 / the 基础数据表's 项目支出 row): its name. */
  line?: string;
}

/** Counting words of events and cases, interchangeable in prose (投诉2个 / 投诉一件). */
const EVENT_UNITS = new Set(['个', '件', '起', '宗', '例', '项']);

export function explainPair(a: IndexedFact, b: IndexedFact, evidence: PairEvidence = {}): FactPair {
  const reasons: string[] = [];
  let confidence = 0;
  const shared = sharedWords(a.measure.key, b.measure.key);
  const shorter = Math.min(a.measure.key.length, b.measure.key.length) || 1;
  if (a.measure.key === b.measure.key) {
    confidence += 0.5;
    reasons.push(`度量名称相同（“${shared}”）`);
  } else if (evidence.line) {
    confidence += 0.5;
    reasons.push(`同一支出性质行（${evidence.line}）`);
  } else if (a.measure.noun && b.measure.noun && (a.measure.noun.includes(b.measure.noun) || b.measure.noun.includes(a.measure.noun))) {
    const noun = a.measure.noun.length <= b.measure.noun.length ? a.measure.noun : b.measure.noun;
    confidence += noun.length >= 2 ? 0.35 : 0.1;
    reasons.push(`所计对象共有词“${noun}”`);
  } else if (shared.length >= 2) {
    confidence += 0.45 * (shared.length / shorter);
    reasons.push(`共有词“${shared}”`);
  }
  if (a.statement.unit === b.statement.unit) {
    confidence += 0.1;
    reasons.push(`单位相同（${a.statement.unit ?? '无单位'}）`);
  } else if (a.statement.dimension === 'count' && b.statement.dimension === 'count' && EVENT_UNITS.has(a.statement.unit ?? '') && EVENT_UNITS.has(b.statement.unit ?? '')) {
    confidence += 0.1;
    reasons.push(`计数单位相当（${a.statement.unit}/${b.statement.unit}）`);
  }
  if (a.year !== null && a.year === b.year) {
    confidence += 0.05;
    reasons.push(`同一年度（${a.year}）`);
  }
  if (sameSubject(a, b)) {
    confidence += 0.1;
    reasons.push(a.subject.kind === 'dept' ? '同一主体（部门整体）' : `同一主体（${a.subject.name ?? '同一项目'}）`);
  } else if (a.subject.kind === 'dept' || b.subject.kind === 'dept') {
    confidence += 0.05;
    reasons.push(`部门整体与所属项目（${(a.subject.kind === 'project' ? a : b).subject.name ?? '项目'}）`);
  }
  if (evidence.clauseSimilarity !== undefined && evidence.clauseSimilarity >= 0.5) {
    confidence += 0.2 * evidence.clauseSimilarity;
    reasons.push(`句子相似度 ${evidence.clauseSimilarity.toFixed(2)}`);
  }
  if (evidence.anchors?.length) {
    confidence += Math.min(0.3, 0.15 * evidence.anchors.length);
    reasons.push(`同句另有${evidence.anchors.map((x) => `“${x}”`).join('、')}一致`);
  }
  return { a, b, confidence: Math.round(Math.min(1, confidence) * 100) / 100, reasons };
}

export function sameSubject(a: IndexedFact, b: IndexedFact): boolean {
  return a.subject.kind === b.subject.kind && a.subject.project === b.subject.project;
}

/** Dice similarity of two clauses, digits left out (the figures are what differs). */
export function clauseSimilarity(x: string, y: string): number {
  const a = bigrams(x.replace(/[\d.]+/g, ''));
  const b = bigrams(y.replace(/[\d.]+/g, ''));
  if (!a.size || !b.size) return 0;
  let hit = 0;
  for (const g of a) if (b.has(g)) hit++;
  return (2 * hit) / (a.size + b.size);
}

/** The clause (between ；;。) of a sentence that holds the figure text; the whole sentence when the text is not in it. */
export function clauseAround(sentence: string, figureText: string): string {
  const span = clauseSpan(sentence, figureText, CLAUSE_STOPS);
  return span ? sentence.slice(span.start, span.end) : sentence;
}

/**
 * Statements made more than once in prose (a paragraph copied into a project report) are one fact:
 * the agreeing narrative links (src/narrative/link.ts) at or above `min` confidence, joined transitively.
 * Returns stat id → group representative, so one cause gives one finding.
 */
const groupsOf = new WeakMap<Report, Map<string, string>>();

export function restatementGroups(report: Report, min = 0.8): Map<string, string> {
  const cached = min === 0.8 ? groupsOf.get(report) : undefined;
  if (cached) return cached;
  const out = computeGroups(report, min);
  if (min === 0.8) groupsOf.set(report, out);
  return out;
}

function computeGroups(report: Report, min: number): Map<string, string> {
  const parent = new Map<string, string>();
  const value = new Map(report.statistics.map((s) => [s.id, `${s.figure.value}|${figureWriting(s.figure.text)}`]));
  for (const link of report.links) {
    if (link.basis !== 'narrative' || link.confidence < min) continue;
    // only agreeing restatements are one fact; a changed figure is what the rules look for
    if (value.get(link.statId) !== undefined && value.get(link.statId) === value.get(link.target.ref)) {
      const a = findRoot(parent, link.statId);
      const b = findRoot(parent, link.target.ref);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const out = new Map<string, string>();
  for (const s of report.statistics) out.set(s.id, findRoot(parent, s.id));
  return out;
}

/**
 * Union-find root, path compressed. At module level, not a closure per report: V8 holds a closure's
 * optimized code only weakly, and a per-report closure was compiled again after every full GC.
 */
function findRoot(parent: Map<string, string>, x: string): string {
  let p = parent.get(x) ?? x;
  if (p !== x) {
    p = findRoot(parent, p);
    parent.set(x, p);
  }
  return p;
}
