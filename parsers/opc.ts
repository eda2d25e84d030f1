import { InputError } from '../src/errors.js';
import { scanPart } from './xml-scan.js';

/**
 * Open Packaging Conventions (the package format of .docx and .xlsx, and of Word's Flat OPC XML):
 * a part's relationships (`<dir>/_rels/<name>.rels`) read once, the same way, for every reader.
 */

export interface Relationship {
  id: string;
  type: string;
  /** Package path of the target, resolved against the source part's folder (no leading "/"). */
  target: string;
}

/** The relationship type that names a package's main part (word/document.xml, xl/workbook.xml). */
const OFFICE_DOCUMENT = /officeDocument$/u;

/** Where the relationships of `part` are stored ("" → the package's own, _rels/.rels). */
export function relationshipsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** "a/b/../c/./d" → "a/c/d". */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/**
 * The internal relationships of `part` (`""` for the package's own) from its .rels bytes; external
 * targets (hyperlinks) are left out. A malformed .rels is an InputError naming it.
 */
export function parseRelationships(rels: Uint8Array, part: string): Relationship[] {
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  const out: Relationship[] = [];
  scanPart(rels, relationshipsPath(part), (x) => ({
    open(name) {
      if (name !== 'Relationship' || x.attr('TargetMode') === 'External') return;
      const id = x.attr('Id');
      const target = x.attr('Target');
      if (!id || !target) return;
      // A target is a URI: percent-encoded (a space, a Chinese file name), the zip entry name is not.
      const path = percentDecoded(target);
      out.push({ id, type: x.attr('Type') ?? '', target: normalizePath(path.startsWith('/') ? path : dir + path) });
    },
    close() {},
    text() {},
  }));
  return out;
}

/** "media/image%201.png" → "media/image 1.png"; a malformed escape is left as written. */
function percentDecoded(target: string): string {
  if (!target.includes('%')) return target;
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/**
 * The package's main part named by its own relationships (_rels/.rels), or `fallback` when they
 * are missing or unreadable (a damaged package is still read where its main part usually is).
 */
export function mainPartPath(packageRels: Uint8Array | null | undefined, fallback: string): string {
  if (!packageRels) return fallback;
  try {
    return parseRelationships(packageRels, '').find((r) => OFFICE_DOCUMENT.test(r.type))?.target || fallback;
  } catch (e) {
    if (e instanceof InputError) return fallback;
    throw e;
  }
}
