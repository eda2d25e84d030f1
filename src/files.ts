import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** File endings taken from folders (files named explicitly are always taken, whatever their name). */
export const REPORT_EXTENSIONS = ['.docx', '.doc', '.pdf', '.wps'];

export interface InputFile {
  /** Path as given on the command line, or folder + relative path. */
  path: string;
}

/**
 * Expand command-line paths into files: a file stays as given; a folder contributes its report
 * files (by ending, recursively), in sorted order. Missing paths are returned too, so the caller
 * can report them as errors without stopping the others.
 */
export async function collectInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      out.push({ path: p });
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(p);
      found.sort();
      out.push(...found.map((path) => ({ path })));
    } else {
      out.push({ path: p });
    }
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue; // hidden files and Word lock files
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (e.isFile() && REPORT_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) files.push(p);
  }
  return files;
}
