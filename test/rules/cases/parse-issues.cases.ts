import { rule } from '../../../src/rules/parse-issues.js';
import { documentModel, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'a clean document', report: seedReport(), document: documentModel(['2023年度部门整体支出绩效自评报告']) }],
  invalid: [
    {
      name: 'a page without a text layer and a merge warning',
      report: seedReport(),
      document: documentModel(['正文'], [
        { code: 'NO_TEXT_LAYER', message: '该页没有文字层（可能是扫描页）', page: 7, block: null },
        { code: 'MERGE_DROPPED', message: '表格合并单元格可能不准确', page: null, block: 3 },
      ], 'pdf'),
      findings: [
        { severity: 'warning', values: [7], messageIncludes: ['第7页', '文字层'] },
        { severity: 'info', values: [3], messageIncludes: ['合并单元格'] },
      ],
    },
  ],
});
