import type { Result } from '../../schemas/result.js';
import { terminalSafe } from '../files.js';

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

/** A reviewer-readable summary of one result (the default output of `extract`). */
export function formatSummary(result: Result, lang: 'zh' | 'en'): string {
  const lines: string[] = [];
  if (result.status === 'error') {
    // File names come from submitters: control characters are shown escaped, never sent to the terminal.
    lines.push(`✗ ${terminalSafe(result.file)}  [${result.error?.code}] ${terminalSafe(result.error?.message ?? '')}`);
    return lines.join('\n');
  }
  const r = result.report!;
  const parts: string[] = [];
  if (r.basicData) parts.push('基础数据表');
  if (r.deptSelfEval) parts.push('部门整体支出绩效自评表');
  if (r.projects.length) parts.push(`项目支出绩效自评表×${r.projects.length}`);
  if (r.narratives.length) parts.push(`自评报告×${r.narratives.length}`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.discrepancies) counts[f.severity]++;
  lines.push(`✓ ${terminalSafe(result.file)}  ${r.department?.text ?? ''} ${r.year ?? ''}年度`);
  lines.push(`  识别部分: ${parts.join('、') || '（无）'}；指标 ${r.coverage.indicators} 行；数值 ${r.coverage.facts} 个；叙述统计 ${r.coverage.narrativeStatistics} 个`);
  lines.push(`  发现问题: 错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}  (${Math.round(result.timings.total ?? 0)} ms)`);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...result.discrepancies].sort((a, b) => order[a.severity] - order[b.severity]);
  for (const f of sorted) {
    const label = lang === 'en' ? f.severity : SEVERITY_LABEL[f.severity];
    lines.push(`  [${label}] ${f.rule}: ${f.message}`);
  }
  return lines.join('\n');
}
