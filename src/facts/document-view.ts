import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../../schemas/document.js';
import { compactKey } from '../text/normalize.js';

/**
 * One report's document, indexed once and shared by the rules and cross-part facts that read it:
 * paragraphs by ordinal, a narrative's paragraphs by range, tables by number, and every paragraph and
 * cell with its compact key, searchable for words (year-consistency's title restatements). Before
 * this view each consumer walked `document.blocks` itself — a Map of paragraphs built per rule (their
 * whitespace removed again per rule), a `blocks.find` per table, a pass over every block per narrative,
 * and a `key.includes` over every paragraph and cell (~1,000 on seed.docx) per title word set. A
 * DocumentModel is not changed once parsed, so the view is remembered with it (WeakMap) and what it
 * returns is shared: do not change it.
 */
export interface DocumentView {
  /** The paragraph block of an ordinal (the last one, as a Map built over the blocks keeps). */
  paragraph(ordinal: number): ParagraphBlock | undefined;
  /** The paragraph ordinals, each once, in the order of their first block. */
  ordinals(): IterableIterator<number>;
  /** A paragraph's text with its whitespace removed (made on first ask; '' for no such paragraph). */
  compactParagraph(ordinal: number): string;
  /** The paragraph blocks with first ≤ ordinal ≤ last, in document order. */
  paragraphsIn(first: number, last: number): readonly ParagraphBlock[];
  /** The first table block numbered `table`. */
  table(table: number): TableBlock | undefined;
  /** The paragraphs and table cells whose compactKey contains `words`, in document order (every text keyed on first ask). */
  placesContaining(words: string): readonly KeyedPlace[];
}

/** A body paragraph or a table cell with its compact key. */
export interface KeyedPlace {
  text: string;
  key: string;
  table: number | null;
  row: number | null;
  col: number | null;
  page: number | null;
  paragraph: number | null;
}

const views = new WeakMap<DocumentModel, DocumentView>();

export function documentView(doc: DocumentModel): DocumentView {
  let view = views.get(doc);
  if (!view) {
    view = buildView(doc);
    views.set(doc, view);
  }
  return view;
}

function buildView(doc: DocumentModel): DocumentView {
  const paragraphs: ParagraphBlock[] = [];
  const byOrdinal = new Map<number, ParagraphBlock>();
  const tables = new Map<number, TableBlock>();
  // ordinals rise with the blocks in every reader; a document where they do not is read by filter
  let ascending = true;
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') {
      if (paragraphs.length > 0 && b.paragraph <= paragraphs[paragraphs.length - 1].paragraph) ascending = false;
      paragraphs.push(b);
      byOrdinal.set(b.paragraph, b);
    } else if (!tables.has(b.table)) tables.set(b.table, b);
  }
  const compact = new Map<number, string>();
  // every paragraph's and cell's compact key, joined by a newline (no key holds whitespace): one indexOf pass
  // finds the texts naming some words; a place object is made only for the texts found
  let keyed: { joined: string; starts: number[]; blocks: Block[]; cells: Array<TableCell | null> } | undefined;
  const keyedTexts = () => {
    if (keyed) return keyed;
    const keys: string[] = [];
    const starts: number[] = [];
    const blocks: Block[] = [];
    const cells: Array<TableCell | null> = [];
    let at = 0;
    const add = (key: string, block: Block, cell: TableCell | null) => {
      keys.push(key);
      starts.push(at);
      blocks.push(block);
      cells.push(cell);
      at += key.length + 1;
    };
    for (const b of doc.blocks) {
      if (b.kind === 'paragraph') add(compactKey(b.text), b, null);
      else for (const c of b.cells) add(compactKey(c.text), b, c);
    }
    keyed = { joined: keys.join('\n'), starts, blocks, cells };
    return keyed;
  };
  const placeOf = (k: number): KeyedPlace => {
    const { joined, starts, blocks, cells } = keyedTexts();
    const key = joined.slice(starts[k], (starts[k + 1] ?? joined.length + 1) - 1);
    const b = blocks[k];
    const c = cells[k];
    if (b.kind === 'paragraph') return { text: b.text, key, table: null, row: null, col: null, page: b.page, paragraph: b.paragraph };
    return { text: c!.text, key, table: b.table, row: c!.row, col: c!.col, page: c!.page, paragraph: null };
  };
  return {
    paragraph: (ordinal) => byOrdinal.get(ordinal),
    ordinals: () => byOrdinal.keys(),
    compactParagraph(ordinal) {
      let text = compact.get(ordinal);
      if (text === undefined) {
        text = byOrdinal.get(ordinal)?.text.replace(/\s+/g, '') ?? '';
        compact.set(ordinal, text);
      }
      return text;
    },
    paragraphsIn(first, last) {
      if (!ascending) return paragraphs.filter((b) => b.paragraph >= first && b.paragraph <= last);
      const from = lowerBound(paragraphs, first);
      let to = from;
      while (to < paragraphs.length && paragraphs[to].paragraph <= last) to++;
      return paragraphs.slice(from, to);
    },
    table: (table) => tables.get(table),
    placesContaining(words) {
      const { joined, starts } = keyedTexts();
      const out: KeyedPlace[] = [];
      if (words === '' || /\s/.test(words)) {
        // not a compact key: every text is tested on its own
        for (let k = 0; k < starts.length; k++) {
          const place = placeOf(k);
          if (place.key.includes(words)) out.push(place);
        }
        return out;
      }
      let last = -1;
      for (let i = joined.indexOf(words); i >= 0; i = joined.indexOf(words, i + 1)) {
        const k = placeAt(starts, i);
        if (k === last) continue;
        last = k;
        out.push(placeOf(k));
      }
      return out;
    },
  };
}

/** The first paragraph index whose ordinal is ≥ `ordinal` (paragraphs in ascending order). */
function lowerBound(paragraphs: readonly ParagraphBlock[], ordinal: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid].paragraph < ordinal) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The place whose key holds the joined text's offset `at` (the last start ≤ at). */
function placeAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
