import { blockOf, blockText, isFigure, isLeaders, type Block } from './row-model.js';

/**
 * A cell typed as several paragraphs (one short paragraph a line, 企业较好把 / 握正确政治 / 导向和文化 —
 * 手动分段 in a narrow column) is printed by a browser with paragraph spacing between its lines:
 * wider than the leading of wrapped text (row-model.ts stackBlocks), narrower than the gap between
 * rows. Without rulings each of its lines would start a row of its own. The spacing is a gap of its
 * own kind: it recurs, it lies clearly between the wrapped lines' gaps and the rows', and the
 * lines it separates interleave with the lines of a neighbouring cell of the same row (cells of
 * other line counts centred on the row put their lines across the gap), or the row's other cells are
 * centred on the run of them together (cells set in the middle of their row). Two lines of one column
 * that each have a figure of their own beside them (a 分值 or 得分 per line) are two rows, never one
 * cell. A line of leaders (……, a template's placeholder row left as it was) is a row of its own.
 */

/** Gaps within this many font sizes of each other are one spacing. */
const SAME_SPACING_EMS = 0.1;
/** Paragraph spacing recurs at least this often in the table. */
const MIN_RECURRENCE = 3;
/** …lies at least this far above the widest gap inside a block (wrapped lines)… */
const ABOVE_LEADING_EMS = 0.25;
/** …and no further apart than this (font sizes): more is a row gap however often it recurs. */
const MAX_PARAGRAPH_EMS = 2.5;
/** Rows lie at least this much further apart than paragraphs for the two to be told apart. */
const ROW_MARGIN_EMS = 1;
/** A line of another column crosses the gap by at least this share of its font size. */
const CROSSING_SHARE = 0.5;

/** A figure centred on a cell is within this many font sizes of its middle. */
const CENTRED_EMS = 0.5;

const columnKey = (b: Block) => `${b.c0}:${b.c1}`;
const overlapY = (a: { top: number; bottom: number }, b: { top: number; bottom: number }) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
/** Is `o` in another column than `a` (no shared column span)? */
const otherColumn = (o: Block, a: Block) => o.c1 <= a.c0 || a.c1 <= o.c0;
/** Does a line of words (no figure) of `o` lie across `gap` by at least CROSSING_SHARE of its size? */
const wordsAcross = (o: Block, gap: { top: number; bottom: number }) => o.pieces.some((p) => overlapY(p, gap) >= CROSSING_SHARE * p.size && !isFigure(p.runs.map((r) => r.str).join('')));

/** Join the blocks of one column separated by paragraph spacing inside a cell (see above). */
export function joinCellParagraphs(blocks: readonly Block[]): Block[] {
  const spacing = paragraphSpacing(blocks);
  if (spacing === null) return joined(blocks, centredAcrossGap(blocks));
  // A label of two paragraphs merged over two rows, centred on their gap, first: beside the cells
  // of the rows it covers it is one block (工作计划 / (6分) over 年度工作计划完整性 and …明确性).
  const labelled = joined(blocks, atSpacing(blocks, spacing).filter(([a, b]) => centredOnRowGap(a, b, blocks) && !ownFigures(a, b, blocks)));
  // Pairs of successive blocks of a column at that spacing: a cell's paragraphs, or rows that close.
  const pairs = atSpacing(labelled, spacing);
  const paragraphLines = new Set(pairs.flat());
  const paired = pairs.filter(([a, b]) => (crossed(a, b, paragraphLines) || rowGoesOn(a, b, labelled, spacing) || centredFigure(a, b, labelled)) && !ownFigures(a, b, labelled));
  const joins = [...paired, ...centredChains(pairs, labelled).filter((p) => !paired.some(([a, b]) => a === p[0] && b === p[1]))];
  return joined(labelled, joins);
}

/**
 * Two successive blocks of one column, a gap of no recurring spacing between them (a blank line: a
 * header typed 得分 / (20分*执行率) with an empty paragraph between), that the first lines of other
 * cells cross, those cells centred on the two together (预算数(A), 执行数(B), 执行率(B/A) set in the
 * middle of the header row): one cell. Only in a table where no paragraph spacing recurs (with one,
 * its own joins above decide). centredRow keeps two rows apart (a cell beside one of them alone, a
 * figure beside each).
 */
function centredAcrossGap(blocks: readonly Block[]): [Block, Block][] {
  const pairs: [Block, Block][] = [];
  for (const column of byColumn(blocks).values())
    for (let k = 1; k < column.length; k++) {
      const [a, b] = [column[k - 1], column[k]];
      if ((b.top - a.bottom) / b.size > MAX_PARAGRAPH_EMS || isLeaders(blockText(b))) continue;
      const gap = { top: a.bottom, bottom: b.top };
      const centre = (a.top + b.bottom) / 2;
      const across = blocks.some((o) => otherColumn(o, a) && wordsAcross(o, gap) && Math.abs((o.top + o.bottom) / 2 - centre) <= CENTRED_EMS * o.size);
      if ((across && centredRow([a, b], blocks)) || hangsOnNextRow(a, b, blocks)) pairs.push([a, b]);
    }
  return pairs;
}

/** The next row's text starts within this many font sizes under a block: no padding between, the block is no row. */
const TOUCHING_EMS = 0.25;

/**
 * `b`, a blank line under `a` in its column, has nothing beside it, and the text of other columns
 * under it starts closer than any cell padding (预算执行情况(万元) / (20分) merged over the header
 * and the 年度财政资金总额 row, (20分) touching that row's text): the last paragraph of `a`'s cell.
 */
function hangsOnNextRow(a: Block, b: Block, blocks: readonly Block[]): boolean {
  const others = blocks.filter((o) => otherColumn(o, a));
  if (others.some((o) => overlapY(o, b) > 0) || !others.some((o) => overlapY(o, a) > 0)) return false;
  const below = others.filter((o) => o.top >= b.bottom).sort((x, y) => x.top - y.top)[0];
  return below !== undefined && below.top - b.bottom <= TOUCHING_EMS * b.size;
}

/** Pairs of successive blocks of a column `spacing` apart (font sizes), the second no line of leaders. */
function atSpacing(blocks: readonly Block[], spacing: number): [Block, Block][] {
  const pairs: [Block, Block][] = [];
  for (const column of byColumn(blocks).values())
    for (let k = 1; k < column.length; k++)
      if (Math.abs((column[k].top - column[k - 1].bottom) / column[k].size - spacing) <= SAME_SPACING_EMS && !isLeaders(blockText(column[k]))) pairs.push([column[k - 1], column[k]]);
  return pairs;
}

/** The blocks with each chain of joined pairs made one block. */
function joined(blocks: readonly Block[], joins: readonly (readonly [Block, Block])[]): Block[] {
  if (!joins.length) return [...blocks];
  const cellOf = new Map<Block, Block[]>();
  for (const [a, b] of joins) {
    const cell = cellOf.get(a) ?? [a];
    cell.push(b);
    cellOf.set(a, cell);
    cellOf.set(b, cell);
  }
  const out: Block[] = [];
  const done = new Set<Block[]>();
  for (const b of blocks) {
    const cell = cellOf.get(b);
    if (!cell) out.push(b);
    else if (!done.has(cell)) {
      done.add(cell);
      out.push(blockOf(cell.flatMap((x) => x.pieces)));
    }
  }
  return out;
}

/**
 * Are `a` and `b` (successive paragraphs of one column) a label centred on the gap between two
 * rows: text of other columns beside each, none at the middle of the two together, and neither a
 * row of its own — no cell beside it centred on it or starting with it?
 */
function centredOnRowGap(a: Block, b: Block, blocks: readonly Block[]): boolean {
  const others = blocks.filter((o) => otherColumn(o, a));
  const centre = (a.top + b.bottom) / 2;
  if (others.some((o) => o.top <= centre && centre <= o.bottom)) return false;
  const ownRow = (x: Block) => others.some((o) => overlapY(o, x) > 0 && (Math.abs(o.top + o.bottom - x.top - x.bottom) <= 2 * CENTRED_EMS * o.size || Math.abs(o.top - x.top) <= SAME_START_EMS * o.size));
  if (ownRow(a) || ownRow(b)) return false;
  return others.some((o) => overlapY(o, a) > 0) && others.some((o) => overlapY(o, b) > 0);
}

function byColumn(blocks: readonly Block[]): Map<string, Block[]> {
  const columns = new Map<string, Block[]>();
  for (const b of blocks) columns.set(columnKey(b), [...(columns.get(columnKey(b)) ?? []), b]);
  for (const column of columns.values()) column.sort((a, b) => a.top - b.top);
  return columns;
}

/**
 * The paragraph spacing of the table (font sizes), or null: the smallest gap between successive
 * blocks of a column that recurs, lies clearly above the leading of wrapped lines, and has row gaps
 * clearly above it.
 */
function paragraphSpacing(blocks: readonly Block[]): number | null {
  const leading = Math.max(0, ...blocks.map(innerGapEms));
  const gaps: number[] = [];
  for (const column of byColumn(blocks).values()) for (let k = 1; k < column.length; k++) gaps.push((column[k].top - column[k - 1].bottom) / column[k].size);
  const ascending = gaps.filter((g) => g > leading + ABOVE_LEADING_EMS).sort((a, b) => a - b);
  for (let k = 0; k + MIN_RECURRENCE - 1 < ascending.length; k++) {
    const g = ascending[k];
    if (g > MAX_PARAGRAPH_EMS) return null;
    if (ascending[k + MIN_RECURRENCE - 1] - g > SAME_SPACING_EMS) continue;
    const spacing = ascending[k + Math.floor((MIN_RECURRENCE - 1) / 2)];
    return ascending.some((x) => x >= spacing + ROW_MARGIN_EMS) ? spacing : null;
  }
  return null;
}

/** The widest gap between successive lines of a block (font sizes); 0 for one line. */
function innerGapEms(block: Block): number {
  const tops = [...new Map(block.pieces.map((p) => [p.line, p])).values()].sort((a, b) => a.top - b.top);
  let widest = 0;
  for (let k = 1; k < tops.length; k++) widest = Math.max(widest, (tops[k].top - tops[k - 1].bottom) / block.size);
  return widest;
}

/**
 * Does a line of text of another column lie across the gap between `a` and `b` — a paragraph of a
 * cell beside them, its own lines at the same spacing (cells of one row centred on it, their lines
 * interleaved)? A label merged over two rows, centred on their gap, is a block of its own.
 */
function crossed(a: Block, b: Block, paragraphLines: ReadonlySet<Block>): boolean {
  const gap = { top: a.bottom, bottom: b.top };
  return [...paragraphLines].some((o) => otherColumn(o, a) && wordsAcross(o, gap));
}

/** Cells of one row start together (top-aligned) within this many font sizes. */
const SAME_START_EMS = 0.3;

/**
 * Does a cell of another column that starts with `a` (the same row, top-aligned) run on across the
 * gap under `a` and end less than the paragraph spacing above `b` (质量指 / 标 beside 获得目的国,
 * (地区)受 under it)? The next row starts under the lowest text of the row above plus the row's
 * padding; a line that close under the row's text is still the row's: `b` is `a`'s next paragraph.
 */
function rowGoesOn(a: Block, b: Block, blocks: readonly Block[], spacing: number): boolean {
  const gap = { top: a.bottom, bottom: b.top };
  return blocks.some(
    (o) =>
      otherColumn(o, a) &&
      Math.abs(o.top - a.top) <= SAME_START_EMS * a.size &&
      o.bottom <= b.top &&
      b.top - o.bottom < spacing * b.size &&
      wordsAcross(o, gap),
  );
}

/**
 * Runs of paragraphs of one column (successive blocks at the paragraph spacing) on which the cells
 * of two other columns or more are centred together — a row whose cells are set in the middle
 * (三公经费变动/率, its 分值 8 and 得分 0, its 指标说明 centred on 三公经费变动率≤0,计8分; / 三公经费> /
 * 0,每超过…扣完为止.; 预算控制率 beside five lines of 评价标准): the run is one cell of paragraphs. A cell
 * beside the run centred elsewhere (on one of its paragraphs: rows of one line each) leaves it
 * unjoined. Returns the pairs to join.
 */
function centredChains(pairs: readonly (readonly [Block, Block])[], blocks: readonly Block[]): [Block, Block][] {
  const next = new Map(pairs.map(([a, b]) => [a, b]));
  const starts = pairs.map(([a]) => a).filter((a) => !pairs.some(([, b]) => b === a));
  const out: [Block, Block][] = [];
  for (const start of starts) {
    const chain = [start];
    for (let b = next.get(start); b; b = next.get(b)) chain.push(b);
    // The longest run first; a run joined is not looked into again.
    for (let len = chain.length; len >= 2; len--)
      for (let i = 0; i + len <= chain.length; i++) {
        const run = chain.slice(i, i + len);
        if (run.some((b) => out.some(([x, y]) => x === b || y === b)) || !centredRow(run, blocks)) continue;
        for (let k = 1; k < run.length; k++) out.push([run[k - 1], run[k]]);
      }
  }
  return out;
}

/**
 * Are cells of two other columns or more centred on the run together, and every other cell beside
 * it either centred on it too or reaching past it (a label merged over more rows) without being
 * centred on one of its paragraphs? A cell beside the run centred elsewhere is a row of its own.
 */
function centredRow(run: readonly Block[], blocks: readonly Block[]): boolean {
  const [first, last] = [run[0], run.at(-1)!];
  const extent = { top: first.top, bottom: last.bottom };
  const centreOf = (b: { top: number; bottom: number }) => (b.top + b.bottom) / 2;
  const centredOn = (o: Block, b: { top: number; bottom: number }) => Math.abs(centreOf(o) - centreOf(b)) <= CENTRED_EMS * o.size;
  const beside = blocks.filter((o) => otherColumn(o, first) && overlapY(o, extent) >= CROSSING_SHARE * o.size);
  const centring = beside.filter((o) => centredOn(o, extent));
  if (new Set(centring.map(columnKey)).size < 2) return false;
  // …and set at the top of their cells with one of its later paragraphs (text at the top left, rows
  // a line or two each): that paragraph starts their row.
  if (run.slice(1).some((b) => centring.every((o) => Math.abs(o.top - b.top) <= SAME_START_EMS * o.size))) return false;
  const reachesPast = (o: Block) => (o.top < first.top || o.bottom > last.bottom) && !run.some((b) => centredOn(o, b));
  if (!beside.every((o) => centring.includes(o) || reachesPast(o))) return false;
  // Cells centred on the run's middle paragraph as well (one line between as many above and below)
  // may be that paragraph's row between rows left blank (2、出国经费 | 3、公务接待 17.22 | 项目支出:):
  // a cell of more lines than that paragraph, centred on it, shows the row is the run's.
  const middle = run.find((b) => centring.some((o) => centredOn(o, b)));
  if (middle && !centring.some((o) => o.bottom - o.top > middle.bottom - middle.top + 0.5 * o.size)) return false;
  for (let k = 1; k < run.length; k++) if (ownFigures(run[k - 1], run[k], blocks)) return false;
  return true;
}

/** A figure of another column centred on `a` and `b` together, across the gap between them (a 分值 beside a cell of two paragraphs). */
function centredFigure(a: Block, b: Block, blocks: readonly Block[]): boolean {
  const gap = { top: a.bottom, bottom: b.top };
  const centre = (a.top + b.bottom) / 2;
  // Another column starting a block with each (年度预期目标 | 具体完成情况, two goals a row each beside
  // the 总体完成率 merged over both): two rows, the figure merged over them.
  const starts = (x: Block) => blocks.some((o) => otherColumn(o, a) && !isFigure(blockText(o)) && Math.abs(o.top - x.top) <= SAME_START_EMS * x.size);
  if (starts(a) && starts(b)) return false;
  return blocks.some((o) => otherColumn(o, a) && isFigure(blockText(o)) && overlapY(o, gap) > 0 && Math.abs((o.top + o.bottom) / 2 - centre) <= CENTRED_EMS * o.size);
}

/** Does some other column hold a figure beside `a` and another beside `b` — a row each? */
function ownFigures(a: Block, b: Block, blocks: readonly Block[]): boolean {
  const figures = blocks.filter((o) => otherColumn(o, a) && isFigure(blockText(o)));
  return figures.some((f) => overlapY(f, a) > 0 && figures.some((g) => g !== f && g.c0 === f.c0 && g.c1 === f.c1 && overlapY(g, b) > 0));
}
