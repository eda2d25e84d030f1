import { rule } from '../../../src/rules/zero-total-nonzero-parts.js';
import { projectForm, report, type BudgetRowSpec } from '../builders.js';
import { ruleCases } from '../tester.js';

const form = (rows: BudgetRowSpec[]) => report({ projects: [projectForm({ name: '委托业务项目', budget: rows })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 20 = 20 + 0 + 0, executed 20, 100%', report: form([['年度资金总额', '20', '20', '20', '10', '100%', '10'], ['其中：当年财政拨款', '20', '20', '20'], ['上年结转资金', '0', '0', '0'], ['其他资金', '0', '0', '0']]) },
    { name: 'nothing executed: budget 50, executed 0, rate 0%, score 0', report: form([['年度资金总额', '50', '50', '0', '10', '0%', '0'], ['其中：当年财政拨款', '50', '50', '0']]) },
    { name: 'a zero total with filled sources is funding-sources-sum business', report: form([['年度资金总额', '0', '0', '20', '10', '', '10'], ['其中：当年财政拨款', '20', '20', '20']]) },
    { name: 'an unfilled form (all blank)', report: form([['年度资金总额', '', '', '', '10', '', ''], ['其中：当年财政拨款', '', '', '']]) },
    { name: 'a budget, nothing executed yet: 全年执行数, rate and score blank', report: form([['年度资金总额', '40', '40', '', '10', '', '']]) },
  ],
  invalid: [
    {
      name: '年度资金总额 全年预算数 blank while 当年财政拨款 holds 29.6',
      report: form([['年度资金总额', '', '', '29.6', '10', '100%', '10'], ['其中：当年财政拨款', '29.6', '29.6', '29.6']]),
      findings: [
        { severity: 'warning', values: [29.6], messageIncludes: ['年初预算数未填', '当年财政拨款29.6'] },
        { severity: 'warning', values: [29.6], messageIncludes: ['全年预算数未填', '当年财政拨款29.6'] },
      ],
    },
    {
      name: 'budget 0 and no sources while 全年执行数 is 12.5',
      report: form([['年度资金总额', '0', '0', '12.5', '10', '', '']]),
      findings: [{ severity: 'warning', values: [0, 12.5], messageIncludes: ['全年预算数为0', '全年执行数为12.5'] }],
    },
    {
      name: 'execution score 0 with money executed and no rate printed',
      report: form([['年度资金总额', '30', '30', '30', '10', '', '0']]),
      findings: [{ severity: 'warning', values: [0, 30], messageIncludes: ['得分却为0'] }],
    },
    {
      name: '全年执行数 blank beside a printed 97.75% and a score (no funding rows)',
      report: form([['年度资金总额', '200', '200', '', '20', '97.75%', '19.55']]),
      findings: [{ severity: 'warning', values: [200], messageIncludes: ['全年执行数未填', '97.75%', '19.55'] }],
    },
    {
      name: '全年执行数 blank while 当年财政拨款 holds it: one finding (the funding rows), not two',
      report: form([['年度资金总额', '30', '30', '', '10', '100%', '10'], ['其中：当年财政拨款', '30', '30', '30']]),
      findings: [{ severity: 'warning', values: [30], messageIncludes: ['全年执行数未填', '当年财政拨款30'] }],
    },
  ],
});
