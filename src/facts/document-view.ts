import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../../schemas/document.js';
import { compactKey } from '../text/normalize.js';

/**
 * One report's document, indexed once and shared by the rules and cross-part facts that read it:
 * paragraphs by ordinal, a narrative's paragraphs by range, tables by number, and every paragraph and
 * cell with its compact key, searchable for words (year-consistency's title restatements). Before
 * this view each consumer walked `document.blocks` itself — a Map of paragraphs built per rule (their
 * whitespace removed again per rule), a `blocks.find` per table, a pass over every block per narrative,
 * and a place object with its compact key for every paragraph and cell (~1,000 on seed.docx) per report. A
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
  /** The paragraphs and table cells whose compactKey contains `words`, in document order (every text keyed on first search). */
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
  // every paragraph's and cell's compact key, made on first search; a place object only for the texts found
  let keyed: { keys: string[]; blocks: Block[]; cells: Array<TableCell | null> } | undefined;
  const keyedTexts = () => {
    if (keyed) return keyed;
    keyed = { keys: [], blocks: [], cells: [] };
    for (const b of doc.blocks) {
      if (b.kind === 'paragraph') {
        keyed.keys.push(compactKey(b.text));
        keyed.blocks.push(b);
        keyed.cells.push(null);
      } else {
        for (const c of b.cells) {
          keyed.keys.push(compactKey(c.text));
          keyed.blocks.push(b);
          keyed.cells.push(c);
        }
      }
    }
    return keyed;
  };
  // the keys joined by a character none holds (compact keys have no whitespace), with each key's offset in it
  let joined: { text: string; starts: number[] } | undefined;
  const joinedKeys = () => {
    if (joined) return joined;
    const { keys } = keyedTexts();
    const starts: number[] = [];
    let at = 0;
    for (const key of keys) {
      starts.push(at);
      at += key.length + 1;
    }
    return (joined = { text: keys.join(KEY_SEPARATOR), starts });
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
      const { keys, blocks, cells } = keyedTexts();
      const out: KeyedPlace[] = [];
      const place = (k: number) => {
        const b = blocks[k];
        const c = cells[k];
        if (b.kind === 'paragraph') out.push({ text: b.text, key: keys[k], table: null, row: null, col: null, page: b.page, paragraph: b.paragraph });
        else out.push({ text: c!.text, key: keys[k], table: b.table, row: c!.row, col: c!.col, page: c!.page, paragraph: null });
      };
      if (!words || words.includes(KEY_SEPARATOR)) {
        for (let k = 0; k < keys.length; k++) if (keys[k].includes(words)) place(k);
        return out;
      }
      // one search of all keys run together: a hit lies inside one key (no key holds the separator), the next is looked for from the key after it
      const { text, starts } = joinedKeys();
      for (let at = text.indexOf(words); at >= 0; ) {
        const k = lastAtOrBefore(starts, at);
        place(k);
        at = k + 1 < starts.length ? text.indexOf(words, starts[k + 1]) : -1;
      }
      return out;
    },
  };
}

/** Between two compact keys in their joined text: whitespace, which no compact key holds. */
const KEY_SEPARATOR = '\n';

/** The index of the last of the ascending `starts` that is ≤ `at` (starts[0] is 0 ≤ at). */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
