/**
 * Times as the bureau reads them: in its time zone (default Asia/Shanghai, set by `serve
 * --timezone` or SELFEVAL_TIMEZONE), whatever zone the server runs in. Pages, exports and the
 * audit trail all format through here.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let zone = process.env.SELFEVAL_TIMEZONE || DEFAULT_TIME_ZONE;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a Chinese error for a zone name the runtime does not know. */
export function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new RangeError(`未知的时区 / unknown time zone: ${tz}（例如 Asia/Shanghai）`);
  }
}

export function setDisplayTimeZone(tz: string): void {
  zone = checkTimeZone(tz);
}

export function displayTimeZone(): string {
  return zone;
}

function parts(d: Date, tz: string): Record<string, number> {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

function toDate(d: Date | string): Date {
  return d instanceof Date ? d : new Date(d);
}

/** "2026-11-23 23:59" in the display zone. */
export function formatTime(d: Date | string, tz = zone): string {
  const p = parts(toDate(d), tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-23 23:59:07" in the display zone. */
export function formatTimeSeconds(d: Date | string, tz = zone): string {
  const p = parts(toDate(d), tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * The wall-clock time in `tz` as a Date whose UTC fields carry it: spreadsheet dates have no zone,
 * and ExcelJS writes a Date's UTC fields, so this is how a cell shows the bureau's local time.
 */
export function wallClock(d: Date | string, tz = zone): Date {
  const p = parts(toDate(d), tz);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}
