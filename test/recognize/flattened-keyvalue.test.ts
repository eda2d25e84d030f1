/**
 * A 项目支出绩效自评表 typed as label/value lines instead of a grid (flattened-keyvalue.ts). Built from real
 * corpus documents (test/corpus/real/<id>/source.txt): the title lines kept, the form's 项目名称 / 主管部门 /
 * 实施单位 and its budget header with the 年度资金总额 row written one "label：value" a line, as a page that
 * printed each cell as a line does; the rest of the form is left out (a cut form).
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';
import { show, source } from '../rules/planted-real-helpers.js';
import { checkModel } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

const cells = (line: string) => line.split('|').map((c) => c.trim().replace(/\{(?:r\d+)?(?:c\d+)?\}$/, '').trim());

/** The document's form as key-value lines; `executed` replaces the 全年执行数 when given. */
function keyValueLines(id: string, executed?: string): string[] {
  const lines = source(id);
  const start = lines.findIndex((l) => /^\[table \d+\]$/.test(l.trim()));
  const out = lines.slice(0, start).filter((l) => l.trim());
  const field = (name: string) => {
    const row = lines.find((l) => cells(l).includes(name))!;
    const cs = cells(row);
    return `${name}：${cs[cs.indexOf(name) + 1]}`;
  };
  out.push(field('项目名称'), field('主管部门'), field('实施单位'));
  const head = cells(lines.find((l) => l.includes('年初预算数') && l.includes('全年执行数'))!);
  const unit = /\((万元|元)\)/.exec(head[0].replace(/\s/g, ''))![1];
  const words = head.filter((c) => /预算数|执行数|执行率|分值|得分/.test(c));
  const values = cells(lines.find((l) => l.startsWith('年度资金总额'))!).slice(-words.length);
  words.forEach((w, k) => {
    const v = w === '全年执行数' && executed ? executed : values[k];
    out.push(`${w}：${v}${/预算数|执行数/.test(w) ? unit : /分值|得分/.test(w) ? '分' : ''}`);
  });
  return out;
}

async function run(lines: string[]) {
  const docx = writeBlocksDocx(parseSource(lines.join('\n')), { title: 'kv', creator: 'kv' }, { producer: 'word' });
  const { result } = await runPipeline({ bytes: docx, file: 'kv.docx' });
  expect(result.status).toBe('ok');
  return result;
}

const budgetRow = (result: Awaited<ReturnType<typeof run>>) => {
  const row = result.report!.projects[0]?.budget?.rows[0];
  return row && [row.label, row.initialBudget?.text, row.fullYearBudget?.text, row.executed?.text, row.weight?.text, row.rate?.text, row.score?.text];
};
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

describe('a project form whose budget block is label/value lines (real documents re-typed)', () => {
  it('hb-ezhou-czj-2019: 年初预算数：287万元 … 得分：6分 read as the 年度资金总额 row; 全年执行数 171 → 188.1 is an execution-rate error', async () => {
    const lines = keyValueLines('hb-ezhou-czj-2019');
    expect(lines).toContain('全年执行数：171万元');
    const result = await run(lines);
    expect(result.report!.projects.map((p) => p.name?.text)).toEqual(['购买第三方服务']);
    expect(result.report!.projects[0].budget?.unit).toBe('万元');
    expect(budgetRow(result)).toEqual(['年度资金总额', '287', '287', '171', '10', '60%', '6']);
    // provenance: the value's own line and characters
    const executed = result.report!.projects[0].budget!.rows[0].executed!;
    expect(executed.loc.paragraph).not.toBeNull();
    // the form is cut before its indicator table (where a reason would stand): 执行率 60% with no reason is all it says
    expect(notInfo(result.discrepancies).map((f) => f.rule), show(result.discrepancies)).toEqual(['budget-change-reason']);
    const planted = await run(keyValueLines('hb-ezhou-czj-2019', '188.1'));
    const fs = notInfo(planted.discrepancies).filter((f) => f.rule === 'execution-rate');
    expect(fs.map((f) => f.severity), show(fs)).toEqual(['error']);
    expect(fs[0].message).toContain('188.1');
  }, 60_000);

  it('sh-putuo-tiyu-2022: amounts in 元 with a thousands comma (215,457.6) read; the document\'s own A1 (86.19% printed for 86.18%) and A3 found as in its grid', async () => {
    const result = await run(keyValueLines('sh-putuo-tiyu-2022'));
    expect(result.report!.projects[0]?.budget?.unit).toBe('元');
    expect(budgetRow(result)).toEqual(['年度资金总额', '250000.00', '250000.00', '215,457.6', '10', '86.19%', '8.62']);
    const fs = notInfo(result.discrepancies);
    expect(fs.map((f) => [f.rule, f.severity]), show(fs)).toEqual([['execution-rate', 'error'], ['budget-change-reason', 'warning']]);
  }, 60_000);
});

describe('key-value budget lines: only a form\'s', () => {
  it('the same lines under a narrative report\'s title (no 自评表) stay prose; a label with its unit in brackets is read', () => {
    const prose = checkModel(documentOf(['某项目支出绩效自评报告', '一、基本情况', '全年预算数：120万元', '全年执行数：118.5万元', '执行率：98.75%']));
    expect(prose.report.projects).toEqual([]);
    const form = checkModel(documentOf(['项目支出绩效自评表', '项目名称：甲', '年初预算数（万元）：120', '全年预算数（万元）：120', '全年执行数（万元）：118.5', '预算执行率：98.75%']));
    const p = form.report.projects[0];
    expect([p?.name?.text, p?.budget?.unit]).toEqual(['甲', '万元']);
    expect(p?.budget?.rows.map((r) => [r.fullYearBudget?.text, r.executed?.text, r.rate?.text])).toEqual([['120', '118.5', '98.75%']]);
  });
});
