import type { TableBlock } from '../../schemas/document.js';
import type { Finding, Severity } from '../../schemas/finding.js';
import { cellAnchor, findingAnchor, originCell, paragraphRange, spanAnchor, tableAnchor, type SourceIndex } from './anchors.js';

/** A link from highlighted source back to a finding. */
export interface BackRef {
  anchor: string;
  /** 1-based number of the finding on the page ("发现 3"). */
  number: number;
  severity: Severity;
  rule: string;
}

export interface ParagraphMark {
  start: number;
  end: number;
  anchor: string;
  refs: BackRef[];
}

/**
 * Resolves every evidence item of every finding to the place it highlights in the rendered source,
 * so the finding's link and the highlight's back-link always agree. Overlapping highlights in one
 * paragraph are merged into one mark that links back to all their findings.
 */
export class EvidenceMap {
  /** Table cell anchor → findings that cite it. */
  readonly cells = new Map<string, BackRef[]>();
  /** Paragraph ordinal → merged highlight ranges. */
  readonly paragraphs = new Map<number, ParagraphMark[]>();
  /** Tables and paragraphs cited by any evidence, in document order. */
  readonly citedTables = new Set<number>();
  private readonly targets = new Map<string, string | null>();

  constructor(
    readonly findings: Finding[],
    readonly source: SourceIndex,
  ) {
    const pending = new Map<number, Array<{ start: number; end: number; ref: BackRef; key: string }>>();
    findings.forEach((finding, fi) => {
      const ref: BackRef = { anchor: findingAnchor(finding.id), number: fi + 1, severity: finding.severity, rule: finding.rule };
      finding.evidence.forEach((ev, ei) => {
        const key = `${fi}:${ei}`;
        const loc = ev.location;
        if (loc.table !== null && loc.table !== undefined) {
          const table = source.tables.get(loc.table);
          if (!table) return this.targets.set(key, null);
          this.citedTables.add(loc.table);
          const anchors = citedCells(table, loc.row, loc.col);
          if (!anchors.length) return this.targets.set(key, tableAnchor(loc.table));
          for (const anchor of anchors) addRef(this.cells, anchor, ref);
          this.targets.set(key, anchors[0]);
        } else if (loc.paragraph !== null && loc.paragraph !== undefined) {
          const paragraph = source.paragraphs.get(loc.paragraph);
          if (!paragraph) return this.targets.set(key, null);
          const [start, end] = paragraphRange(loc, ev.text, paragraph.text);
          const list = pending.get(loc.paragraph) ?? [];
          list.push({ start, end, ref, key });
          pending.set(loc.paragraph, list);
        } else {
          this.targets.set(key, null);
        }
      });
    });
    for (const [paragraph, ranges] of pending) {
      ranges.sort((a, b) => a.start - b.start || b.end - a.end);
      const marks: ParagraphMark[] = [];
      for (const r of ranges) {
        const last = marks[marks.length - 1];
        if (last && r.start < last.end) {
          last.end = Math.max(last.end, r.end);
          if (!last.refs.some((x) => x.anchor === r.ref.anchor)) last.refs.push(r.ref);
          this.targets.set(r.key, last.anchor);
        } else {
          const mark = { start: r.start, end: r.end, anchor: spanAnchor(paragraph, r.start), refs: [r.ref] };
          marks.push(mark);
          this.targets.set(r.key, mark.anchor);
        }
      }
      this.paragraphs.set(paragraph, marks);
    }
  }

  /** Anchor of the highlighted source for evidence `ei` of finding `fi`, or null when not in the document. */
  target(fi: number, ei: number): string | null {
    return this.targets.get(`${fi}:${ei}`) ?? null;
  }

  /** Cited paragraph ordinals, in document order. */
  citedParagraphs(): number[] {
    return [...this.paragraphs.keys()].sort((a, b) => a - b);
  }
}

/**
 * Cells an evidence location cites: the merged region covering (row, col); for a whole-row location
 * (col null, e.g. an indicator row or a group heading) every cell that starts on that row.
 */
function citedCells(table: TableBlock, row: number | null, col: number | null): string[] {
  if (row === null || row === undefined) return [];
  if (col !== null && col !== undefined) {
    const origin = originCell(table, row, col);
    return origin ? [cellAnchor(table.table, origin.row, origin.col)] : [];
  }
  return table.cells.filter((c) => c.row === row).map((c) => cellAnchor(table.table, c.row, c.col));
}

function addRef(map: Map<string, BackRef[]>, anchor: string, ref: BackRef): void {
  const list = map.get(anchor) ?? [];
  if (!list.some((x) => x.anchor === ref.anchor)) list.push(ref);
  map.set(anchor, list);
}
