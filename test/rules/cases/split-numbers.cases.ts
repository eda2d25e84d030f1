import { rule } from '../../../src/rules/split-numbers.js';
import { basicData, projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'the seed', report: seedReport() }],
  invalid: [
    {
      name: 'a rate split over two lines and a fused rate',
      report: report({
        projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100', '100', '95.1', '10', '95.\n10%', '9.51']] })],
        basicData: basicData({ staffing: ['61', '59', '202010100.00%'] }),
      }),
      findings: [
        { severity: 'warning', messageIncludes: ['执行率', '无法读成一个数值'] },
        { severity: 'warning', messageIncludes: ['控制率', '粘连'] },
      ],
    },
    {
      // a pen stroke across a "0" leaves ".0", and OCR marks the cell unsure: a note, not a warning
      name: 'a cell OCR read unsurely',
      report: (() => {
        const form = projectForm({ name: '运行维护经费', budget: [['年度资金总额', '7.50.', '100', '95.1', '10', '95.10%', '9.51']] });
        const row = form.budget!.rows[0];
        row.initialBudget = { ...row.initialBudget!, loc: { ...row.initialBudget!.loc, textSource: 'ocr', confidence: 0.62, uncertain: true } };
        return report({ projects: [form] });
      })(),
      findings: [{ severity: 'info', messageIncludes: ['年初预算数', '7.50.', 'OCR 识别不确定'] }],
    },
  ],
});
