import { recognizeReport } from '../../src/recognize/index.js';
import { analyzeNarrative, withNarrativeOutput } from '../../src/narrative/index.js';
import { runRules } from '../../src/rules/index.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Report } from '../../schemas/report.js';

/** The whole reading and checking of a model, as the pipeline runs it (recognition, narrative, rules). */
export function checkModel(doc: DocumentModel): { report: Report; findings: ReturnType<typeof runRules> } {
  const recognized = recognizeReport(doc);
  const narrative = analyzeNarrative(doc, recognized);
  const report: Report = withNarrativeOutput(recognized, narrative);
  return { report, findings: runRules(report, { document: doc, lang: 'zh' }) };
}
