import { unzipSync, type UnzipFileInfo } from 'fflate';
import { InputError } from '../src/errors.js';

/** Limits applied while unpacking an Office Open XML package (zip-bomb safety). */
export interface ZipLimits {
  /** Largest decompressed size of one entry we read, in bytes. */
  maxEntryBytes: number;
  /** Largest number of entries in the package. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
};

/**
 * Read the named entries of a zip package. Declared sizes are checked before inflating, and the
 * inflated size is checked again after (a package may lie about its sizes).
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  let entries = 0;
  let tooBig: UnzipFileInfo | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(info) {
        entries++;
        if (entries > limits.maxEntries) {
          throw new InputError('LIMIT_EXCEEDED', `压缩包条目过多（超过 ${limits.maxEntries} 个） / too many zip entries`);
        }
        if (!wanted(info.name)) return false;
        if (info.originalSize > limits.maxEntryBytes) {
          tooBig = info;
          return false;
        }
        return true;
      },
    });
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
