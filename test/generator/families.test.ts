import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import {
  diffDocument,
  layoutDocument,
  randomReportSpec,
  SAMPLE_FIXTURES,
  seedSpec,
  toFamily,
  writeDocx,
  type TemplateFamily,
  type WriteOptions,
} from '../fixtures/generator/index.js';

/** Template families (shared/design/templates.md): each lays the same report out with its own columns. */

function tables(bytes: Uint8Array): TableBlock[] {
  return parseDocx(bytes).blocks.filter((b): b is TableBlock => b.kind === 'table');
}
/** Texts of the row holding `label` in column ≥ 1, left to right, one per origin cell. */
function rowTexts(t: TableBlock, label: string): string[] {
  const hit = t.cells.find((c) => c.text === label);
  if (!hit) throw new Error(`no cell "${label}"`);
  return t.cells.filter((c) => c.row === hit.row).map((c) => c.text);
}

const CASES: Array<{ family: TemplateFamily; options: WriteOptions }> = [
  { family: 'hunan', options: {} },
  { family: 'mof-2020', options: {} },
  { family: 'mof-2020', options: { splitTarget: true } },
  { family: 'sichuan', options: {} },
  { family: 'sichuan-linkage', options: {} },
];

describe.each(CASES)('$family $options', ({ family, options }) => {
  const specs = [toFamily(seedSpec(), family), randomReportSpec(5, { projects: 4, family })];

  it('parses into exactly the laid-out blocks (with any producer)', () => {
    for (const spec of specs) {
      for (const producer of ['word', 'wps', 'pandoc'] as const) {
        const o = { ...options, producer };
        expect(diffDocument(layoutDocument(spec, o), parseDocx(writeDocx(spec, o))), `${spec.department} ${producer}`).toEqual([]);
      }
    }
  });

  it('keeps one project table per project, named in its first row', () => {
    for (const spec of specs) {
      const ts = tables(writeDocx(spec, options));
      const projectTables = ts.filter((t) => /项目(支出)?名称/.test(t.cells[0].text));
      expect(projectTables.map((t) => t.cells[1].text)).toEqual(spec.projects.map((p) => p.name));
    }
  });
});

describe('family-specific columns', () => {
  const seed = seedSpec();
  it('Sichuan: 调整后预算数/预算执行数/预算执行率/权重, four funding rows, split target under 年度指标值, 完成值, 未完成原因分析, 合计', () => {
    const t = tables(writeDocx(toFamily(seed, 'sichuan')))[0];
    expect(rowTexts(t, '调整后预算数')).toEqual(['项目资金\n（万元）', '', '年初预算数', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因']);
    for (const label of ['其中：财政资金', '财政专户管理资金', '单位资金', '其他资金', '合计', '完成值', '未完成原因分析']) {
      expect(t.cells.some((c) => c.text === label), label).toBe(true);
    }
    const group = t.cells.find((c) => c.text === '年度指标值')!;
    expect(group.colSpan).toBe(3);
    expect(t.cells.filter((c) => c.row === group.row + 1).map((c) => c.text)).toEqual(['指标性质', '指标值', '度量单位']);
    // "95%以上" is split into ≥ / 95 / %.
    const row = t.cells.find((c) => c.text === '建筑市场平稳有序发展')!.row;
    expect(t.cells.filter((c) => c.row === row && c.col >= 4 && c.col <= 6).map((c) => c.text)).toEqual(['≥', '95', '%']);
    const paragraphs = parseDocx(writeDocx(toFamily(seed, 'sichuan'))).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs.some((p) => p.startsWith('项目负责人：') && p.includes('财务负责人：'))).toBe(true);
  });

  it('Sichuan 衔接资金: 分值 before 年度指标值, 全年实际值, 本年财政拨款', () => {
    const t = tables(writeDocx(toFamily(seed, 'sichuan-linkage')))[0];
    const header = rowTexts(t, '全年实际值');
    expect(header.indexOf('分值')).toBeLessThan(header.indexOf('年度指标值'));
    expect(header).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '未完成原因及拟采取的改进措施']);
    expect(t.cells.some((c) => c.text === '其中：本年财政拨款')).toBe(true);
  });

  it('MOF 2020: the target is one string with its comparator ("95%以上" → "≥95%")', () => {
    const t = tables(writeDocx(toFamily(seed, 'mof-2020')))[0];
    expect(rowTexts(t, '建筑市场平稳有序发展')).toContain('≥95%');
    const split = tables(writeDocx(toFamily(seed, 'mof-2020'), { splitTarget: true }))[0];
    expect(rowTexts(split, '三级指标')).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  });

  it('non-Hunan families are project-level packages (no 基础数据表, no 部门整体 form)', () => {
    const spec = toFamily(seed, 'sichuan');
    expect(spec.basicData).toBeNull();
    expect(spec.deptSelfEval).toBeNull();
    expect(tables(writeDocx(spec))).toHaveLength(3);
  });
});

describe('committed fixtures in samples/fixtures/', () => {
  it.each(SAMPLE_FIXTURES.map((f) => [f.file, f] as const))('%s is what the generator writes', (file, f) => {
    const path = new URL(`../../samples/fixtures/${file}`, import.meta.url);
    expect(existsSync(path), `${file} missing: run npx tsx test/fixtures/generator/write-samples.ts`).toBe(true);
    expect(diffDocument(layoutDocument(f.spec(), f.options), parseDocx(readFileSync(path)))).toEqual([]);
    if (f.planted) {
      const expected = JSON.parse(readFileSync(new URL(`../../samples/fixtures/${file.replace(/\.docx$/, '.expected.json')}`, import.meta.url), 'utf8'));
      expect(expected).toEqual(f.planted());
    }
  });

  it('the Sichuan fixture fills the same records as the Hunan seed (names, budgets, indicators)', async () => {
    const bytes = readFileSync(new URL('../../samples/fixtures/sichuan-projects.docx', import.meta.url));
    const { result } = await runPipeline({ bytes, file: 'sichuan-projects.docx' });
    expect(result.status).toBe('ok');
    const report = result.report!;
    expect(report.family).toBe('sichuan');
    const spec = toFamily(seedSpec(), 'sichuan');
    expect(report.projects.map((p) => p.name?.text)).toEqual(spec.projects.map((p) => p.name));
    report.projects.forEach((p, i) => {
      const s = spec.projects[i];
      const total = p.budget!.rows.find((r) => r.kind === 'total')!;
      const sTotal = s.budget[0];
      expect([total.fullYearBudget?.text, total.executed?.text, total.rate?.text, total.weight?.text, total.score?.text]).toEqual([sTotal.fullYear, sTotal.executed, sTotal.rate, sTotal.weight, sTotal.score]);
      // Every printed indicator (rows with a name) is read with its weight and score.
      const printed = s.indicators.filter((r) => r.level3 !== '' && r.weight !== '');
      const read = p.indicators.filter((r) => r.weight.text !== '');
      expect(read.map((r) => [r.level3, r.weight.text, r.score.text])).toEqual(printed.map((r) => [r.level3, r.weight, r.score]));
      expect(p.total?.score?.text ?? '').toBe(s.total.score);
    });
  });
});
