/**
 * Header-variant perturbation benchmark (task vocab12): how many facts a form still gives when its
 * header labels and budget row labels are printed in another province's words, or damaged the way
 * typing and OCR damage them.
 *
 * For each document: recognize it once (the reference facts); then, one change at a time, replace one
 * header cell of a budget block or indicator table (or one budget row label) by every wording of the
 * same meaning in test/recognize/header-variants.json, and by the original wording damaged (spaces
 * inside the word, a line break inside the cell, brackets and digits in the other width, a unit
 * suffix, a ★ or * mark); recognize again and count the reference facts found in the same place and
 * field (recovered) and the facts that appear in a place or field they were not (misplaced).
 *
 *   npx tsx bench/header-variants.ts [--docs N (24; 200 = the whole corpus)] [--details] [--json out.json]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentModel, TableBlock, TableCell } from '../schemas/document.js';
import type { Report } from '../schemas/report.js';
import { parseDocument } from '../parsers/index.js';
import { recognizeReport } from '../src/recognize/index.js';
import { BUDGET_COLUMNS, INDICATOR_COLUMNS, isBudgetHeader, isIndicatorHeader, mapColumns } from '../src/recognize/header-map.js';
import { budgetRowKind } from '../src/recognize/budget-block.js';
import { cellAt, ownCells } from '../src/recognize/table-view.js';

export interface Variant {
  text: string;
  group: 'budget' | 'indicator' | 'row';
  field: string;
  meaning: string;
  source: { title: string; url: string } | null;
}

export interface VariantList {
  variants: Variant[];
  listed: Variant[];
}

export function loadVariants(path = 'test/recognize/header-variants.json'): VariantList {
  return JSON.parse(readFileSync(path, 'utf8')) as VariantList;
}

/** Damage a label the way typing and OCR do; each returns null where it changes nothing. */
export const DAMAGES: Record<string, (text: string, group: Variant['group']) => string | null> = {
  spaced: (t) => (t.length > 1 ? [...t.replace(/\s+/g, '')].join(' ') : null),
  linebreak: (t) => {
    const s = t.replace(/\s+/g, '');
    return s.length > 2 ? `${s.slice(0, Math.ceil(s.length / 2))}\n${s.slice(Math.ceil(s.length / 2))}` : null;
  },
  width: (t) => {
    const swapped = t.replace(/[()（）:：0-9A-Za-z%]/g, (c) => WIDTH[c] ?? c);
    return swapped !== t ? swapped : `${t}（）`;
  },
  unit: (t, group) => (group === 'budget' ? `${t}（万元）` : group === 'indicator' ? `${t}(元)` : null),
  mark: (t) => `★${t}*`,
};

const HALF = '()（）:：';
const WIDTH: Record<string, string> = {};
for (let i = 0; i < HALF.length; i += 2) {
  WIDTH[HALF[i]] = HALF[i + 1];
  WIDTH[HALF[i + 1]] = HALF[i];
}
for (let c = 0x21; c < 0x7f; c++) {
  const ch = String.fromCharCode(c);
  if (/[0-9A-Za-z%]/.test(ch)) WIDTH[ch] = String.fromCharCode(c + 0xfee0);
}

/** The facts of a report as place|field|text keys; a budget row's values carry the row's kind. */
export function factKeys(report: Report): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown, prop: string, rowKind: string): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const x of value) walk(x, prop, rowKind);
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.text === 'string' && o.loc && typeof o.loc === 'object') {
      const loc = o.loc as { table?: number | null; row?: number | null; col?: number | null };
      if (o.text.trim()) keys.add(`${rowKind}|${prop}|${loc.table},${loc.row},${loc.col}|${o.text}`);
      return;
    }
    const kind = typeof o.kind === 'string' && typeof o.label === 'string' ? o.kind : rowKind;
    for (const k in o) if (k !== 'loc' && k !== 'coverage') walk(o[k], k, kind);
  };
  walk([report.basicData, report.deptSelfEval, report.projects], '', '');
  return keys;
}

/** One place a wording can be changed: a header cell (its field) or a budget row's label cell (its kind). */
export interface Slot {
  table: number;
  cell: number;
  group: Variant['group'];
  field: string;
  original: string;
}

/** Header cells of budget blocks and indicator tables that map to a field, and budget row labels. */
export function findSlots(doc: DocumentModel): Slot[] {
  const slots: Slot[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    const table = block as TableBlock;
    for (let r = 0; r < table.nRows; r++) {
      const budget = isBudgetHeader(table, r);
      const indicator = !budget && isIndicatorHeader(table, r);
      if (!budget && !indicator) continue;
      const { cols } = mapColumns(table, [r], budget ? BUDGET_COLUMNS : INDICATOR_COLUMNS);
      for (const [field, col] of cols) {
        const cell = cellAt(table, r, col);
        if (!cell || cell.row !== r || cell.colSpan > 1) continue;
        slots.push({ table: table.table, cell: table.cells.indexOf(cell), group: budget ? 'budget' : 'indicator', field, original: cell.text });
      }
      if (!budget) continue;
      const firstValue = Math.min(...cols.values());
      for (let rr = r + 1; rr < Math.min(table.nRows, r + 8); rr++) {
        const label = ownCells(table, rr).find((c) => c.col < firstValue && c.text.trim());
        // a label holding its own amount ("其他资金：65.96") is a value, not a wording to change
        if (!label || /\d/.test(label.text)) continue;
        const kind = budgetRowKind(label.text);
        if (kind !== 'unknown') slots.push({ table: table.table, cell: table.cells.indexOf(label), group: 'row', field: kind, original: label.text });
      }
    }
  }
  return slots;
}

/** The document with one cell's text replaced (a deep copy: recognition caches per table object). */
export function withCellText(doc: DocumentModel, slot: Slot, text: string): DocumentModel {
  const copy = structuredClone(doc);
  const table = copy.blocks.find((b) => b.kind === 'table' && (b as TableBlock).table === slot.table) as TableBlock;
  (table.cells[slot.cell] as TableCell).text = text;
  return copy;
}

export interface Tally {
  runs: number;
  reference: number;
  recovered: number;
  misplaced: number;
  /** Runs that lost facts: "doc · field · wording". */
  losses: string[];
}

const tally = (): Tally => ({ runs: 0, reference: 0, recovered: 0, misplaced: 0, losses: [] });

export interface BenchFigures {
  documents: number;
  slots: number;
  /** By kind of change: real wordings, listed (task) wordings, each damage. */
  byChange: Record<string, Tally>;
  /** Real wordings by field. */
  byField: Record<string, Tally>;
}

/** Run every change on every document. */
export function runBench(docs: Array<{ name: string; doc: DocumentModel }>, list: VariantList): BenchFigures {
  const figures: BenchFigures = { documents: docs.length, slots: 0, byChange: {}, byField: {} };
  const add = (t: Tally, ref: Set<string>, got: Set<string>, what: string) => {
    let found = 0;
    for (const k of ref) if (got.has(k)) found++;
    let extra = 0;
    for (const k of got) if (!ref.has(k)) extra++;
    t.runs++;
    t.reference += ref.size;
    t.recovered += found;
    t.misplaced += extra;
    if (found < ref.size || extra) t.losses.push(`${what} (−${ref.size - found}${extra ? ` +${extra}` : ''})`);
  };
  for (const { name, doc } of docs) {
    const all = factKeys(recognizeReport(doc));
    const slots = findSlots(doc);
    figures.slots += slots.length;
    for (const slot of slots) {
      const same = (v: Variant) => v.group === slot.group && v.field === slot.field && v.text !== slot.original;
      const changes: Array<[string, string, string]> = [
        ...list.variants.filter(same).map((v) => ['real', v.text, v.text] as [string, string, string]),
        ...list.listed.filter(same).map((v) => ['listed', v.text, v.text] as [string, string, string]),
      ];
      for (const [damage, fn] of Object.entries(DAMAGES)) {
        const text = fn(slot.original, slot.group);
        if (text !== null) changes.push([damage, text, `${damage}:${slot.original}`]);
      }
      // the facts of the changed table: a form's other tables are not what a label change is measured on
      const inTable = (keys: Set<string>) => new Set([...keys].filter((k) => k.split('|')[2].startsWith(`${slot.table},`)));
      const ref = inTable(all);
      for (const [change, text, label] of changes) {
        const got = inTable(factKeys(recognizeReport(withCellText(doc, slot, text))));
        const what = `${name} · ${slot.group}.${slot.field} · ${JSON.stringify(label)}`;
        add((figures.byChange[change] ??= tally()), ref, got, what);
        if (change === 'real') add((figures.byField[`${slot.group}.${slot.field}`] ??= tally()), ref, got, what);
      }
    }
  }
  return figures;
}

/** Corpus documents with a budget block or an indicator table, one per province prefix first. */
export function corpusDocxPaths(root = 'test/corpus/real', limit = 24): string[] {
  const ids = readdirSync(root).sort();
  const seen = new Set<string>();
  const first: string[] = [];
  const rest: string[] = [];
  for (const id of ids) {
    const province = id.split('-')[0];
    (seen.has(province) ? rest : first).push(join(root, id, `${id}.docx`));
    seen.add(province);
  }
  return [...first, ...rest].slice(0, limit);
}

export async function loadDocs(paths: string[]): Promise<Array<{ name: string; doc: DocumentModel }>> {
  const out: Array<{ name: string; doc: DocumentModel }> = [];
  for (const p of paths) {
    const doc = await parseDocument(new Uint8Array(readFileSync(p)));
    if (findSlots(doc).length) out.push({ name: p.split('/').pop()!.replace(/\.docx$/, ''), doc });
  }
  return out;
}

const pct = (t: Tally) => (t.reference ? `${((100 * t.recovered) / t.reference).toFixed(1)}%` : '—');

export function printFigures(f: BenchFigures, details = false): void {
  console.log(`${f.documents} documents, ${f.slots} label slots`);
  for (const [change, t] of Object.entries(f.byChange)) {
    console.log(`  ${change.padEnd(10)} runs ${String(t.runs).padStart(5)}  facts ${t.recovered}/${t.reference} (${pct(t)})  misplaced ${t.misplaced}  runs losing ${t.losses.length}`);
  }
  console.log('  real wordings by field:');
  for (const [field, t] of Object.entries(f.byField).sort()) console.log(`    ${field.padEnd(28)} runs ${String(t.runs).padStart(4)}  ${pct(t).padStart(6)}  losing ${t.losses.length}`);
  if (details) for (const t of Object.values(f.byChange)) for (const l of t.losses) console.log(`    ${l}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const cpu0 = process.cpuUsage();
  const docs = await loadDocs(['samples/seed.docx', ...corpusDocxPaths('test/corpus/real', Number(opt('--docs') ?? 24))]);
  const figures = runBench(docs, loadVariants());
  printFigures(figures, args.includes('--details'));
  const cpu = process.cpuUsage(cpu0);
  console.log(`cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  const out = opt('--json');
  if (out) writeFileSync(out, JSON.stringify({ ...figures, byChange: Object.fromEntries(Object.entries(figures.byChange).map(([k, t]) => [k, { ...t, losses: t.losses.length }])) }, null, 1));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
