/**
 * pdf.js, loaded once and only when the first PDF arrives (a .docx-only worker never pays for it).
 *
 * The legacy build (the one that runs on Node 20) bundles core-js polyfills that REPLACE
 * JSON.stringify, JSON.parse and Array.prototype.push for the whole process with slower
 * stand-ins — measured: JSON.stringify of a 2.7 MB result 320 ms instead of 8.5 ms, and 225 → 145 ms
 * CPU end to end on seed.docx once restored. We keep what pdf.js adds, but put back every built-in
 * it replaced. The worker half runs in this thread (globalThis.pdfjsWorker), loaded under the same guard.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: PdfJs | null = null;
let loading: Promise<PdfJs> | null = null;

/** Built-ins we restore after loading: every function-valued own property of these objects. */
const GUARDED: Array<[object, string]> = [
  [JSON, 'JSON'],
  [Array.prototype, 'Array.prototype'],
  [Object, 'Object'],
  [Promise, 'Promise'],
  [String.prototype, 'String.prototype'],
  [Map.prototype, 'Map.prototype'],
  [Set.prototype, 'Set.prototype'],
  [Uint8Array.prototype, 'Uint8Array.prototype'],
  [Array, 'Array'],
];

function snapshot(): Array<[object, string, PropertyDescriptor]> {
  const saved: Array<[object, string, PropertyDescriptor]> = [];
  for (const [target] of GUARDED) {
    for (const key of Object.getOwnPropertyNames(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key);
      if (d && typeof d.value === 'function') saved.push([target, key, d]);
    }
  }
  return saved;
}

function restore(saved: Array<[object, string, PropertyDescriptor]>): void {
  for (const [target, key, d] of saved) {
    const now = Object.getOwnPropertyDescriptor(target, key);
    if (now?.value !== d.value) Object.defineProperty(target, key, d);
  }
}

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const saved = snapshot();
    try {
      const mod = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      loaded = mod;
      return mod;
    } finally {
      restore(saved);
    }
  })();
  return loading;
}

/** pdf.js operator codes (OPS); only valid once a PDF has been opened through loadPdfJs. */
export function pdfOps(): PdfJs['OPS'] {
  if (!loaded) throw new Error('pdf.js not loaded yet');
  return loaded.OPS;
}
