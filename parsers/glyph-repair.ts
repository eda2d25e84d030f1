import type { Block, DocumentModel } from '../schemas/document.js';
import { repairGlyphs } from '../src/text/glyphs.js';

/**
 * Stage 1 of text normalization (docs/seams.md §3) over a whole model, whatever the container:
 * radical and compatibility code points folded into their ideographs (src/text/glyphs.ts) in every
 * paragraph and cell. A paragraph's page-break offsets are kept right (a few ideographs lie
 * outside the BMP, so a repaired text may change length).
 */
export function repairModelGlyphs(model: DocumentModel): DocumentModel {
  for (const b of model.blocks) repairBlock(b);
  return model;
}

function repairBlock(b: Block): void {
  if (b.kind === 'table') {
    for (const c of b.cells) c.text = repairGlyphs(c.text);
    return;
  }
  if (!b.pageBreaks?.length) {
    b.text = repairGlyphs(b.text);
    return;
  }
  let text = '';
  let from = 0;
  const breaks = b.pageBreaks.map((pb) => {
    text += repairGlyphs(b.text.slice(from, pb.offset));
    from = pb.offset;
    return { ...pb, offset: text.length };
  });
  b.text = text + repairGlyphs(b.text.slice(from));
  b.pageBreaks = breaks;
}
