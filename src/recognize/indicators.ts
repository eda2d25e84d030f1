import type { TableBlock, TableCell } from '../../schemas/document.js';
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Figure } from '../../schemas/figure.js';
import type { Indicator, Measure, TotalRow } from '../../schemas/records.js';
import { Rational } from '../numbers/decimal.js';
import { parseFigure, parseMeasureFigure } from '../numbers/figure.js';
import { compactKey, normalizeText } from '../text/normalize.js';
import { cellFact, cellLocation, cellText, partialFact, withCorrections } from './facts.js';
import { underOcrLabel } from './ocr-label-match.js';
import { INDICATOR_COLUMNS, isIndicatorHeader, isSubHeader, mapColumns } from './header-map.js';
import { SCORE_RATIO } from './lexicon.js';
import type { PresetColumns } from './headless-indicators.js';
import { cellAt, key, ownCells, rowCells, rowKeys } from './table-view.js';

export interface IndicatorParse {
  indicators: Indicator[];
  /** Template placeholder rows left in ("指标2：", "……"): not indicators, one leftover each. */
  placeholders: TextFact[];
  total: TotalRow | null;
  columns: Array<{ field: string; label: string }>;
  /** Header labels naming a field that were not mapped. */
  unmapped: string[];
  /** Where reading stopped: index into `tables` and the next unread row there. */
  end: { table: number; row: number };
}

const TOTAL_RE = /^(总分|合计|总计|综合得分|总得分|得分合计)/;
/** A total label that carries its figure: 总分:83, 总分：94分. */
const LABEL_SCORE_RE = /^(\s*(?:总分|总得分|综合得分|得分合计)\s*[:：]\s*)(\d+(?:\.\d+)?)\s*分?\s*$/;
const NOT_APPLICABLE_RE = /^(不适用|无此项|\/|—|-|——)$/;
/**
 * What a blank template prints in an indicator row it expects to be filled: 指标1：, ……, XX — one, or
 * several run into one cell ("指标1: 指标2:", a flattened template's spare rows). OCR reads the 1 of
 * 指标1: as a letter at times (指标L:, 指标l:): with its colon it is the same spare row.
 */
const PLACEHOLDER_RE = /^(?:(?:(?:三级)?指标\s*(?:\d+|[lLI|](?=\s*[:：]))\s*[:：]?\s*(?:[…⋯]+|\.{2,}|。{2,}|[·•]{3,})?)+|[…⋯]+|\.{3,}|。{3,}|[·•]{3,}|[xX×]{2,})$/;

/** The template's numbering before a filled-in name ("指标1工程资金金额", "指标2：验收合格率", "三级指标1、…"). */
const TEMPLATE_NUMBER_RE = /^\s*(?:三级)?指标\s*\d{1,2}\s*[:：、.．]?\s*/;

/** An indicator's own name, without the template row numbering that precedes it; a bare 指标N stays as written. */
export function indicatorName(text: string): string {
  const trimmed = text.trim();
  const m = TEMPLATE_NUMBER_RE.exec(trimmed);
  if (!m) return trimmed;
  const rest = trimmed.slice(m[0].length);
  // "指标1率" is too short to be a name of its own: keep what was written
  return rest.length >= 2 && !isPlaceholderText(rest) ? rest : trimmed;
}

export function isPlaceholderText(text: string): boolean {
  const k = key(text);
  return k.length > 0 && PLACEHOLDER_RE.test(k);
}

/**
 * A header row of another table (表头): its first cell is 序号/编号 and the row is labels only —
 * three or more, none a bare number, none an 指标 heading (a form's own header repeated on a new
 * page is one). An indicator block never holds one; a list printed under the form (培训机构 and
 * their 补助资金) is read on as indicator rows when it shares the form's grid or follows it.
 */
function startsOtherTable(own: readonly TableCell[]): boolean {
  const filled = own.filter((c) => c.text.trim()).sort((a, b) => a.col - b.col);
  return filled.length >= 3 && /^(序号|编号)$/.test(key(filled[0].text)) && filled.every((c) => !/^[\d.,%\s-]+$/.test(c.text.trim()) && !/指标/.test(key(c.text)));
}

/** Points declared in a level-1 label: "产出指标(30分)" / "效益指标（30分）" → 30. */
export function declaredPoints(label: string): Figure | null {
  const m = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/.exec(normalizeText(label));
  return m ? parseFigure(m[1]) : null;
}

/** Level-1 name without its declared points ("产出指标(30分)" → "产出指标"). */
export function level1Name(label: string): string {
  return compactKey(label).replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]/, '');
}

/** A target or actual as a Measure: figure when there is one, qualitative otherwise. */
export function toMeasure(text: string): Measure {
  const figure = parseMeasureFigure(text);
  return { text, figure, qualitative: figure === null && text.trim().length > 0 };
}

/**
 * Read the indicator rows that follow an indicator header (一级/二级/三级指标 …), one Indicator per
 * 三级指标 row, until the 总分/合计 row or the end of the table(s). Level-1/2 labels come from merged
 * cells above; columns are found by header meaning (分值 may come before 年度指标值, the target may be
 * split into 指标性质/指标值/度量单位).
 */
export function readIndicators(part: string, tables: TableBlock[], start: { table: number; row: number }, preset?: PresetColumns): IndicatorParse {
  const first = tables[start.table];
  // a block without a header of its own (headless-indicators.ts) starts reading at its first row
  const headerRows = preset ? [start.row - 1] : [start.row];
  if (preset) {
    // columns placed by the template, not read from a header
  } else if (isSubHeader(first, start.row + 1)) headerRows.push(start.row + 1);
  // the level names under a header row whose other labels span both rows ("绩效指标 | 年度指标值 |
  // 实际完成值 | 分值 | 得分" over "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位")
  else if (start.row > 0 && rowCells(first, start.row).some((c) => c.row === start.row - 1 && c.rowSpan > 1 && c.text.trim())) headerRows.unshift(start.row - 1);
  const mapped = preset ? { cols: new Map(preset.cols), labels: preset.labels, unmapped: [] as string[] } : mapColumns(first, headerRows, INDICATOR_COLUMNS);
  let cols = mapped.cols;
  // fields mapped through a label OCR misread (ocr-label-match.ts): their values are OCR text
  let unsure = 'fuzzy' in mapped ? mapped.fuzzy : undefined;
  const levelPoints = preset ? {} : levelPointColumns(first, headerRows[headerRows.length - 1], cols);
  const folded = !preset && foldedPointColumns(first, headerRows[headerRows.length - 1], cols);
  const leftWeight = cols.get('weight');
  const weightMoved = !preset && weightRightOfNames(first, headerRows[headerRows.length - 1], cols);
  // the points column moved off (自评权重) stands right of the 一级指标 (分解目标): the level's points
  if (weightMoved && levelPoints.level1 === undefined && leftWeight !== undefined && rightOf(first, headerRows[headerRows.length - 1], cols.get('level1'), leftWeight)) levelPoints.level1 = leftWeight;
  const ratioCol = preset ? undefined : scoreRatioColumn(first, headerRows, cols);
  const labels = levelPoints.corrected || folded || weightMoved ? relabel(first, headerRows[headerRows.length - 1], cols) : mapped.labels;
  const indicators: Indicator[] = [];
  const placeholders: TextFact[] = [];
  let total: TotalRow | null = null;
  let lastLevel1 = '';
  let lastLevel2 = '';
  let lastLevel1Points: Figure | null = null;
  let lastLevel2Points: Figure | null = null;
  let tableIdx = start.table;
  let r = headerRows[headerRows.length - 1] + 1;
  outer: for (; tableIdx < tables.length; tableIdx++, r = 0) {
    const table = tables[tableIdx];
    if (tableIdx !== start.table) {
      // A continuation table may repeat the header (page breaks, split forms): map its own columns.
      const own = Array.from({ length: Math.min(3, table.nRows) }, (_, i) => i).find((i) => isIndicatorHeader(table, i));
      if (own !== undefined) {
        const rows = isSubHeader(table, own + 1) ? [own, own + 1] : [own];
        ({ cols, fuzzy: unsure } = mapColumns(table, rows, INDICATOR_COLUMNS));
        r = rows[rows.length - 1] + 1;
      }
    }
    for (; r < table.nRows; r++) {
      const own = ownCells(table, r);
      const cells = rowCells(table, r);
      const texts = rowKeys(table, r);
      if (texts.some((t) => /三级指标/.test(t)) && texts.some((t) => /得分/.test(t))) continue;
      // Another table printed right under the form (a 序号 | 单位 | … list), joined to it in one grid.
      if (startsOtherTable(own)) break outer;
      const firstText = cells.find((c) => c.text.trim() && !isSectionLabel(c, headerRows[0], table === first));
      // the 总分 label may stand after a note cell ("其他需要说明事项 | 无 | 总分 | 100 | 96")
      const totalLabel = firstText && TOTAL_RE.test(key(firstText.text)) ? firstText : cells.find((c) => c.row === r && key(c.text).length <= 6 && TOTAL_RE.test(key(c.text)) && !isSectionLabel(c, headerRows[0], table === first));
      if (totalLabel) {
        total = readTotal(part, table, r, cols, totalLabel);
        r++;
        break outer;
      }
      const fields = new FieldRow(part, table, r, cols, unsure);
      const l3 = fields.get('level3');
      // a placeholder row of the template: a 指标N / …… label, nothing filled in
      const placeholder = own.find((c) => isPlaceholderText(c.text));
      if (placeholder && (!l3 || l3.row !== r || !l3.text.trim() || isPlaceholderText(l3.text)) && ['target', 'adjustedTarget', 'actual', 'weight', 'score', 'nature', 'unit'].every((f) => fields.blank(f))) {
        placeholders.push(cellText(part, table, placeholder));
        continue;
      }
      // A 三级指标 merged over two rows, each with its own 分值/得分 (scoring sheets that split one
      // indicator into criteria: "账务管理 | 纳入乡镇账户管理，得2分 | 2 | 2" / "| 实行专账核算，得1分 | 1 | 1"):
      // each row is scored on its own, under the merged name.
      const ownPoints = !!l3 && l3.row < r && ['weight', 'score'].some((f) => fields.get(f)?.row === r && !!fields.get(f)!.text.trim());
      if (!l3 || (l3.row !== r && !ownPoints)) {
        // No own 三级指标 cell: a blank spacer row, or trailing notes.
        if (!own.some((c) => c.text.trim())) continue;
        if (own.every((c) => c.col < (cols.get('level3') ?? 0))) continue;
        break outer;
      }
      // A row left entirely blank inside the block (it happens) is not an indicator.
      if (['level3', 'target', 'adjustedTarget', 'actual', 'weight', 'score', 'reason'].every((f) => !fields.get(f)?.text.trim() || fields.get(f)!.row !== r)) continue;
      const l1 = fields.get('level1');
      const l2 = fields.get('level2');
      if (l1 && l1.row === r && levelPoints.level1 !== undefined) {
        // 53号 指标表: the level's points in the cell right of its name ("投入 | 16")
        const pts = cellAt(table, r, levelPoints.level1);
        lastLevel1Points = pts && pts.row === r ? parseFigure(pts.text) : null;
      }
      if (l2 && l2.row === r && l2.text.trim()) lastLevel2Points = levelPoints.level2 !== undefined ? besidePoints(table, l2, levelPoints.level2) : null;
      const level1Text = l1?.text.trim() || lastLevel1;
      const level2Text = l2?.text.trim() || lastLevel2;
      lastLevel1 = level1Text;
      lastLevel2 = level2Text;
      // 调整指标值 filled in the row replaces the 年初指标值 (重庆 部门整体绩效自评表)
      const targetFact = fields.blank('adjustedTarget') ? fields.fact('target') : fields.fact('adjustedTarget');
      const actualFact = fields.fact('actual');
      const nature = fields.textFact('nature');
      const unit = fields.textFact('unit');
      const target = composeTarget(targetFact, nature?.text ?? null, unit?.text ?? null);
      // A 指标性质 read unsurely by OCR makes the target it directs unsure too.
      if (nature?.loc.uncertain && !targetFact.loc.uncertain) targetFact.loc = { ...targetFact.loc, uncertain: true };
      const actual = composeTarget(actualFact, null, unit?.text ?? null);
      const weight = cols.has('weight') ? fields.fact('weight') : labelPoints(part, table, l3);
      const score = fields.fact('score');
      // A name OCR's post-processing corrected (办理项目峻工验收率 → 竣工): shown with the row's figures, which findings cite.
      if (l3.ocrCorrections) for (const f of [targetFact, actualFact, weight, score]) if (f.text.trim()) f.loc = withCorrections(f.loc, l3.ocrCorrections);
      const reason = fields.textFact('reason') ?? { text: '', loc: { ...cellLocation(part, table, l3), col: null } };
      // a dash for the target of a row whose actual is stated ("- | 严格执行相关管理制度") is a target left unquantified, not 不适用
      const notApplicable = [l3.text, actualFact.text].some((t) => NOT_APPLICABLE_RE.test(key(t))) || (NOT_APPLICABLE_RE.test(key(targetFact.text)) && !key(actualFact.text));
      indicators.push({
        level1: level1Name(level1Text),
        level1Points: declaredPoints(level1Text) ?? (levelPoints.level1 !== undefined ? lastLevel1Points : null),
        level2: key(level2Text),
        ...level2PointsOf(level2Text, lastLevel2Points),
        level3: indicatorName(l3.text),
        nature,
        target: targetFact,
        actual: actualFact,
        unit,
        weight,
        score,
        ...(ratioCol !== undefined && table === first ? scoreRatioOf(part, table, r, ratioCol) : {}),
        reason,
        ...(fields.get('description') ? { description: fields.textFact('description')! } : {}),
        ...(fields.get('standard') ? { standard: fields.textFact('standard')! } : {}),
        targetMeasure: target,
        actualMeasure: actual,
        notApplicable,
        loc: { ...cellLocation(part, table, l3), col: null },
      });
    }
  }
  if (levelPoints.level2 !== undefined) keepConsistentLevel2Points(indicators, total !== null);
  const unmapped = mapped.unmapped.filter((u) => !labels.some((l) => l.label === u));
  if (tableIdx >= tables.length) return { indicators, placeholders, total, columns: labels, unmapped, end: { table: tables.length - 1, row: tables[tables.length - 1].nRows } };
  return { indicators, placeholders, total, columns: labels, unmapped, end: { table: tableIdx, row: r } };
}

/**
 * Tables that print a level's points right of its name under a 得分 (or 分值) header — "一级指标 |
 * 得分 | 二级指标 | 得分 | 三级指标 | 得分 | 评价标准 | 指标说明 | 得分" (53号 指标表): the 得分 right of
 * 三级指标 holds the indicator's 分值, the last one its score, the one right of 一级指标 the level's
 * points. Only when a header has more than one such column; `cols` is corrected in place.
 */
function levelPointColumns(table: TableBlock, headerRow: number, cols: Map<string, number>): { level1?: number; level2?: number; corrected?: boolean } {
  const header = rowCells(table, headerRow);
  const pointCells = header.filter((c) => /^(得分|分值|分数)$/.test(key(c.text)));
  if (pointCells.length < 2) return {};
  const out: { level1?: number; level2?: number; corrected?: boolean } = {};
  const levelAt = (col: number) => (['level1', 'level2', 'level3'] as const).find((f) => cols.get(f) === col);
  const levelCols = new Set<number>();
  for (const c of pointCells) {
    const left = header.find((h) => h.col + h.colSpan === c.col);
    const level = left ? levelAt(left.col) : undefined;
    if (!level) continue;
    levelCols.add(c.col);
    if (level === 'level1') out.level1 = c.col;
    if (level === 'level2') out.level2 = c.col;
    // the 分值 right of 三级指标 is the indicator's, not one taken first for a level's points (一级指标 | 分值 | …)
    if (level === 'level3' && (!cols.has('weight') || levelCols.has(cols.get('weight')!))) cols.set('weight', c.col);
  }
  const scoreCell = [...pointCells].reverse().find((c) => !levelCols.has(c.col));
  if (scoreCell && levelCols.size) cols.set('score', scoreCell.col);
  out.corrected = levelCols.size > 0;
  return out;
}

/**
 * A points column left of the indicator names belongs to a level, not to the indicator: Jiangxi's
 * 整体支出绩效自评表 prints "分解目标 | 自评权重 | 二级指标 | 三级指标 | 年度指标值 | 全年完成值 | 分值 | 得分",
 * the 自评权重 (30, 25, 35) merged over each 分解目标's rows. When the header has another 分值 / 权重
 * column right of the 三级指标, that one is the indicator's weight; `cols` is corrected in place.
 */
function weightRightOfNames(table: TableBlock, headerRow: number, cols: Map<string, number>): boolean {
  const weight = cols.get('weight');
  const names = cols.get('level3');
  if (weight === undefined || names === undefined || weight >= names) return false;
  const taken = new Set(cols.values());
  const own = rowCells(table, headerRow).find((c) => c.col > names && !taken.has(c.col) && /^(分值|权重|满分|指标分值|指标权重)/.test(key(c.text)));
  if (!own) return false;
  cols.set('weight', own.col);
  return true;
}

/** Is header cell `col` the one right next to the header cell at `of`? */
function rightOf(table: TableBlock, headerRow: number, of: number | undefined, col: number): boolean {
  if (of === undefined) return false;
  const left = rowCells(table, headerRow).find((c) => c.col === of);
  return !!left && left.col + left.colSpan === col;
}

/**
 * A 二级指标's points in the column right of its name: only a number in a cell that starts on the
 * name's row and spans the same rows (merged over the group beside its name, "项目产出{r4} | 15{r4}").
 */
function besidePoints(table: TableBlock, name: TableCell, col: number): Figure | null {
  const pts = cellAt(table, name.row, col);
  if (!pts || pts === name || pts.row !== name.row || pts.rowSpan !== name.rowSpan || !/^\d+(?:\.\d+)?$/.test(key(pts.text))) return null;
  return parseFigure(key(pts.text));
}

/** level2Points as the label declares it ("数量指标(10分)"), else as read beside the name; absent when neither. */
function level2PointsOf(label: string, beside: Figure | null): { level2Points?: Figure } {
  const points = declaredPoints(label) ?? beside;
  return points ? { level2Points: points } : {};
}

/**
 * Level-2 points are kept only when they agree with the level-1 points they divide: under each
 * 一级指标 with points, its 二级指标 points add up to them (the last group of a table cut before its
 * 总分 row may list fewer: at most them). Any group that disagrees, or a group with some 二级指标
 * lacking points, means the column is not the groups' points: all are dropped.
 */
function keepConsistentLevel2Points(indicators: Indicator[], complete: boolean): void {
  const groups: Indicator[][] = [];
  for (const ind of indicators) {
    const last = groups[groups.length - 1];
    if (last && last[0].level1 === ind.level1) last.push(ind);
    else groups.push([ind]);
  }
  const ok = groups.every((g, gi) => {
    const declared = g[0].level1Points;
    if (!declared || g.some((i) => i.level1Points?.value !== declared.value)) return false;
    const seen = new Map<string, string>();
    for (const i of g) {
      if (!i.level2Points) return false;
      const before = seen.get(i.level2);
      if (before !== undefined && before !== i.level2Points.value) return false;
      seen.set(i.level2, i.level2Points.value);
    }
    const sum = [...seen.values()].reduce((acc, v) => acc.add(Rational.parse(v)), Rational.of(0));
    const whole = Rational.parse(declared.value);
    return sum.eq(whole) || (!complete && gi === groups.length - 1 && sum.lt(whole));
  });
  if (!ok) for (const i of indicators) delete i.level2Points;
}

/**
 * A 得分系数(%) / 得分率 column of the header (the share of the weight earned), when the form has a
 * 分值 and a 得分 column of their own beside it.
 */
function scoreRatioColumn(table: TableBlock, headerRows: number[], cols: Map<string, number>): number | undefined {
  if (!cols.has('weight') || !cols.has('score')) return undefined;
  const cell = headerRows.flatMap((h) => rowCells(table, h).filter((c) => c.row === h)).find((c) => SCORE_RATIO.test(key(c.text)) && c.colSpan === 1);
  if (!cell || [...cols.values()].includes(cell.col)) return undefined;
  return cell.col;
}

/** The row's 得分系数 when its own cell holds a percentage (100%, 85.5%). */
function scoreRatioOf(part: string, table: TableBlock, r: number, col: number): { scoreRatio?: Fact } {
  const cell = cellAt(table, r, col);
  if (!cell || cell.row !== r || !/^\d+(?:\.\d+)?%$/.test(key(cell.text))) return {};
  return { scoreRatio: cellFact(part, table, cell) };
}

/**
 * Points folded by weight (Hebei 预算项目绩效自评表: 自评得分 over 单项指标得分 | 权重占比(%) | 单项指标折算得分):
 * the indicator's score out of 100 times its 权重占比 is its 折算得分. The points a rule compares are
 * the weight (权重占比) and the 折算得分, not a 分值 column elsewhere or the score out of 100.
 */
function foldedPointColumns(table: TableBlock, headerRow: number, cols: Map<string, number>): boolean {
  const header = rowCells(table, headerRow).filter((c) => c.row === headerRow);
  const weight = header.find((c) => /^权重占比/.test(key(c.text)));
  const folded = header.find((c) => /折算得分$/.test(key(c.text)));
  if (!weight || !folded) return false;
  cols.set('weight', weight.col);
  cols.set('score', folded.col);
  return true;
}

/** Printed labels of the mapped columns after a correction, in column order. */
function relabel(table: TableBlock, headerRow: number, cols: Map<string, number>): Array<{ field: string; label: string }> {
  return [...cols.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([field, col]) => ({ field, label: cellAt(table, headerRow, col)?.text ?? field }));
}

/** A cell that starts above the indicator header and spans down (绩效指标) is a section label. */
function isSectionLabel(cell: TableCell, headerRow: number, sameTable: boolean): boolean {
  return sameTable && cell.row <= headerRow && cell.rowSpan > 1;
}

/**
 * A scoring sheet with no 分值 column prints an indicator's points in its label ("相关性(5 分)"): they
 * are its weight, located at the label's cell; a label without points has none.
 */
function labelPoints(part: string, table: TableBlock, cell: TableCell): Fact {
  const points = declaredPoints(cell.text);
  return points ? { text: points.text, figure: points, loc: cellLocation(part, table, cell) } : emptyFact(part, table, cell.row);
}

/**
 * One row of an indicator form, read by field. A class at module level, not closures made per row:
 * V8 holds a closure's optimized code only weakly, so per-report closures were compiled again after
 * every full GC.
 */
class FieldRow {
  constructor(
    private readonly part: string,
    private readonly table: TableBlock,
    private readonly r: number,
    private readonly cols: Map<string, number>,
    private readonly unsure?: ReadonlyMap<string, string>,
  ) {}

  get(field: string): TableCell | null {
    const col = this.cols.get(field);
    return col === undefined ? null : cellAt(this.table, this.r, col);
  }

  /** Nothing filled in the field's own cell of the row (or a template placeholder). */
  blank(field: string): boolean {
    const c = this.get(field);
    return !c || c.row !== this.r || !c.text.trim() || isPlaceholderText(c.text);
  }

  fact(field: string): Fact {
    const cell = this.get(field);
    if (!cell) return emptyFact(this.part, this.table, this.r);
    const fact = cellFact(this.part, this.table, cell);
    return this.unsure?.has(field) ? { ...fact, loc: underOcrLabel(fact.loc) } : fact;
  }

  textFact(field: string): TextFact | null {
    const cell = this.get(field);
    return cell ? cellText(this.part, this.table, cell) : null;
  }
}

function emptyFact(part: string, table: TableBlock, row: number): Fact {
  return { text: '', figure: null, loc: { part, table: table.table, row, col: null, page: table.page, paragraph: null, block: table.block, ...(table.source === 'borderless' ? { gridInferred: true } : {}) } };
}

/**
 * Sichuan split target: 指标性质 "≥" + 指标值 "95" + 度量单位 "%" → ≥ 95 %. A 指标性质 that reads as
 * no comparator or nature word (OCR reads "≥" as "N") leaves the number readable but its direction
 * unknown: the figure is kept as "~" so that met/unmet is not judged on a guessed direction.
 */
function composeTarget(value: Fact, nature: string | null, written: string | null): Measure {
  if (!nature && !written) return toMeasure(value.text);
  // a unit glossed in brackets ("%(百分比)", Hebei's 单位(文字描述) column) is the unit before them
  const unit = written?.replace(/\s*[(（][^()（）]*[)）]\s*$/u, '') || written;
  const withUnit = `${value.text}${unit && !value.text.includes(unit) ? unit : ''}`;
  // A 指标性质 is a sign or a word, never a number: one read as a digit ("≥" OCR'd as "2") is not
  // glued onto the value ("2" + "341" is not 2341).
  const m = /\d/u.test(nature ?? '') ? { text: withUnit, figure: null, qualitative: false } : toMeasure(`${nature ?? ''}${withUnit}`);
  if (!m.figure && nature?.trim()) {
    const bare = toMeasure(withUnit).figure;
    if (bare && bare.comparator === '=') {
      return { text: value.text, figure: { ...bare, comparator: '~', qualifiers: [...bare.qualifiers, nature.trim()] }, qualitative: false };
    }
  }
  return { ...m, text: value.text };
}

function readTotal(part: string, table: TableBlock, row: number, cols: Map<string, number>, label: TableCell): TotalRow {
  const pick = (field: string): Fact | null => {
    const col = cols.get(field);
    if (col === undefined) return null;
    const cell = cellAt(table, row, col);
    return cell && cell !== label ? cellFact(part, table, cell) : null;
  };
  let weight = pick('weight');
  let score = pick('score');
  if (!weight && !score) {
    // Layouts where the total row's cells don't line up with the header: take the numbers in order.
    const nums = rowCells(table, row).filter((c) => c !== label && c.col > label.col);
    weight = nums[0] ? cellFact(part, table, nums[0]) : null;
    score = nums[1] ? cellFact(part, table, nums[1]) : null;
  }
  // "总分:83" written as one cell across the row (or, in a print without rulings, its label cell beside cells left
  // blank): the one figure after the label is the form's score
  const blank = (f: Fact | null) => f === null || f.text.trim() === '';
  const inLabel = blank(weight) && blank(score) ? LABEL_SCORE_RE.exec(label.text) : null;
  if (inLabel) score = partialFact(part, table, label, inLabel[2], inLabel.index + inLabel[1].length);
  return { weight, score, loc: { ...cellLocation(part, table, label), col: null } };
}
