import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ErrorCode } from '../schemas/result.js';
import { sniffFormat, type SniffedFormat } from '../parsers/sniff.js';
import { limitsFromEnv } from './limits.js';

/**
 * File endings taken from folders (files named explicitly are always taken, whatever their name):
 * Word and PDF (with Word's macro-enabled documents and templates, and WPS's 文字 documents and
 * templates), OFD (版式文档), and the other containers Word and WPS save a report in (RTF,
 * OpenDocument, web page, single-file web page), which are read for what their bytes are (parsers/sniff.ts).
 */
export const REPORT_EXTENSIONS = ['.docx', '.docm', '.dotx', '.dotm', '.doc', '.dot', '.pdf', '.ofd', '.wps', '.wpt', '.rtf', '.odt', '.fodt', '.mht', '.mhtml', '.htm', '.html', '.zip'];

/**
 * ".xml" is taken from a folder only when its first bytes show a Word document saved as XML (Word
 * 2003 XML, Word's Flat OPC "Word XML 文档", flat OpenDocument): any other XML file is passed over.
 */
const XML_REPORT_FORMATS = new Set<SniffedFormat>(['wordml', 'flatopc', 'fodt']);
const XML_HEAD_BYTES = 8192;

/** Opening an input never blocks (a FIFO) and never takes a terminal as the controlling one. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

export interface InputFile {
  /** Path as given on the command line, or folder + relative path. */
  path: string;
  /** Set when the path cannot be read at all (an unreadable subfolder): one READ_FAILED line. */
  problem?: InputProblem;
}

/** A file a folder scan passed over, and why (shown to the operator, never silent). */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface InputProblem {
  code: Extract<ErrorCode, 'READ_FAILED' | 'LIMIT_EXCEEDED'>;
  reason: string;
}

export interface CollectedInputs {
  files: InputFile[];
  skipped: SkippedFile[];
}

/** Why a file of this ending is not a report we read (Chinese first). */
const SKIP_REASONS: Array<[RegExp, string]> = [
  [/^\.(xlsx|xlsm|xls|et|csv|ods)$/, '电子表格不是自评报告格式，请提交 .docx、.doc 或 .pdf / a spreadsheet'],
  [/^\.(pptx|ppt|dps|odp)$/, '演示文稿不是自评报告格式 / a presentation'],
  [/^\.(rar|7z|tar|gz|tgz|bz2|xz)$/, '压缩包请先解压（.zip 内只有一份报告时可直接读取） / an archive: unpack it first (a .zip holding one report is read as it is)'],
  [/^\.(jpe?g|png|tiff?|bmp|gif|heic|webp)$/, '图片：文件夹中的图片不逐张当作报告读取，请合成一个 PDF（单独指定的 JPEG、PNG、BMP、GIF 按一页扫描件读取；多页 TIFF 在文件夹中也按一份扫描报告逐页读取） / an image: make the pages one PDF (a JPEG, PNG, BMP or GIF named on its own is read as one scanned page; a multi-page TIFF is read as a scanned report, in a folder too)'],
  [/^\.xml$/, '不是 Word 另存的 XML 文档 / an XML file that is not a Word document'],
  [/^\.(txt|md)$/, '不是支持的报告格式，请另存为 .docx / not a supported report format, save as .docx'],
];

export function skipReason(name: string): string {
  const ext = extname(name).toLowerCase();
  for (const [pattern, reason] of SKIP_REASONS) if (pattern.test(ext)) return reason;
  return `不是报告文件（只读取 ${REPORT_EXTENSIONS.join(' ')}）/ not a report file`;
}

/**
 * Expand command-line paths into files: a file stays as given; a folder contributes its report
 * files (by ending, recursively), in sorted order, and lists what it passed over. Missing paths are
 * returned too, so the caller reports them as errors without stopping the others; an unreadable
 * subfolder is one input with a READ_FAILED problem, never an aborted run.
 */
export async function collectInputs(paths: string[]): Promise<CollectedInputs> {
  const files: InputFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      files.push({ path: p });
      continue;
    }
    if (info.isDirectory()) {
      const found: InputFile[] = [];
      await walk(p, found, skipped);
      found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      files.push(...found);
    } else {
      files.push({ path: p });
    }
  }
  return { files, skipped };
}

async function walk(dir: string, files: InputFile[], skipped: SkippedFile[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    files.push({ path: dir, problem: { code: 'READ_FAILED', reason: `无法读取文件夹 / cannot read folder: ${errnoText(e)}` } });
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue; // hidden files and Word lock files
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, files, skipped);
    else if (e.isSymbolicLink() && (await isDirectory(p))) skipped.push({ path: p, reason: '指向文件夹的符号链接，不跟随 / symlink to a folder, not followed' });
    // Taken by ending whatever its type: a FIFO or device named .pdf becomes a READ_FAILED line.
    else if (REPORT_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) files.push({ path: p });
    else if (e.name.toLowerCase().endsWith('.xml') && e.isFile() && (await isWordXml(p))) files.push({ path: p });
    else if (/\.tiff?$/iu.test(e.name) && e.isFile() && (await isMultiPageTiff(p))) files.push({ path: p });
    else skipped.push({ path: p, reason: skipReason(e.name) });
  }
}

/** Whether a regular .xml file starts like a Word document saved as XML (only its head is read). */
async function isWordXml(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
    const head = Buffer.alloc(XML_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return XML_REPORT_FORMATS.has(sniffFormat(head.subarray(0, bytesRead)));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Whether a .tif/.tiff holds more than one page: a scanner's or fax's multi-page TIFF is a whole scanned
 * report (扫描件) and is read from a folder; a one-page picture stays a page to be combined into a PDF.
 * Only the header and the first image file directory are read (its link to a next one).
 */
async function isMultiPageTiff(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
    const read = async (at: number, length: number) => {
      const b = Buffer.alloc(length);
      const { bytesRead } = await handle!.read(b, 0, length, at);
      return bytesRead === length ? b : null;
    };
    const head = await read(0, 8);
    if (!head) return false;
    const little = head[0] === 0x49 && head[1] === 0x49;
    if (!little && !(head[0] === 0x4d && head[1] === 0x4d)) return false;
    const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
    if (u16(head, 2) !== 42) return false;
    const first = u32(head, 4);
    const count = await read(first, 2);
    if (!count) return false;
    const next = await read(first + 2 + 12 * u16(count, 0), 4);
    return next !== null && u32(next, 0) !== 0 && u32(next, 0) !== first;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}

export type ReadOutcome = { ok: true; bytes: Uint8Array; size: number } | { ok: false; code: InputProblem['code']; reason: string };

/**
 * Read an input file only when it is safe to: `stat` first (following symlinks), and only a
 * regular file within `maxFileBytes` is opened — a FIFO would block forever, a symlink to
 * /dev/zero never ends, an oversize file would be read whole before being refused. The file is
 * opened non-blocking and checked again on its descriptor (it may have been swapped since), and
 * never more than the limit is read, even if it grows meanwhile.
 */
export async function readInputFile(path: string, maxFileBytes = limitsFromEnv().maxFileBytes): Promise<ReadOutcome> {
  if (path === STDIN) return readStdin(maxFileBytes);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && (await lstat(path).catch(() => null))?.isSymbolicLink()) return failed('符号链接指向的文件不存在 / dangling symlink');
    return failed(code === 'ENOENT' ? '文件不存在 / no such file' : `无法读取文件 / cannot read: ${errnoText(e)}`);
  }
  const refused = checkStats(info, maxFileBytes);
  if (refused) return refused;
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (e) {
    return failed(`无法读取文件 / cannot read: ${errnoText(e)}`);
  }
  try {
    const now = await handle.stat();
    const again = checkStats(now, maxFileBytes);
    if (again) return again;
    // One byte more than allowed tells a file that grew past the limit while being read.
    const buffer = Buffer.allocUnsafe(Math.min(maxFileBytes + 1, now.size + 1));
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxFileBytes) return tooLarge(filled, maxFileBytes);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
    return { ok: true, bytes, size: filled };
  } catch (e) {
    return failed(`无法读取文件 / cannot read: ${errnoText(e)}`);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The path that stands for standard input (`selfeval extract - < report.docx`). */
export const STDIN = '-';

/** Standard input, up to the size limit (more is refused, without reading it all). */
async function readStdin(maxFileBytes: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxFileBytes) {
        process.stdin.destroy();
        return tooLarge(size, maxFileBytes);
      }
      chunks.push(chunk);
    }
  } catch (e) {
    return failed(`无法读取标准输入 / cannot read stdin: ${errnoText(e)}`);
  }
  const bytes = Buffer.concat(chunks);
  return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), size };
}

function checkStats(info: Stats, maxFileBytes: number): ReadOutcome | null {
  if (info.isDirectory()) return failed('这是文件夹，不是文件 / a folder, not a file');
  if (!info.isFile()) return failed(`不是普通文件（${kindOf(info)}），未读取 / not a regular file (${kindOf(info)}), not read`);
  if (info.size > maxFileBytes) return tooLarge(info.size, maxFileBytes);
  return null;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return '命名管道 FIFO';
  if (info.isCharacterDevice()) return '字符设备 character device';
  if (info.isBlockDevice()) return '块设备 block device';
  if (info.isSocket()) return '套接字 socket';
  return '特殊文件 special file';
}

function failed(reason: string): ReadOutcome {
  return { ok: false, code: 'READ_FAILED', reason };
}

function tooLarge(size: number, max: number): ReadOutcome {
  return { ok: false, code: 'LIMIT_EXCEEDED', reason: `文件 ${size} 字节，超过上限 ${max} 字节（SELFEVAL_MAX_FILE_BYTES），未读取 / file too large, not read` };
}

function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `没有权限 / permission denied (${err.code})`;
  return err.code ?? err.message;
}

/**
 * A file name safe for a terminal: control characters (C0, DEL, C1, and the bidirectional
 * overrides that reorder what is shown) are written as \\xNN / \\u{NNNN}, so a crafted name cannot
 * move the cursor, clear the screen or disguise its extension.
 */
export function terminalSafe(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
  });
}
