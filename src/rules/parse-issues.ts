import { location } from '../../schemas/location-value.js';
import type { FindingDraft, Rule } from './types.js';

/** Issue codes that mean content could not be read at all (text missing, not just imperfect). */
const CONTENT_LOST = /NO_TEXT|TEXT_LAYER|SCANNED|OCR|UNREADABLE|MISSING|GARBLED|ENCRYPT|TRUNCAT/i;

/** Parser issues (pages without a text layer, merges dropped …) surfaced as findings on their page. */
export const rule: Rule = {
  meta: {
    id: 'parse-issues',
    version: 1,
    severity: 'info',
    catalogue: 'G (解析)',
    title: { zh: '解析问题', en: 'Parse issues' },
    description: {
      zh: '解析器发现但已绕过的问题（如某页没有文字层、表格合并单元格可能不准）作为该页的发现列出；导致内容缺失的问题为警告，其余为提示。',
      en: 'Problems the parser worked around (a page without a text layer, merged cells that may be off) reported on their page; content loss is a warning, the rest info.',
    },
    formula: 'DocumentModel.issues → 发现',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: 'parsers/（DocumentModel.issues）',
    aboutTheReading: true,
  },
  check(_report, ctx) {
    const out: FindingDraft[] = [];
    for (const issue of ctx.document?.issues ?? []) {
      const where = issue.page !== null ? `第${issue.page}页` : issue.block !== null ? `第${issue.block + 1}个文档块` : '文档';
      out.push({
        severity: CONTENT_LOST.test(issue.code) ? 'warning' : 'info',
        message: {
          zh: `${where}：${issue.message}（${issue.code}）`,
          en: `${issue.page !== null ? `page ${issue.page}` : issue.block !== null ? `block ${issue.block}` : 'document'}: ${issue.message} (${issue.code})`,
        },
        // The page/block are the only thing telling two issues of one kind apart (ids leave pages out).
        values: [issue.page, issue.block].filter((x): x is number => x !== null),
        evidence: [{ text: issue.message, value: null, location: { ...location({ page: issue.page }), block: issue.block }, role: 'issue' }],
        expected: null,
        observed: issue.code,
        tolerance: null,
        part: null,
      });
    }
    return out;
  },
};
