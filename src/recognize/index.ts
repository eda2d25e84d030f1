import type { DocumentModel } from '../../schemas/document.js';
import type { Report } from '../../schemas/report.js';

/** DocumentModel → report records (parts found by title, columns mapped by header meaning). */
export function recognizeReport(doc: DocumentModel): Report {
  return {
    year: null,
    department: null,
    family: 'unknown',
    basicData: null,
    deptSelfEval: null,
    projects: [],
    narratives: [],
    statistics: [],
    links: [],
    coverage: {
      paragraphs: doc.blocks.filter((b) => b.kind === 'paragraph').length,
      tables: doc.blocks.filter((b) => b.kind === 'table').length,
      tablesByPart: {},
      unrecognizedTables: [],
      facts: 0,
      indicators: 0,
      narrativeStatistics: 0,
      notUnderstood: [],
    },
  };
}
