import type { Store } from '../store/index.js';
import { loadReportView } from '../web/report-data.js';
import { renderReportPage } from '../web/pages/report.js';
import { renderCrossFindings } from '../web/render/cross.js';
import { getCrossFindings } from '../bureau/cross-check.js';

/**
 * A self-contained HTML copy of one report's review page (findings, review decisions, cited
 * source, records) for e-mailing: inline styles, no scripts, no links back to the server.
 */
export async function renderStaticReport(store: Store, sha256: string): Promise<string | null> {
  const view = await loadReportView(store, sha256, { blocks: 'cited', wait: true });
  if (!view) return null;
  const cross = renderCrossFindings(await getCrossFindings(store, sha256), { base: null, live: false });
  return renderReportPage(view, { mode: 'static', cross });
}
