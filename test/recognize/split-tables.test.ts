import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { cellLocation } from '../../src/recognize/facts.js';
import { groupForms } from '../../src/recognize/parts.js';
import { splitTable } from '../docx/writer-quirks.js';
import { joinedFormsDocx } from '../fixtures/producers/touching.js';

/**
 * Real reports whose longest table an author split in two (an empty paragraph between the parts):
 * the second part has no header, or types the form's title row again. The parts are one table, so
 * the report reads to the same findings as the file as published, and cells of the second part are
 * cited in their own table.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const load = (id: string) => unzipSync(new Uint8Array(readFileSync(`test/corpus/real/${id}/${id}.docx`)));
const split = (parts: Record<string, Uint8Array>, how: 'none' | 'title') =>
  zipSync({ ...parts, 'word/document.xml': strToU8(splitTable(strFromU8(parts['word/document.xml']), how)) });

describe('a table split in two by its author is read as one table', () => {
  for (const id of ['cq-kexuecheng-rongmeiti-2021', 'hn-jichu-53hao-2018', 'sc-dyrmt-gongzi-fragment']) {
    it(`${id}: second part without header, same findings but the table count`, async () => {
      const parts = load(id);
      const plain = await runPipeline({ bytes: zipSync(parts), file: 'a.docx' });
      const got = await runPipeline({ bytes: split(parts, 'none'), file: 'a.docx' });
      // the unattributed-table note names tables by number, and the split adds one
      const same = (fs: typeof plain.result.discrepancies) => fs.filter((f) => f.rule !== 'coverage').map(key).sort();
      expect(same(got.result.discrepancies)).toEqual(same(plain.result.discrepancies));
    });
  }

  it('cq-kexuecheng: the joined rows are cited in the table and row they were written in', () => {
    const parts = load('cq-kexuecheng-rongmeiti-2021');
    const doc = parseDocx(split(parts, 'none'));
    const tables = doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
    const { forms, unrecognized } = groupForms(doc);
    const joined = [...forms.flatMap((f) => f.tables), ...unrecognized];
    // one table fewer than written: the second part went into the first
    expect(joined.length).toBe(tables.length - 1);
    const whole = joined.find((t) => t.nRows > tables[t.table].nRows)!;
    const first = tables[whole.table];
    const second = tables[whole.table + 1];
    expect(whole.nRows).toBe(first.nRows + second.nRows);
    // a cell of the second part is cited in the second table, at its own row
    const cell = whole.cells.find((c) => c.row === first.nRows + 1 && c.text.trim())!;
    const loc = cellLocation('p', whole, cell);
    expect([loc.table, loc.row, loc.block]).toEqual([second.table, 1, second.block]);
    expect(second.cells.find((c) => c.row === 1 && c.col === cell.col)!.text).toBe(cell.text);
  });

  it('two forms each with their own title row are not joined', () => {
    const parts = load('hn-jichu-53hao-2018');
    const doc = parseDocx(zipSync(parts));
    const tables = doc.blocks.filter((b) => b.kind === 'table').length;
    const { forms, unrecognized } = groupForms(doc);
    expect(forms.flatMap((f) => f.tables).length + unrecognized.length).toBe(tables);
  });
});

/**
 * The seed with its 部门整体支出绩效自评表 and three 项目支出绩效自评表 written touching, saved by
 * Word as one table (test/fixtures/producers/touching.ts joinedFormsDocx): each form is cut off
 * at its 项目支出名称 row and read on its own, to the seed's findings.
 */
describe('forms written touching, one table in Word, are read as forms of their own', () => {
  const seed = new Uint8Array(readFileSync('samples/seed.docx'));
  const joined = joinedFormsDocx(seed);

  it('one table holds the four forms; they group as the seed’s do', () => {
    const doc = parseDocx(joined);
    expect(doc.blocks.filter((b) => b.kind === 'table').map((t) => (t as TableBlock).nRows)).toEqual([26, 129]);
    const shape = (d: typeof doc) => groupForms(d).forms.map((f) => `${f.kind} ${f.tables.map((t) => t.nRows).join('+')}`);
    expect(shape(doc)).toEqual(shape(parseDocx(seed)));
  });

  it('reads to the seed’s findings (warning and error)', async () => {
    const shown = async (bytes: Uint8Array) =>
      (await runPipeline({ bytes, file: 'a.docx' })).result.discrepancies.filter((f) => f.severity !== 'info').map(key).sort();
    const plain = await shown(seed);
    expect(plain.length).toBeGreaterThan(20);
    expect(await shown(joined)).toEqual(plain);
  });

  it('a cell of a later form is cited in the table and row it was written in', () => {
    const doc = parseDocx(joined);
    const whole = doc.blocks.find((b): b is TableBlock => b.kind === 'table' && b.nRows === 129)!;
    const second = groupForms(doc).forms[3].tables[0];
    const cell = second.cells.find((c) => c.row === 1 && c.text.trim())!;
    const loc = cellLocation('p', second, cell);
    expect([loc.table, loc.row, loc.block]).toEqual([whole.table, 42 + 25 + 1, whole.block]);
    expect(whole.cells.find((c) => c.row === loc.row && c.col === cell.col)!.text).toBe(cell.text);
  });
});
