import type { Evidence, Severity } from '../../../schemas/finding.js';
import type { Report } from '../../../schemas/report.js';
import type { FactPair, IndexedFact } from '../../facts/index.js';
import { placeName } from '../../narrative/compare.js';
import { Rational } from '../../numbers/decimal.js';

/**
 * Shared wording of the cross-part rules (issue 19): where a fact is, as the reviewer finds it, its
 * evidence, and what a pairing's confidence means for severity.
 */

/** At or above: the pairing is sure enough for a warning. Below: info (never an error). */
export const WARN_PAIR = 0.7;

export function severityFor(confidence: number, max: Severity = 'warning'): Severity {
  return confidence >= WARN_PAIR ? max : 'info';
}

/** "部门整体支出绩效自评报告“项目支出情况”部分" / "项目支出绩效自评表（招投标监督管理专项）“公开招投标项目监管服务满意度”实际完成值". */
export function placeOf(report: Report, f: IndexedFact): string {
  if (f.stat) return placeName(report, f.stat);
  const part = f.location.part ?? '表格';
  if (f.source === 'indicator-actual') return `${part}“${f.measure.words}”实际完成值`;
  if (f.source === 'indicator-target') return `${part}“${f.measure.words}”年度指标值`;
  return `${part}“${f.measure.words.replace(/\s+/g, '')}”`;
}

/** The figure as the reviewer reads it: "公用经费19.56万元", "95%以上". */
export function phraseOf(f: IndexedFact): string {
  const written = f.statement.figure.text.trim() || `${f.statement.figure.value}${f.statement.figure.unit ?? ''}`;
  if (f.eachOf) return `“${f.eachOf}”各${written}`;
  if (f.stat) return `${f.stat.label}${written}`;
  return written;
}

export function evidenceOf(f: IndexedFact, role: string): Evidence {
  return { text: f.text, value: Rational.parse(f.statement.figure.value).toNumber(), location: f.location, role };
}

export function pairParams(pair: FactPair): Record<string, unknown> {
  return { pairConfidence: pair.confidence, pairReasons: pair.reasons, warnAtConfidence: WARN_PAIR };
}

export function plainValue(f: IndexedFact): number {
  return Rational.parse(f.statement.figure.value).toNumber();
}
