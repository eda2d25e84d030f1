import { unzipSync, type UnzipFileInfo } from 'fflate';
import { InputError } from '../src/errors.js';

/** Limits applied while unpacking an Office Open XML package (zip-bomb safety). */
export interface ZipLimits {
  /** Largest decompressed size of one entry we read, in bytes. */
  maxEntryBytes: number;
  /** Largest number of entries in the package. */
  maxEntries: number;
  /** Largest decompressed size of all the entries we read, together (declared sizes bound it). */
  maxTotalBytes?: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalBytes: 256 * 1024 * 1024,
};

/**
 * Deflate never makes data much bigger (stored blocks add 5 bytes per 64 KiB), so a compressed
 * entry larger than this for its declared size is lying about its size (a crafted bomb).
 */
function impossiblyLarge(compressed: number, declared: number): boolean {
  return compressed > declared + Math.ceil(declared / 16384) * 5 + 64;
}

/**
 * Read the named entries of a zip package. Declared sizes are checked before inflating, and the
 * inflated size is checked again after (a package may lie about its sizes).
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  let entries = 0;
  let tooBig: UnzipFileInfo | null = null;
  let declaredTotal = 0;
  const maxTotal = limits.maxTotalBytes ?? Number.MAX_SAFE_INTEGER;
  let files: Record<string, Uint8Array>;
  try {
    // Pass 1 reads only the central directory: every limit is checked before anything is inflated.
    const toInflate = new Set<string>();
    unzipSync(bytes, {
      filter(info) {
        entries++;
        if (entries > limits.maxEntries) {
          throw new InputError('LIMIT_EXCEEDED', `压缩包条目过多（超过 ${limits.maxEntries} 个） / too many zip entries`);
        }
        if (!wanted(info.name)) return false;
        if (info.originalSize > limits.maxEntryBytes) {
          tooBig ??= info;
          return false;
        }
        // Inflation writes into a buffer of the declared size, so declared sizes bound memory.
        declaredTotal += info.originalSize;
        if (declaredTotal > maxTotal) {
          throw new InputError('LIMIT_EXCEEDED', `压缩包解压后总计超过上限 ${maxTotal} 字节 / decompressed package too large`);
        }
        if (info.compression === 8 && impossiblyLarge(info.size, info.originalSize)) {
          throw new InputError(
            'CORRUPT_FILE',
            `${info.name} 声明的解压大小（${info.originalSize} 字节）与压缩数据（${info.size} 字节）不符 / zip entry lies about its size`,
          );
        }
        toInflate.add(info.name);
        return false;
      },
    });
    // Pass 2 inflates the entries that passed (none if one part was too big: that is reported below).
    files = tooBig ? {} : unzipSync(bytes, { filter: (info) => toInflate.has(info.name) });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('CORRUPT_FILE', `文件不是完整的 Word 文档（zip 包损坏：${(e as Error).message}） / corrupt zip package`, { cause: e });
  }
  if (tooBig) {
    const info = tooBig as UnzipFileInfo;
    throw new InputError(
      'LIMIT_EXCEEDED',
      `${info.name} 解压后 ${info.originalSize} 字节，超过上限 ${limits.maxEntryBytes} 字节 / decompressed entry too large`,
    );
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    if (data.length > limits.maxEntryBytes) {
      throw new InputError('LIMIT_EXCEEDED', `${name} 解压后超过上限 ${limits.maxEntryBytes} 字节 / decompressed entry too large`);
    }
    out.set(name, data);
  }
  return out;
}
