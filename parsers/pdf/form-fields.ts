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
 * it into the cell the field covers. Buttons (check boxes, radio buttons), hidden and password
 * fields are not text. Comments (FreeText), stamps and other annotations are not read: a reviewer's
 * note typed over a cell is not the cell's value.
 */

/** The parts of a pdf.js widget annotation we read. */
interface WidgetData {
  annotationType: number;
  fieldType?: string;
  fieldValue?: unknown;
  rect?: number[];
  hidden?: boolean;
  password?: boolean;
  multiLine?: boolean;
  textAlignment?: number | null;
  defaultAppearanceData?: { fontSize?: number };
  options?: { exportValue?: unknown; displayValue?: unknown }[];
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
export async function formFieldRuns(page: PDFPageProxy, viewport: Matrix, pageRuns: readonly TextRun[]): Promise<FormFieldText> {
  // Annotations that cannot be read (a damaged /Annots array) leave the page's own text as it is.
  const annotations = ((await page.getAnnotations({ intent: 'display' }).catch(() => [])) ?? []) as WidgetData[];
  const runs: TextRun[] = [];
  let fields = 0;
  for (const a of annotations) {
    if (a.annotationType !== WIDGET || (a.fieldType !== 'Tx' && a.fieldType !== 'Ch') || a.hidden || a.password || !a.rect) continue;
    const lines = fieldText(a)
      .split(/\r\n|\r|\n/u)
      .map((l) => tidySpaces(repairPdfGlyphs(l.trim())))
      .filter(Boolean);
    if (!lines.length) continue;
    const [rx0, ry0, rx1, ry1] = a.rect;
    const corners = [applyMatrix(viewport, rx0, ry0), applyMatrix(viewport, rx1, ry1)];
    const box = {
      x0: Math.min(corners[0][0], corners[1][0]),
      x1: Math.max(corners[0][0], corners[1][0]),
      top: Math.min(corners[0][1], corners[1][1]),
      bottom: Math.max(corners[0][1], corners[1][1]),
    };
    const height = box.bottom - box.top;
    const width = box.x1 - box.x0;
    if (height <= 0 || width <= 0) continue;
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
