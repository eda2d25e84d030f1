import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { groupForms } from '../../src/recognize/parts.js';
import { joinedFormsDocx, unitNamedDocx } from '../fixtures/producers/touching.js';

/**
 * Where a form begins (src/recognize/form-start.ts), on the cases the Word reader's own cut left
 * open: the seed's 部门整体支出绩效评价基础数据表 written touching the department form (and the forms
 * under it), saved by Word as one table — the form below a 基础数据表 has no indicator header above
 * it —, and the same with the department form headed 单位名称 instead of 预算部门名称.
 */
const seed = new Uint8Array(readFileSync('samples/seed.docx'));
const shape = (bytes: Uint8Array) => groupForms(parseDocx(bytes)).forms.map((f) => `${f.kind} ${f.tables.map((t) => t.nRows).join('+')}`);
const tableRows = (bytes: Uint8Array) => parseDocx(bytes).blocks.filter((b): b is TableBlock => b.kind === 'table').map((t) => t.nRows);
const shown = async (bytes: Uint8Array) =>
  (await runPipeline({ bytes, file: 'a.docx' })).result.discrepancies.filter((f: Finding) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${JSON.stringify(f.values)}`).sort();

describe('a 基础数据表 and the forms under it, one table in Word', () => {
  const joined = joinedFormsDocx(seed, 0);

  it('one table holds the 基础数据表 and four forms; they group as the seed’s do', () => {
    expect(tableRows(joined)).toEqual([155]);
    expect(shape(joined)).toEqual(['basic-data 26', 'dept-self-eval 42', 'project-self-eval 25', 'project-self-eval 22', 'project-self-eval 40']);
    expect(shape(joined)).toEqual(shape(seed));
  });

  it('reads to the seed’s findings (warning and error)', async () => {
    const plain = await shown(seed);
    expect(plain.length).toBeGreaterThan(20);
    expect(await shown(joined)).toEqual(plain);
  }, 60_000);
});

describe('a department form headed 单位名称 (no 预算部门名称 row) under a 基础数据表, one table in Word', () => {
  const unit = unitNamedDocx(seed);
  const joined = joinedFormsDocx(unit, 0);

  it('the form begins at its 单位名称 row and groups as the separate tables do', () => {
    const doc = parseDocx(joined);
    const whole = doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(whole.cells.some((c) => c.row === 26 && c.col === 0 && c.text.replace(/\s+/g, '') === '单位名称')).toBe(true);
    expect(shape(joined)).toEqual(shape(unit));
    expect(shape(joined)[1]).toBe('dept-self-eval 42');
  });

  it('reads to the findings of the separate tables', async () => {
    expect(await shown(joined)).toEqual(await shown(unit));
  }, 60_000);
});
