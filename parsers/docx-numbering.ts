import { InputError } from '../src/errors.js';
import { scanPart, type XmlHandler, type XmlScanner } from './xml-scan.js';

/**
 * List labels Word and WPS draw from numbering.xml (自动编号: 一、 （一） 1. ① …) rather than from the
 * text: a paragraph's w:numPr (or its style's, through w:basedOn) names a list (w:num → w:abstractNum)
 * and a level; the level's w:numFmt, w:lvlText ("%1、", "（%2）", "%1.%2") and w:start give the label.
 * Paragraphs are numbered in document order; a level's count restarts when a shallower level advances.
 * The parts are read on first use; a part that is not well-formed XML is read as absent (Word repairs
 * or ignores it; the body is still the report).
 */

interface Level {
  start: number;
  format: string;
  text: string;
  /** Separator after the label (w:suff): tab (Word's default), space or nothing. */
  suffix: 'tab' | 'space' | 'nothing';
  /** Paragraph style this level is linked to (w:lvl/w:pStyle). */
  style?: string;
}

interface ListInstance {
  abstractId: string;
  /** Levels restarted by w:lvlOverride/w:startOverride: the w:num is a list of its own. */
  starts: Map<number, number>;
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  name?: string;
}

/** What a paragraph's own w:pPr says about numbering. */
export interface ParagraphNumbering {
  numId?: string;
  ilvl?: number;
}

const MAX_LEVEL = 8;
/** What resolve() answers for a paragraph without numbering (shared: never changed). */
const NOT_NUMBERED: { numId?: string; ilvl: number } = Object.freeze({ ilvl: 0 });

export class ListNumbering {
  /** abstractNumId → levels by ilvl. */
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly lists = new Map<string, ListInstance>();
  private readonly styles = new Map<string, StyleInfo>();
  private defaultStyle: string | null = null;
  /** Counters per list (shared by every w:num of one abstractNum without overrides), by level. */
  private readonly counters = new Map<string, number[]>();

  private loaded = false;

  constructor(
    private readonly numberingPart: Uint8Array | null,
    private readonly stylesPart: Uint8Array | null,
  ) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const read = (bytes: Uint8Array | null, name: string, handler: (x: XmlScanner) => XmlHandler, clear: () => void) => {
      if (!bytes?.length) return;
      try {
        scanPart(bytes, name, handler);
      } catch (e) {
        if (!(e instanceof InputError) || e.code !== 'CORRUPT_FILE') throw e;
        clear();
      }
    };
    read(this.numberingPart, 'word/numbering.xml', (x) => numberingHandler(x, this.abstracts, this.lists), () => (this.abstracts.clear(), this.lists.clear()));
    read(this.stylesPart, 'word/styles.xml', (x) => stylesHandler(x, this.styles, (id) => (this.defaultStyle = id)), () => ((this.defaultStyle = null), this.styles.clear()));
  }

  /** Style ids whose name (w:name) is Word's "Placeholder Text" (占位符文本). */
  placeholderStyles(): Set<string> {
    this.load();
    const out = new Set<string>(['PlaceholderText']);
    for (const [id, s] of this.styles) if (s.name && /^placeholder\s*text$|^占位符文本$/i.test(s.name)) out.add(id);
    return out;
  }

  /**
   * The label of the next paragraph with this numbering and style ('' when it has none), advancing
   * the list's counters. Bullets are not labels (their glyph carries no number).
   */
  next(own: ParagraphNumbering, style: string | null): string {
    if (!this.numberingPart?.length || own.numId === '0') return '';
    this.load();
    const { numId, ilvl } = this.resolve(own, style);
    if (!numId || numId === '0') return '';
    const list = this.lists.get(numId);
    const levels = list && this.abstracts.get(list.abstractId);
    if (!list || !levels) return '';
    return this.advance(numId, ilvl, list, levels);
  }

  /**
   * Advance the list's counters and draw the label. Apart from next(): its closures would make every
   * call of next() — one per paragraph, most of them not numbered — allocate their shared context.
   */
  private advance(numId: string, ilvl: number, list: ListInstance, levels: Map<number, Level>): string {
    const level = Math.max(0, Math.min(MAX_LEVEL, ilvl));
    const key = list.starts.size ? `n${numId}` : `a${list.abstractId}`;
    let counts = this.counters.get(key);
    if (!counts) this.counters.set(key, (counts = []));
    const startOf = (k: number) => list.starts.get(k) ?? levels.get(k)?.start ?? 1;
    counts[level] = counts[level] === undefined ? startOf(level) : counts[level] + 1;
    counts.length = level + 1;
    const lvl = levels.get(level);
    if (!lvl || lvl.format === 'bullet' || lvl.format === 'none') return '';
    const label = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const k = Number(d) - 1;
      const value = counts![k] ?? startOf(k);
      return formatNumber(value, levels.get(k)?.format ?? 'decimal');
    });
    if (!label) return '';
    return lvl.suffix === 'nothing' || /[、.．:：)）]$/.test(label) ? label : `${label} `;
  }

  /** The paragraph's own numPr, else its style's (through w:basedOn); the level from a linked style when not given. */
  private resolve(own: ParagraphNumbering, style: string | null): { numId?: string; ilvl: number } {
    if (own.numId !== undefined) return { numId: own.numId, ilvl: own.ilvl ?? 0 };
    // Called for every paragraph: no set of visited styles. A chain of distinct styles is at most
    // every style plus one unknown id long; a w:basedOn cycle ends there too, having found nothing.
    let id = style ?? this.defaultStyle;
    for (let steps = this.styles.size + 1; id && steps > 0; steps--) {
      const s = this.styles.get(id);
      if (s?.numId !== undefined) return { numId: s.numId, ilvl: own.ilvl ?? s.ilvl ?? this.linkedLevel(s.numId, style) ?? 0 };
      id = s?.basedOn ?? null;
    }
    return NOT_NUMBERED;
  }

  private linkedLevel(numId: string, style: string | null): number | undefined {
    const list = this.lists.get(numId);
    const levels = list && this.abstracts.get(list.abstractId);
    if (!levels || !style) return undefined;
    for (const [k, l] of levels) if (l.style === style) return k;
    return undefined;
  }
}

function numberingHandler(x: XmlScanner, abstracts: Map<string, Map<number, Level>>, lists: Map<string, ListInstance>): XmlHandler {
  let levels: Map<number, Level> | null = null;
  let level: Level | null = null;
  let list: ListInstance | null = null;
  let overrideLevel = -1;
  return {
    open(name) {
      switch (name) {
        case 'abstractNum': {
          const id = x.attr('abstractNumId');
          levels = new Map();
          if (id !== undefined && !abstracts.has(id)) abstracts.set(id, levels);
          return;
        }
        case 'lvl': {
          const ilvl = Number(x.attr('ilvl') ?? 0);
          if (levels && x.parent() === 'abstractNum' && ilvl >= 0 && ilvl <= MAX_LEVEL) levels.set(ilvl, (level = { start: 1, format: 'decimal', text: '', suffix: 'tab' }));
          else level = null;
          return;
        }
        case 'start':
          if (level && x.parent() === 'lvl') level.start = Number(x.attr('val') ?? 1) || 0;
          return;
        case 'numFmt':
          if (level && x.parent() === 'lvl') level.format = x.attr('val') ?? 'decimal';
          return;
        case 'lvlText':
          if (level && x.parent() === 'lvl') level.text = x.attr('val') ?? '';
          return;
        case 'suff':
          if (level && x.parent() === 'lvl') level.suffix = (['tab', 'space', 'nothing'] as const).find((s) => s === x.attr('val')) ?? 'tab';
          return;
        case 'pStyle':
          if (level && x.parent() === 'lvl') level.style = x.attr('val');
          return;
        case 'num': {
          const id = x.attr('numId');
          list = { abstractId: '', starts: new Map() };
          if (id !== undefined) lists.set(id, list);
          return;
        }
        case 'abstractNumId':
          if (list && x.parent() === 'num') list.abstractId = x.attr('val') ?? '';
          return;
        case 'lvlOverride':
          overrideLevel = Number(x.attr('ilvl') ?? -1);
          return;
        case 'startOverride':
          if (list && overrideLevel >= 0) list.starts.set(overrideLevel, Number(x.attr('val') ?? 1) || 0);
          return;
        default:
          return;
      }
    },
    close(name) {
      if (name === 'abstractNum') levels = null;
      else if (name === 'lvl') level = null;
      else if (name === 'num') list = null;
      else if (name === 'lvlOverride') overrideLevel = -1;
    },
    text() {},
  };
}

function stylesHandler(x: XmlScanner, styles: Map<string, StyleInfo>, setDefault: (id: string) => void): XmlHandler {
  let style: StyleInfo | null = null;
  return {
    open(name) {
      if (name === 'style') {
        const id = x.attr('styleId');
        style = x.attr('type') === 'paragraph' || x.attr('type') === 'character' ? {} : null;
        if (style && id) {
          styles.set(id, style);
          if (/^(?:1|true|on)$/.test(x.attr('default') ?? '') && x.attr('type') === 'paragraph') setDefault(id);
        }
        return;
      }
      if (!style) return;
      const parent = x.parent();
      if (name === 'name' && parent === 'style') style.name = x.attr('val');
      else if (name === 'basedOn' && parent === 'style') style.basedOn = x.attr('val');
      else if (name === 'numId' && parent === 'numPr') style.numId = x.attr('val');
      else if (name === 'ilvl' && parent === 'numPr') style.ilvl = Number(x.attr('val') ?? 0);
    },
    close(name) {
      if (name === 'style') style = null;
    },
    text() {},
  };
}

const CHINESE_DIGITS = '〇一二三四五六七八九';
const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

/** A list counter as its w:numFmt draws it. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'ideographDigital':
      return chineseCount(n, CHINESE_DIGITS, '十', '百');
    case 'chineseLegalSimplified':
    case 'taiwaneseCountingThousand':
      return chineseCount(n, LEGAL_DIGITS, '拾', '佰');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? TIANGAN[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? DIZHI[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return n < 1 ? String(n) : format === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const roman = toRoman(n);
      return format === 'upperRoman' ? roman : roman.toLowerCase();
    }
    default:
      return String(n);
  }
}

/** 1–999 in Chinese counting: 十, 十一, 二十一, 一百零五. */
function chineseCount(n: number, digits: string, ten: string, hundred: string): string {
  if (n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h ? digits[h] + hundred : '';
  if (t) out += (t === 1 && !h ? '' : digits[t]) + ten;
  else if (h && u) out += digits[0];
  if (u) out += digits[u];
  return out;
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}
