import type { ParseOptions } from '../parsers/index.js';
import { imageSize } from '../parsers/image-size.js';

/**
 * Resource limits for one input file. A file that would go past one of them is reported as
 * `LIMIT_EXCEEDED` (or `TIMEOUT` for time) instead of being allowed to exhaust the machine:
 * submissions come from hundreds of departments, some broken, a few possibly crafted.
 *
 * Every limit has a safe default and can be set through the environment (SELFEVAL_*), so the
 * CLI, the queue worker and the tests share one way of configuring them.
 */
export interface Limits {
  /** Largest input file, in bytes (checked before parsing). */
  maxFileBytes: number;
  /** .docx: largest decompressed size of one package part we read (zip-bomb safety). */
  maxDocxEntryBytes: number;
  /** .docx: largest decompressed size of all the parts we read, together. */
  maxDocxTotalBytes: number;
  /** .docx: largest number of entries in the package. */
  maxDocxEntries: number;
  /** .pdf: most pages parsed. */
  maxPdfPages: number;
  /**
   * Wall-clock time for one file's whole pipeline, in ms; past it the worker is killed. A PDF with
   * page images (a scan) gets `timeMsPerScannedPage` more per image page, see `fileTimeMs`; a page
   * rendered for OCR because its text layer is unusable moves the deadline by the same (runner `extend`).
   */
  timeMsPerFile: number;
  /** Extra wall-clock time per page image of a PDF (OCR: ~3 s CPU per page, more on a busy machine), in ms. */
  timeMsPerScannedPage: number;
  /** .pdf: most pages read by OCR; further pages without a text layer are reported, not read. */
  maxOcrPages: number;
  /** V8 heap (old generation) of the worker that runs one file's pipeline, in MB. */
  maxWorkerHeapMb: number;
  /**
   * Resident memory of the whole process, in MB, while files are processed: memory outside the V8
   * heap (decompressed PDF streams, image buffers) counts too. Past it, the pipeline thread holding
   * the most memory is killed and its file reported as LIMIT_EXCEEDED.
   */
  maxRssMb: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 200 * 1024 * 1024,
  maxDocxEntryBytes: 64 * 1024 * 1024,
  maxDocxTotalBytes: 256 * 1024 * 1024,
  maxDocxEntries: 5000,
  maxPdfPages: 500,
  timeMsPerFile: 120_000,
  timeMsPerScannedPage: 15_000,
  maxOcrPages: 100,
  maxWorkerHeapMb: 1536,
  maxRssMb: 2048,
});

/** Environment variable for each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = Object.freeze({
  maxFileBytes: 'SELFEVAL_MAX_FILE_BYTES',
  maxDocxEntryBytes: 'SELFEVAL_MAX_DOCX_ENTRY_BYTES',
  maxDocxTotalBytes: 'SELFEVAL_MAX_DOCX_TOTAL_BYTES',
  maxDocxEntries: 'SELFEVAL_MAX_DOCX_ENTRIES',
  maxPdfPages: 'SELFEVAL_MAX_PDF_PAGES',
  timeMsPerFile: 'SELFEVAL_TIME_MS_PER_FILE',
  timeMsPerScannedPage: 'SELFEVAL_TIME_MS_PER_SCANNED_PAGE',
  maxOcrPages: 'SELFEVAL_MAX_OCR_PAGES',
  maxWorkerHeapMb: 'SELFEVAL_MAX_WORKER_HEAP_MB',
  maxRssMb: 'SELFEVAL_MAX_RSS_MB',
});

export class LimitsConfigError extends Error {}

/**
 * Limits from the environment over the defaults. A value that is not a positive integer is a
 * configuration error (thrown), never silently ignored: a typo must not switch a limit off.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env, base: Readonly<Limits> = DEFAULT_LIMITS): Limits {
  const out: Limits = { ...base };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw.trim());
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new LimitsConfigError(`${LIMIT_ENV[key]}=${raw} 不是正整数 / must be a positive integer`);
    }
    out[key] = value;
  }
  return out;
}

/** Merge a partial override (tests, callers with their own settings) over the defaults. */
export function resolveLimits(override: Partial<Limits> = {}, base: Readonly<Limits> = DEFAULT_LIMITS): Limits {
  const out: Limits = { ...base };
  for (const [key, value] of Object.entries(override) as [keyof Limits, number | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The parser options that carry these limits into parsers/ (which know nothing of this module). */
export function parseOptionsFor(limits: Limits): ParseOptions {
  return {
    docx: {
      zipLimits: {
        maxEntryBytes: limits.maxDocxEntryBytes,
        maxEntries: limits.maxDocxEntries,
        maxTotalBytes: limits.maxDocxTotalBytes,
      },
    },
    pdf: { maxPages: limits.maxPdfPages, maxOcrPages: limits.maxOcrPages },
    // A .doc conversion may use most of the file's time; the worker's own deadline still applies.
    doc: { timeoutMs: Math.max(1000, limits.timeMsPerFile - 1000) },
  };
}

/**
 * The time one file may take: `timeMsPerFile`, plus `timeMsPerScannedPage` for each page image a
 * PDF carries (each may need OCR), counted up to `maxOcrPages`. Counted from the bytes before the
 * file is parsed: every image is a stream object with a plain-text dictionary (`/Subtype /Image`),
 * never hidden in a compressed object stream. Images beyond the page count (a scan stored in
 * strips) do not count twice when the page objects are visible.
 */
export function fileTimeMs(limits: Limits, bytes: Uint8Array): number {
  return limits.timeMsPerFile + Math.min(pageImageCount(bytes), limits.maxOcrPages) * limits.timeMsPerScannedPage;
}

/**
 * Page images of a PDF, estimated from its bytes; a picture sent as it is is one scanned page
 * (a TIFF as many as it holds), read by OCR like a page of a scanned PDF; 0 for anything else.
 */
export function pageImageCount(bytes: Uint8Array): number {
  if (bytes.length < 5 || bytes[0] !== 0x25 || bytes[1] !== 0x50 || bytes[2] !== 0x44 || bytes[3] !== 0x46) {
    const picture = imageSize(bytes);
    return picture ? (picture.pages ?? 1) : 0;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const images = text.match(/\/Subtype\s*\/Image\b/gu)?.length ?? 0;
  if (!images) return 0;
  const pages = text.match(/\/Type\s*\/Page(?!s)\b/gu)?.length ?? 0;
  return pages > 0 ? Math.min(images, pages) : images;
}
