import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { repairPdfGlyphs } from '../../src/text/glyphs.js';
import { tidySpaces } from './cjk.js';
import { applyMatrix, type Matrix } from './text-runs.js';
import type { TextRun } from './types.js';

/**
 * The values of a fillable form (AcroForm). A form filled in Acrobat Reader, Foxit or WPS and saved
 * without flattening keeps each value in its field (/V) and draws it only through the field
 * widget's appearance stream — never in the page's content, so pdf.js's getTextContent does not
 * see it: the table cells read empty (on the seed made a form, 3 of 30 findings and 116 false
 * 未填写/不一致 ones). Here each filled text field and choice field becomes text runs inside the
 * widget's rectangle, laid out as a viewer lays it out (the /DA font size, /Q alignment, one line
 * per line of a multi-line value, single lines centred vertically), so that the grid builder puts
 * it into the cell the field covers. A check box or radio button is the author's choice (☑是 □否,
 * ☑达成 □部分达成 □未达成): checked it becomes ☑ at its rectangle, unchecked ☐ — unless the page's
 * own text draws a box there (a template printed with □ and made a form by field detection): then
 * that glyph is the box and becomes ☑ or ☐, never a second glyph beside it. Only a checked box
 * counts as a filled field (a page whose boxes are all unchecked and nothing else filled gets no
 * ☐ added: a blank template is no filled form). A radio group written without appearance streams
 * (/NeedAppearances) names no kid's on state in an /AP, so pdf.js cannot say which is chosen: each
 * kid's own state (/AS) is read from the file instead (pdf-lib, only then), the kid whose /AS is the
 * group's /V checked; a kid without /AS reads unchecked. Push buttons, hidden and
 * password fields are not text. Comments (FreeText), stamps and other annotations are not read: a
 * reviewer's note typed over a cell is not the cell's value.
 */

/** The parts of a pdf.js widget annotation we read. */
interface WidgetData {
  annotationType: number;
  /** pdf.js's id of the annotation: its object reference ("12R", "12R1" for generation 1). */
  id?: string;
  fieldType?: string;
  fieldValue?: unknown;
  rect?: number[];
  hidden?: boolean;
  password?: boolean;
  multiLine?: boolean;
  textAlignment?: number | null;
  defaultAppearanceData?: { fontSize?: number };
  options?: { exportValue?: unknown; displayValue?: unknown }[];
  checkBox?: boolean;
  radioButton?: boolean;
  /** A check box's on state (the name of its /AP /N entry other than /Off). */
  exportValue?: unknown;
  /** A radio button's on state; the group's /V names the chosen one. */
  buttonValue?: unknown;
}

const CHECKED = '\u2611';
/**
 * ☐ (U+2610, the ballot box Word's check-box control writes), not □ (U+25A1): □ is also the mark
 * of a character a damaged text layer lost (text-quality.ts LOST_MARK), and a box the form says is
 * a box must never read as one (nor make a finding quoting it a 文字层部分损坏 warning).
 */
const UNCHECKED = '\u2610';
/** Glyphs a template prints for a box: □ ☐ ○ ◯ and the checked ☑ ☒ ■ √ ✓ ✔. */
const BOX_GLYPH = /[\u25A1\u2610\u25CB\u25EF\u2611\u2612\u25A0\u221A\u2713\u2714]/u;

/** Whether a check box or radio button is on (pdf.js gives the field's value and the widget's on state). */
async function buttonOn(a: WidgetData, states: ButtonStates | undefined): Promise<boolean> {
  const value = a.fieldValue;
  if (typeof value !== 'string' || value === '' || value === 'Off') return false;
  if (a.radioButton) {
    if (typeof a.buttonValue === 'string') return value === a.buttonValue;
    // No appearance streams: the kid's own /AS says whether it is the chosen one.
    const own = a.id ? await states?.(a.id) : null;
    return own === value;
  }
  return typeof a.exportValue !== 'string' || value === a.exportValue;
}

/** A widget's appearance state (/AS) by pdf.js annotation id, read from the file; null when it has none. */
export type ButtonStates = (id: string) => Promise<string | null>;

/**
 * The /AS of widgets, read with pdf-lib from `bytes` when first asked (the file is parsed once, and
 * only for a radio group written without appearance streams). An encrypted file's names are not
 * encrypted, so its states read as well.
 */
export function buttonStates(bytes: Uint8Array): ButtonStates {
  let opened: Promise<((num: number, gen: number) => string | null) | null> | null = null;
  const open = async () => {
    try {
      const lib = await import('pdf-lib');
      const doc = await lib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
      return (num: number, gen: number) => {
        const dict = doc.context.lookup(lib.PDFRef.of(num, gen));
        const state = dict instanceof lib.PDFDict ? dict.get(lib.PDFName.of('AS')) : undefined;
        return state instanceof lib.PDFName ? state.decodeText() : null;
      };
    } catch {
      return null;
    }
  };
  return async (id) => {
    const ref = /^(\d+)R(\d*)$/u.exec(id);
    if (!ref) return null;
    const lookup = await (opened ??= open());
    return lookup?.(Number(ref[1]), Number(ref[2] || 0)) ?? null;
  };
}

/** pdf.js AnnotationType.WIDGET. */
const WIDGET = 20;
/** Inner padding of a field (Acrobat draws text 2 points inside the border). */
const PAD = 2;
/** Font size when /DA says 0 (auto) and the field is multi-line. */
const AUTO_MULTILINE_SIZE = 10;

/** A field's value as text: a text field's /V; a choice field's selected option as displayed. */
function fieldText(a: WidgetData): string {
  const values = Array.isArray(a.fieldValue) ? a.fieldValue : [a.fieldValue];
  const shown = values.map((v) => {
    if (typeof v !== 'string') return '';
    const option = a.options?.find((o) => o.exportValue === v);
    return typeof option?.displayValue === 'string' ? option.displayValue : v;
  });
  return shown.filter(Boolean).join('\n');
}

/**
 * Advance of a character in ems: ideographs and full-width forms one em, digits half, stops and
 * commas a quarter, other Latin about half. Not more: a LibreOffice text box may be wider than its
 * cell, its value left-aligned inside it, and a run drawn wider than the text would carry the value's
 * last characters over the cell's border into the next column ("380.9" | "6").
 */
const ems = (text: string) => [...text].reduce((s, ch) => s + (ch.codePointAt(0)! >= 0x2e80 ? 1 : /\d/u.test(ch) ? 0.5 : /[.,:;' ]/u.test(ch) ? 0.28 : 0.56), 0);

export interface FormFieldText {
  runs: TextRun[];
  /** Fields whose value was read. */
  fields: number;
}

/**
 * Runs for the filled fields of `page`, in the display space of `viewport` (the page turned as its
 * text was). A field whose value the page's own text already shows inside its rectangle (a form
 * printed with its values, the widgets kept) is not read twice.
 */
export async function formFieldRuns(page: PDFPageProxy, viewport: Matrix, pageRuns: TextRun[], states?: ButtonStates): Promise<FormFieldText> {
  // Annotations that cannot be read (a damaged /Annots array) leave the page's own text as it is.
  const annotations = ((await page.getAnnotations({ intent: 'display' }).catch(() => [])) ?? []) as WidgetData[];
  const runs: TextRun[] = [];
  let fields = 0;
  for (const a of annotations) {
    if (a.annotationType !== WIDGET || a.hidden || a.password || !a.rect) continue;
    if (a.fieldType === 'Btn' && (a.checkBox || a.radioButton)) {
      const box = displayBox(viewport, a.rect);
      const on = await buttonOn(a, states);
      if (box) placeBox(box, on, pageRuns, runs);
      // A box left unchecked is drawn but is no value filled in: a blank template gets no note.
      if (box && on) fields++;
      continue;
    }
    if (a.fieldType !== 'Tx' && a.fieldType !== 'Ch') continue;
    const lines = fieldText(a)
      .split(/\r\n|\r|\n/u)
      .map((l) => tidySpaces(repairPdfGlyphs(l.trim())))
      .filter(Boolean);
    if (!lines.length) continue;
    const box = displayBox(viewport, a.rect);
    if (!box) continue;
    const height = box.bottom - box.top;
    const width = box.x1 - box.x0;
    const squeeze = (s: string) => s.replace(/\s+/gu, '');
    const shown = squeeze(
      pageRuns
        .filter((r) => (r.x0 + r.x1) / 2 > box.x0 && (r.x0 + r.x1) / 2 < box.x1 && r.baseline > box.top && r.baseline < box.bottom + 1)
        .map((r) => r.str)
        .join(''),
    );
    if (shown && shown.includes(squeeze(lines.join('')))) continue;
    const multi = a.multiLine === true || lines.length > 1;
    const declared = a.defaultAppearanceData?.fontSize ?? 0;
    let size = declared > 0 ? declared : multi ? AUTO_MULTILINE_SIZE : Math.min(12, (height - 2 * PAD) * 0.8);
    // Lines that would not fit are drawn closer, as the viewer shrinks them: never into the next row.
    let lead = size * 1.15;
    const room = height - 2 * PAD;
    if (lines.length * lead > room && room > 0) {
      lead = room / lines.length;
      size = Math.min(size, lead / 1.05);
    }
    const firstBaseline = multi ? box.top + PAD + size * 0.86 : box.top + height / 2 + size * 0.36;
    lines.forEach((str, i) => {
      const w = Math.min(ems(str) * size, width - 2 * PAD);
      const x0 = a.textAlignment === 1 ? box.x0 + (width - w) / 2 : a.textAlignment === 2 ? box.x1 - PAD - w : box.x0 + PAD;
      const baseline = firstBaseline + i * lead;
      runs.push({ str, x0, x1: x0 + w, top: baseline - size * 0.86, bottom: baseline + size * 0.14, baseline, size });
    });
    fields++;
  }
  return { runs, fields };
}

interface Box {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** A widget's rectangle in display space, or null when it is empty. */
function displayBox(viewport: Matrix, rect: number[]): Box | null {
  const [rx0, ry0, rx1, ry1] = rect;
  const corners = [applyMatrix(viewport, rx0, ry0), applyMatrix(viewport, rx1, ry1)];
  const box = {
    x0: Math.min(corners[0][0], corners[1][0]),
    x1: Math.max(corners[0][0], corners[1][0]),
    top: Math.min(corners[0][1], corners[1][1]),
    bottom: Math.max(corners[0][1], corners[1][1]),
  };
  return box.bottom > box.top && box.x1 > box.x0 ? box : null;
}

/**
 * A check box or radio button at `box`: a box glyph the page's text already draws inside it is the
 * box and becomes ☑ or ☐ in that run (the character under the box's centre found by the run's width
 * shared out evenly); otherwise ☑ or ☐ is added at the box, as wide as it is high.
 */
function placeBox(box: Box, on: boolean, pageRuns: TextRun[], runs: TextRun[]): void {
  const cx = (box.x0 + box.x1) / 2;
  const height = box.bottom - box.top;
  for (const r of pageRuns) {
    if (r.x1 <= box.x0 || r.x0 >= box.x1 || r.baseline <= box.top || r.baseline >= box.bottom + height * 0.5) continue;
    const chars = [...r.str];
    const at = Math.min(chars.length - 1, Math.max(0, Math.floor(((cx - r.x0) / Math.max(r.x1 - r.x0, 1e-6)) * chars.length)));
    const hit = [at, at - 1, at + 1].find((i) => i >= 0 && i < chars.length && BOX_GLYPH.test(chars[i]));
    if (hit === undefined) continue;
    chars[hit] = on ? CHECKED : UNCHECKED;
    r.str = chars.join('');
    return;
  }
  const size = Math.min(height, box.x1 - box.x0);
  const x0 = cx - size / 2;
  const baseline = box.top + height / 2 + size * 0.36;
  runs.push({ str: on ? CHECKED : UNCHECKED, x0, x1: x0 + size, top: baseline - size * 0.86, bottom: baseline + size * 0.14, baseline, size });
}
