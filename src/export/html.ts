import type { Store } from '../store/index.js';
import { loadReportView } from '../web/report-data.js';
import { renderReportPage } from '../web/pages/report.js';

/**
 * A self-contained HTML copy of one report's review page (findings, review decisions, cited
 * source, records) for e-mailing: inline styles, no scripts, no links back to the server.
 */
export async function renderStaticReport(store: Store, sha256: string): Promise<string | null> {
  const view = await loadReportView(store, sha256, { blocks: 'cited', wait: true });
  return view ? renderReportPage(view, { mode: 'static' }) : null;
}
