import type { DocumentModel } from '../../schemas/document.js';
import type { Location } from '../../schemas/location.js';
import type { Report } from '../../schemas/report.js';
import type { Subject } from './types.js';
import { documentView } from './document-view.js';

/**
 * Claims in prose that the targets were met (已按照计划完成目标, 全面完成年度目标任务, 圆满完成各项
 * 绩效指标): sentences of a narrative report, with the subject the report is about. Only claims about
 * the targets as a whole count — a verb of completion with 目标/任务/指标/计划 — and not when hedged
 * (基本完成, 大部分完成, 未完成, 除…外).
 */
export interface Claim {
  sentence: string;
  /** The words that make the claim ("已按照计划完成目标"). */
  words: string;
  subject: Subject;
  narrative: number;
  location: Location;
}

const CLAIM = new RegExp(
  [
    '(?:已|均|全部|全面|圆满|顺利)?(?:按照?|依)计划完成(?:了)?(?:年度|全年|预期|既定|各项|全部|所有|绩效|总体)*(?:目标|任务|指标){1,2}',
    '(?:全面|圆满|全部|顺利|均已|均|已)(?:地)?完成(?:了)?(?:年度|全年|预期|既定|各项|全部|所有|绩效|总体|工作)*(?:目标|任务|指标){1,2}',
    '完成(?:了)?(?:全部|各项|所有)(?:年度|全年|预期|既定|绩效)*(?:目标|任务|指标){1,2}',
    '(?:目标|任务|指标)(?:均|全部|已|都)+(?:全面|圆满|如期|按期)?(?:完成|实现|达成|达到|达标)',
    '(?:全面|圆满|全部)(?:实现|达成|达到)(?:了)?(?:年度|全年|预期|既定|各项|绩效)*(?:目标|指标)',
  ].join('|'),
);
/** Hedges and negations before the claim in its clause. */
const HEDGE = /未|没有|尚|基本|大部分|大部|部分|除|个别|多数|大多|仍有|未能|力争|确保|争取|计划于|将|拟/;

export function findClaims(report: Report, document: DocumentModel | null): Claim[] {
  if (!document) return [];
  const view = documentView(document);
  const out: Claim[] = [];
  report.narratives.forEach((n, k) => {
    const subject: Subject = n.reportKind === 'project' ? { kind: 'project', project: n.projectIndex ?? null, name: n.project ?? null } : { kind: 'dept', project: null, name: null };
    for (let p = n.firstParagraph; p <= n.lastParagraph; p++) {
      const block = view.paragraph(p);
      if (!block || !CLAIM.test(block.text)) continue; // most paragraphs claim nothing: one test each
      for (const sentence of block.text.split(/(?<=[。！？!?；;])/)) {
        const m = CLAIM.exec(sentence);
        if (!m) continue;
        const clauseStart = Math.max(...['，', ',', '；', '。'].map((c) => sentence.lastIndexOf(c, m.index))) + 1;
        if (HEDGE.test(sentence.slice(clauseStart, m.index + m[0].length))) continue;
        out.push({
          sentence: sentence.trim(),
          words: m[0],
          subject,
          narrative: k,
          location: { part: n.part, table: null, row: null, col: null, page: block.page ?? null, paragraph: p, block: block.block },
        });
      }
    }
  });
  return out;
}
