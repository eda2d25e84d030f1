import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { location } from '../../schemas/location.js';
import { RULES_VERSION } from '../../src/rules/index.js';
import type { Store } from '../../src/store/index.js';

/**
 * A report whose document has `paragraphs` paragraphs (the 1M-paragraph document made one
 * page 135.8 MB), written straight into the store by PostgreSQL itself, with two findings citing
 * paragraphs deep inside it. For the cost-cap test and benchmark.
 */
export async function insertHugeReport(store: Store, paragraphs: number): Promise<{ sha256: string; cited: number[] }> {
  const sha256 = `${'f'.repeat(56)}${paragraphs.toString(16).padStart(8, '0')}`;
  const cited = [Math.floor(paragraphs / 2), paragraphs - 1];
  const finding = (p: number, n: number): Finding => ({
    rule: 'figure-mismatch',
    severity: 'error',
    message: `合成发现${n}：第${p + 1}段的数字与表格不一致`,
    values: [n, n + 1],
    evidence: [{ text: '本年度完成', value: null, location: location({ part: '合成报告', paragraph: p, span: [String(p).length + 3, String(p).length + 8] }) }],
    id: `figure-mismatch:huge${n}`,
    ruleVersion: 1,
    messageEn: '',
    expected: null,
    observed: null,
    tolerance: null,
    missing: [],
    params: null,
    part: '合成报告',
  });
  const result: Result = {
    file: 'huge.docx',
    sha256,
    format: 'docx',
    status: 'ok',
    error: null,
    report: null,
    discrepancies: cited.map((p, i) => finding(p, i + 1)),
    rulesVersion: RULES_VERSION,
    timings: {},
  };
  await store.saveResult(result, null);
  await store.db.query(
    `UPDATE reports SET document = (
       SELECT json_build_object('format', 'docx', 'pages', NULL, 'issues', '[]'::json, 'blocks',
         json_agg(json_build_object('kind', 'paragraph', 'block', i, 'paragraph', i,
           'text', '第' || i || '段：本年度完成各项工作任务，资金使用规范，绩效目标全部实现。', 'style', NULL, 'page', NULL, 'bbox', NULL) ORDER BY i))
       FROM generate_series(0, $2::int - 1) AS i)
     WHERE sha256 = $1`,
    [sha256, paragraphs],
  );
  return { sha256, cited };
}
