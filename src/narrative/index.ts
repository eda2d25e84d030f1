import type { DocumentModel } from '../../schemas/document.js';
import type { FigureLink, NarrativeReport, NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';

export interface NarrativeOutput {
  narratives: NarrativeReport[];
  statistics: NarrativeStat[];
  links: FigureLink[];
}

/**
 * Narrative reports: sections, every figure stated in prose, and links from those figures to the
 * table figures they restate. (Issue 4 fills this in.)
 */
export function analyzeNarrative(_doc: DocumentModel, _report: Report): NarrativeOutput {
  return { narratives: [], statistics: [], links: [] };
}
