import { hash } from 'node:crypto';
import type { DocumentModel } from '../../schemas/document.js';
import type { Evidence, Finding } from '../../schemas/finding.js';
import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Location } from '../../schemas/location.js';
import { LOST_GLYPH_MARK } from '../../schemas/location-value.js';
import { PAGES_TRUNCATED } from '../../parsers/pdf/truncated.js';
import { Rational } from '../numbers/decimal.js';
import type { FindingDraft, RuleMeta } from './types.js';

/**
 * Complete a rule's draft into a Finding. The id is a hash of rule id + every evidence location +
 * the values, so two runs over the same report give the same ids and tonight's run can tell what
 * is new since last night.
 */
export function makeFinding(meta: RuleMeta, draft: FindingDraft, lang: 'zh' | 'en', read: DocumentReading = {}): Finding {
  // part and missing inputs distinguish findings without evidence (a missing part, a blank total).
  const key = JSON.stringify([
    meta.id,
    draft.evidence.map(evidenceKey),
    draft.values,
    ...(draft.evidence.length === 0 || draft.missing?.length ? [draft.part ?? null, draft.missing ?? []] : []),
  ]);
  // one-shot crypto.hash: the same digest as createHash without a Hash stream object per finding
  const id = `${meta.id}:${hash('sha256', key, 'hex').slice(0, 16)}`;
  const caveat = readingCaveat(draft.evidence) ?? lostGlyphCaveat(draft, read.lostGlyphs ?? true, read.damagedTables);
  const declared = draft.severity ?? meta.severity;
  // A finding that rests on OCR'd text or on a table grid inferred from text positions is at most
  // a warning: the reviewer checks the original. One that rests on a value OCR read unsurely
  // ("≥53" read "253" at 0.66) is only a note: unsure → info. A paragraph's confidence is its least
  // sure character anywhere, not its figure's: prose evidence keeps the OCR caveat only.
  const readSeverity = draft.evidence.some(unsureCell) ? 'info' : caveat && declared === 'error' ? 'warning' : declared;
  const cut = readSeverity !== 'info' && !meta.aboutTheReading && restsOnTheCut(draft, read.cutAfterPage ?? null);
  const severity = cut ? 'info' : readSeverity;
  const caveated = caveat ? { zh: `${draft.message.zh}（${caveat.zh}）`, en: `${draft.message.en} (${caveat.en})` } : draft.message;
  const message = cut ? { zh: `${caveated.zh}${CUT_CAVEAT.zh}`, en: `${caveated.en}${CUT_CAVEAT.en}` } : caveated;
  return {
    rule: meta.id,
    severity,
    message: lang === 'en' ? message.en : message.zh,
    values: draft.values,
    evidence: draft.evidence,
    id,
    ruleVersion: meta.version,
    messageEn: message.en,
    expected: draft.expected ?? null,
    observed: draft.observed ?? null,
    tolerance: draft.tolerance ?? null,
    missing: draft.missing ?? [],
    params: draft.params ?? null,
    part: draft.part ?? draft.evidence[0]?.location.part ?? null,
  };
}

/**
 * What the reading of a document says about every finding on it (文字层损坏、截断): the same for every
 * rule, so computed once per report (`documentReading`) and handed to each finding.
 */
export interface DocumentReading {
  /** Some text stands for characters the PDF text layer lost (□); unknown (true) without the document. */
  lostGlyphs?: boolean;
  damagedTables?: ReadonlySet<number>;
  /** The last page read of a cut-off file, else null. */
  cutAfterPage?: number | null;
}

/** The reading of one document, for every finding on it (a □ is a lost character only where the PDF text layer lost some). */
export function documentReading(document: DocumentModel | null): DocumentReading {
  if (!document) return { lostGlyphs: true, damagedTables: undefined, cutAfterPage: null };
  return { lostGlyphs: hasLostGlyphs(document), damagedTables: damagedTables(document), cutAfterPage: lastPageBeforeCut(document) };
}

/** Said of a finding that may rest on the pages a cut-off file lost. */
const CUT_CAVEAT = { zh: '（文件不完整，相关内容可能在被截断的页面中）', en: ' (the file is cut off: the rest may be on the lost pages)' };

/**
 * In a file whose later pages were cut off (PAGES_TRUNCATED, parsers/pdf/truncated.ts), what a finding says is
 * not there (a part, a total) may be on the lost pages, and a table on the last page read may go on past the
 * cut: such a finding — one with no evidence, or with evidence on that last page — is a note (unsure → info),
 * saying so. Findings resting on the pages before keep their severity.
 */
function restsOnTheCut(draft: FindingDraft, lastRead: number | null): boolean {
  if (lastRead === null) return false;
  return draft.evidence.length === 0 || draft.evidence.some((e) => e.location.page !== null && e.location.page >= lastRead);
}

/** The last page read of a file whose later pages were cut off, else null. */
export function lastPageBeforeCut(document: DocumentModel): number | null {
  if (!document.issues.some((i) => i.code === PAGES_TRUNCATED)) return null;
  return Math.max(0, ...(document.pageInfo ?? []).map((p) => p.page));
}

/**
 * The role of evidence that stands for how a number cell reads (its text, not a figure it holds: a
 * split-numbers cell has none): a finding about a reading rests on it whole, so an unsure reading
 * makes it a note like an unsure number. Text cells judged by their words (a template leftover) are
 * not readings: a long cell's confidence is its least sure character anywhere.
 */
export const READING_ROLE = 'reading';

/**
 * A number in a table cell that OCR read unsurely (the cell holds the value itself), or a number cell
 * whose reading is itself what the finding is about (READING_ROLE: the split-numbers “.0” left where a
 * pen crossed a “0”) read unsurely. A label or a remark read unsurely does not make the
 * arithmetic unsure.
 */
const unsureCell = (e: Evidence) => e.location.uncertain === true && e.location.table !== null && (typeof e.value === 'number' || e.role === READING_ROLE);

/**
 * The caveat a finding carries when any of its evidence was read by OCR (ours or a scan's text
 * layer), or sits in a table drawn without lines whose rows and columns were inferred.
 */
function readingCaveat(evidence: readonly Evidence[]): { zh: string; en: string } | null {
  const sources = new Set(evidence.map((e) => e.location.textSource).filter(Boolean));
  if (evidence.some(unsureCell)) return { zh: 'OCR 识别不确定，请核对原件', en: 'read by OCR unsurely, check the original' };
  if (sources.has('ocr')) return { zh: 'OCR 识别，请核对原件', en: 'read by OCR, check the original' };
  if (sources.has('ocr-layer')) return { zh: 'OCR 文字层，请核对原件', en: 'from an OCR text layer, check the original' };
  if (evidence.some((e) => e.location.rebuilt)) return { zh: '表格由连排文字还原，数字拆分请核对原件', en: 'table rebuilt from run-together text, the split of its figures was inferred: check the original' };
  if (evidence.some((e) => e.location.gridInferred)) return { zh: '表格无框线，行列按文字位置推断，请核对原件', en: 'table without ruling lines, rows and columns inferred from text positions: check the original' };
  return null;
}

/**
 * Characters a damaged text layer could not decode are shown as □ (缺字符号; parsers/pdf/text-quality.ts)
 * and the paragraph or cell holding them is marked (damagedGlyphs, carried into its values' locations):
 * a finding resting on such text, or quoting a □ of a document that has some (a label, a column heading
 * or a part name read 政□□购金额, □适用), is at most a warning. So is one resting on a table that has
 * such a cell (`damagedTables`): a score or amount read as “□” is no number, and a sum that left it
 * out is no proof (总分 100 against the scores read, one “4” lost: 96). A □ the author typed (a check
 * box in a form) in a document without damaged text costs nothing.
 */
function lostGlyphCaveat(draft: FindingDraft, lostGlyphs: boolean, damagedTables?: ReadonlySet<number>): { zh: string; en: string } | null {
  const quoted = () => draft.message.zh.includes(LOST_GLYPH_MARK) || draft.evidence.some((e) => e.text.includes(LOST_GLYPH_MARK));
  const inDamagedTable = () => !!damagedTables?.size && draft.evidence.some((e) => e.location.block != null && damagedTables.has(e.location.block));
  if (!draft.evidence.some((e) => e.location.damagedGlyphs) && !(lostGlyphs && quoted()) && !inDamagedTable()) return null;
  return { zh: '文字层部分损坏，“□”为无法解码的字，请核对原件', en: 'the text layer is partly damaged (□ = an undecodable character): check the original' };
}

const damagedTablesOf = new WeakMap<DocumentModel, ReadonlySet<number>>();
/** The blocks of the tables with a cell whose text stands for characters the PDF text layer lost. */
export function damagedTables(document: DocumentModel): ReadonlySet<number> {
  let known = damagedTablesOf.get(document);
  if (known === undefined) {
    known = new Set(document.blocks.filter((b) => b.kind === 'table' && b.cells.some((c) => c.damagedGlyphs === true)).map((b) => b.block));
    damagedTablesOf.set(document, known);
  }
  return known;
}

const lostGlyphsOf = new WeakMap<DocumentModel, boolean>();
/** Whether some text of the document stands for characters its PDF text layer lost (parsers/pdf/parse.ts markLostGlyphs). */
export function hasLostGlyphs(document: DocumentModel): boolean {
  let known = lostGlyphsOf.get(document);
  if (known === undefined) {
    known = document.blocks.some((b) => (b.kind === 'paragraph' ? b.damagedGlyphs === true : b.cells.some((c) => c.damagedGlyphs === true)));
    lostGlyphsOf.set(document, known);
  }
  return known;
}

/**
 * A figure in prose is keyed by its sentence (whitespace removed), value and role rather than its
 * character span: the span moves with spaces one container keeps and another drops (typed spaces
 * in Word, none in a PDF), the statement does not. Table cells and unspanned text keep locationKey.
 */
function evidenceKey(e: Evidence): string {
  const l = e.location;
  if (l.table !== null || l.paragraph === null || !l.span) return locationKey(l);
  return [l.part, 'prose', l.paragraph, e.text.replace(/\s+/gu, ''), e.value ?? '', e.role ?? ''].join('|');
}

function locationKey(l: Location): string {
  // Page is left out on purpose: the same cell found in .docx and .pdf should not differ by page.
  return [l.part, l.table, l.row, l.col, l.paragraph, l.span?.join('-') ?? ''].join('|');
}

/** Evidence from a table fact; `value` is the figure as a plain number (95 for 95%). */
export function factEvidence(fact: Fact, role?: string): Evidence {
  return {
    text: fact.text,
    value: fact.figure ? Rational.parse(fact.figure.value).toNumber() : null,
    location: fact.loc,
    ...(role ? { role } : {}),
  };
}

export function textEvidence(fact: TextFact, role?: string): Evidence {
  return { text: fact.text, value: null, location: fact.loc, ...(role ? { role } : {}) };
}
