import { readFileSync } from 'node:fs';
import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { extractStats } from '../../src/narrative/extract.js';
import { checkModel } from '../helpers/check.js';

/** Paragraph blocks as a Word parser gives them; a leading "#" marks a heading style. */
export function paragraphs(lines: string[], firstParagraph = 0): ParagraphBlock[] {
  return lines.map((line, i) => {
    const heading = line.startsWith('#');
    return {
      kind: 'paragraph',
      block: firstParagraph + i,
      paragraph: firstParagraph + i,
      text: heading ? line.replace(/^#+\s*/, '') : line,
      style: heading ? 'Heading2' : null,
      page: null,
      bbox: null,
    };
  });
}

export function docOf(lines: string[], format: DocumentModel['format'] = 'docx'): DocumentModel {
  return { format, pages: null, blocks: paragraphs(lines), issues: [] };
}

/** Statistics of one paragraph of prose. */
export function statsOf(text: string): NarrativeStat[] {
  return extractStats(paragraphs([text]), false, { part: '测试', narrative: 0, sectionOf: () => null });
}

/** A report whose narrative part is analyzed from the given paragraphs (records from the builders). */
export function withNarrative(report: Report, lines: string[]): Report {
  const out = analyzeNarrative(docOf(lines), report);
  return { ...report, narratives: out.narratives, statistics: out.statistics, links: out.links, ...(out.grades ? { grades: out.grades } : {}) };
}

export function find(stats: NarrativeStat[], text: string): NarrativeStat {
  const s = stats.find((x) => x.figure.text === text);
  if (!s) throw new Error(`no statistic written "${text}" among: ${stats.map((x) => x.figure.text).join(' | ')}`);
  return s;
}

/** A 项目支出绩效评价报告 as departments write it: title, 项目支出基本情况 with 概况 / 资金 / 完成程度. */
export function projectReportLines(overview: string, funds: string, completion: string, more: string[] = []): string[] {
  return [
    '#项目支出绩效评价报告',
    '#一 、项目支出基本情况',
    '#(1) 项目支出概况。',
    overview,
    '#(2) 项目资金使用管理情况。',
    funds,
    '#(3) 项目支出绩效目标完成程度。',
    completion,
    '#二、绩效评价工作情况',
    ...more,
  ];
}

/** A 部门整体支出绩效自评报告 with the given body paragraphs after a 部门整体支出绩效情况 heading. */
export function deptReportLines(spending: string[], performance: string[] = []): string[] {
  return [
    '#2023年度汨罗市建筑工程服务中心部门整体支出绩效自评报告',
    '#二、一般公共预算支出情况',
    ...spending,
    '#六、部门整体支出绩效情况',
    ...performance,
  ];
}

/** Error and warning findings of a document made of these paragraphs (of one rule if named; coverage aside). */
export function seriousFindings(lines: string[], rule?: string): Finding[] {
  return checkModel(docOf(lines)).findings.filter((f) => (rule === undefined || f.rule === rule) && f.severity !== 'info' && f.rule !== 'coverage');
}

/** The lines of a corpus document's source.txt (test/corpus/real/<id>), its title marks dropped, comments and blank lines left out. */
export function corpusLines(id: string): string[] {
  return readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('%'))
    .map((l) => l.replace(/^= /, ''));
}
