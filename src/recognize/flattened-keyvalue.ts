import type { Block, ParagraphBlock } from '../../schemas/document.js';
import { BUDGET_FIELDS, namesField, TITLE_MARKERS } from './lexicon.js';
import { key } from './table-view.js';
import type { SplitColumns } from './flattened-split.js';

/**
 * A form's budget block typed as label/value lines instead of a grid (a form written in Word without a
 * table, or a page that printed each cell as "label：value"): "年初预算数：120万元", "全年预算数：120万元",
 * "全年执行数：118.5万元", "执行率：98.75%", "得分：9.9", one a line. Each line's label is named by the
 * budget vocabulary (lexicon BUDGET_FIELDS, as a grid's header is), its value is one figure. Read as the
 * form's 年度资金总额 row, each value citing its own line, so that the budget rules run on it.
 *
 * Only under a project form's title (a few lines above, no table between) and only when the lines name a
 * budget and its execution: a narrative's "预算数：…" sentence is no form.
 */

export interface KeyValueItem {
  p: ParagraphBlock;
  /** The label as written (its unit in brackets kept: 年初预算数(万元)). */
  label: string;
  /** The figure as written, unit words dropped (万元, 元, 分); a % kept. */
  value: string;
  span: [number, number];
  kind: SplitColumns['kinds'][number];
}

export interface KeyValueBudget {
  items: KeyValueItem[];
  /** The money unit the values or labels state (万元 / 元), or null. */
  unit: '万元' | '元' | null;
  /** Index of the last block read. */
  last: number;
}

/** "label：value" — a short label, a colon, one figure with its unit, nothing else. */
const LINE = /^\s*([^：:\d，。；;,]{2,16}?)\s*[：:]\s*(-?\d[\d,，]*(?:\.\d+)?)\s*(万元|元|%|％|分)?\s*[。；;]?\s*$/u;

/** The budget fields a line may name, and the part each plays (as a flattened grid's header words). */
const FIELD_KINDS: Record<string, SplitColumns['kinds'][number]> = { initialBudget: 'budget', fullYearBudget: 'budget', executed: 'executed', rate: 'rate', weight: 'points', score: 'points' };
const FIELDS = BUDGET_FIELDS.filter((e) => e.field in FIELD_KINDS);

/** How many blocks above the first line the form's title may stand (its field lines between). */
const TITLE_REACH = 10;

function fieldOf(label: string): string | null {
  const k = key(label).replace(/\((?:万元|元|%|分)\)$/u, '');
  if (!k || k.length > 12) return null;
  return FIELDS.find((e) => namesField(e, k))?.field ?? null;
}

function itemOf(p: ParagraphBlock): (KeyValueItem & { field: string; unit: string | null }) | null {
  const m = LINE.exec(p.text);
  if (!m) return null;
  const field = fieldOf(m[1]);
  if (!field) return null;
  const unitWord = m[3] ?? /\((万元|元)\)/u.exec(key(m[1]))?.[1] ?? null;
  const kind = FIELD_KINDS[field];
  // a rate is a percentage, money is no percentage
  if ((kind === 'rate') !== (unitWord === '%' || unitWord === '％')) return null;
  // the label holds no digit: the first occurrence of the figure in the (anchored) match is the value
  const start = m[0].indexOf(m[2]);
  return { p, label: m[1].trim(), value: `${m[2]}${kind === 'rate' ? '%' : ''}`, span: [start, start + m[2].length], kind, field, unit: unitWord };
}

/** Is a project form's title among the few blocks above `i` (paragraphs only)? */
function underFormTitle(blocks: Block[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - TITLE_REACH); j--) {
    const b = blocks[j];
    if (b.kind !== 'paragraph') return false;
    const k = key(b.text);
    if (TITLE_MARKERS.some((t) => t.part === 'project-self-eval' && t.match.test(k))) return true;
  }
  return false;
}

/**
 * The key-value budget lines starting at paragraph `i` (blank lines between allowed), each field once;
 * null unless they name a budget and its execution (or rate) under a project form's title.
 */
export function readKeyValueBudget(blocks: Block[], i: number): KeyValueBudget | null {
  const first = blocks[i];
  if (first.kind !== 'paragraph' || !LINE.test(first.text)) return null;
  const items: Array<NonNullable<ReturnType<typeof itemOf>>> = [];
  let last = i - 1;
  for (let j = i; j < blocks.length; j++) {
    const b = blocks[j];
    if (b.kind !== 'paragraph') break;
    if (!b.text.trim()) continue;
    const item = itemOf(b);
    if (!item || items.some((x) => x.field === item.field)) break;
    items.push(item);
    last = j;
  }
  const fields = new Set(items.map((x) => x.field));
  const budget = fields.has('fullYearBudget') || fields.has('initialBudget');
  if (items.length < 3 || !budget || !(fields.has('executed') || fields.has('rate')) || !underFormTitle(blocks, i)) return null;
  const units = new Set(items.filter((x) => x.kind === 'budget' || x.kind === 'executed').map((x) => x.unit));
  // amounts in two units (万元 and 元) are not one row
  if (units.has('万元') && units.has('元')) return null;
  const unit = units.has('万元') ? '万元' : units.has('元') ? '元' : null;
  return { items: items.map(({ field: _f, unit: _u, ...rest }) => rest), unit, last };
}
