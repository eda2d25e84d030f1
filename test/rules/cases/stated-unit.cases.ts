import type { ProjectSelfEval } from '../../../schemas/records.js';
import { blockUnit } from '../../../src/recognize/budget-block.js';
import { rule } from '../../../src/rules/stated-unit.js';
import { projectForm, report, textFact } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

/** A project form whose budget block's unit is decided as recognition decides it, from the head's word and the amounts. */
function formUnder(stated: string | null, rows: Parameters<typeof projectForm>[0]['budget']): ProjectSelfEval {
  const form = projectForm({ name: '城镇建设管理', budget: rows });
  const head = textFact(`项目资金(${stated ?? ''})`, { part: form.part, table: 0, row: 1, col: 0 });
  return { ...form, budget: { ...form.budget!, ...blockUnit(stated, form.budget!.rows, stated ? head : null) } };
}

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed', report: seedReport() },
    { name: 'a 万元 head over a project’s size (4000万元)', report: report({ projects: [formUnder('万元', [['年度资金总额', '4000.00', '4000.00', '3980.50', '10', '99.51%', '9.95']])] }) },
    // no head unit at all: the size decides 元, but nothing written is contradicted
    { name: 'no unit stated over amounts in 元', report: report({ projects: [formUnder(null, [['年度资金总额', '145000000.00', '145000000.00', '145000000.00', '10', '100%', '10']])] }) },
  ],
  invalid: [
    {
      name: 'a 项目资金(万元) head over 145000000.00 (sh-songjiang-jiuting-2020)',
      report: report({
        projects: [
          formUnder('万元', [
            ['年度资金总额', '145000000.00', '145000000.00', '145000000.00', '10', '100%', '10'],
            ['当年财政拨款', '40067273.32', '40067273.32', '40067273.32'],
          ]),
        ],
      }),
      findings: [{ severity: 'info', values: [145000000], messageIncludes: ['城镇建设管理', '表头单位写作万元', '项目资金(万元)', '金额按量级应为元', '145000000.00'], expected: '元', observed: '万元' }],
    },
  ],
});
